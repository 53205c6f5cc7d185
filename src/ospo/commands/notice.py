"""``ospo notice INPUT... [-o FILE] [--format text|markdown|html] [--online]``: a third-party attribution file.

Dependency licenses come from the lockfiles, then the license knowledge cache; with ``--online`` the package
registries fill what is missing (and the cache keeps it for offline runs). Exit codes: 0 written (components
with an unknown license are listed in their own section, not failed), 2 usage error.
"""

from __future__ import annotations

import argparse
import sys


def cmd_notice(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from ospo.engine.i18n import language_from_env, normalize_language
    from ospo.engine.licenses.inputs import load_inputs, open_cache
    from ospo.engine.licenses.notice import build_notice, render

    lang = normalize_language(args.lang) if args.lang else language_from_env()
    cache, why = open_cache(args.cache, args.no_cache)
    if why:
        sys.stderr.write(f"ospo notice: license cache unavailable ({why}); continuing without it\n")
    try:
        loaded = load_inputs(args.inputs, args.ref, cache, args.online, lang)
    finally:
        if cache is not None:
            cache.close()
    scans = [item.scan for item in loaded]
    # Custom license texts the repositories carry (LicenseRef-ospo-…) are printed with their own words.
    refs = {k: v for item in loaded if item.declared is not None for k, v in item.declared.refs.items()}
    for scan in scans:
        for issue in scan.all_issues:
            sys.stderr.write(f"{scan.name}: {issue}\n")
    text = render(build_notice(scans, refs, title=args.title or ""), args.format, lang)
    if args.output:
        with open(args.output, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
    else:
        sys.stdout.write(text)
    return 0


# A literal copy keeps `ospo --help` from importing the license engine; a test checks it stays equal.
FORMATS = ("text", "markdown", "html")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "notice",
        help="write a third-party attribution file (components grouped by license, with each license's text)",
        description="List every dependency with its version and license, grouped by license, followed by the "
                    "full text of each license, and the components whose license is unknown.",
    )
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="a directory, a git URL, or a CycloneDX/SPDX file")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    p.add_argument("--format", choices=FORMATS, default="text")
    p.add_argument("--online", action="store_true",
                   help="ask the package registries for licenses missing from lockfiles and the cache")
    p.add_argument("--cache", metavar="FILE", help="license knowledge cache (default: in the user cache directory)")
    p.add_argument("--no-cache", action="store_true", help="use no license knowledge cache")
    p.add_argument("--title", help="the product name in the heading (default: the input names)")
    p.add_argument("--lang", help="en, es, pt-BR or fr (default: OSPO_LANG / LANG)")
    p.add_argument("--ref", help="read a local git repository's object store at this ref")
    p.set_defaults(func=cmd_notice)
