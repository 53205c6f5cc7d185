"""Every Go, Cargo and Composer file of the shared corpus is read without an internal error."""

from __future__ import annotations

from ospo.engine.ecosystems import extractor_named
from ospo.engine.scanner import extract_file
from ospo.engine.sources.directory import DirectoryTree

NAMES = ("golang-go-mod", "golang-go-sum", "golang-go-work", "cargo-lock", "cargo-toml", "composer-lock",
         "composer-json")


def test_corpus_files_parse_cleanly(corpus_repos):
    extractors = [extractor_named(n) for n in NAMES]
    seen = 0
    for repo in sorted(p for p in corpus_repos.iterdir() if p.is_dir()):
        tree = DirectoryTree(str(repo))
        for path in tree.paths():
            for ex in extractors:
                if ex.wants(path):
                    fr = extract_file(ex, path, tree.read(path), tree)
                    seen += 1
                    assert not [i for i in fr.issues if i.severity == "error"], (repo.name, path, fr.issues)
    assert seen > 0
