"""License identification benchmark: SPDX texts identified as themselves, agreement with ScanCode, speed, RSS.

Usage: .venv/bin/python bench/license_bench.py [--shared ../shared] [--cold] [--list]
Reads ../shared only here (tests and benchmarks), never at runtime. ``--cold`` deletes the user's index cache and
ignores the installation's, so the figures include building the index.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from ospo.engine.licenses.compare import agree, license_keys  # noqa: E402
from ospo.engine.licenses.identify import identify_file  # noqa: E402
from ospo.engine.licenses.normalize import normalized_text  # noqa: E402
from ospo.engine.licenses.references import disk_sibling_reader  # noqa: E402
from ospo.engine.safeparse import decode_text  # noqa: E402

SCANCODE_CORPUS_S = 27.9
SCANCODE_SPDX_S = (55.0, 75.0)
SCANCODE_RSS_MB = 1410


def spdx_groups(text_dir: Path) -> tuple[dict[str, str], dict[str, set[str]]]:
    """Expected id per file and the set of ids whose texts are identical once normalised (one group)."""
    expected: dict[str, str] = {}
    by_norm: dict[str, set[str]] = {}
    norm_of: dict[str, str] = {}
    for f in sorted(text_dir.glob("*.txt")):
        lid = f.stem.removeprefix("depreciate_")
        expected[f.name] = lid
        norm = normalized_text(decode_text(f.read_bytes()))
        norm_of[f.name] = norm
        by_norm.setdefault(norm, set()).add(lid)
    return expected, {name: by_norm[norm_of[name]] for name in expected}


# Deprecated ids whose modern form is an expression (SPDX deprecation notes): the modern expression counts as
# identifying them; "-only"/"-or-later" are not compared because the deprecated id does not say.
MODERN = {
    "GPL-1.0+": {"gpl-1.0"},
    "GPL-2.0+": {"gpl-2.0"},
    "GPL-3.0+": {"gpl-3.0"},
    "LGPL-2.0+": {"lgpl-2.0"},
    "LGPL-2.1+": {"lgpl-2.1"},
    "LGPL-3.0+": {"lgpl-3.0"},
    "GPL-2.0-with-GCC-exception": {"gpl-2.0", "gcc-exception-2.0"},
    "GPL-2.0-with-autoconf-exception": {"gpl-2.0", "autoconf-exception-2.0"},
    "GPL-2.0-with-bison-exception": {"gpl-2.0", "bison-exception-2.2"},
    "GPL-2.0-with-classpath-exception": {"gpl-2.0", "classpath-exception-2.0"},
    "GPL-2.0-with-font-exception": {"gpl-2.0", "font-exception-2.0"},
    "GPL-3.0-with-GCC-exception": {"gpl-3.0", "gcc-exception-3.1"},
    "GPL-3.0-with-autoconf-exception": {"gpl-3.0", "autoconf-exception-3.0"},
    "WXwindows": {"lgpl-2.0", "wxwindows-exception-3.1"},
    "eCos-2.0": {"gpl-2.0", "ecos-exception-2.0"},
}


def _modern_ok(expected: str, expression: str | None) -> bool:
    want = MODERN.get(expected)
    if want is None:
        return False
    got = {k.removesuffix("-only").removesuffix("-or-later") for k in license_keys(expression)}
    return got == want


def run_spdx(shared: Path, show: bool) -> dict:
    text_dir = shared / "corpus" / "spdx" / "text"
    files = sorted(text_dir.glob("*.txt"))
    t0 = time.perf_counter()
    results = {f.name: identify_file(f.name, f.read_bytes()) for f in files}
    elapsed = time.perf_counter() - t0
    expected, groups = spdx_groups(text_dir)
    failures = []
    for name, ident in results.items():
        top = ident.matches[0].expression if ident.matches else None
        if top not in groups[name] and not _modern_ok(expected[name], ident.expression):
            failures.append((name, expected[name], top, ident.expression))
    ok = len(files) - len(failures)
    if show:
        for f in failures:
            print("  SPDX miss:", f)
    return {
        "files": len(files),
        "top1_correct": ok,
        "top1": ok / len(files),
        "seconds": elapsed,
        "files_per_s": len(files) / elapsed,
        "failures": failures,
    }


def run_corpus(shared: Path, show: bool) -> dict:
    ref = json.loads((shared / "reference" / "scancode" / "license_files.json").read_text())
    repos = shared / "corpus" / "repos"
    t0 = time.perf_counter()
    got = {}
    for key in ref:
        p = repos / key
        # Sibling files are readable, as for ``ospo license identify`` on a checkout: "See LICENSE" is followed.
        got[key] = (
            identify_file(key, p.read_bytes(), disk_sibling_reader(str(p))).expression if p.is_file() else "MISSING"
        )
    elapsed = time.perf_counter() - t0
    disagree = [(k, ref[k], got[k]) for k in ref if not agree(got[k], ref[k])]
    if show:
        for d in disagree:
            print("  disagree:", d)
    n = len(ref)
    return {
        "files": n,
        "agree": n - len(disagree),
        "agreement": (n - len(disagree)) / n,
        "seconds": elapsed,
        "files_per_s": n / elapsed,
        "disagreements": disagree,
    }


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--cold", action="store_true", help="delete the index cache first (time includes the build)")
    ap.add_argument("--list", action="store_true", help="list failures and disagreements")
    args = ap.parse_args()
    shared = Path(args.shared)
    if args.cold:
        from ospo.engine.licenses.index import _cache_path

        os.environ["OSPO_LICENSE_INDEX"] = "build"  # ignore the index built at install time too
        with contextlib.suppress(OSError):
            os.remove(_cache_path())
    t0 = time.perf_counter()
    from ospo.engine.licenses.index import get_index

    get_index()
    load = time.perf_counter() - t0
    corpus = run_corpus(shared, args.list)
    spdx = run_spdx(shared, args.list)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"index load{' + build' if args.cold else ''}: {load:.3f} s")
    print(
        f"corpus license files: {corpus['files']} files, agreement with ScanCode {corpus['agree']}/{corpus['files']}"
        f" = {corpus['agreement']:.1%}; {corpus['seconds']:.3f} s ({corpus['files_per_s']:.0f} files/s);"
        f" with index load {corpus['seconds'] + load:.3f} s vs ScanCode {SCANCODE_CORPUS_S} s"
        f" = {SCANCODE_CORPUS_S / (corpus['seconds'] + load):.0f}x faster"
    )
    print(
        f"SPDX texts: {spdx['files']} files, top-1 {spdx['top1_correct']}/{spdx['files']} = {spdx['top1']:.2%};"
        f" {spdx['seconds']:.3f} s ({spdx['files_per_s']:.0f} files/s); with index load"
        f" {spdx['seconds'] + load:.3f} s vs ScanCode {SCANCODE_SPDX_S[0]}-{SCANCODE_SPDX_S[1]} s"
        f" = {SCANCODE_SPDX_S[0] / (spdx['seconds'] + load):.0f}x faster"
    )
    print(f"peak RSS: {rss_mb:.0f} MB (ScanCode {SCANCODE_RSS_MB} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
