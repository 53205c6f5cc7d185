"""Directory source: skip rules, symlinks that leave the tree, unreadable and huge files."""

from __future__ import annotations

import json
import os

import pytest

from ospo.engine import safeparse
from ospo.engine.api import ScanOptions, scan_input
from ospo.engine.sources.directory import DirectoryTree
from ospo.engine.sources.skip import SkipRules

from util import FIXTURES_NPM


@pytest.fixture
def repo(tmp_path):
    (tmp_path / "web").mkdir()
    (tmp_path / "web" / "package.json").write_bytes((FIXTURES_NPM / "package.json").read_bytes())
    (tmp_path / "web" / "package-lock.json").write_bytes((FIXTURES_NPM / "package-lock.json").read_bytes())
    nm = tmp_path / "web" / "node_modules" / "express"
    nm.mkdir(parents=True)
    (nm / "package.json").write_text(json.dumps({"name": "express", "dependencies": {"evil": "1.0.0"}}))
    fx = tmp_path / "test" / "fixtures"
    fx.mkdir(parents=True)
    (fx / "package.json").write_text(json.dumps({"dependencies": {"fixture-only": "1.0.0"}}))
    return tmp_path


def test_default_skips_node_modules_and_fixtures(repo):
    paths = DirectoryTree(repo).paths()
    assert paths == ["web/package-lock.json", "web/package.json"]


def test_skips_are_configurable(repo):
    rules = SkipRules().with_changes(remove=["fixtures"])
    assert "test/fixtures/package.json" in DirectoryTree(repo, rules).paths()
    result = scan_input(str(repo), ScanOptions(skip=rules))
    assert any(c.name == "fixture-only" for c in result.components)


def test_symlink_out_of_tree_is_neither_listed_nor_read(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    secret = outside / "package.json"
    secret.write_text(json.dumps({"dependencies": {"leaked": "1.0.0"}}))
    root = tmp_path / "repo"
    root.mkdir()
    os.symlink(secret, root / "package.json")
    os.symlink(outside, root / "linked-dir")
    tree = DirectoryTree(root)
    assert tree.paths() == []
    assert tree.read("package.json") is None
    assert tree.read("../outside/package.json") is None
    result = scan_input(str(root))
    assert result.components == []


def test_symlink_inside_tree_is_read(tmp_path):
    (tmp_path / "real.json").write_text("{}")
    os.symlink(tmp_path / "real.json", tmp_path / "package.json")
    assert DirectoryTree(tmp_path).read("package.json") == b"{}"


def test_huge_file_is_an_issue_and_the_scan_goes_on(tmp_path, monkeypatch):
    monkeypatch.setattr(safeparse, "MAX_FILE_BYTES", 10_000)
    monkeypatch.setattr("ospo.engine.sources.directory.MAX_FILE_BYTES", 10_000)
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "package-lock.json").write_bytes(b" " * 20_000)
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "package.json").write_text(json.dumps({"dependencies": {"ok": "1.0.0"}}))
    result = scan_input(str(tmp_path))
    assert [c.name for c in result.components] == ["ok"]
    issues = result.all_issues
    assert len(issues) == 1 and issues[0].path == "a/package-lock.json" and "too large" in issues[0].message


def test_missing_input_is_an_issue():
    result = scan_input("/nonexistent/ospo/input")
    assert result.components == [] and "not found" in result.issues[0].message
