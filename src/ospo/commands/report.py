"""``ospo report --period 2026 --lang es --format pdf|html --output FILE``: the programme report.

A platform command: it reads the platform's database (Django is imported only when the command runs).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

LANGS = ("en", "es", "pt-BR", "fr")


def cmd_report(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from ospo.platform import setup

    setup()
    from ospo.platform.programme.messages import CATALOG
    from ospo.platform.programme.report import ReportError, build_context, parse_period, render_html, render_pdf

    lang = args.lang
    try:
        start, end = parse_period(args.period)
    except ReportError:
        print(CATALOG.get("report.bad_period", lang, period=args.period), file=sys.stderr)
        return 2
    html = render_html(build_context(args.period, start, end, lang), lang)
    if args.format == "pdf":
        try:
            data = render_pdf(html)
        except (ImportError, OSError) as exc:
            print(CATALOG.get("report.no_pdf", lang, error=exc), file=sys.stderr)
            return 1
    else:
        data = html.encode("utf-8")
    try:
        Path(args.output).write_bytes(data)
    except OSError as exc:
        print(CATALOG.get("report.cannot_write", lang, path=args.output, error=exc.strerror or exc), file=sys.stderr)
        return 1
    print(CATALOG.get("report.written", lang, period=args.period, path=args.output, format=args.format, language=lang))
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("report", help="write the programme's monthly or annual report (HTML or PDF)",
                       description="Render the programme report (indicators, roadmap, assessments, service desk, "
                                   "cost) from the platform's data, with charts, in one of four languages.")
    p.add_argument("--period", required=True, help="a year (2026) or a month (2026-03)")
    p.add_argument("--lang", choices=LANGS, default="en")
    p.add_argument("--format", choices=("html", "pdf"), default="html")
    p.add_argument("--output", required=True, metavar="FILE")
    p.set_defaults(func=cmd_report)
