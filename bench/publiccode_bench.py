"""Throughput of the publiccode.yml validator (files/s) on the conformance suite and the real files.

Run: ``.venv/bin/python bench/publiccode_bench.py [../shared/corpus/publiccode]``; prints figures only.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from ospo.engine.publiccode import validate_path


def throughput(root: Path, rounds: int = 1) -> dict | None:
    """Validate every suite and real file ``rounds`` times (after one warm-up file); None when there are none."""
    files = sorted(root.glob("parser-testdata/testdata/**/*.yml")) + sorted(root.glob("real/*/publiccode.y*ml"))
    if not files:
        return None
    validate_path(files[0])  # warm the lazy imports (langcodes, pycountry, license-expression)
    t0 = time.perf_counter()
    for _ in range(rounds):
        for f in files:
            validate_path(f)
    dt = time.perf_counter() - t0
    n = len(files) * rounds
    return {"files": n, "wall_s": dt, "files_per_s": n / dt, "ms_per_file": 1000 * dt / n}


def main() -> int:
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "shared/corpus/publiccode"
    for rounds in (1, 5):
        t = throughput(root, rounds)
        if t is None:
            print("no publiccode files found under", root)
            return 1
        print(f"publiccode validate: {t['files']} files in {t['wall_s']:.2f} s = {t['files_per_s']:,.0f} files/s "
              f"({t['ms_per_file']:.2f} ms/file)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
