"""pubspec.lock and pubspec.yaml extraction."""

from __future__ import annotations

from ospo.engine.model import Scope

from fuzzing import fuzz
from util import FIXTURES, assert_no_internal_errors, run_extractor

P = FIXTURES / "pub"
LOCK = (P / "pubspec.lock").read_bytes()
SPEC = (P / "pubspec.yaml").read_bytes()
ROOT = "pkg:pub/gov_wallet@2.3.0%2B45"


def test_lock_sources_scopes_hashes_and_root_edges():
    fr = run_extractor("pub-pubspec-lock", "app/pubspec.lock", LOCK, {"app/pubspec.yaml": SPEC})
    comps = {c.name: c for c in fr.components}
    assert fr.root == ROOT
    assert "shared_core" not in comps  # path source: first-party
    http = comps["http"]
    assert http.purl == "pkg:pub/http@1.2.0" and http.direct is True and http.scope is Scope.RUNTIME
    assert http.hashes == [("SHA-256", "a2bbf9d017fcced29139daa8ed2bba4ece450ab222871df93ca9eec6f80c34ba")]
    assert http.location.line == 34
    assert comps["build_runner"].scope is Scope.DEVELOPMENT and comps["build_runner"].direct is True
    assert comps["async"].direct is False
    assert comps["flutter"].pinned is False and comps["flutter"].purl == "pkg:pub/flutter"
    assert comps["gov_design"].properties["git-resolved-ref"] == "5c1e9b7a3d2f4e6a8b0c1d2e3f4a5b6c7d8e9f01"
    assert comps["private_sdk"].purl == "pkg:pub/private_sdk@3.1.4?repository_url=https://dart.gov.example"
    assert comps["meta"].purl == "pkg:pub/meta@1.11.0"  # pub.dartlang.org is the default host too
    assert comps["legacy"].hashes == []  # description as a bare string (old locks)
    assert (ROOT, "pkg:pub/http@1.2.0") in {(e.source, e.target) for e in fr.edges}
    assert fr.issues == []


def test_lock_without_sibling_pubspec_has_no_root():
    fr = run_extractor("pub-pubspec-lock", "pubspec.lock", LOCK)
    assert fr.root is None and fr.edges == [] and len(fr.components) == 8


def test_pubspec_yaml_constraints():
    fr = run_extractor("pub-pubspec-yaml", "pubspec.yaml", SPEC)
    comps = {c.name: c for c in fr.components}
    assert fr.root == ROOT
    assert comps["http"].version == "^1.1.0" and comps["http"].pinned is False
    assert comps["http"].location.line == 13
    assert comps["intl"].purl == "pkg:pub/intl@0.19.0" and comps["intl"].pinned
    assert comps["provider"].version == ">=6.0.0 <7.0.0"
    assert comps["private_sdk"].purl == "pkg:pub/private_sdk?repository_url=https://dart.gov.example"
    assert comps["gov_design"].properties["source"] == "https://github.com/gov-org/gov_design.git"
    assert comps["flutter_lints"].scope is Scope.DEVELOPMENT
    assert comps["meta"].properties["override"] == "true"
    assert "shared_core" not in comps
    assert comps["cupertino_icons"].version is None


def test_bad_pub_files():
    for name, path in (("pub-pubspec-lock", "pubspec.lock"), ("pub-pubspec-yaml", "pubspec.yaml")):
        for bad in (b"packages: [", b"- x", b"packages: 3", b"\x00"):
            fr = run_extractor(name, path, bad)
            assert fr.components == []
            assert_no_internal_errors(fr)
    fr = run_extractor("pub-pubspec-lock", "pubspec.lock", b"packages:\n  a:\n    source: hosted\n")
    assert fr.components == [] and fr.issues[0].severity == "warning"


test_fuzz_pubspec_lock = fuzz("pub-pubspec-lock", "pubspec.lock", [LOCK])
test_fuzz_pubspec_yaml = fuzz("pub-pubspec-yaml", "pubspec.yaml", [SPEC])


def test_empty_package_names_are_skipped():
    # found by feeding corpus files to the extractor: package-lock.json's "packages" has a "" key
    doc = b'packages:\n  "":\n    version: "1.0.0"\n  ok:\n    description: {name: ""}\n    version: "2.0.0"\n'
    fr = run_extractor("pub-pubspec-lock", "pubspec.lock", doc)
    assert [c.purl for c in fr.components] == ["pkg:pub/ok@2.0.0"]
    assert_no_internal_errors(fr)
