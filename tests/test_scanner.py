"""The scanner offers each path to exactly the extractors that want it, and survives extractor bugs."""

from __future__ import annotations

from ospo.engine.ecosystems import all_extractors
from ospo.engine.ecosystems.base import Extractor
from ospo.engine.scanner import extract_file, scan_tree, wanted_files
from ospo.engine.sources.directory import DirectoryTree
from ospo.engine.sources.memory import MemoryTree

PATHS = [
    "package.json", "web/package-lock.json", "a/yarn.lock", "requirements.txt", "requirements/dev.txt",
    "app.csproj", "src/App/App.fsproj", "pom.xml", "mod/pom.xml", "build.gradle.kts", "gradle/libs.versions.toml",
    "go.mod", "go.sum", "Cargo.lock", "composer.json", "Gemfile.lock", "x.gemspec", "Dockerfile", "Dockerfile.prod",
    ".github/workflows/ci.yml", "docker-compose.yml", "README.md", "src/main.py", "LICENSE", "environment.yml",
]


def brute_force(tree):
    return [(p, ex) for p in tree.paths() for ex in all_extractors() if ex.wants(p)]


def test_index_gives_the_same_pairs_as_asking_every_extractor():
    tree = MemoryTree(dict.fromkeys(PATHS, b""))
    fast = [(p, ex.name) for p, ex in wanted_files(tree)]
    slow = [(p, ex.name) for p, ex in brute_force(tree)]
    assert fast == slow
    assert ("README.md", "npm-package-json") not in fast and ("package.json", "npm-package-json") in fast


def test_index_matches_brute_force_on_the_corpus(corpus_repos):
    for repo in sorted(corpus_repos.iterdir())[:12]:
        if repo.is_dir():
            tree = DirectoryTree(repo)
            assert [(p, e.name) for p, e in wanted_files(tree)] == [(p, e.name) for p, e in brute_force(tree)]


class Boom(Extractor):
    name = "boom"
    ecosystem = "npm"
    filenames = frozenset({"package.json"})

    def extract(self, path, data, tree):
        raise KeyError("bug")


def test_an_extractor_bug_costs_one_file_not_the_scan():
    tree = MemoryTree({"package.json": b"{}"})
    fr = extract_file(Boom(), "package.json", b"{}", tree)
    assert fr.components == [] and "internal error in boom: KeyError" in fr.issues[0].message
    result = scan_tree(tree, "t", "mem", extractors=(Boom(), *all_extractors()))
    assert any("internal error in boom" in i.message for i in result.all_issues)


def test_tree_hash_changes_only_with_read_files():
    base = {"package.json": b'{"dependencies": {"a": "1.0.0"}}', "README.md": b"x"}
    h1 = scan_tree(MemoryTree(base), "t", "m").tree_hash
    assert h1 == scan_tree(MemoryTree(dict(base)), "t", "m").tree_hash
    assert h1 == scan_tree(MemoryTree({**base, "README.md": b"changed"}), "t", "m").tree_hash  # not read
    assert h1 != scan_tree(MemoryTree({**base, "package.json": b"{}"}), "t", "m").tree_hash
    assert h1 != scan_tree(MemoryTree({**base, "sub/package.json": b"{}"}), "t", "m").tree_hash
