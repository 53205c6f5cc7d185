"""``ospo check``: are the licenses of these inputs' dependencies acceptable under the policy for this use?

The project's own license (the outbound license unless ``--outbound`` is given) is the declared license:
package metadata, license files and REUSE data combined, with their disagreements reported as findings —
for directories, git refs and URLs alike. Dependency licenses come from the lockfiles, then the license
knowledge cache; registries are asked only with ``--online``.

Exit codes: 0 nothing denied or incompatible (licenses needing review are reported, not failed), 1 a denied
or incompatible license was found, 2 usage error (bad option, unusable policy file).
"""

from __future__ import annotations

import argparse
import sys

# Literal copies keep `ospo --help` from importing the license engine; a test checks they stay equal.
SCOPES = ("runtime", "all")
CONTEXTS = ("internal", "network", "distributed", "published")

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
    from ospo.engine.i18n import language_from_env, normalize_language
    from ospo.engine.licenses.check import check_scan
    from ospo.engine.licenses.expressions import normalize
    from ospo.engine.licenses.inputs import load_inputs, open_cache
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
    cache, why = open_cache(args.cache, args.no_cache)
    if why:
        sys.stderr.write(f"ospo check: license cache unavailable ({why}); continuing without it\n")
    try:
        loaded = load_inputs(args.inputs, args.ref, cache, args.online, lang)
    finally:
        if cache is not None:
            cache.close()
    reports = [check_scan(item.scan, policy, args.context, args.outbound, declared=item.declared, scope=args.scope)
               for item in loaded]
    for item in loaded:
        for issue in item.scan.all_issues:
            sys.stderr.write(f"{item.scan.name}: {issue}\n")
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
    p.add_argument("--scope", choices=SCOPES, default="runtime",
                   help="runtime (default): development and test dependencies are judged as internal use, since "
                        "they are not handed over; all: every dependency in --context")
    p.add_argument("--online", action="store_true",
                   help="ask the package registries for dependency licenses missing from lockfiles and the cache")
    p.add_argument("--cache", metavar="FILE", help="license knowledge cache (default: in the user cache directory)")
    p.add_argument("--no-cache", action="store_true", help="use no license knowledge cache")
    p.add_argument("--format", choices=FORMATS, default="table")
    p.add_argument("--lang", help="en, es, pt-BR or fr (default: OSPO_LANG / LANG)")
    p.add_argument("--ref", help="read a local git repository's object store at this ref")
    p.add_argument("--output", "-o", metavar="FILE", help="write the report to FILE instead of standard output")
    p.set_defaults(func=cmd_check)
