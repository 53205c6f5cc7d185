"""Throughput of the publiccode.yml validator (files/s) on the conformance suite and the real files.

Run: ``.venv/bin/python bench/publiccode_bench.py [../shared/corpus/publiccode]``; prints figures only.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from ospo.engine.publiccode import validate_path


def main() -> int:
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "shared/corpus/publiccode"
    files = sorted(root.glob("parser-testdata/testdata/**/*.yml")) + sorted(root.glob("real/*/publiccode.y*ml"))
    if not files:
        print("no publiccode files found under", root)
        return 1
    validate_path(files[0])  # warm the lazy imports (langcodes, pycountry, license-expression)
    for rounds in (1, 5):
        t0 = time.perf_counter()
        for _ in range(rounds):
            for f in files:
                validate_path(f)
        dt = time.perf_counter() - t0
        n = len(files) * rounds
        print(f"publiccode validate: {n} files in {dt:.2f} s = {n / dt:,.0f} files/s ({1000 * dt / n:.2f} ms/file)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
