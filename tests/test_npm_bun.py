"""bun.lock (JSONC text lockfile) and bun.lockb (binary, reported only)."""

from __future__ import annotations

import json

from ospo.engine.ecosystems.npm.bun import jsonc_to_json
from ospo.engine.model import Scope

from fuzzing import fuzz, json_documents
from util import FIXTURES_NPM, assert_no_internal_errors, by_name, run_extractor

LOCK = (FIXTURES_NPM / "bun" / "bun.lock").read_bytes()


def _run(data: bytes, others=None):
    return run_extractor("npm-bun-lock", "bun.lock", data, others)


def test_jsonc_trailing_commas_and_comments_removed_but_strings_untouched():
    text = '{"a": "x,]", // note\n "b": [1, 2,], /* c */ "u": "http://x//y",}'
    assert json.loads(jsonc_to_json(text)) == {"a": "x,]", "b": [1, 2], "u": "http://x//y"}


def test_registry_packages_versions_hashes_lines():
    fr = _run(LOCK)
    assert fr.issues == [] and fr.root == "pkg:npm/gov-registry"
    comps = by_name(fr)
    assert comps["next"][0].purl == "pkg:npm/next@15.1.0" and comps["next"][0].location.line == 55
    assert comps["next"][0].hashes[0][0] == "SHA-512" and len(comps["next"][0].hashes[0][1]) == 128
    assert comps["clsx"][0].properties["registry"] == "https://npm.example.gov/"
    assert sorted(c.version for c in comps["ajv"]) == ["6.12.6", "8.17.1"]  # nested copies collapse per version
    assert "@gov/ui" not in comps  # workspace member


def test_git_dependency_pinned_by_commit():
    icons = by_name(_run(LOCK))["gov-icons"][0]
    assert icons.version == "4e5f6a7" and icons.properties["source"] == "github:gov/icons#4e5f6a7"
    assert "vcs_url=" in icons.purl


def test_scopes_direct_and_nested_resolution():
    fr = _run(LOCK)
    comps = by_name(fr)
    assert comps["typescript"][0].scope is Scope.DEVELOPMENT and comps["typescript"][0].direct is True
    assert comps["fsevents"][0].scope is Scope.OPTIONAL
    assert comps["clsx"][0].direct is True  # direct dependency of the packages/ui member
    assert comps["fast-uri"][0].direct is False
    edges = {(e.source, e.target) for e in fr.edges}
    # ajv-formats gets its own nested ajv@8, the root gets the hoisted ajv@6
    assert ("pkg:npm/ajv-formats@3.0.1", "pkg:npm/ajv@8.17.1") in edges
    assert ("pkg:npm/gov-registry", "pkg:npm/ajv@6.12.6") in edges
    assert ("pkg:npm/ajv@8.17.1", "pkg:npm/fast-uri@3.0.3") in edges


def test_bad_bun_locks_are_issues_not_crashes():
    for bad in (b"{", b"[]", b"\x00\x01", b'{"lockfileVersion": 1, "packages": {"x": 3, "y": [], "z": [7]}}',
                b'{"lockfileVersion": 1, "packages": {"a": ["@"]}, "workspaces": {"": 5}}'):
        fr = _run(bad)
        assert_no_internal_errors(fr)
        assert fr.components == []
        assert fr.issues


def test_binary_lockb_warns_unless_text_lock_beside_it():
    fr = run_extractor("npm-bun-lockb", "app/bun.lockb", b"#!/usr/bin/env bun\nbun-lockfile-format-v0\n\x00\x01")
    assert fr.components == [] and fr.issues[0].severity == "warning" and "binary" in fr.issues[0].message
    fr = run_extractor("npm-bun-lockb", "app/bun.lockb", b"\x00\x01", {"app/bun.lock": LOCK})
    assert fr.issues == []


test_fuzz_bun_lock = fuzz("npm-bun-lock", "bun.lock", [LOCK],
                          json_documents(json.loads(jsonc_to_json(LOCK.decode()))))
test_fuzz_bun_lockb = fuzz("npm-bun-lockb", "bun.lockb", [b"\x00\x01bun"])
