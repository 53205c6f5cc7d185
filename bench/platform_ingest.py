"""Ingest rate of the platform: engine results of the corpus stored into the database (usages/s).

Scans every corpus repository once with the engine (not timed), then times ``ingest()`` three ways: first
store (all rows new), unchanged re-store (tree hash equal: only the Scan row), and a full re-store after the
tree hashes are forgotten (every usage compared, none changed). Uses DATABASE_URL when set, else a SQLite file
in a temporary data directory. Prints figures; the lead wires it into `make bench`.

    .venv/bin/python bench/platform_ingest.py [--shared ../shared] [--copies 5]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--shared", default=str(Path(__file__).resolve().parents[1].parent / "shared"))
    parser.add_argument("--copies", type=int, default=5, help="each corpus repository registered N times")
    args = parser.parse_args()
    repos_dir = Path(args.shared) / "corpus" / "repos"
    if not repos_dir.is_dir():
        print(f"skipped: {repos_dir} not found")
        return 0
    os.environ.setdefault("OSPO_DATA_DIR", tempfile.mkdtemp(prefix="ospo-bench-"))
    from ospo.platform import setup

    setup()
    from django.core.management import call_command
    from django.db import connection

    from ospo.engine.api import scan_input
    from ospo.platform.estate.models import Agency, Government, Repository, Source, SourceKind
    from ospo.platform.inventory.models import Usage
    from ospo.platform.scans.ingest import ingest
    from ospo.platform.scans.models import Scan, ScanStatus

    call_command("migrate", interactive=False, verbosity=0)
    dirs = sorted(p for p in repos_dir.iterdir() if p.is_dir())
    results = [scan_input(str(p)) for p in dirs]
    gov = Government.objects.create(name=f"bench {time.time()}")
    agency = Agency.objects.create(government=gov, name="bench", slug="bench")
    source = Source.objects.create(agency=agency, kind=SourceKind.LOCAL, location=str(repos_dir))
    pairs = []
    for copy in range(args.copies):
        for p, r in zip(dirs, results, strict=True):
            repo = Repository.objects.create(source=source, name=f"{p.name}-{copy}", location=f"{p}#{copy}")
            pairs.append((repo, r))
    usages = sum(len(r.components) for _, r in pairs)

    def run(label: str) -> None:
        start = time.perf_counter()
        for repo, result in pairs:
            ingest(Scan.objects.create(repository=repo, status=ScanStatus.RUNNING), result)
        secs = time.perf_counter() - start
        print(f"{label:<34} {len(pairs):>5} repos {usages:>8} usages {secs:8.2f} s {usages / secs:>10.0f} usages/s")

    print(f"database: {connection.vendor}; corpus: {len(dirs)} repositories x {args.copies}")
    run("first store")
    run("unchanged (same tree hash)")
    Repository.objects.filter(source=source).update(last_tree_hash="")
    for repo, _ in pairs:
        repo.last_tree_hash = ""
    run("re-store, nothing changed")
    assert Usage.objects.filter(repository__source=source).count() == usages
    return 0


if __name__ == "__main__":
    sys.exit(main())
