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


def history_figures(commits: int = 5000, files: int = 400, keep: str | None = None, runs: int = 3) -> dict:
    """Build (or reuse under ``keep``) the generated repository and scan its whole history ``runs`` times."""
    tmp = Path(keep) if keep else Path(tempfile.mkdtemp(prefix="ospo-secrets-bench-"))
    repo = tmp / "repo"
    try:
        built = None
        if not (repo / ".git").exists():
            t = time.perf_counter()
            build(repo, commits, files)
            built = time.perf_counter() - t
        walls = []
        for _ in range(runs):
            t = time.perf_counter()
            r = scan_path(repo, history=True, personal=True)
            walls.append(time.perf_counter() - t)
        best = min(walls)
        planted = sum(1 for n in range(commits) if n % 250 == 1)
        found = len({f.commit for f in r.findings if f.kind == "github-token"})
        return {"commits": r.commits, "files": files, "blobs": r.files_scanned, "binary": r.skipped_binary,
                "findings": len(r.findings), "planted": planted, "planted_found": found, "best_s": best,
                "walls": walls, "commits_per_s": r.commits / best, "blobs_per_s": r.files_scanned / best,
                "generated_s": built}
    finally:
        if not keep:
            shutil.rmtree(tmp, ignore_errors=True)


def corpus_figures(corpus: Path = CORPUS, runs: int = 3) -> dict | None:
    """Tree scan of every corpus repository (best of ``runs``); None without the corpus."""
    if not corpus.is_dir():
        return None
    repos = sorted(p for p in corpus.iterdir() if p.is_dir())
    walls = []
    for _ in range(runs):
        t = time.perf_counter()
        reports = [scan_path(p) for p in repos]
        walls.append(time.perf_counter() - t)
    files = sum(r.files_scanned + r.skipped_binary + r.skipped_large for r in reports)
    nbytes = sum(f.stat().st_size for p in repos for f in p.rglob("*") if f.is_file())
    best = min(walls)
    findings = [(r.name, f.path, f.line, f.kind) for r in reports for f in r.findings]
    return {"repos": len(repos), "files": files, "mb": nbytes / 1e6, "best_s": best, "walls": walls,
            "files_per_s": files / best, "mb_per_s": nbytes / 1e6 / best, "findings": findings}


PEER_VERSION = "1.5.0"


def ensure_peer(timeout: float = 180) -> Path | None:
    """detect-secrets in ``bench-peers/detect-secrets`` (pip, pinned); None when it cannot be installed in time."""
    venv = ROOT / "bench-peers" / "detect-secrets"
    exe = venv / "bin" / "detect-secrets"
    if exe.exists():
        return exe
    try:
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=timeout)
        subprocess.run([str(venv / "bin" / "pip"), "install", "-q", f"detect-secrets=={PEER_VERSION}"], check=True,
                       timeout=timeout)
    except (OSError, subprocess.SubprocessError):
        return None
    return exe if exe.exists() else None


def peer_figures(corpus: Path, exe: Path | None = None) -> dict | None:
    """``detect-secrets scan --all-files`` on the corpus, one process, timed; None when it is not installed."""
    exe = exe or ensure_peer()
    if exe is None:
        return None
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
        files = len(results)
    except ValueError:
        n = lock = files = -1
    return {"version": PEER_VERSION, "wall_s": took, "findings": n, "in_lockfiles": lock, "files_with_findings": files}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--commits", type=int, default=5000)
    ap.add_argument("--files", type=int, default=400)
    ap.add_argument("--keep", help="build (or reuse) the repository under this directory")
    ap.add_argument("--peers", action="store_true", help="also run detect-secrets on the corpus")
    args = ap.parse_args()
    git = subprocess.run(["git", "--version"], capture_output=True, text=True, check=False).stdout.split()[-1]
    print(f"machine: {machine()}; git {git}")
    h = history_figures(args.commits, args.files, args.keep)
    if h["generated_s"] is not None:
        print(f"generated {args.commits} commits x {args.files} files with git fast-import in {h['generated_s']:.1f} s")
    print(f"history scan: {h['commits']} commits, {h['blobs']} distinct blobs scanned, {h['binary']} binary skipped, "
          f"{h['findings']} findings ({h['planted_found']}/{h['planted']} planted tokens); best of 3: "
          f"{h['best_s']:.2f} s = {h['commits_per_s']:,.0f} commits/s, {h['blobs_per_s']:,.0f} blobs/s")
    c = corpus_figures()
    if c is None:
        print("corpus: ../shared/corpus/repos not present, skipped")
        return
    print(f"tree scan of the corpus: {c['files']} files, {c['mb']:.1f} MB in {c['repos']} repositories; best of 3: "
          f"{c['best_s']:.2f} s = {c['files_per_s']:,.0f} files/s, {c['mb_per_s']:.1f} MB/s; "
          f"{len(c['findings'])} findings")
    if args.peers:
        p = peer_figures(CORPUS)
        if p is None:
            print("detect-secrets could not be installed: no peer figures")
        else:
            print(f"detect-secrets {p['version']} scan --all-files on the corpus: {p['wall_s']:.2f} s, "
                  f"{p['findings']} findings ({p['in_lockfiles']} in lockfiles)")


if __name__ == "__main__":
    main()
