"""``make bench``: ospo against cdxgen on the whole corpus, in the same run, with ratios.

What is measured, and why this way:

* wall time and peak RSS of whole commands, as a user would run them (``resource.getrusage`` of the waited
  child gives its peak RSS; for cdxgen the peak is the largest of its per-repository calls);
* cdxgen is run as ``../shared/reference/HOWTO.md`` says (offline, no dependency installation, one call per
  repository, which ``peers.md`` found faster than one call on the whole corpus);
* ospo is run once with one process and once with ``--jobs`` = the number of cores, each ``--runs`` times,
  medians reported; the machine's speed drifts, so only ratios from the same run mean anything;
* recall of ``name@version`` against cdxgen's reference SBOMs comes from ``bench/recall.py``.

Results are written to ``docs/benchmarks.md`` (with ``--write``), with the machine and the commands.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
PEERS = ROOT / "bench-peers"
CDXGEN_VERSION = "12.8.4"


_CPU: list[float] = []  # CPU seconds (user + system) of the last measured command, read by the callers


def run_measured(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, int, int]:
    """(wall seconds, peak RSS in MB of this child and its descendants it waited for, exit code).

    ``os.wait4`` returns the rusage of exactly this child, unlike ``RUSAGE_CHILDREN`` which keeps the maximum
    over every child the benchmark has ever waited for.
    """
    started = time.perf_counter()
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - started
    _CPU[:] = [usage.ru_utime + usage.ru_stime]  # CPU time: robust to other load on the machine, unlike wall
    return wall, usage.ru_maxrss // 1024, proc.returncode  # ru_maxrss is KiB on Linux


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(next(x for x in Path("/proc/meminfo").read_text().splitlines() if x.startswith("MemTotal")).split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GiB RAM"
    except (OSError, StopIteration, ValueError):
        pass
    return (f"{platform.system()} {platform.release()} {platform.machine()}, {cpu}, {os.cpu_count()} cores{mem}, "
            f"Python {platform.python_version()}")


def ensure_cdxgen() -> Path | None:
    exe = PEERS / "node" / "node_modules" / ".bin" / "cdxgen"
    if exe.exists():
        return exe
    if not shutil.which("npm"):
        return None
    (PEERS / "node").mkdir(parents=True, exist_ok=True)
    subprocess.run(["npm", "init", "-y"], cwd=PEERS / "node", check=True, stdout=subprocess.DEVNULL)
    subprocess.run(["npm", "install", "--silent", f"@cyclonedx/cdxgen@{CDXGEN_VERSION}"], cwd=PEERS / "node",
                   check=True, stdout=subprocess.DEVNULL)
    return exe if exe.exists() else None


def bench_cdxgen(exe: Path, repos: list[Path], out: Path) -> dict:
    env = {**os.environ, "FETCH_LICENSE": "false", "CDXGEN_ALLOWED_HOSTS": "localhost",
           "CDXGEN_ALLOWED_COMMANDS": "__none__", "CDXGEN_NO_BANNER": "true"}
    total, cpu, peak, failures = 0.0, 0.0, 0, []
    for repo in repos:
        wall, rss, rc = run_measured(
            [str(exe), "-r", "--no-install-deps", "-o", str(out / f"{repo.name}.json"), str(repo)], env
        )
        total += wall
        cpu += _CPU[0]
        peak = max(peak, rss)
        if rc != 0 or not (out / f"{repo.name}.json").exists():
            failures.append(repo.name)
    return {"wall_s": total, "cpu_s": cpu, "peak_rss_mb": peak, "failures": failures}


def bench_ospo(repos: list[Path], out: Path, jobs: int, runs: int) -> dict:
    exe = shutil.which("ospo", path=str(Path(sys.executable).parent)) or "ospo"
    walls, peaks, cpus = [], [], []
    cmd = [exe, "scan", *map(str, repos), "--format", "cyclonedx", "--output", str(out), "--jobs", str(jobs)]
    for _ in range(runs):
        shutil.rmtree(out, ignore_errors=True)
        wall, rss, rc = run_measured(cmd)
        if rc != 0:
            raise SystemExit(f"ospo failed: {' '.join(cmd)}")
        walls.append(wall)
        cpus.append(_CPU[0])
        peaks.append(rss)
    return {"wall_s": statistics.median(walls), "walls": walls, "cpu_s": statistics.median(cpus),
            "peak_rss_mb": max(peaks),
            "command": f"ospo scan <{len(repos)} repositories> --format cyclonedx --output DIR --jobs {jobs}"}


def count_components(out: Path) -> int:
    n = 0
    for f in out.glob("*.json"):
        with contextlib.suppress(OSError, ValueError):
            n += len(json.loads(f.read_text()).get("components", []))
    return n


def render(shared: Path, repos: list[Path], results: dict, recall: dict | None) -> str:
    ospo1, ospoj, cdx = results["ospo_1"], results["ospo_j"], results.get("cdxgen")
    lines = [
        "# Benchmarks",
        "",
        f"Generated by `make bench` (`bench/run.py`) on {dt.date.today().isoformat()}.",
        "",
        f"- Machine: {machine()}",
        f"- Corpus: `{shared}/corpus/repos`, {len(repos)} repositories (manifests, lockfiles and license files of "
        "real public-sector repositories).",
        "- Each figure is from the same run; the machine's speed drifts over hours, so compare ratios, not "
        "absolute times across runs.",
        "",
        "## Inventory: whole corpus to CycloneDX",
        "",
        "| tool | command | wall time | CPU time | peak RSS | components |",
        "|---|---|---|---|---|---|",
        f"| ospo {results['ospo_version']} | `{ospo1['command']}` | {ospo1['wall_s']:.2f} s (median of "
        f"{len(ospo1['walls'])}) | {ospo1['cpu_s']:.2f} s | {ospo1['peak_rss_mb']} MB | {results['ospo_components']} |",
        f"| ospo {results['ospo_version']} | `{ospoj['command']}` | {ospoj['wall_s']:.2f} s (median of "
        f"{len(ospoj['walls'])}) | {ospoj['cpu_s']:.2f} s | {ospoj['peak_rss_mb']} MB per process | "
        f"{results['ospo_components']} |",
    ]
    if cdx:
        lines.append(
            f"| cdxgen {CDXGEN_VERSION} | `cdxgen -r --no-install-deps -o OUT REPO`, one call per repository, "
            f"offline (FETCH_LICENSE=false, CDXGEN_ALLOWED_COMMANDS=__none__) | {cdx['wall_s']:.2f} s | "
            f"{cdx['cpu_s']:.2f} s | {cdx['peak_rss_mb']} MB (largest call) | {results['cdxgen_components']} |"
        )
        lines += [
            "",
            f"**Ratios (same run):** ospo is **{cdx['wall_s'] / ospo1['wall_s']:.1f}×** faster than cdxgen with one "
            f"process and **{cdx['wall_s'] / ospoj['wall_s']:.1f}×** with `--jobs {results['jobs']}`; its peak RSS is "
            f"{ospo1['peak_rss_mb']} MB against cdxgen's {cdx['peak_rss_mb']} MB "
            f"({cdx['peak_rss_mb'] / max(ospo1['peak_rss_mb'], 1):.1f}× less). In CPU time, which other load on the "
            f"machine does not inflate, ospo needs **{cdx['cpu_s'] / max(ospo1['cpu_s'], 1e-9):.1f}×** less than "
            "cdxgen. Targets: ≥ 20× faster, < 300 MB.",
        ]
        if cdx["failures"]:
            lines.append(f"\ncdxgen produced no SBOM for: {', '.join(cdx['failures'])}.")
    else:
        lines.append("\ncdxgen could not be installed (npm unavailable): no ratio this run.")
    if recall:
        lines += ["", "## Recall of `name@version` against cdxgen's reference SBOMs", "",
                  "Reference: `../shared/reference/cdxgen/` (cdxgen 12.8.4, offline). Only components to which "
                  "cdxgen gave a version count. Computed by `python bench/recall.py`.", "",
                  "| ecosystem | cdxgen (versioned) | ospo (pinned) | both | recall |", "|---|---|---|---|---|"]
        for eco, c in sorted(recall["per_ecosystem"].items()):
            r = c["both"] / c["cdxgen"] if c["cdxgen"] else float("nan")
            lines.append(f"| {eco} | {c['cdxgen']} | {c['ospo']} | {c['both']} | {r:.3f} |")
        lines += ["", "Every miss and every extra is explained below, per ecosystem, with the evidence from the files "
                  "(the same text as [`docs/recall-notes/`](recall-notes/)). Where cdxgen is wrong, the notes say so."]
        lines += _recall_notes()
    return "\n".join(lines) + "\n"


RECALL_NOTES = ("npm", "pypi", "maven", "golang", "cargo", "composer", "gem", "nuget", "other-ecosystems")


def _recall_notes() -> list[str]:
    """The per-ecosystem explanations, headings demoted one level to sit under this document's sections."""
    out: list[str] = []
    for name in RECALL_NOTES:
        path = ROOT / "docs" / "recall-notes" / f"{name}.md"
        if not path.exists():
            continue
        out.append("")
        for line in path.read_text(encoding="utf-8").splitlines():
            out.append("#" + line if line.startswith("#") else line)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--no-peers", action="store_true")
    ap.add_argument("--no-sections", action="store_true", help="only the inventory benchmark")
    ap.add_argument("--write", metavar="MARKDOWN")
    args = ap.parse_args()
    shared = Path(args.shared).resolve()
    repos = sorted(p for p in (shared / "corpus" / "repos").iterdir() if p.is_dir()) if shared.is_dir() else []
    if not repos:
        print("../shared/corpus/repos not found: nothing to benchmark", file=sys.stderr)
        return 0
    import ospo

    jobs = os.cpu_count() or 1
    results: dict = {"ospo_version": ospo.__version__, "jobs": jobs}
    with tempfile.TemporaryDirectory() as tmp:
        tmpd = Path(tmp)
        results["ospo_1"] = bench_ospo(repos, tmpd / "ospo1", 1, args.runs)
        results["ospo_j"] = bench_ospo(repos, tmpd / "ospoj", jobs, args.runs)
        results["ospo_components"] = count_components(tmpd / "ospo1")
        exe = None if args.no_peers else ensure_cdxgen()
        if exe:
            (tmpd / "cdx").mkdir()
            results["cdxgen"] = bench_cdxgen(exe, repos, tmpd / "cdx")
            results["cdxgen_components"] = count_components(tmpd / "cdx")
    from recall import compute

    recall = compute(shared)
    text = render(shared, repos, results, recall)
    if not args.no_sections:
        text += _sections(shared, args.no_peers)
    print(text)
    if args.write:
        Path(args.write).write_text(text + _appendix(), encoding="utf-8")
    return 0


# Other areas' benchmarks, each a function returning a markdown section (peers run in the same run).
SECTIONS = (
    ("license_peers", "license_section"),   # license identification vs ScanCode
    ("vuln_section", "vuln_section"),       # OSV import and matching of 100,000 components
    ("hygiene_section", "hygiene_section"),  # secrets history throughput, hygiene, publiccode conformance
    ("catalog_search", "catalog_section"),  # catalog search over 10,000 entries (p50/p95)
    ("programme_platform_bench", "programme_section"),  # KPIs, reports (HTML/PDF), readiness pre-fill
    ("platform_bench", "platform_section"),  # 1,000 repositories / 200,000 usages: ingest rate, page latency
)


def _sections(shared: Path, no_peers: bool) -> str:
    import importlib
    import inspect

    out = []
    for module_name, func_name in SECTIONS:
        try:
            func = getattr(importlib.import_module(module_name), func_name)
        except (ImportError, AttributeError):
            continue
        kwargs = {"peers": not no_peers} if "peers" in inspect.signature(func).parameters else {}
        print(f"bench: {module_name}.{func_name} ...", file=sys.stderr)
        out.append("\n" + func(shared, **kwargs).strip() + "\n")
    return "".join(out)


def _appendix() -> str:
    notes = ROOT / "docs" / "benchmarks-notes.md"
    return ("\n" + notes.read_text(encoding="utf-8")) if notes.exists() else ""


if __name__ == "__main__":
    sys.exit(main())
