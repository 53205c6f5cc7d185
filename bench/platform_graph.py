"""Stored-inventory completeness: what the exact view and the dependency graphs cost, and how fast SBOMs download.

Scans every corpus repository once with the engine (not timed), stores them ``--copies`` times through
``ingest()``, then prints:

* storage: bytes of the per-usage engine view (hashes, license, properties, as_declared) and of the graph rows,
  per usage and in total (PostgreSQL ``pg_column_size``; SQLite ``length()`` of the JSON text);
* download: time to rebuild the ScanResult from the store (``stored_result``) and to write CycloneDX and SPDX,
  against the engine writing the same documents from its own result — for the largest repository and all;
* equality: how many repositories' downloads equal the engine's documents (serial/timestamp/namespace aside).

Uses DATABASE_URL when set, else a SQLite file in a temporary data directory. Prints figures; the lead wires it
into `make bench`.

    .venv/bin/python bench/platform_graph.py [--shared ../shared] [--copies 1]
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from pathlib import Path


def _normal(text: str, fmt: str) -> dict:
    doc = json.loads(text)
    if fmt == "cdx":
        doc.pop("serialNumber")
        doc["metadata"].pop("timestamp")
    else:
        doc.pop("documentNamespace")
        doc["creationInfo"].pop("created")
    return doc


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--shared", default=str(Path(__file__).resolve().parents[1].parent / "shared"))
    parser.add_argument("--copies", type=int, default=1, help="each corpus repository registered N times")
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
    from ospo.engine.sbom import cyclonedx, spdx
    from ospo.platform.estate.models import Agency, Government, Repository, Source, SourceKind
    from ospo.platform.scans.ingest import ingest
    from ospo.platform.scans.models import Scan, ScanStatus
    from ospo.platform.web import sbom

    call_command("migrate", interactive=False, verbosity=0)
    dirs = sorted(p for p in repos_dir.iterdir() if p.is_dir())
    results = [scan_input(str(p)) for p in dirs]
    gov = Government.objects.create(name=f"bench {time.time()}")
    agency = Agency.objects.create(government=gov, name="bench", slug=f"bench-{int(time.time())}")
    source = Source.objects.create(agency=agency, kind=SourceKind.LOCAL, location=str(repos_dir))
    pairs = []
    start = time.perf_counter()
    for copy in range(args.copies):
        for p, r in zip(dirs, results, strict=True):
            repo = Repository.objects.create(source=source, name=f"{p.name}-{copy}", location=f"{p}#{copy}")
            ingest(Scan.objects.create(repository=repo, status=ScanStatus.RUNNING), r)
            pairs.append((repo, r))
    store_s = time.perf_counter() - start
    usages = sum(len(r.components) for _, r in pairs)
    ids = [repo.pk for repo, _ in pairs]
    backend = connection.vendor
    print(f"backend: {backend}; {len(pairs)} repositories, {usages:,} usages stored in {store_s:.1f} s "
          f"({usages / store_s:,.0f} usages/s)")

    size = "pg_column_size({})" if backend == "postgresql" else "coalesce(length({}), 0)"
    with connection.cursor() as cur:
        marks = ",".join(["%s"] * len(ids))
        cols = ("hashes", "license", "properties", "as_declared")
        cur.execute(f"SELECT {', '.join(f'sum({size.format(c)})' for c in cols)}, count(*) "
                    f"FROM inventory_usage WHERE repository_id IN ({marks})", ids)
        *col_bytes, n = cur.fetchone()
        cur.execute(f"SELECT sum({size.format('nodes')}) + sum({size.format('edges')}), "
                    f"max({size.format('nodes')} + {size.format('edges')}) "
                    f"FROM inventory_repositorygraph WHERE repository_id IN ({marks})", ids)
        graph_bytes, graph_max = cur.fetchone()
    view = sum(int(b or 0) for b in col_bytes)
    print("storage, per-usage engine view: " + ", ".join(f"{c} {int(b or 0):,} B" for c, b in zip(cols, col_bytes,
                                                                                                  strict=True))
          + f" = {view:,} B ({view / max(n, 1):.0f} B/usage)")
    print(f"storage, graphs: {int(graph_bytes or 0):,} B for {len(pairs)} repositories "
          f"({int(graph_bytes or 0) / max(usages, 1):.0f} B/usage; largest {int(graph_max or 0):,} B)")

    def timed(fn) -> tuple[float, object]:  # type: ignore[no-untyped-def]
        t = time.perf_counter()
        out = fn()
        return time.perf_counter() - t, out

    equal = 0
    totals = {"rebuild": 0.0, "platform_cdx": 0.0, "platform_spdx": 0.0, "engine_cdx": 0.0, "engine_spdx": 0.0}
    largest = max(pairs, key=lambda pr: len(pr[1].components))
    for repo, result in pairs:
        t_rb, _ = timed(lambda repo=repo: sbom.stored_result(repo))
        t_pc, p_cdx = timed(lambda repo=repo: sbom.cyclonedx_json(repo))
        t_ps, p_spdx = timed(lambda repo=repo: sbom.spdx_json(repo))
        t_ec, e_cdx = timed(lambda result=result: cyclonedx.to_json(result))
        t_es, e_spdx = timed(lambda result=result: spdx.to_json(result))
        for k, v in zip(totals, (t_rb, t_pc, t_ps, t_ec, t_es), strict=True):
            totals[k] += v
        same = (_normal(p_cdx, "cdx") == _normal(e_cdx, "cdx")) and (_normal(p_spdx, "spdx") == _normal(e_spdx,
                                                                                                     "spdx"))
        equal += same
        if repo is largest[0]:
            print(f"largest repository {repo.name} ({len(result.components):,} components, {len(result.edges):,} "
                  f"edges): rebuild {t_rb * 1000:.0f} ms; CycloneDX platform {t_pc * 1000:.0f} ms vs engine "
                  f"{t_ec * 1000:.0f} ms; SPDX platform {t_ps * 1000:.0f} ms vs engine {t_es * 1000:.0f} ms")
    print("all repositories: " + ", ".join(f"{k} {v:.2f} s" for k, v in totals.items()))
    print(f"downloads equal to the engine's documents: {equal}/{len(pairs)}")
    return 0 if equal == len(pairs) else 1


if __name__ == "__main__":
    raise SystemExit(main())
