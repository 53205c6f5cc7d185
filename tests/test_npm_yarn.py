"""yarn.lock classic (v1) and Berry (v2+): versions, aliases, sources, hashes, scopes, direct flags, edges."""

from __future__ import annotations

import hashlib

from ospo.engine.model import Scope

from fuzzing import fuzz
from util import FIXTURES_NPM, assert_no_internal_errors, by_name, run_extractor

CLASSIC = FIXTURES_NPM / "yarn-classic"
BERRY = FIXTURES_NPM / "yarn-berry"
CLASSIC_LOCK = (CLASSIC / "yarn.lock").read_bytes()
BERRY_LOCK = (BERRY / "yarn.lock").read_bytes()
CLASSIC_TREE = {
    "package.json": (CLASSIC / "package.json").read_bytes(),
    "packages/api/package.json": (CLASSIC / "packages/api/package.json").read_bytes(),
}
BERRY_TREE = {
    "package.json": (BERRY / "package.json").read_bytes(),
    "packages/ui/package.json": (BERRY / "packages/ui/package.json").read_bytes(),
}


def _edges(fr):
    return {(e.source, e.target) for e in fr.edges}


def test_classic_versions_hashes_lines_and_multi_descriptor_entries():
    fr = run_extractor("npm-yarn-lock", "yarn.lock", CLASSIC_LOCK, CLASSIC_TREE)
    assert fr.issues == []
    comps = by_name(fr)
    assert sorted(c.version for c in comps["ms"]) == ["2.0.0", "2.1.3"]
    lodash = comps["lodash"]
    assert len(lodash) == 1 and lodash[0].purl == "pkg:npm/lodash@4.17.21"  # two descriptors, one package
    assert lodash[0].location.line == 50
    assert ("SHA-512", hashlib.sha512(b"f").hexdigest()) in lodash[0].hashes
    # the sha1 after '#' in a registry URL is the tarball's SHA-1
    assert ("SHA-1", "679591c564c3bffaae8454cf0b3df370c3d6911c") in lodash[0].hashes


def test_classic_alias_git_and_local_packages():
    comps = by_name(run_extractor("npm-yarn-lock", "yarn.lock", CLASSIC_LOCK, CLASSIC_TREE))
    wrap = comps["wrap-ansi"][0]
    assert wrap.purl == "pkg:npm/wrap-ansi@7.0.0" and wrap.properties["npm:alias"] == "wrap-ansi-cjs"
    widgets = comps["gov-widgets"][0]
    assert widgets.version == "2.1.0" and widgets.properties["source"].startswith("https://codeload.github.com/")
    assert "vcs_url=" in widgets.purl and widgets.hashes == []
    assert "local-utils" not in comps  # file: package is first-party
    assert comps["left-pad"][0].version == "1.3.0"  # …but what it depends on is installed


def test_classic_direct_and_scopes_from_package_json_and_workspaces():
    comps = by_name(run_extractor("npm-yarn-lock", "yarn.lock", CLASSIC_LOCK, CLASSIC_TREE))
    assert comps["express"][0].direct is True and comps["express"][0].scope is Scope.RUNTIME
    assert comps["jest"][0].direct is True and comps["jest"][0].scope is Scope.DEVELOPMENT
    assert comps["fsevents"][0].scope is Scope.OPTIONAL
    assert comps["lodash"][0].direct is True  # declared by the packages/api workspace member
    assert comps["debug"][0].direct is False and comps["debug"][0].scope is Scope.RUNTIME
    # ms@2.1.3 is wanted by express (runtime) and jest (dev): runtime wins
    assert next(c for c in comps["ms"] if c.version == "2.1.3").scope is Scope.RUNTIME


def test_classic_edges_follow_descriptors():
    fr = run_extractor("npm-yarn-lock", "yarn.lock", CLASSIC_LOCK, CLASSIC_TREE)
    edges = _edges(fr)
    assert fr.root == "pkg:npm/%40gov/forms@1.4.0"
    assert ("pkg:npm/debug@2.6.9", "pkg:npm/ms@2.0.0") in edges
    assert ("pkg:npm/express@4.18.2", "pkg:npm/ms@2.1.3") in edges
    assert ("pkg:npm/jest@29.7.0", "pkg:npm/fsevents@2.3.3") in edges
    assert ("pkg:npm/%40gov/forms@1.4.0", "pkg:npm/express@4.18.2") in edges


def test_classic_without_package_json_marks_only_unrequested_entries_direct():
    comps = by_name(run_extractor("npm-yarn-lock", "yarn.lock", CLASSIC_LOCK))
    assert comps["express"][0].direct is True  # nothing in the lock asks for it
    assert comps["debug"][0].direct is None  # unknown without the manifest


def test_berry_versions_aliases_patches_and_sources():
    fr = run_extractor("npm-yarn-lock", "yarn.lock", BERRY_LOCK, BERRY_TREE)
    assert fr.issues == []
    comps = by_name(fr)
    assert fr.root == "pkg:npm/gov-portal@3.0.0"
    assert comps["lodash"][0].purl == "pkg:npm/lodash@4.17.21" and comps["lodash"][0].location.line == 67
    assert comps["strip-ansi"][0].properties["npm:alias"] == "strip-ansi-cjs"
    ts = comps["typescript"]
    assert len(ts) == 1 and ts[0].version == "5.3.3" and ts[0].properties["yarn:patched"] == "true"
    icons = comps["gov-icons"][0]
    assert icons.version == "1.2.0" and "vcs_url=" in icons.purl
    chart = comps["chart-lib"][0]
    assert chart.version == "2.0.0" and "download_url=" in chart.purl
    assert "gov-portal" not in comps and "@gov/ui" not in comps  # workspaces are first-party
    # Berry's checksum is of yarn's cache zip, not of the npm tarball: a property, not a hash
    assert comps["lodash"][0].hashes == [] and comps["lodash"][0].properties["yarn:checksum"].startswith("10c0/")


def test_berry_scopes_direct_and_edges_from_workspace_entries():
    fr = run_extractor("npm-yarn-lock", "yarn.lock", BERRY_LOCK, BERRY_TREE)
    comps = by_name(fr)
    assert comps["typescript"][0].scope is Scope.DEVELOPMENT and comps["typescript"][0].direct is True
    assert comps["@types/react"][0].scope is Scope.DEVELOPMENT  # member's devDependency
    assert comps["csstype"][0].scope is Scope.DEVELOPMENT and comps["csstype"][0].direct is False
    assert comps["react"][0].direct is True and comps["react"][0].scope is Scope.RUNTIME
    assert comps["js-tokens"][0].scope is Scope.RUNTIME
    edges = _edges(fr)
    assert ("pkg:npm/react@18.2.0", "pkg:npm/loose-envify@1.4.0") in edges
    assert ("pkg:npm/loose-envify@1.4.0", "pkg:npm/js-tokens@4.0.0") in edges
    assert ("pkg:npm/gov-portal@3.0.0", "pkg:npm/lodash@4.17.21") in edges


def test_bad_yarn_locks_are_issues_not_crashes():
    for bad in (b"\x00\x01\x02binary", b"just some words\nand more\n", b"__metadata:\n  - [unclosed",
                b"__metadata: 3\n", b"[1, 2]\n__metadata:\n"):
        fr = run_extractor("npm-yarn-lock", "yarn.lock", bad)
        assert fr.components == [] and fr.issues, bad
        assert_no_internal_errors(fr)


def test_partly_broken_classic_lock_keeps_what_it_can_with_a_warning():
    text = CLASSIC_LOCK.replace(b"ms@2.0.0:\n", b"ms@2.0.0 this header lost its colon\n")
    fr = run_extractor("npm-yarn-lock", "yarn.lock", text)
    assert "lodash" in by_name(fr)
    assert fr.issues and fr.issues[0].severity == "warning" and "line" in fr.issues[0].message


def test_empty_lock_is_empty():
    fr = run_extractor("npm-yarn-lock", "yarn.lock", b"# yarn lockfile v1\n\n")
    assert fr.components == [] and fr.issues == []


test_fuzz_yarn_classic = fuzz("npm-yarn-lock", "yarn.lock", [CLASSIC_LOCK])
test_fuzz_yarn_berry = fuzz("npm-yarn-lock", "yarn.lock", [BERRY_LOCK])
