"""``ospo vulndb``: import, update and inspect the local vulnerability database.

Kept apart from ``ospo/cli.py`` so the top-level CLI only has to hand over ``argv``: ``vulndb_main(argv)``
returns the process exit code (0 ok, 1 some errors, 2 usage or total failure).
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TextIO

from ospo.engine.vulns.db import VulnDB, default_db_path
from ospo.engine.vulns.freshness import DEFAULT_MAX_AGE_DAYS
from ospo.engine.vulns.importer import import_paths
from ospo.engine.vulns.update import DEFAULT_BASE_URL, update

DEFAULT_ECOSYSTEMS = ["PyPI", "npm", "Maven", "Go", "crates.io", "Packagist", "RubyGems", "NuGet", "Hex", "Pub",
                      "GitHub Actions", "SwiftURL"]


def _parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="ospo vulndb", description="Local OSV vulnerability database.")
    ap.add_argument("--db", help=f"database file (default: $OSPO_VULNDB or {default_db_path()})")
    ap.add_argument("--json", action="store_true", help="machine-readable output")
    sub = ap.add_subparsers(dest="command", required=True)
    imp = sub.add_parser("import", help="import OSV/native advisory files, directories and all.zip archives")
    imp.add_argument("paths", nargs="+")
    upd = sub.add_parser("update", help="download OSV all.zip archives (needs network)")
    upd.add_argument("--ecosystem", action="append", help="OSV ecosystem or purl type; repeatable")
    upd.add_argument("--base-url", default=DEFAULT_BASE_URL)
    upd.add_argument("--timeout", type=float, default=60.0)
    st = sub.add_parser("status", help="freshness and counts")
    st.add_argument("--max-age-days", type=float, default=DEFAULT_MAX_AGE_DAYS)
    return ap


def vulndb_main(argv: list[str], out: TextIO | None = None, err: TextIO | None = None) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:
        return 0 if exc.code == 0 else 2
    with VulnDB(args.db) as db:
        if args.command == "import":
            report = import_paths(db, args.paths)
            if args.json:
                json.dump(report.as_dict(), out, indent=2)
                out.write("\n")
            else:
                print(f"imported in {report.seconds:.2f} s from {report.files} files: {report.added} added, "
                      f"{report.updated} updated, {report.unchanged} unchanged ({report.withdrawn} withdrawn), "
                      f"{len(report.errors)} errors, {len(report.skipped)} skipped", file=out)
                for e in report.errors[:50]:
                    print(f"  error: {e}", file=err)
                if len(report.errors) > 50:
                    print(f"  … and {len(report.errors) - 50} more errors", file=err)
            _warn(db, err)
            return 1 if report.errors else 0
        if args.command == "update":
            results = update(db, args.ecosystem or DEFAULT_ECOSYSTEMS, base_url=args.base_url, timeout=args.timeout)
            if args.json:
                json.dump([r.as_dict() for r in results], out, indent=2)
                out.write("\n")
            for r in results:
                if not args.json:
                    extra = ""
                    if r.report:
                        extra = f": {r.report.added} added, {r.report.updated} updated, {r.report.unchanged} unchanged"
                    print(f"{r.ecosystem}: {r.status}{extra}", file=out)
                if r.error:
                    print(f"error: {r.ecosystem}: {r.error}", file=err)
            _warn(db, err)
            failed = sum(r.status == "failed" for r in results)
            return 0 if not failed else (2 if failed == len(results) else 1)
        fresh = db.freshness(args.max_age_days)
        counts = db.counts()
        if args.json:
            json.dump({"database": str(db.path), "freshness": fresh.as_dict(), **counts,
                       "sources": db.meta_items("last_")}, out, indent=2)
            out.write("\n")
        else:
            print(f"database: {db.path}", file=out)
            print(f"advisories: {counts['advisories']} ({counts['withdrawn']} withdrawn)", file=out)
            for eco, n in counts["per_ecosystem"].items():
                print(f"  {eco}: {n}", file=out)
            print(f"newest advisory modified: {fresh.newest_modified or '-'}; last import: "
                  f"{fresh.last_import or '-'}; age: {'-' if fresh.age_days is None else f'{fresh.age_days:g} days'}",
                  file=out)
        _warn(db, err, args.max_age_days)
        return 0


def _warn(db: VulnDB, err: TextIO, max_age_days: float = DEFAULT_MAX_AGE_DAYS) -> None:
    warning = db.freshness(max_age_days).warning
    if warning:
        print(f"WARNING: {warning}", file=err)
