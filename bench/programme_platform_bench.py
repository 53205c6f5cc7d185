"""Programme platform figures: KPI computation (with the catalog's reuse and the contributors KPI) and report
rendering (HTML, PDF) on a generated estate; ``programme_section(shared)`` is the section of ``make bench``.

Usage: .venv/bin/python bench/programme_platform_bench.py [REPOSITORIES]   (default 1000; a fresh temporary data dir)
Prints figures only; `make bench` decides what to do with them.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO_ROOT = BENCH.parent
AGENCIES = 20
PREFILL_CORPUS = 3  # corpus repositories pre-filled in the section (the first ones by name)


def _estate(n: int) -> None:
    """20 agencies, ``n`` repositories (a third published, each with a stored contributors figure), 200 catalog
    entries (measured, published by an agency) and their reuse edges from the other agencies."""
    import datetime as dt
    from decimal import Decimal

    from django.utils import timezone

    from ospo.platform.catalog.models import Entry, LicenceSaving, ReuseEdge
    from ospo.platform.estate.models import Agency, Government, Repository, Source, SourceKind
    from ospo.platform.findings.models import HygieneFinding

    gov = Government.objects.create(name="Bench")
    now = timezone.now()
    agencies = []
    for a in range(AGENCIES):
        ag = Agency.objects.create(government=gov, name=f"Agency {a}", slug=f"a{a}")
        agencies.append(ag)
        src = Source.objects.create(agency=ag, kind=SourceKind.GIT, location=f"https://x/{a}")
        Repository.objects.bulk_create([Repository(source=src, agency=ag, name=f"r{a}-{i}", location=f"https://x/{a}/{i}",
                                                   inventory_updated_at=now, published=i % 3 == 0)
                                        for i in range(n // AGENCIES)])
    HygieneFinding.objects.bulk_create([
        HygieneFinding(repository=r, fingerprint=f"c{r.pk}", check_id="contributors", title="Contributors",
                       first_seen=now, last_seen=now, details={"figures": {"authors": 1 + r.pk % 7}})
        for r in Repository.objects.filter(published=True)])
    entries = Entry.objects.bulk_create([Entry(name=f"e{i}", kind="agency", publisher=agencies[i % AGENCIES],
                                               sloc=2_000 + 97 * i) for i in range(200)])
    when = now - dt.timedelta(days=30)
    ReuseEdge.objects.bulk_create([ReuseEdge(entry=e, agency=agencies[(i + k) % AGENCIES], kind="declared",
                                             detail="declared", source="bench", observed_at=when)
                                   for i, e in enumerate(entries) for k in range(1, 1 + i % 5)])
    LicenceSaving.objects.bulk_create([LicenceSaving(entry=entries[i], agency=agencies[i % AGENCIES],
                                                     amount=Decimal(1000 + i)) for i in range(0, 200, 10)])


def _best_ms(fn, runs: int = 5) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(1000 * (time.perf_counter() - t))
    return min(times), statistics.median(times)


def measure(n: int) -> dict[str, object]:
    """Set up a fresh database in this process, generate the estate and measure; the figures as a dict."""
    from ospo.platform import setup

    setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from ospo.platform.programme import catalogdata, contributors, platformdata
    from ospo.platform.programme.report import build_context, parse_period, render_html, render_pdf

    _estate(n)
    out: dict[str, object] = {"repositories": n, "agencies": AGENCIES}
    out["kpis_rollup_ms"] = _best_ms(platformdata.roll_up_by_agency)
    out["kpis_government_ms"] = _best_ms(platformdata.kpi_values)
    out["reuse_table_ms"] = _best_ms(catalogdata.by_agency)
    out["reuse_direct_ms"] = _best_ms(lambda: catalogdata.by_agency(direct=True))
    out["contributors_ms"] = _best_ms(lambda: contributors.per_repository(use_engine=False))
    total = {v.id: v.value for v in platformdata.roll_up_by_agency()[1]}
    out["values"] = {k: round(total[k], 2) if isinstance(total[k], float) else total[k]
                     for k in ("reuse", "cost-avoided", "contributors", "repositories-inventoried")}
    reports = {}
    for lang in ("en", "es"):
        t = time.perf_counter()
        ctx = build_context("2026", *parse_period("2026"), lang)
        t_ctx = time.perf_counter() - t
        t = time.perf_counter()
        html = render_html(ctx, lang)
        t_html = time.perf_counter() - t
        t = time.perf_counter()
        pdf = render_pdf(html)
        reports[lang] = {"context_ms": 1000 * t_ctx, "html_ms": 1000 * t_html, "html_kib": len(html) // 1024,
                         "pdf_ms": 1000 * (time.perf_counter() - t), "pdf_kib": len(pdf) // 1024}
    out["reports"] = reports
    return out


def _subprocess_figures(n: int) -> dict[str, object]:
    env = {**os.environ, "OSPO_DATA_DIR": tempfile.mkdtemp(prefix="ospo-bench-programme-")}
    for k in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE"):  # a throw-away SQLite database, never a real one
        env.pop(k, None)
    done = subprocess.run([sys.executable, __file__, "--json", str(n)], env=env, capture_output=True, text=True,
                          timeout=1800, cwd=REPO_ROOT)
    if done.returncode != 0:
        raise RuntimeError(done.stderr[-3000:])
    return json.loads(done.stdout.strip().splitlines()[-1])


def programme_section(shared: Path) -> str:
    """The ``make bench`` section: KPI computation and report rendering (generated estate, 1,000 repositories),
    and the library figures with the readiness pre-fill through the publish engine on a fixture repository and
    on the first corpus repositories of ``shared`` (when present)."""
    sys.path.insert(0, str(BENCH))
    from programme_bench import library_figures

    lines = ["## Programme (issue 8)", ""]
    try:
        f = _subprocess_figures(1000)
    except (RuntimeError, subprocess.SubprocessError, ValueError) as exc:
        lines += [f"Platform figures failed: {str(exc)[-500:]}", ""]
    else:
        lines += [f"Generated estate: {f['agencies']} agencies, {f['repositories']} repositories (a third published, "
                  "each with a contributors figure), 200 catalog entries with reuse edges; SQLite. "
                  "Times: best / median of 5.", "", "| what | figure |", "|---|---|"]
        for key, what in (("kpis_rollup_ms", "KPIs + roll-up by agency (all indicators)"),
                          ("kpis_government_ms", "KPIs, government only"),
                          ("reuse_table_ms", "reuse + cost avoided per agency, through the catalog's reuse_totals"),
                          ("reuse_direct_ms", "the same read from the catalog's rows in one pass"),
                          ("contributors_ms", "contributors per published repository (stored figures)")):
            best, median = f[key]  # type: ignore[misc]
            lines.append(f"| {what} | {best:.0f} / {median:.0f} ms |")
        for lang, r in f["reports"].items():  # type: ignore[union-attr]
            lines.append(f"| annual report ({lang}): data / HTML / PDF | {r['context_ms']:.0f} / {r['html_ms']:.0f} / "
                         f"{r['pdf_ms']:.0f} ms ({r['html_kib']} KiB HTML, {r['pdf_kib']} KiB PDF) |")
        lines.append(f"| values (government) | {json.dumps(f['values'])} |")
        lines.append("")
    repos = [str(REPO_ROOT / "tests" / "fixtures" / "programme" / "repo")]
    corpus = shared / "corpus" / "repos"
    if corpus.is_dir():
        repos += [str(p) for p in sorted(corpus.iterdir()) if p.is_dir()][:PREFILL_CORPUS]
    lines += ["| library and engine | figure |", "|---|---|"]
    lines += [f"| {what} | {figure} |" for what, figure in library_figures(repos)]
    from ospo.platform.programme.contributors import engine_authors  # no Django needed for the engine call

    t = time.perf_counter()
    authors = engine_authors(str(REPO_ROOT), "HEAD")
    lines.append(f"| contributors from the hygiene engine on this checkout (a published repository without a stored "
                 f"figure) | {1000 * (time.perf_counter() - t):.0f} ms, {authors} authors |")
    return "\n".join(lines) + "\n"


def main() -> int:
    args = sys.argv[1:]
    if args and args[0] == "--json":
        os.environ.setdefault("OSPO_DATA_DIR", tempfile.mkdtemp(prefix="ospo-bench-programme-"))
        print(json.dumps(measure(int(args[1]) if len(args) > 1 else 1000)))
        return 0
    if args and args[0] == "--section":
        print(programme_section(Path(args[1]) if len(args) > 1 else REPO_ROOT.parent / "shared"))
        return 0
    n = int(args[0]) if args else 1000
    f = _subprocess_figures(n)
    print(json.dumps(f, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
