"""Helpers for tests: run one extractor on in-memory files; run git in a test repository."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from ospo.engine.ecosystems import extractor_named
from ospo.engine.model import FileResult
from ospo.engine.scanner import extract_file
from ospo.engine.sources.memory import MemoryTree


def run_extractor(name: str, path: str, content: str | bytes, others: dict[str, str | bytes] | None = None,
                  ) -> FileResult:
    """Run the named extractor on ``content`` at ``path``; ``others`` are sibling files in the tree."""
    files = {path: content, **(others or {})}
    tree = MemoryTree(files)
    ex = extractor_named(name)
    data = tree.read(path)
    return extract_file(ex, path, data, tree)


def by_name(fr: FileResult) -> dict[str, list]:
    out: dict[str, list] = {}
    for c in fr.components:
        out.setdefault(c.name, []).append(c)
    return out


def assert_no_internal_errors(fr: FileResult) -> None:
    bad = [i for i in fr.issues if "internal error" in i.message]
    assert not bad, bad


FIXTURES = Path(__file__).resolve().parent / "fixtures"
FIXTURES_NPM = FIXTURES / "npm"
# Import paths from here, never from conftest: several conftest.py files exist and "conftest" is ambiguous.
ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(__import__("os").environ.get("OSPO_SHARED", ROOT.parent / "shared"))
CORPUS_REPOS = SHARED / "corpus" / "repos"


# git for test repositories: no system or user configuration, a fixed identity.
GIT_TEST_ENV = {
    **os.environ,
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_AUTHOR_NAME": "Ana",
    "GIT_AUTHOR_EMAIL": "ana@agency.gov.example",
    "GIT_COMMITTER_NAME": "Ana",
    "GIT_COMMITTER_EMAIL": "ana@agency.gov.example",
}


def git(cwd: Path, *args: str) -> str:
    """Run git in ``cwd`` (a work tree or a bare repository) and return its stdout; fail the test on an error."""
    return subprocess.run(["git", *args], cwd=cwd, env=GIT_TEST_ENV, capture_output=True, check=True, text=True).stdout
