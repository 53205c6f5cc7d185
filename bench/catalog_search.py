"""Catalog search over 10,000 entries: p50/p95 of the catalog page (query + 5 facets + page render).

Run: .venv/bin/python bench/catalog_search.py  (SQLite in a temporary data dir; DATABASE_URL=… for PostgreSQL —
the bench creates and drops its own tables through Django's test database machinery).
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time

os.environ.setdefault("OSPO_DATA_DIR", tempfile.mkdtemp(prefix="ospo-bench-catalog-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ospo.platform.settings")

from ospo.platform import setup

setup()

from django.test import Client  # noqa: E402
from django.test.utils import get_runner, setup_test_environment  # noqa: E402

N = int(os.environ.get("CATALOG_BENCH_ENTRIES", "10000"))
QUERIES = 200
_WORDS = ("forms payments identity registry case portal data exchange gis health school survey permit tax open "
          "archive mail chat video budget procurement")
WORDS = _WORDS.split()


def main() -> int:
    from django.conf import settings

    from ospo.catalog.record import FUNCTION_CATEGORIES
    from ospo.platform.catalog.models import Entry
    from ospo.platform.estate.models import Agency, Government

    setup_test_environment()
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
        for i in range(N):
            name = f"{rnd.choice(WORDS)}-{rnd.choice(WORDS)}-{i}"
            desc = " ".join(rnd.choice(WORDS) for _ in range(25))
            e = Entry(name=name, description=desc, license=rnd.choice(licenses), language=rnd.choice(langs),
                      category=rnd.choice(FUNCTION_CATEGORIES), status=rnd.choice(["candidate", "recommended",
                                                                                    "observation"]),
                      publisher=rnd.choice(agencies))
            e.search_text = " ".join((e.name, e.description, e.license, e.category)).lower()
            batch.append(e)
        Entry.objects.bulk_create(batch, batch_size=1000)
        load = time.perf_counter() - t0
        client = Client()
        times = []
        for _ in range(QUERIES):
            params = {"q": rnd.choice(WORDS)}
            if rnd.random() < 0.5:
                params["license"] = rnd.choice(licenses)
            if rnd.random() < 0.3:
                params["category"] = rnd.choice(FUNCTION_CATEGORIES)
            if rnd.random() < 0.2:
                params["q"] += " " + rnd.choice(WORDS)
            t = time.perf_counter()
            resp = client.get("/catalog/", params)
            times.append((time.perf_counter() - t) * 1000)
            assert resp.status_code == 200
        times.sort()
        p95 = times[int(0.95 * len(times)) - 1]
        print(f"database: {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}")
        print(f"entries: {N:,} (loaded in {load:.1f} s)")
        print(f"catalog page (search + 5 facets + render), {QUERIES} queries: p50 {statistics.median(times):.1f} ms, "
              f"p95 {p95:.1f} ms, max {times[-1]:.1f} ms")
        return 0 if p95 < 200 else 1
    finally:
        runner.teardown_databases(old)


if __name__ == "__main__":
    sys.exit(main())
