"""Time declared_license over the corpus repositories and enrich+notice (offline) per repository; print figures.

Usage: .venv/bin/python bench/license_declared_bench.py [CORPUS_REPOS_DIR]
"""

from __future__ import annotations

import resource
import sys
import tempfile
import time
from pathlib import Path

from ospo.engine.licenses.declared import declared_license
from ospo.engine.licenses.enrich import enrich_licenses
from ospo.engine.licenses.knowledge import KnowledgeCache
from ospo.engine.licenses.notice import build_notice, render
from ospo.engine.scanner import scan_tree
from ospo.engine.sources.directory import DirectoryTree


def main() -> int:
    root = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "shared/corpus/repos")
    repos = sorted(p for p in root.iterdir() if p.is_dir())
    declared_s = notice_s = 0.0
    components = 0
    with tempfile.TemporaryDirectory() as tmp, KnowledgeCache(Path(tmp) / "k.sqlite") as cache:
        declared_license(DirectoryTree(repos[0]))  # load the identification index once, outside the timing
        for repo in repos:
            tree = DirectoryTree(repo)
            scan = scan_tree(tree, repo.name, str(repo))
            t0 = time.perf_counter()
            declared_license(tree, scan)
            t1 = time.perf_counter()
            enrich_licenses(scan, cache, online=False)
            render(build_notice([scan]), "text")
            t2 = time.perf_counter()
            declared_s += t1 - t0
            notice_s += t2 - t1
            components += len(scan.components)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"repositories: {len(repos)}")
    print(f"declared_license: {declared_s:.2f} s total, {declared_s / len(repos) * 1000:.1f} ms/repo")
    print(f"enrich (offline) + notice: {notice_s:.2f} s for {components} components "
          f"({components / notice_s:,.0f} components/s)")
    print(f"peak RSS: {rss:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
