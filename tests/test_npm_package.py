"""package.json and package-lock.json (v1, v3) extraction."""

from __future__ import annotations

import json

from ospo.engine.model import Scope
from ospo.engine.scanner import scan_tree
from ospo.engine.sources.memory import MemoryTree

from fuzzing import fuzz, json_documents
from util import FIXTURES_NPM, by_name, run_extractor

PKG = (FIXTURES_NPM / "package.json").read_bytes()
LOCK3 = (FIXTURES_NPM / "package-lock.json").read_bytes()
LOCK1 = (FIXTURES_NPM / "package-lock-v1.json").read_bytes()


def test_package_json_declares_ranges_unpinned_and_exact_pinned():
    fr = run_extractor("npm-package-json", "package.json", PKG)
    comps = by_name(fr)
    assert fr.root == "pkg:npm/%40gov/portal@2.0.0"
    assert comps["express"][0].pinned is False and comps["express"][0].version == "^4.18.2"
    assert comps["express"][0].purl == "pkg:npm/express"
    assert comps["left-pad"][0].pinned and comps["left-pad"][0].purl == "pkg:npm/left-pad@1.3.0"
    # alias resolves to the real package, workspace/file specs are first-party and skipped
    assert comps["lodash"][0].properties["npm:alias"] == "my-lodash"
    assert "internal" not in comps and "local-lib" not in comps
    assert comps["forked"][0].properties["source"] == "github:gov/forked#abc123"
    assert comps["jest"][0].scope is Scope.DEVELOPMENT
    assert comps["fsevents"][0].scope is Scope.OPTIONAL
    assert comps["express"][0].location.line == 6


def test_lock_v3_versions_scopes_hashes_edges():
    fr = run_extractor("npm-package-lock", "package-lock.json", LOCK3)
    comps = by_name(fr)
    assert sorted(c.version for c in comps["ms"]) == ["2.0.0", "2.1.3"]
    express = comps["express"][0]
    assert express.direct is True and express.license == "MIT"
    assert express.hashes[0][0] == "SHA-512" and len(express.hashes[0][1]) == 128
    assert comps["jest"][0].scope is Scope.DEVELOPMENT and comps["jest"][0].direct is True
    assert comps["debug"][0].direct is False
    assert comps["lodash"][0].purl == "pkg:npm/lodash@4.17.21"
    assert "internal" not in comps  # workspace link
    edges = {(e.source, e.target) for e in fr.edges}
    # debug's own nested ms@2.0.0 wins over the hoisted ms@2.1.3 (Node resolution)
    assert ("pkg:npm/debug@2.6.9", "pkg:npm/ms@2.0.0") in edges
    assert ("pkg:npm/jest@29.7.0", "pkg:npm/ms@2.1.3") in edges
    assert ("pkg:npm/%40gov/portal@2.0.0", "pkg:npm/express@4.18.2") in edges
    assert express.location.line == 19


def test_lock_v1_nested_resolution():
    fr = run_extractor("npm-package-lock", "package-lock.json", LOCK1)
    comps = by_name(fr)
    assert sorted(c.version for c in comps["b"]) == ["2.1.0", "3.0.0"]
    assert comps["a"][0].hashes == [("SHA-1", "da3997d6bc824b6480837201e5004161d00ab467")]
    edges = {(e.source, e.target) for e in fr.edges}
    assert ("pkg:npm/a@1.0.0", "pkg:npm/b@2.1.0") in edges


def test_merge_manifest_into_lock_keeps_direct_and_drops_ranges():
    result = scan_tree(MemoryTree({"package.json": PKG, "package-lock.json": LOCK3}), "t", "mem")
    purls = {c.purl for c in result.components}
    assert "pkg:npm/express" not in purls and "pkg:npm/express@4.18.2" in purls
    # react is only a peer range, never locked: kept as unpinned so nothing declared is lost
    assert "pkg:npm/react" in purls
    express = next(c for c in result.components if c.purl == "pkg:npm/express@4.18.2")
    assert express.direct is True and len(express.locations) == 2


def test_bad_lockfiles_are_issues_not_crashes():
    for bad in (b"{", b"[]", b"\x00\x01binary", json.dumps({"x": 1}).encode(), b"[" * 100_000):
        fr = run_extractor("npm-package-lock", "package-lock.json", bad)
        assert fr.components == [] and fr.issues, bad[:20]
        assert "internal error" not in fr.issues[0].message


test_fuzz_package_json = fuzz("npm-package-json", "package.json", [PKG], json_documents(json.loads(PKG)))
test_fuzz_package_lock = fuzz("npm-package-lock", "package-lock.json", [LOCK3, LOCK1],
                              json_documents(json.loads(LOCK3)))
