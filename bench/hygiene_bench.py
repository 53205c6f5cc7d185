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


def corpus_figures(corpus: Path = CORPUS) -> dict | None:
    """Every check on every corpus repository, in-process; None without the corpus."""
    if not corpus.is_dir():
        return None
    repos = sorted(p for p in corpus.iterdir() if p.is_dir())
    start = time.perf_counter()
    reports = [hygiene(str(repo), Options()) for repo in repos]
    took = time.perf_counter() - start
    raised = [(r.name, c.id) for r in reports for c in r.checks if "internal error" in c.summary]
    return {"repos": len(repos), "wall_s": took, "checks": sum(len(r.checks) for r in reports), "raised": raised,
            "issues": sum(len(r.issues) for r in reports)}


def history_figures(commits: int = 5000) -> dict:
    """The six history checks, then every check, on a generated repository of ``commits`` commits."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "gen"
        generate(root, commits)
        start = time.perf_counter()
        report = hygiene(str(root), Options(max_commits=commits), only=HISTORY)
        took = time.perf_counter() - start
        start = time.perf_counter()
        hygiene(str(root), Options(max_commits=commits))
        every = time.perf_counter() - start
    raised = [c.id for c in report.checks if "internal error" in c.summary]
    return {"commits": commits, "wall_s": took, "commits_per_s": commits / took, "all_checks_s": every,
            "raised": raised}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--commits", type=int, default=5000)
    args = ap.parse_args()
    c = corpus_figures()
    if c is not None:
        print(f"corpus: {c['repos']} repositories, every check, {c['wall_s']:.2f} s "
              f"({c['wall_s'] / c['repos'] * 1000:.0f} ms each); checks that raised: {len(c['raised'])}")
    h = history_figures(args.commits)
    print(f"history: {h['commits']} commits, 6 history checks, {h['wall_s']:.2f} s "
          f"({h['commits_per_s']:,.0f} commits/s, one git log + one for-each-ref)")
    print(f"all checks on the generated repository: {h['all_checks_s']:.2f} s")
    assert not h["raised"], h["raised"]


if __name__ == "__main__":
    main()
