"""Programme library figures: template loading, scoring throughput, results JSON round trip, pre-fill time.

Run: .venv/bin/python bench/programme_bench.py [REPO ...]   (REPO defaults to this checkout)
Pre-fill goes through the publish engine (``ospo.engine.publish.evaluate``): one readiness report per repository.
"""

from __future__ import annotations

import datetime as dt
import sys
import time

from ospo.programme.assessment import Subject, assessment_to_dict, dumps, load_assessment, new_assessment, score
from ospo.programme.prefill import prefill_readiness
from ospo.programme.templates import get_template, shipped_templates


def library_figures(repos: list[str]) -> list[tuple[str, str]]:
    """(what, figure) rows; ``repos`` are pre-filled one by one (absent vulnerability DB: the engine fails closed)."""
    rows = []
    t0 = time.perf_counter()
    shipped_templates.cache_clear()
    n = len(shipped_templates())
    rows.append((f"load + validate the {n} shipped templates", f"{(time.perf_counter() - t0) * 1000:.1f} ms"))
    t = get_template("institutionalization-health-check")
    a = new_assessment(t, Subject("ospo", "x"), dt.date(2026, 1, 1), "a")
    for i, ans in enumerate(a.answers.values()):
        ans.level = i % 6
    runs = 20_000
    t0 = time.perf_counter()
    for _ in range(runs):
        score(a, t)
    rows.append(("score an 11-criterion assessment", f"{(time.perf_counter() - t0) / runs * 1e6:.1f} µs"))
    data = dumps(assessment_to_dict(a)).encode()
    runs = 2_000
    t0 = time.perf_counter()
    for _ in range(runs):
        load_assessment(data)
    rows.append((f"validate + load a results file ({len(data)} bytes)",
                 f"{(time.perf_counter() - t0) / runs * 1e6:.1f} µs"))
    for repo in repos:
        t0 = time.perf_counter()
        r = prefill_readiness(repo)
        filled = sum(1 for x in r.answers.values() if x.prefilled)
        rows.append((f"`prefill_readiness` (publish engine) on {repo.rstrip('/').rsplit('/', 1)[-1] or repo}",
                     f"{time.perf_counter() - t0:.2f} s, {filled} criteria pre-filled"))
    return rows


def main() -> None:
    for what, figure in library_figures(sys.argv[1:] or ["."]):
        print(f"{what}: {figure}")


if __name__ == "__main__":
    main()
