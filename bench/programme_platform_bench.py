"""Programme platform figures: report rendering (HTML, PDF) and KPI computation on a generated estate.

Usage: .venv/bin/python bench/programme_platform_bench.py [REPOSITORIES]   (default 1000; a fresh temporary data dir)
Prints figures only; `make bench` decides what to do with them.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time

os.environ.setdefault("OSPO_DATA_DIR", tempfile.mkdtemp(prefix="ospo-bench-programme-"))


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    from ospo.platform import setup

    setup()
    from django.core.management import call_command
    from django.utils import timezone

    call_command("migrate", verbosity=0)
    from ospo.platform.estate.models import Agency, Government, Repository, Source, SourceKind
    from ospo.platform.programme import platformdata
    from ospo.platform.programme.report import build_context, parse_period, render_html, render_pdf

    gov = Government.objects.create(name="Bench")
    now = timezone.now()
    for a in range(20):
        ag = Agency.objects.create(government=gov, name=f"Agency {a}", slug=f"a{a}")
        src = Source.objects.create(agency=ag, kind=SourceKind.GIT, location=f"https://x/{a}")
        Repository.objects.bulk_create([Repository(source=src, agency=ag, name=f"r{a}-{i}", location=f"https://x/{a}/{i}",
                                                   inventory_updated_at=now, published=i % 3 == 0)
                                        for i in range(n // 20)])
    t = time.perf_counter()
    platformdata.roll_up_by_agency()
    print(f"KPIs + roll-up over 20 agencies, {n} repositories: {1000 * (time.perf_counter() - t):.0f} ms")
    for lang in ("en", "es"):
        t = time.perf_counter()
        html = render_html(build_context("2026", *parse_period("2026"), lang), lang)
        t_html = time.perf_counter() - t
        t = time.perf_counter()
        pdf = render_pdf(html)
        print(f"report {lang}: HTML {1000 * t_html:.0f} ms ({len(html) // 1024} KiB), "
              f"PDF {1000 * (time.perf_counter() - t):.0f} ms ({len(pdf) // 1024} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
