"""Catalog search over 10,000 entries: p50/p95 of the catalog page (query + 5 facets + page render).

Run: .venv/bin/python bench/catalog_search.py  (SQLite in a temporary data dir; DATABASE_URL=… for PostgreSQL —
the bench creates and drops its own test database through Django's test database machinery).
``--json`` prints one JSON object instead of text; ``catalog_section(shared)`` (for ``make bench``) runs it on
SQLite and, when ``.ci/services.sh`` has written its URLs, on PostgreSQL, and returns a markdown section.

Two figures per database: *cold* — the search cache is emptied before every request, so each request runs the
text match and counts the facets (the worst case: a query nobody asked since the catalog last changed) — and
*warm* — the same random query mix with the cache on (repeated queries are answered from the cache; the
catalog generation is still read from the database on every request). The page is requested through Django's
WSGI handler without the test framework's template instrumentation (which copies every template context and is
not what a server does).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

N = int(os.environ.get("CATALOG_BENCH_ENTRIES", "10000"))
QUERIES = 200
_WORDS = (
    "forms payments identity registry case portal data exchange gis health school survey permit tax open "
    "archive mail chat video budget procurement"
)
WORDS = _WORDS.split()
ROOT = Path(__file__).resolve().parent.parent
SERVICES_ENV = Path(os.environ.get("OSPO_SERVICES_ENV", "/tmp/ospo-services/services.env"))


def _setup() -> None:
    os.environ.setdefault("OSPO_DATA_DIR", tempfile.mkdtemp(prefix="ospo-bench-catalog-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ospo.platform.settings")
    from ospo.platform import setup

    setup()


def _p95(times: list[float]) -> float:
    times = sorted(times)
    return times[max(0, int(0.95 * len(times)) - 1)]


def measure(n: int = N, queries: int = QUERIES) -> dict[str, object]:
    _setup()
    from django.conf import settings
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import get_runner

    from ospo.catalog.record import FUNCTION_CATEGORIES
    from ospo.catalog.searchtext import entry_text
    from ospo.platform.catalog.models import Entry
    from ospo.platform.estate.models import Agency, Government

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    runner = get_runner(settings)(verbosity=0)
    old = runner.setup_databases()
    try:
        rnd = random.Random(7)
        gov = Government.objects.create(name="Bench")
        agencies = [Agency.objects.create(government=gov, name=f"Agency {i}", slug=f"a{i}") for i in range(40)]
        licenses = ["MIT", "Apache-2.0", "EUPL-1.2", "AGPL-3.0-only", "GPL-3.0-or-later", "MPL-2.0", "BSD-3-Clause"]
        langs = ["Python", "Java", "JavaScript", "TypeScript", "Go", "PHP", "C#", "Ruby"]
        t0 = time.perf_counter()
        batch = []
        for i in range(n):
            name = f"{rnd.choice(WORDS)}-{rnd.choice(WORDS)}-{i}"
            desc = " ".join(rnd.choice(WORDS) for _ in range(25))
            e = Entry(
                name=name,
                description=desc,
                license=rnd.choice(licenses),
                language=rnd.choice(langs),
                category=rnd.choice(FUNCTION_CATEGORIES),
                status=rnd.choice(["candidate", "recommended", "observation"]),
                publisher=rnd.choice(agencies),
            )
            e.search_text = entry_text(e.name, e.description, e.license, e.category)  # what Entry.save writes
            batch.append(e)
        Entry.objects.bulk_create(batch, batch_size=1000)
        if connection.vendor == "postgresql":
            with connection.cursor() as cur:  # what autovacuum does after a bulk load: planner statistics
                cur.execute("ANALYZE")
        load = time.perf_counter() - t0
        client = Client()
        mix = []
        for _ in range(queries):
            params = {"q": rnd.choice(WORDS)}
            if rnd.random() < 0.5:
                params["license"] = rnd.choice(licenses)
            if rnd.random() < 0.3:
                params["category"] = rnd.choice(FUNCTION_CATEGORIES)
            if rnd.random() < 0.2:
                params["q"] += " " + rnd.choice(WORDS)
            mix.append(params)
        client.get("/catalog/", {"q": "warm-up"})  # first request loads templates, URL conf, translations
        figures: dict[str, object] = {
            "database": settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1],
            "entries": n,
            "queries": queries,
            "load_s": round(load, 1),
            "load_avg": round(os.getloadavg()[0], 1),
            "cpus": os.cpu_count(),
        }
        for mode in ("cold", "warm"):
            cache.clear()
            times, cpu = [], []
            for params in mix:
                if mode == "cold":
                    cache.clear()
                t, c = time.perf_counter(), time.process_time()
                resp = client.get("/catalog/", params)
                times.append((time.perf_counter() - t) * 1000)
                cpu.append((time.process_time() - c) * 1000)  # this process only: not the PostgreSQL server's
                if resp.status_code != 200:
                    raise RuntimeError(f"catalog page answered {resp.status_code}")
            figures[mode] = {
                "p50_ms": round(statistics.median(times), 1),
                "p95_ms": round(_p95(times), 1),
                "max_ms": round(max(times), 1),
                "cpu_p50_ms": round(statistics.median(cpu), 1),
                "cpu_p95_ms": round(_p95(cpu), 1),
            }
        return figures
    finally:
        runner.teardown_databases(old)


def _services_url() -> str | None:
    if os.environ.get("DATABASE_URL"):
        return os.environ["DATABASE_URL"]
    if SERVICES_ENV.is_file():
        for line in SERVICES_ENV.read_text().splitlines():
            name, _, value = line.removeprefix("export ").partition("=")
            if name.strip() == "DATABASE_URL":
                return value.strip().strip("'\"") or None
    return None


def own_database(url: str, name: str = "ospo_catalog") -> str:
    """The same server under this bench's own database name (its test database is ``test_<name>``), so that it
    never meets the test database of another run on the same server."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, parts.fragment))


def _run(database_url: str | None) -> dict[str, object]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    if database_url:
        env["DATABASE_URL"] = own_database(database_url)
    out = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--json"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=1800,
        check=False,
    )
    if out.returncode != 0:
        return {"error": (out.stderr or out.stdout).strip().splitlines()[-1:] or ["failed"]}
    return json.loads(out.stdout.strip().splitlines()[-1])


def catalog_section(shared: Path) -> str:
    """The ``make bench`` section (the catalog is generated: ``shared`` is not needed)."""
    runs = [_run(None)]
    url = _services_url()
    if url:
        runs.append(_run(url))
    lines = [
        "## Catalog search (issue 7)",
        "",
        f"{N:,} generated entries, 40 agencies; {QUERIES} random queries (one or two words, half with a "
        "license facet, 30 % with a category facet); the page = text match + 5 facet counts within the "
        "other selections + render of 50 rows. *cold*: search cache emptied before each request; *warm*: "
        "the same mix with the cache on. Target: p95 < 200 ms. Wall time per request; *CPU* is the web "
        "process's CPU time (on SQLite that includes the database work; on PostgreSQL the server's is not in it).",
        "",
        "| database | cold p50 | cold p95 | warm p50 | warm p95 | CPU cold p50 / p95 | load avg / CPUs |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in runs:
        if "error" in r:
            lines.append(f"| (failed) | {' '.join(r['error'])} | | | | | |")
            continue
        c, w = r["cold"], r["warm"]
        lines.append(
            f"| {r['database']} | {c['p50_ms']} ms | {c['p95_ms']} ms | {w['p50_ms']} ms | "
            f"{w['p95_ms']} ms | {c['cpu_p50_ms']} / {c['cpu_p95_ms']} ms | {r['load_avg']} / {r['cpus']} |"
        )
    if not url:
        lines += ["", "PostgreSQL not measured: no DATABASE_URL (run `. .ci/services.sh` first)."]
    return "\n".join(lines) + "\n"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    ap.add_argument("--section", action="store_true", help="print the make-bench markdown section")
    args = ap.parse_args()
    if args.section:
        print(catalog_section(Path()))
        return 0
    figures = measure()
    if args.json:
        print(json.dumps(figures))
        return 0
    print(
        f"database: {figures['database']}; entries: {N:,} (loaded in {figures['load_s']} s); "
        f"load avg {figures['load_avg']} on {figures['cpus']} CPUs"
    )
    for mode in ("cold", "warm"):
        f = figures[mode]
        print(
            f"catalog page {mode}, {QUERIES} queries: p50 {f['p50_ms']} ms, p95 {f['p95_ms']} ms, max {f['max_ms']} ms"
        )
    return 0 if figures["cold"]["p95_ms"] < 200 else 1  # type: ignore[index]


if __name__ == "__main__":
    sys.exit(main())
