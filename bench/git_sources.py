"""Time the git sources on a synthetic repository (offline): listing strategies, GitTree vs a checkout,
batched vs lazy blob fetch in a partial clone.

    python bench/git_sources.py [--files 20000] [--manifests 50] [--keep DIR]

The repository: ``--files`` source files in 200 directories, ``--manifests`` package.json files spread
over them plus a root package-lock.json, and a committed ``node_modules`` of ``--node-modules`` files (3,000; skipped).
Figures are medians of 7 warm runs (3 for clones).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from ospo.engine.scanner import scan_tree, wanted_files
from ospo.engine.sources.directory import DirectoryTree
from ospo.engine.sources.gitcmd import git_argv, git_env, run_git
from ospo.engine.sources.gitstore import GitTree
from ospo.engine.sources.remote import clone_partial, prefetch_blobs
from ospo.engine.sources.skip import SkipRules

ENV = {**os.environ, "GIT_AUTHOR_NAME": "b", "GIT_AUTHOR_EMAIL": "b@example.org", "GIT_COMMITTER_NAME": "b",
       "GIT_COMMITTER_EMAIL": "b@example.org"}
LOCK = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "npm" / "package-lock.json"


def build(root: Path, files: int, manifests: int, node_modules: int) -> None:
    subprocess.run(["git", "init", "-q", str(root)], check=True, env=ENV)
    dirs = 200
    for i in range(files):
        d = root / "src" / f"mod{i % dirs:03d}" / f"sub{(i // dirs) % 5}"
        d.mkdir(parents=True, exist_ok=True)
        (d / f"file{i}.py").write_text(f"# module {i}\nVALUE = {i}\n" * 5)
    for i in range(manifests):
        d = root / "src" / f"mod{i * dirs // manifests:03d}"
        deps = {f"dep{j}": f"^1.{j}.0" for j in range(20)}
        (d / "package.json").write_text(json.dumps({"name": f"m{i}", "dependencies": deps}, indent=2))
    (root / "package-lock.json").write_bytes(LOCK.read_bytes())
    nm = root / "node_modules"
    for i in range(node_modules):
        d = nm / f"pkg{i // 10}"
        d.mkdir(parents=True, exist_ok=True)
        (d / ("package.json" if i % 10 == 0 else f"f{i}.js")).write_text(json.dumps({"name": f"pkg{i // 10}"}))
    subprocess.run(["git", "add", "-A"], cwd=root, check=True, env=ENV)
    subprocess.run(["git", "commit", "-qm", "synthetic"], cwd=root, check=True, env=ENV)
    subprocess.run(["git", "config", "uploadpack.allowFilter", "true"], cwd=root, check=True)
    subprocess.run(["git", "config", "uploadpack.allowAnySHA1InWant", "true"], cwd=root, check=True)


def median_time(fn: Callable[[], object], runs: int = 7) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def walk_trees(git_dir: Path, skip: SkipRules) -> list[str]:
    """The alternative listing: read tree objects level by level through cat-file --batch, pruning skips."""
    oid_len = 20
    proc = subprocess.Popen(git_argv(git_dir, "cat-file", "--batch"), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            env=git_env())
    assert proc.stdin and proc.stdout
    out: list[str] = []
    level = [("", b"HEAD^{tree}")]
    while level:
        proc.stdin.write(b"".join(oid + b"\n" for _, oid in level))
        proc.stdin.flush()
        nxt = []
        for prefix, _ in level:
            size = int(proc.stdout.readline().split()[2])
            data = proc.stdout.read(size)
            proc.stdout.read(1)
            pos = 0
            while pos < len(data):
                sp = data.index(b" ", pos)
                nul = data.index(b"\0", sp)
                mode, name = data[pos:sp], os.fsdecode(data[sp + 1:nul])
                oid = data[nul + 1:nul + 1 + oid_len].hex().encode()
                pos = nul + 1 + oid_len
                path = f"{prefix}{name}"
                if mode == b"40000":
                    if not skip.skips_dir(name, path):
                        nxt.append((path + "/", oid))
                elif mode in (b"100644", b"100755"):
                    out.append(path)
        level = nxt
    proc.stdin.close()
    proc.wait()
    return sorted(out)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--files", type=int, default=20000)
    ap.add_argument("--manifests", type=int, default=50)
    ap.add_argument("--node-modules", type=int, default=3000)
    ap.add_argument("--keep")
    args = ap.parse_args()
    base = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="ospo-bench-"))
    repo = base / "repo"
    if not repo.exists():
        t = time.perf_counter()
        build(repo, args.files, args.manifests, args.node_modules)
        print(f"built {args.files + args.manifests + args.node_modules + 1} files in {time.perf_counter() - t:.1f} s")
    git_dir = repo / ".git"
    skip = SkipRules()

    def ls_tree(long: bool) -> None:
        run_git(git_dir, "ls-tree", "-r", "-z", "--full-tree", *(["--long"] if long else []), "HEAD")

    def git_paths() -> None:
        with GitTree(git_dir) as t:
            t.paths()

    def git_scan() -> None:
        with GitTree(git_dir) as t:
            scan_tree(t, "b", "b")

    n_paths = len(GitTree(git_dir).paths())
    assert walk_trees(git_dir, skip) == GitTree(git_dir).paths()
    rows = [
        ("ls-tree -r -z (process only)", median_time(lambda: ls_tree(False))),
        ("ls-tree -r -z --long (process only)", median_time(lambda: ls_tree(True))),
        ("reference tree walk (bench code, no rev-parse)", median_time(lambda: walk_trees(git_dir, skip))),
        ("GitTree.paths() (rev-parse + pruned tree walk)", median_time(git_paths)),
        ("DirectoryTree.paths() on the checkout", median_time(lambda: DirectoryTree(repo).paths())),
        ("full scan: GitTree", median_time(git_scan)),
        ("full scan: DirectoryTree", median_time(lambda: scan_tree(DirectoryTree(repo), "b", "b"))),
    ]
    print(f"{n_paths} paths listed after skips")
    for label, secs in rows:
        print(f"{label:48s} {secs * 1000:8.1f} ms")

    wanted = [p for p, _ in wanted_files(DirectoryTree(repo))]

    def read_all(tree: GitTree | DirectoryTree) -> None:
        for p in wanted:
            tree.read(p)

    def git_reads() -> float:
        with GitTree(git_dir) as t:
            t.paths()
            started = time.perf_counter()
            read_all(t)
            return time.perf_counter() - started

    rows = [
        (f"read {len(wanted)} wanted files: GitTree (one cat-file)", statistics.median(git_reads() for _ in range(7))),
        (f"read {len(wanted)} wanted files: DirectoryTree", median_time(lambda: read_all(DirectoryTree(repo)))),
    ]
    for label, secs in rows:
        print(f"{label:48s} {secs * 1000:8.1f} ms")

    url = repo.as_uri()
    for batched in (True, False):
        clone_s, fetch_s, read_s = [], [], []
        for _ in range(3):
            with tempfile.TemporaryDirectory() as tmp:
                dest = Path(tmp) / "c.git"
                t0 = time.perf_counter()
                rev = clone_partial(url, dest, None)
                t1 = time.perf_counter()
                with GitTree(dest, rev) as tree:
                    oids = [o for p in wanted if (o := tree.blob_id(p))]
                    if batched:
                        prefetch_blobs(dest, oids)
                    t2 = time.perf_counter()
                    read_all(tree)
                    t3 = time.perf_counter()
            clone_s.append(t1 - t0)
            fetch_s.append(t2 - t1)
            read_s.append(t3 - t2)
        how = "batched fetch" if batched else "lazy fetch   "
        print(f"partial clone {statistics.median(clone_s) * 1000:7.1f} ms; {how} + read {len(wanted)} blobs: "
              f"{(statistics.median(fetch_s) + statistics.median(read_s)) * 1000:7.1f} ms")

if __name__ == "__main__":
    main()
