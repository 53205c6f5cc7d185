"""``ospo check``: are the licenses of these inputs' dependencies acceptable under the policy for this use?

Exit codes: 0 nothing denied or incompatible (licenses needing review are reported, not failed), 1 a denied
or incompatible license was found, 2 usage error (bad option, unusable policy file).
"""

from __future__ import annotations

import argparse
import sys

from ospo.engine.licenses.compat import CONTEXTS

FORMATS = ("table", "json", "sarif", "junit")


def _policy_errors(exc, lang: str) -> str:  # type: ignore[no-untyped-def]
    from ospo.engine.licenses.messages import CATALOG

    lines = [CATALOG.get("policy.error", lang, source=exc.source)]
    for p in exc.problems:
        message = CATALOG.get(p.key, lang, **dict(p.params))
        lines.append("  " + (CATALOG.get("policy.at", lang, path=p.path, line=p.line, message=message)
                             if p.line else f"{p.path}: {message}"))
    return "\n".join(lines) + "\n"


def cmd_check(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from ospo.engine.api import ScanOptions, scan_input
    from ospo.engine.i18n import language_from_env, normalize_language
    from ospo.engine.licenses.check import check_scan
    from ospo.engine.licenses.expressions import normalize
    from ospo.engine.licenses.policy import PolicyError, load_policy
    from ospo.engine.licenses.report import RENDERERS

    lang = normalize_language(args.lang) if args.lang else language_from_env()
    try:
        policy = load_policy(args.policy)
    except PolicyError as exc:
        sys.stderr.write(_policy_errors(exc, lang))
        return 2
    if args.outbound:
        norm = normalize(args.outbound)
        if norm.tree is None or norm.refs:
            parser.error(f"--outbound {args.outbound!r} is not a known SPDX license expression")
    reports = []
    for spec in args.inputs:
        scan = scan_input(spec, ScanOptions(ref=args.ref))
        reports.append(check_scan(scan, policy, args.context, args.outbound))
    text = RENDERERS[args.format](reports, lang)
    if args.output:
        with open(args.output, "w", encoding="utf-8") as fh:
            fh.write(text)
    else:
        sys.stdout.write(text)
    return 1 if any(r.failed for r in reports) else 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "check",
        help="check dependency licenses against a license policy (exit 1 on denied or incompatible)",
        description="Evaluate every dependency's declared license, and the project's own license, against a "
                    "policy (ospo-policy.yml, or the built-in government default) for a use context.",
    )
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="a directory, a git URL, or a CycloneDX/SPDX file")
    p.add_argument("--policy", metavar="FILE", help="ospo-policy.yml (default: the built-in policy)")
    p.add_argument("--context", choices=CONTEXTS, default="distributed",
                   help="how the software is used (default: distributed)")
    p.add_argument("--outbound", metavar="LICENSE",
                   help="the license the software is released under (default: the one the project declares)")
    p.add_argument("--format", choices=FORMATS, default="table")
    p.add_argument("--lang", help="en, es, pt-BR or fr (default: OSPO_LANG / LANG)")
    p.add_argument("--ref", help="read a local git repository's object store at this ref")
    p.add_argument("--output", "-o", metavar="FILE", help="write the report to FILE instead of standard output")
    p.set_defaults(func=cmd_check)
