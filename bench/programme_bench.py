"""Programme library figures: template loading, scoring throughput, results JSON round trip, pre-fill time.

Run: .venv/bin/python bench/programme_bench.py [REPO]   (REPO defaults to this checkout)
"""

from __future__ import annotations

import datetime as dt
import sys
import time

from ospo.programme.assessment import Subject, assessment_to_dict, dumps, load_assessment, new_assessment, score
from ospo.programme.prefill import prefill_readiness
from ospo.programme.templates import get_template, shipped_templates


def main() -> None:
    t0 = time.perf_counter()
    shipped_templates.cache_clear()
    n = len(shipped_templates())
    print(f"load+validate {n} shipped templates: {(time.perf_counter() - t0) * 1000:.1f} ms")
    t = get_template("institutionalization-health-check")
    a = new_assessment(t, Subject("ospo", "x"), dt.date(2026, 1, 1), "a")
    for i, ans in enumerate(a.answers.values()):
        ans.level = i % 6
    runs = 20_000
    t0 = time.perf_counter()
    for _ in range(runs):
        score(a, t)
    print(f"score an 11-criterion assessment: {(time.perf_counter() - t0) / runs * 1e6:.1f} µs")
    data = dumps(assessment_to_dict(a)).encode()
    runs = 2_000
    t0 = time.perf_counter()
    for _ in range(runs):
        load_assessment(data)
    print(f"validate+load a results file ({len(data)} bytes): {(time.perf_counter() - t0) / runs * 1e6:.1f} µs")
    repo = sys.argv[1] if len(sys.argv) > 1 else "."
    t0 = time.perf_counter()
    r = prefill_readiness(repo)
    filled = sum(1 for x in r.answers.values() if x.prefilled)
    print(f"prefill_readiness({repo}): {time.perf_counter() - t0:.2f} s, {filled} criteria pre-filled")


if __name__ == "__main__":
    main()
