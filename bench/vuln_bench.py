"""Matching speed: >= 100,000 components against the pypa + RustSec OSV advisories.

Why these inputs: the corpus components (``ospo scan`` of ../shared/corpus/repos) are what a real estate
looks like, but the corpus OSV data only covers PyPI and crates.io, so the set is completed with components
named after every advised package, at versions taken from the advisories themselves (enumerated, fixed,
introduced and neighbours) — the expensive case, where ranges are actually evaluated. Everything is
replicated with varied versions up to ``--components``.

Advisories are loaded from the files directly (independent of the database helper's code); with ``--db PATH``
the lookup also goes through ``VulnDB.advisories_for_many``. Reported: load, compile and match times and peak
RSS. Usage: ``.venv/bin/python bench/vuln_bench.py [--components 100000] [--db vulns.sqlite]``.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from ospo.engine.vulns.match import AdvisoryIndex, NotAVersion, match_component  # noqa: E402
from ospo.engine.vulns.versions import version_problem  # noqa: E402
from test_vuln_match_corpus import OSV, load_corpus_advisories  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "repos"


def corpus_components() -> list[tuple[str, str, str]]:
    out_dir = Path(tempfile.mkdtemp(prefix="vuln-bench-"))
    repos = sorted(str(p) for p in CORPUS.iterdir() if p.is_dir())
    subprocess.run([str(ROOT / ".venv" / "bin" / "ospo"), "scan", "--format", "json", "--jobs", "8", "-o",
                    str(out_dir), *repos], check=False, capture_output=True)
    comps = []
    for f in sorted(out_dir.glob("*.json")):
        doc = json.loads(f.read_text())
        for c in doc.get("components", []):
            if c.get("pinned") and c.get("version"):
                comps.append((c["ecosystem"], c["name"], c["version"]))
    return comps


def vary(version: str, rng: random.Random) -> str:
    """Another plausible version: one numeric part moved by a small amount."""
    parts = version.split(".")
    idx = [i for i, p in enumerate(parts) if p.isdigit()]
    if not idx:
        return version
    i = rng.choice(idx)
    parts[i] = str(max(0, int(parts[i]) + rng.randint(-3, 3)))
    return ".".join(parts)


def advised_components(advisories: list[dict]) -> list[tuple[str, str, str]]:
    from ospo.engine.vulns.names import purl_type_for

    out = []
    for adv in advisories:
        for aff in adv.get("affected") or []:
            pkg = aff.get("package") or {}
            ptype = purl_type_for(str(pkg.get("ecosystem", "")))
            if not ptype:
                continue
            versions = list(aff.get("versions") or [])[:20]
            for rng_ in aff.get("ranges") or []:
                for ev in rng_.get("events") or []:
                    versions.extend(v for v in ev.values() if isinstance(v, str) and v != "0")
            out.extend((ptype, pkg.get("name", ""), v) for v in versions)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--components", type=int, default=100_000)
    ap.add_argument("--db", help="also look advisories up through VulnDB at this path")
    args = ap.parse_args()
    if not OSV.is_dir():
        sys.exit("../shared/corpus/osv is absent")

    t0 = time.perf_counter()
    advisories = load_corpus_advisories()
    t_load = time.perf_counter() - t0

    base = corpus_components()
    t0 = time.perf_counter()
    index = AdvisoryIndex(advisories)
    t_compile = time.perf_counter() - t0
    print(f"advisories loaded from files: {len(advisories):,} in {t_load:.2f} s "
          f"({len(index):,} packages); compiled in {t_compile:.2f} s")

    rng = random.Random(4)
    sets = {
        "corpus estate": base,
        "advised packages (stress: every component has advisories)": advised_components(advisories),
    }
    components: list[tuple[str, str, str]] = []
    for label, seeds in sets.items():
        components = list(seeds)
        while len(components) < args.components:
            eco, name, version = rng.choice(seeds)
            components.append((eco, name, vary(version, rng)))
        components = components[: args.components]
        fresh = AdvisoryIndex(advisories)  # no warm per-package caches from the previous set
        t0 = time.perf_counter()
        findings = affected = 0
        for eco, name, version in components:
            try:
                found = fresh.match(eco, name, version)
            except NotAVersion:  # a constraint or tag in a lockfile: reported as not checked by `ospo vulns`
                continue
            findings += len(found)
            affected += bool(found)
        t_match = time.perf_counter() - t0
        print(f"{label}: {len(components):,} components ({len(seeds):,} distinct seeds, replicated with varied "
              f"versions) matched in {t_match:.2f} s ({len(components) / t_match:,.0f}/s): "
              f"{affected:,} affected, {findings:,} findings")

    if args.db:
        from ospo.engine.vulns.db import VulnDB

        t0 = time.perf_counter()
        with VulnDB(args.db) as db:
            keys = {(eco, name) for eco, name, _ in components}
            by_pkg = db.advisories_for_many(keys)
            t_lookup = time.perf_counter() - t0
            t0 = time.perf_counter()
            n = sum(len(match_component(by_pkg[(e, nm)], e, nm, v)) for e, nm, v in components
                    if by_pkg[(e, nm)] and version_problem(e, v) is None)
            t_db = time.perf_counter() - t0
        print(f"via VulnDB {args.db}: lookup of {len(keys):,} packages {t_lookup:.2f} s, "
              f"matching {t_db:.2f} s, {n:,} findings")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS: {peak:.0f} MB")


if __name__ == "__main__":
    main()
