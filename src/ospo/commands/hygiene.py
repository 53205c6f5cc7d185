"""``ospo hygiene``: repository hygiene and a local-first security baseline, from the repository alone."""

from __future__ import annotations

import argparse
import json
import sys

FORMATS = ("table", "json", "sarif")


def cmd_hygiene(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from ospo.engine.hygiene.context import Options
    from ospo.engine.hygiene.registry import check_ids
    from ospo.engine.hygiene.render import report_dict, to_sarif, to_table
    from ospo.engine.hygiene.runner import hygiene
    from ospo.engine.i18n import language_from_env, normalize_language

    lang = normalize_language(args.lang) if args.lang else language_from_env()
    only = set(args.check or ()) or None
    if only:
        unknown = sorted(only - set(check_ids()))
        if unknown:
            parser.error(f"unknown check(s): {', '.join(unknown)}; known: {', '.join(check_ids())}")
    if args.fail_under is not None and not 0 <= args.fail_under <= 10:
        parser.error("--fail-under takes a score from 0 to 10")
    if args.max_commits < 1:
        parser.error("--max-commits must be at least 1")
    options = Options(lang=lang, max_commits=args.max_commits)
    reports = []
    for spec in args.inputs:
        reports.append(hygiene(spec, options, ref=args.ref, worktree=args.worktree, only=only))
    if args.format == "json":
        docs = [report_dict(r) for r in reports]
        sys.stdout.write(json.dumps(docs if len(docs) > 1 else docs[0], indent=2, ensure_ascii=False) + "\n")
    elif args.format == "sarif":
        from ospo.engine.sarif import to_json

        sys.stdout.write(to_json(to_sarif(reports)))
    else:
        sys.stdout.write("\n".join(to_table(r) for r in reports))
    if args.fail_under is not None:
        below = [r for r in reports if r.score is None or r.score < args.fail_under]
        if below:
            return 1
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "hygiene",
        help="repository hygiene and security baseline checks (offline, from the repository alone)",
        description="Score a repository on required files, license, lockfiles, binaries, CI and workflow "
                    "hardening, SAST/fuzzing, and (with git history) maintenance, contributors, review, DCO "
                    "and signatures. Each check: score 0-10, verdict, evidence and remediation.",
    )
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="a directory or a git repository (working tree or bare)")
    p.add_argument("--format", choices=FORMATS, default="table")
    p.add_argument("--lang", help="language of the texts: en, es, pt-BR, fr (default: OSPO_LANG / LANG)")
    p.add_argument("--fail-under", type=float, metavar="SCORE",
                   help="exit 1 when an input's overall score is below SCORE (0-10)")
    p.add_argument("--ref", help="git ref to judge (default HEAD for a repository)")
    p.add_argument("--worktree", action="store_true",
                   help="judge the files on disk instead of the committed tree (history still read from git)")
    p.add_argument("--max-commits", type=int, default=5000, metavar="N", help="history window (default 5000)")
    p.add_argument("--check", action="append", metavar="ID", help="run only this check (repeatable)")
    p.set_defaults(func=cmd_hygiene)
