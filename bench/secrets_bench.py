"""Secrets scanning speed: whole-history throughput (commits/s) on a generated repository, and tree-scan files/s
on the corpus; optionally detect-secrets on the same corpus in the same run.

    python bench/secrets_bench.py [--commits 5000] [--files 400] [--keep DIR] [--peers]

The repository is written with ``git fast-import`` (seconds, not minutes): ``--files`` source-like text files
(~60 lines each) in 40 directories; each commit rewrites 1-3 of them (a few changed lines), every 250th commit adds
a fake credential and the next one removes it, every 100th adds a small binary. ``--peers`` installs
detect-secrets into ``bench-peers/detect-secrets`` (pip) and runs ``detect-secrets scan --all-files`` on the corpus.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ospo.engine.secrets import scan_path
from ospo.engine.secrets.detectors import github_checksum
from ospo.engine.secrets.textscan import LOCKFILE

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(os.environ.get("OSPO_SHARED", ROOT.parent / "shared")) / "corpus" / "repos"
WORDS = ("value", "config", "handler", "request", "result", "index", "module", "service", "client", "record",
         "items", "update", "render", "parse", "buffer", "status", "error", "logger", "context", "payload")


def _line(rng: random.Random) -> str:
    w = rng.sample(WORDS, 4)
    return f"    {w[0]}_{w[1]} = {w[2]}.{w[3]}({rng.randint(0, 9999)})  # {rng.choice(WORDS)}\n"


def _token(rng: random.Random) -> str:
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
    body = "".join(rng.choice(alphabet) for _ in range(30))
    return "ghp_" + body + github_checksum(body)


def build(root: Path, commits: int, files: int) -> None:
    """One fast-import stream: blobs inline, one commit per step on main, a side branch every 500 commits."""
    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True)
    rng = random.Random(42)
    contents = {f"src/d{i % 40:02d}/f{i:04d}.py": [_line(rng) for _ in range(60)] for i in range(files)}
    paths = list(contents)
    out: list[bytes] = []

    def data(b: bytes) -> None:
        out.append(b"data %d\n" % len(b) + b + b"\n")

    when = 1_600_000_000
    for n in range(commits):
        out.append(b"commit refs/heads/main\n")
        out.append(b"committer Bench <b@example.org> %d +0000\n" % (when + n * 60))
        data(f"commit {n}".encode())
        if n == 0:
            changed = paths
        else:
            changed = rng.sample(paths, rng.randint(1, 3))
            for p in changed:
                lines = contents[p]
                for _ in range(3):
                    lines[rng.randrange(len(lines))] = _line(rng)
        for p in changed:
            text = "".join(contents[p])
            out.append(f"M 100644 inline {p}\n".encode())
            data(text.encode())
        if n % 250 == 1:
            out.append(b"M 100644 inline conf/secret.env\n")
            data(f"GITHUB_TOKEN={_token(rng)}\n".encode())
        elif n % 250 == 2:
            out.append(b"D conf/secret.env\n")
        if n % 100 == 5:
            out.append(f"M 100644 inline assets/img{n}.bin\n".encode())
            data(b"\x89PNG\r\n\x1a\n\0\0" + rng.randbytes(2048))
        out.append(b"\n")
    subprocess.run(["git", "-C", str(root), "fast-import", "--quiet"], input=b"".join(out), check=True)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    return f"{cpu}, {os.cpu_count()} CPUs{mem}, Python {platform.python_version()}, {platform.system()}"


def bench_history(commits: int, files: int, keep: str | None) -> None:
    tmp = Path(keep) if keep else Path(tempfile.mkdtemp(prefix="ospo-secrets-bench-"))
    repo = tmp / "repo"
    try:
        if not (repo / ".git").exists():
            t = time.perf_counter()
            build(repo, commits, files)
            took = time.perf_counter() - t
            print(f"generated {commits} commits x {files} files with git fast-import in {took:.1f} s")
        runs = []
        for _ in range(3):
            t = time.perf_counter()
            r = scan_path(repo, history=True, personal=True)
            runs.append(time.perf_counter() - t)
        best = min(runs)
        print(f"history scan: {r.commits} commits, {r.files_scanned} distinct blobs scanned, {r.skipped_binary} binary "
              f"skipped, {len(r.findings)} findings; best of 3: {best:.2f} s = {r.commits / best:,.0f} commits/s, "
              f"{r.files_scanned / best:,.0f} blobs/s")
    finally:
        if not keep:
            shutil.rmtree(tmp, ignore_errors=True)


def bench_corpus() -> Path | None:
    if not CORPUS.is_dir():
        print("corpus: ../shared/corpus/repos not present, skipped")
        return None
    repos = sorted(p for p in CORPUS.iterdir() if p.is_dir())
    runs = []
    for _ in range(3):
        t = time.perf_counter()
        reports = [scan_path(p) for p in repos]
        runs.append(time.perf_counter() - t)
    files = sum(r.files_scanned + r.skipped_binary + r.skipped_large for r in reports)
    nbytes = sum(f.stat().st_size for p in repos for f in p.rglob("*") if f.is_file())
    best = min(runs)
    print(f"tree scan of the corpus: {files} files, {nbytes / 1e6:.1f} MB in {len(repos)} repositories; best of 3: "
          f"{best:.2f} s = {files / best:,.0f} files/s, {nbytes / 1e6 / best:.1f} MB/s; "
          f"{sum(len(r.findings) for r in reports)} findings")
    return CORPUS


def bench_peer(corpus: Path) -> None:
    venv = ROOT / "bench-peers" / "detect-secrets"
    exe = venv / "bin" / "detect-secrets"
    if not exe.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(venv / "bin" / "pip"), "install", "-q", "detect-secrets==1.5.0"], check=True)
    t = time.perf_counter()
    # Run from inside the corpus on ".": given an outside path, detect-secrets 1.5 silently scans nothing.
    proc = subprocess.run([str(exe), "scan", "--all-files", "."], capture_output=True, text=True, check=False,
                          cwd=corpus)
    took = time.perf_counter() - t
    import json

    try:
        results = json.loads(proc.stdout).get("results", {})
        n = sum(len(v) for v in results.values())
        lock = sum(len(v) for k, v in results.items() if LOCKFILE.search(k))
    except ValueError:
        n = lock = -1
    print(f"detect-secrets 1.5.0 scan --all-files on the corpus: {took:.2f} s, {n} findings ({lock} in lockfiles)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--commits", type=int, default=5000)
    ap.add_argument("--files", type=int, default=400)
    ap.add_argument("--keep", help="build (or reuse) the repository under this directory")
    ap.add_argument("--peers", action="store_true", help="also run detect-secrets on the corpus")
    args = ap.parse_args()
    git = subprocess.run(["git", "--version"], capture_output=True, text=True, check=False).stdout.split()[-1]
    print(f"machine: {machine()}; git {git}")
    bench_history(args.commits, args.files, args.keep)
    corpus = bench_corpus()
    if args.peers and corpus is not None:
        bench_peer(corpus)


if __name__ == "__main__":
    main()
