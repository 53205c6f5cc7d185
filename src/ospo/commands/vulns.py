"""``ospo vulns``: known vulnerabilities in the dependencies of directories, git repositories or SBOM files.

Offline by default (the local database of ``ospo vulndb``); ``--online`` adds the OSV API and npm's advisory
endpoint. Exit codes: 0 ran and nothing at or above ``--fail-on`` remains open, 1 such a finding remains (or,
with ``--require-fresh``, the database is empty or stale), 2 usage error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

FORMATS = ("table", "json", "sarif", "cyclonedx-vex")
DEFAULT_TRIAGE = Path(".ospo") / "vex.json"


def _triage_path(args: argparse.Namespace, spec: str) -> Path | None:
    if args.triage:
        return Path(args.triage)
    candidate = Path(spec) / DEFAULT_TRIAGE
    return candidate if Path(spec).is_dir() else None


def _online_sources(args: argparse.Namespace) -> list:  # type: ignore[type-arg]
    from ospo.engine.vulns.online import DiskCache, NpmBulkSource, OsvApiSource, default_cache_dir

    cache = None if args.no_cache else DiskCache(args.cache_dir or default_cache_dir(), args.cache_ttl * 3600.0)
    sources: list = [OsvApiSource(args.osv_url, cache, args.timeout)]  # type: ignore[type-arg]
    if not args.no_npm:
        sources.append(NpmBulkSource(args.npm_registry, cache, args.timeout))
    return sources


def _import_vex(args: argparse.Namespace, parser: argparse.ArgumentParser, lang: str) -> int | None:
    from ospo.engine.vulns.messages import CATALOG
    from ospo.engine.vulns.vex import JsonTriageStore, TriageError, load_vex

    target = Path(args.triage) if args.triage else (
        _triage_path(args, args.inputs[0]) if len(args.inputs) == 1 else None)
    if target is None:
        parser.error("--import-vex needs --triage FILE (or exactly one directory INPUT)")
    store = JsonTriageStore(target)
    count = 0
    for path in args.import_vex:
        try:
            decisions, problems = load_vex(Path(path).read_bytes())
        except (OSError, TriageError) as exc:
            sys.stderr.write(CATALOG.get("cli.vex_unreadable", lang, path=path, reason=exc) + "\n")
            return 2
        for p in problems:
            sys.stderr.write(CATALOG.get("warn.triage", lang, path=path, reason=p) + "\n")
        for d in decisions:
            store.put(d)
        count += len(decisions)
    store.save()
    sys.stderr.write(CATALOG.get("cli.triage_saved", lang, count=count, path=target) + "\n")
    return None


def cmd_vulns(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from ospo.engine.api import ScanOptions, scan_input
    from ospo.engine.i18n import language_from_env, normalize_language
    from ospo.engine.vulns.db import VulnDB
    from ospo.engine.vulns.messages import CATALOG
    from ospo.engine.vulns.report import RENDERERS, warning_text
    from ospo.engine.vulns.scan import Warning_, vuln_scan
    from ospo.engine.vulns.vex import JsonTriageStore, to_openvex

    lang = normalize_language(args.lang) if args.lang else language_from_env()
    if args.max_age_days <= 0:
        parser.error("--max-age-days must be positive")
    if args.import_vex:
        status = _import_vex(args, parser, lang)
        if status is not None:
            return status
    online = _online_sources(args) if args.online else []
    reports = []
    exported = []
    with VulnDB(args.db) as db:
        for spec in args.inputs:
            scan = scan_input(spec, ScanOptions(ref=args.ref))
            tpath = _triage_path(args, spec)
            store = JsonTriageStore(tpath) if tpath else None
            report = vuln_scan(scan, db, store.decisions() if store else None, online, args.max_age_days)
            if store is not None:
                report.warnings.extend(Warning_("warn.triage", {"path": str(tpath), "reason": p})
                                       for p in store.problems)
                exported.extend(store.decisions())
            reports.append(report)
    text = RENDERERS[args.format](reports, lang)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    if args.export_openvex:
        import json

        Path(args.export_openvex).write_text(json.dumps(to_openvex(exported), indent=2) + "\n", encoding="utf-8")
    seen: set[str] = set()
    for r in reports:  # on stderr too, whatever the format: a warning inside a file may never be read
        for w in r.warnings:
            line = warning_text(w, lang)
            if line not in seen:
                seen.add(line)
                sys.stderr.write(f"{CATALOG.get('warn.prefix', lang)}: {line}\n")
    if args.require_fresh and reports and (reports[0].freshness.empty or reports[0].freshness.stale):
        return 1
    return 1 if any(r.failing(args.fail_on) for r in reports) else 0


# Literal copies keep `ospo --help` from importing the vulnerability engine; a test checks they stay equal.
DEFAULT_MAX_AGE_DAYS = 7.0
FAIL_LEVELS = ("low", "medium", "high", "critical")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "vulns",
        help="known vulnerabilities of the dependencies (offline OSV database; exit 1 with --fail-on)",
        description="Match every pinned dependency against the local vulnerability database (ospo vulndb), "
                    "apply the triage decisions (VEX), and report findings with their fixes. Unpinned "
                    "dependencies are listed as not checked. Offline unless --online is given.",
    )
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="a directory, a git URL, or a CycloneDX/SPDX file")
    p.add_argument("--db", metavar="PATH", help="vulnerability database (default: $OSPO_VULNDB or the user's one)")
    p.add_argument("--format", choices=FORMATS, default="table")
    p.add_argument("--output", "-o", metavar="FILE", help="write the report to FILE instead of standard output")
    p.add_argument("--fail-on", choices=FAIL_LEVELS, metavar="LEVEL",
                   help="exit 1 when an open finding at or above LEVEL remains (low|medium|high|critical); "
                        "unknown severity counts as reaching any level")
    p.add_argument("--require-fresh", action="store_true", help="exit 1 when the database is empty or stale")
    p.add_argument("--max-age-days", type=float, default=DEFAULT_MAX_AGE_DAYS, metavar="DAYS",
                   help=f"newest-advisory age beyond which the database is stale (default {DEFAULT_MAX_AGE_DAYS:g})")
    p.add_argument("--triage", metavar="FILE",
                   help="triage decisions (default: INPUT/.ospo/vex.json for a directory input)")
    p.add_argument("--import-vex", action="append", metavar="FILE",
                   help="merge an OpenVEX or CycloneDX VEX document into the triage file first; repeatable")
    p.add_argument("--export-openvex", metavar="FILE", help="also write the triage decisions as OpenVEX")
    p.add_argument("--lang", help="en, es, pt-BR or fr (default: OSPO_LANG / LANG)")
    p.add_argument("--ref", help="read a local git repository's object store at this ref")
    online = p.add_argument_group("online sources (off by default)")
    online.add_argument("--online", action="store_true", help="also ask the OSV API and npm's advisory endpoint")
    online.add_argument("--osv-url", default="https://api.osv.dev", help="OSV API base URL")
    online.add_argument("--npm-registry", default="https://registry.npmjs.org", help="npm registry base URL")
    online.add_argument("--no-npm", action="store_true", help="do not ask the npm registry")
    online.add_argument("--timeout", type=float, default=20.0, metavar="SECONDS")
    online.add_argument("--cache-dir", metavar="DIR", help="answer cache (default: ~/.cache/ospo/online)")
    online.add_argument("--cache-ttl", type=float, default=6.0, metavar="HOURS")
    online.add_argument("--no-cache", action="store_true")
    p.set_defaults(func=cmd_vulns)
