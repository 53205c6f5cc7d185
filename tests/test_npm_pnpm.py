"""pnpm-lock.yaml 5.x, 6.0 and 9.0: key spellings, peer variants, dev/optional flags, importers, edges."""

from __future__ import annotations

import json

from ospo.engine.model import Scope

from fuzzing import fuzz
from util import FIXTURES_NPM, assert_no_internal_errors, by_name, run_extractor

PNPM = FIXTURES_NPM / "pnpm"
V5 = (PNPM / "pnpm-lock-v5.yaml").read_bytes()
V6 = (PNPM / "pnpm-lock-v6.yaml").read_bytes()
V9 = (PNPM / "pnpm-lock-v9.yaml").read_bytes()


def _run(data: bytes, others=None):
    return run_extractor("npm-pnpm-lock", "pnpm-lock.yaml", data, others)


def _edges(fr):
    return {(e.source, e.target) for e in fr.edges}


def test_v5_slash_keys_peer_suffix_dev_flags_and_git():
    fr = _run(V5)
    assert fr.issues == []
    comps = by_name(fr)
    loader = comps["babel-loader"][0]
    assert loader.purl == "pkg:npm/babel-loader@9.1.0"  # "_@babel+core@7.20.5" peer suffix dropped
    assert loader.scope is Scope.DEVELOPMENT and loader.direct is True and loader.location.line == 30
    assert comps["@babel/core"][0].purl == "pkg:npm/%40babel/core@7.20.5"
    assert comps["fsevents"][0].scope is Scope.OPTIONAL
    assert comps["react"][0].scope is Scope.RUNTIME and comps["react"][0].direct is True
    assert comps["debug"][0].direct is False
    widgets = comps["gov-widgets"][0]
    assert widgets.version == "2.1.0" and widgets.properties["source"].startswith("https://codeload.github.com/")
    assert comps["string-width"][0].properties["npm:alias"] == "string-width-cjs"
    assert comps["react"][0].hashes[0][0] == "SHA-512"
    edges = _edges(fr)
    assert ("pkg:npm/babel-loader@9.1.0", "pkg:npm/%40babel/core@7.20.5") in edges
    assert ("pkg:npm/react@18.2.0", "pkg:npm/fsevents@2.3.2") in edges


def test_v6_importers_links_peer_parentheses_and_alias():
    fr = _run(V6, {"package.json": json.dumps({"name": "gov-mono", "version": "1.0.0"})})
    comps = by_name(fr)
    assert fr.root == "pkg:npm/gov-mono@1.0.0"
    assert comps["react-dom"][0].purl == "pkg:npm/react-dom@18.2.0" and comps["react-dom"][0].location.line == 53
    assert comps["lodash"][0].direct is True and comps["lodash"][0].properties["npm:alias"] == "lodash-es"
    assert comps["typescript"][0].scope is Scope.DEVELOPMENT and comps["typescript"][0].direct is True
    assert comps["scheduler"][0].direct is False
    assert "@gov/shared" not in comps  # link: workspace member
    edges = _edges(fr)
    assert ("pkg:npm/react-dom@18.2.0", "pkg:npm/scheduler@0.23.0") in edges
    assert ("pkg:npm/gov-mono@1.0.0", "pkg:npm/react@18.2.0") in edges


def test_v9_snapshots_peer_variants_scopes_from_importers():
    fr = _run(V9)
    assert fr.issues == []
    comps = by_name(fr)
    rq = comps["@tanstack/react-query"]
    assert len(rq) == 1 and rq[0].purl == "pkg:npm/%40tanstack/react-query@5.17.9"  # two peer variants
    assert rq[0].location.line == 49
    assert sorted(c.version for c in comps["react"]) == ["18.2.0", "18.3.1"]
    # 9.0 has no dev flags: scopes come from the importers' sections
    assert comps["vitest"][0].scope is Scope.DEVELOPMENT and comps["@types/node"][0].scope is Scope.DEVELOPMENT
    assert comps["fsevents"][0].scope is Scope.OPTIONAL and comps["fsevents"][0].direct is True
    assert comps["loose-envify"][0].scope is Scope.RUNTIME and comps["loose-envify"][0].direct is False
    assert next(c for c in comps["react"] if c.version == "18.3.1").direct is False
    icons = comps["gov-icons"][0]
    assert icons.version == "1.2.0" and icons.properties["source"].startswith("https://codeload")
    assert comps["strip-ansi"][0].properties["npm:alias"] == "strip-ansi-cjs"
    edges = _edges(fr)
    assert ("pkg:npm/%40tanstack/react-query@5.17.9", "pkg:npm/react@18.3.1") in edges
    assert ("pkg:npm/%40tanstack/react-query@5.17.9", "pkg:npm/%40tanstack/query-core@5.17.9") in edges
    assert ("pkg:npm/vitest@1.2.0", "pkg:npm/%40types/node@20.11.0") in edges


def test_bad_pnpm_locks_are_issues_not_crashes():
    for bad in (b"\x00binary", b"lockfileVersion: [\n", b"- a\n- b\n", b"packages: {}\n", b"x: &a [*a]\n",
                b"lockfileVersion: '9.0'\npackages: 3\nsnapshots: [1]\nimporters: {'.': 7}\n"):
        fr = _run(bad)
        assert_no_internal_errors(fr)
        assert fr.components == []


def test_unreadable_entries_are_warned_and_skipped():
    text = V6.replace(b"  /scheduler@0.23.0:", b"  not-a-key-at-all:")
    fr = _run(text)
    assert "scheduler" not in by_name(fr) and "react" in by_name(fr)
    assert fr.issues and fr.issues[0].severity == "warning"


test_fuzz_pnpm_v5 = fuzz("npm-pnpm-lock", "pnpm-lock.yaml", [V5])
test_fuzz_pnpm_v9 = fuzz("npm-pnpm-lock", "pnpm-lock.yaml", [V6, V9])
