"""Benchmark of the local vulnerability database: import, incremental re-import, 100,000 lookups.

Usage: ``python bench/vulndb.py [--shared ../shared] [--db /tmp/ospo-vulndb-bench.sqlite]``. Prints one line per
figure; docs/recall-notes/vulndb.md records a run.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import sys
import time
from pathlib import Path

from ospo.engine.vulns.db import VulnDB
from ospo.engine.vulns.importer import import_paths


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parents[2] / "shared"))
    ap.add_argument("--db", default="/tmp/ospo-vulndb-bench.sqlite")
    ap.add_argument("--queries", type=int, default=100_000)
    args = ap.parse_args(argv)
    osv = Path(args.shared) / "corpus" / "osv"
    if not osv.is_dir():
        print(f"no corpus at {osv}", file=sys.stderr)
        return 2
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(args.db + suffix):
            os.remove(args.db + suffix)
    db = VulnDB(args.db)
    sets = {
        "OSV format (pypa YAML + rustsec JSON)": [osv / "pypa", osv / "rustsec" / "osv-json"],
        "native formats (rubysec, FriendsOfPHP, nodejs security-wg, victims)": [
            osv / "rubysec", osv / "friendsofphp", osv / "nodejs-security-wg", osv / "victims"],
    }
    for title, paths in sets.items():
        rep = import_paths(db, paths)
        print(f"import {title}: {rep.seconds:.2f} s, files {rep.files}, added {rep.added}, "
              f"withdrawn {rep.withdrawn}, errors {len(rep.errors)}, skipped {len(rep.skipped)}")
    db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    print(f"database size: {os.path.getsize(args.db) / 1e6:.1f} MB; counts {db.counts()}")
    rep = import_paths(db, [p for paths in sets.values() for p in paths])
    print(f"incremental re-import of everything: {rep.seconds:.2f} s, added {rep.added}, updated {rep.updated}, "
          f"unchanged {rep.unchanged}")

    keys = [(t, n) for t, n in db.conn.execute("SELECT DISTINCT purl_type, name FROM affected") if t]
    rng = random.Random(4)
    misses = [("npm", f"no-such-package-{i}") for i in range(len(keys))]
    queries = [rng.choice(keys) if rng.random() < 0.3 else rng.choice(misses) for _ in range(args.queries)]
    db.invalidate()
    t0 = time.perf_counter()
    found = db.advisories_for_many(queries)
    t1 = time.perf_counter()
    hits = sum(1 for q in queries if found[q])
    print(f"advisories_for_many: {len(queries):,} queries ({len(set(queries)):,} distinct, {hits:,} with "
          f"advisories) in {t1 - t0:.3f} s (cold: index load + record parse)")
    t0 = time.perf_counter()
    for q in queries:
        db.advisories_for(*q)
    t1 = time.perf_counter()
    print(f"advisories_for one by one (warm): {len(queries):,} queries in {t1 - t0:.3f} s")
    print(f"peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    print(db.freshness())
    db.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
