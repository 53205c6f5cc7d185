"""Hygiene speed: the whole corpus (every check), and the history checks on a generated repository.

    .venv/bin/python bench/hygiene_bench.py [--commits 5000]

Prints figures; the repository is generated with ``git fast-import`` (one process) in a temporary directory.
"""

from __future__ import annotations

import argparse
import subprocess
import tempfile
import time
from pathlib import Path

from ospo.engine.hygiene.context import Options
from ospo.engine.hygiene.runner import hygiene

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "repos"
HISTORY = {"maintained", "contributors", "bus-factor", "code-review", "dco", "signed"}


def generate(root: Path, commits: int) -> None:
    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True)
    lines = []
    t0 = 1_700_000_000
    for i in range(commits):
        author = f"dev{i % 17} <dev{i % 17}@org{i % 5}.gov>"
        msg = f"change {i}\n\nSigned-off-by: {author}\n".encode()
        data = f"line {i}\n".encode()
        lines.append(b"commit refs/heads/main\n")
        lines.append(f"author {author} {t0 + i * 600} +0000\ncommitter {author} {t0 + i * 600} +0000\n".encode())
        lines.append(b"data %d\n" % len(msg) + msg)
        lines.append(b"M 100644 inline f%d.txt\ndata %d\n" % (i % 50, len(data)) + data + b"\n")
    subprocess.run(["git", "fast-import", "--quiet"], cwd=root, input=b"".join(lines), check=True)
    subprocess.run(["git", "checkout", "-q", "main"], cwd=root, check=True)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--commits", type=int, default=5000)
    args = ap.parse_args()
    if CORPUS.is_dir():
        repos = sorted(p for p in CORPUS.iterdir() if p.is_dir())
        start = time.perf_counter()
        for repo in repos:
            hygiene(str(repo), Options())
        took = time.perf_counter() - start
        print(f"corpus: {len(repos)} repositories, every check, {took:.2f} s ({took / len(repos) * 1000:.0f} ms each)")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "gen"
        generate(root, args.commits)
        start = time.perf_counter()
        report = hygiene(str(root), Options(max_commits=args.commits), only=HISTORY)
        took = time.perf_counter() - start
        print(f"history: {args.commits} commits, 6 history checks, {took:.2f} s "
              f"({args.commits / took:,.0f} commits/s, one git log + one for-each-ref)")
        start = time.perf_counter()
        hygiene(str(root), Options(max_commits=args.commits))
        print(f"all checks on the generated repository: {time.perf_counter() - start:.2f} s")
        assert not any("internal error" in c.summary for c in report.checks), report.checks


if __name__ == "__main__":
    main()
