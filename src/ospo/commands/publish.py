"""``ospo publish``: the pre-publication readiness checklist (``check``) and the files it asks for (``prepare``).

``ospo publish check PATH [--format table|json] [--lang L] [--attest FILE] [--worktree] [--vulndb DB] [--strict]``
rates each of the eleven criteria 0-5 with its evidence. Exit codes: 0 every automatable criterion reaches its
required level; 1 one does not (or could not be evaluated), and with ``--strict`` also when a sign-off is
pending; 2 usage errors.

``ospo publish prepare PATH --license ID --owner NAME [--lang L] [--name N] [--url U] [--contact C]`` writes the
missing README, LICENSE, SECURITY.md, CONTRIBUTING.md, CODE_OF_CONDUCT.md and publiccode.yml, never
overwriting a file that exists. Exit codes: 0 written (or nothing to write), 2 usage errors.
"""

from __future__ import annotations

import argparse
import sys


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("publish", help="pre-publication readiness: check a repository, prepare missing files",
                       description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    psub = p.add_subparsers(dest="publish_command", required=True, metavar="ACTION")

    check = psub.add_parser("check", help="rate the readiness criteria 0-5 with evidence")
    check.add_argument("paths", nargs="+", metavar="PATH", help="repository directory")
    check.add_argument("--format", choices=("table", "json"), default="table")
    check.add_argument("--lang", help="en, es, pt-BR or fr (default: from the environment)")
    check.add_argument("--attest", metavar="FILE", help="YAML attestation file (sign-offs, approved exceptions)")
    check.add_argument("--worktree", action="store_true",
                       help="judge the files on disk instead of the last commit of a git repository")
    check.add_argument("--vulndb", metavar="DB", help="vulnerability database (default: $OSPO_VULNDB or the user's)")
    check.add_argument("--strict", action="store_true", help="also fail while a manual sign-off is pending")
    check.set_defaults(func=cmd_check)

    prep = psub.add_parser("prepare", help="write the missing files from the project's templates")
    prep.add_argument("path", metavar="PATH", help="repository directory")
    prep.add_argument("--license", required=True, metavar="SPDX-ID", help="e.g. EUPL-1.2, Apache-2.0, MIT")
    prep.add_argument("--owner", required=True, help="the copyright owner, e.g. the agency's legal name")
    prep.add_argument("--lang", help="language of the written files: en, es, pt-BR or fr")
    prep.add_argument("--name", help="project name (default: the directory name)")
    prep.add_argument("--url", help="public repository URL (default: the git remote)")
    prep.add_argument("--contact", help="security and conduct contact, an e-mail or URL (default: --url)")
    prep.set_defaults(func=cmd_prepare)


def cmd_check(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from ospo.engine.i18n import language_from_env, normalize_language
    from ospo.engine.publish.attest import load_attestations
    from ospo.engine.publish.evaluate import evaluate
    from ospo.engine.publish.render import to_json, to_table

    lang = normalize_language(args.lang) if args.lang else language_from_env()
    attest = load_attestations(args.attest, lang) if args.attest else None
    reports = [evaluate(path, lang, attest, worktree=args.worktree, vulndb=args.vulndb) for path in args.paths]
    if args.format == "json":
        sys.stdout.write(to_json(reports, args.strict))
    else:
        sys.stdout.write("\n".join(to_table(r, args.strict) for r in reports))
    return 0 if all(r.passed(args.strict) for r in reports) else 1


def cmd_prepare(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from ospo.engine.i18n import language_from_env, normalize_language
    from ospo.engine.publish.messages import CATALOG
    from ospo.engine.publish.prepare import PrepareError, prepare

    lang = normalize_language(args.lang) if args.lang else language_from_env()
    try:
        result = prepare(args.path, args.license, args.owner, lang, name=args.name, url=args.url,
                         contact=args.contact)
    except PrepareError as exc:
        parser.exit(2, f"ospo publish prepare: {exc}\n")
    for target in result.written:
        sys.stdout.write(CATALOG.get("prepare.written", lang, path=target) + "\n")
    for _target, found in result.skipped:
        sys.stdout.write(CATALOG.get("prepare.skipped", lang, path=found) + "\n")
    sys.stdout.write(CATALOG.get("prepare.next", lang, path=args.path) + "\n")
    return 0
