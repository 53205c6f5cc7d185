"""``ospo secrets``: secrets and personal data in directories, or in the whole history of git repositories.

Exit codes: 0 when no finding remains after allow-listing (suppressed findings do not count), 1 when at least one
remains — secrets and personal data alike, since both block publication — and 2 on usage errors. An input that
cannot be read is reported as an issue in the output and does not by itself change the exit code.
"""

from __future__ import annotations

import argparse
import sys

FORMATS = ("table", "json", "sarif")


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("secrets", help="find secrets and personal data (tree or whole history)",
                       description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("inputs", nargs="+", metavar="INPUT",
                   help="directory, file, git repository or repository URL (cloned into a temporary directory)")
    p.add_argument("--history", action="store_true", help="scan every blob ever committed on any ref")
    p.add_argument("--format", choices=FORMATS, default="table")
    p.add_argument("--allow", metavar="FILE", help="allow-list file (default: .ospo-secrets.yml in each input)")
    p.add_argument("--no-personal", action="store_true", help="do not look for personal data")
    p.add_argument("--lang", help="language of messages: en, es, pt-BR, fr (default: from the environment)")
    p.set_defaults(func=cmd_secrets)


def cmd_secrets(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from ospo.engine.i18n import language_from_env
    from ospo.engine.secrets import scan_path
    from ospo.engine.secrets.report import to_json, to_sarif, to_table

    lang = args.lang or language_from_env()
    reports = [scan_path(spec, history=args.history, allow=args.allow, personal=not args.no_personal, lang=lang)
               for spec in args.inputs]
    if args.format == "json":
        sys.stdout.write(to_json(reports))
    elif args.format == "sarif":
        sys.stdout.write(to_sarif(reports, lang))
    else:
        sys.stdout.write(to_table(reports, lang))
    return 1 if any(r.active for r in reports) else 0
