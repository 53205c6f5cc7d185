"""Cargo: Cargo.lock (v1 and v3) and Cargo.toml extraction."""

from __future__ import annotations

from ospo.engine.model import Scope
from ospo.engine.scanner import scan_tree
from ospo.engine.sources.memory import MemoryTree

from fuzzing import fuzz
from util import FIXTURES, assert_no_internal_errors, by_name, run_extractor

CARGO = FIXTURES / "cargo"
TOML = (CARGO / "Cargo.toml").read_bytes()
MEMBER = (CARGO / "crates/geo-core/Cargo.toml").read_bytes()
LOCK = (CARGO / "Cargo.lock").read_bytes()
LOCK1 = (CARGO / "Cargo-v1.lock").read_bytes()
BAD = (CARGO / "bad-Cargo.lock").read_bytes()
TREE = {"Cargo.toml": TOML, "crates/geo-core/Cargo.toml": MEMBER}


def test_lock_components_checksums_sources_and_members_skipped():
    fr = run_extractor("cargo-lock", "Cargo.lock", LOCK, TREE)
    comps = by_name(fr)
    assert fr.root == "pkg:cargo/transit-api@0.4.0"
    assert "transit-api" not in comps and "geo-core" not in comps  # workspace members: first-party
    serde = comps["serde"][0]
    assert serde.purl == "pkg:cargo/serde@1.0.197" and serde.direct is True
    assert serde.hashes == [("SHA-256", "3fb1c873e1b9b056a4dc4c0c198b24c3ffa059243875552b2bd0933b1aee4ce2")]
    assert serde.location.line == 71
    openapi = comps["openapi"][0]
    assert openapi.purl == ("pkg:cargo/openapi@0.1.5?vcs_url=git%2Bhttps://github.com/gov-example/openapi"
                            "%4011f732b373d2dc1d725f77a245fac3677b51318b")
    assert openapi.properties["source"].startswith("git+https://") and openapi.hashes == []
    metrics = comps["internal-metrics"][0]
    assert "repository_url=" in metrics.purl and metrics.version == "0.2.3"
    assert sorted(c.version for c in comps["yansi"]) == ["0.5.1", "1.0.1"]
    assert comps["num-traits"][0].direct is False


def test_lock_edges_resolve_short_and_versioned_entries():
    fr = run_extractor("cargo-lock", "Cargo.lock", LOCK, TREE)
    edges = {(e.source, e.target) for e in fr.edges}
    assert ("pkg:cargo/pretty_assertions@1.4.0", "pkg:cargo/yansi@1.0.1") in edges
    assert ("pkg:cargo/transit-api@0.4.0", "pkg:cargo/yansi@0.5.1") in edges
    assert ("pkg:cargo/geo-core@0.1.0", "pkg:cargo/approx@0.5.1") in edges
    assert ("pkg:cargo/num-traits@0.2.18", "pkg:cargo/autocfg@1.1.0") in edges


def test_lock_scopes_from_member_manifests():
    comps = by_name(run_extractor("cargo-lock", "Cargo.lock", LOCK, TREE))
    assert comps["pretty_assertions"][0].scope is Scope.DEVELOPMENT
    assert next(c for c in comps["yansi"] if c.version == "1.0.1").scope is Scope.DEVELOPMENT
    assert comps["approx"][0].scope is Scope.DEVELOPMENT  # dev-dependency of a glob-listed member
    assert comps["num-traits"][0].scope is Scope.RUNTIME  # also reached through chrono
    # without manifests nothing is known: runtime
    alone = by_name(run_extractor("cargo-lock", "Cargo.lock", LOCK))
    assert alone["pretty_assertions"][0].scope is Scope.RUNTIME


def test_lock_v1_metadata_checksums_and_full_dependency_entries():
    fr = run_extractor("cargo-lock", "Cargo.lock", LOCK1)
    comps = by_name(fr)
    assert fr.root == "pkg:cargo/legacy-tool@0.1.0"
    assert comps["libc"][0].hashes == [("SHA-256", "6fd41f331ac7c5b8ac259b8bf82c75c0fb2e469bbf37d2becbba9a6a2221965b")]
    assert ("pkg:cargo/rand@0.4.2", "pkg:cargo/libc@0.2.40") in {(e.source, e.target) for e in fr.edges}
    assert comps["rand"][0].direct is True


def test_cargo_toml_requirements():
    fr = run_extractor("cargo-toml", "Cargo.toml", TOML)
    comps = by_name(fr)
    assert fr.root == "pkg:cargo/transit-api@0.4.0"
    log = comps["log"][0]
    assert not log.pinned and log.version == "0.4" and log.purl == "pkg:cargo/log" and log.direct is True
    assert log.location.line == 17
    chrono = comps["chrono"][0]
    assert chrono.pinned and chrono.purl == "pkg:cargo/chrono@0.4.35"
    assert comps["serde_json"][0].properties["cargo:rename"] == "json"
    assert comps["regex"][0].version == "1.10" and comps["regex"][0].location.line == 25
    assert comps["nix"][0].properties["cargo:target"] == "cfg(unix)"
    assert comps["sentry"][0].scope is Scope.OPTIONAL
    assert comps["pretty_assertions"][0].scope is Scope.DEVELOPMENT
    assert comps["prost-build"][0].scope is Scope.DEVELOPMENT
    assert comps["mockito"][0].pinned and comps["mockito"][0].version == "1.4.0"
    assert comps["openapi"][0].properties == {"source": "https://github.com/gov-example/openapi", "git:rev": "11f732b"}
    assert comps["internal-metrics"][0].properties["cargo:registry"] == "gov-registry"
    assert "geo-core" not in comps  # path dependency
    # workspace = true takes the root's entry; the [workspace.dependencies] table is reported too
    assert {c.version for c in comps["tokio"]} == {"1.36"}
    serde = comps["serde"]
    assert all(c.pinned is False and c.version == "1.0.197" for c in serde)
    assert any(c.properties.get("cargo:workspace-dependency") for c in serde)


def test_member_inherits_from_ancestor_workspace_and_warns_on_missing_entry():
    fr = run_extractor("cargo-toml", "crates/geo-core/Cargo.toml", MEMBER, {"Cargo.toml": TOML})
    comps = by_name(fr)
    assert comps["serde"][0].version == "1.0.197" and comps["serde"][0].location.line == 7
    assert any("missing-in-ws" in i.message and i.severity == "warning" for i in fr.issues)


def test_merge_lock_and_manifest():
    result = scan_tree(MemoryTree({**TREE, "Cargo.lock": LOCK}), "t", "mem")
    purls = {c.purl for c in result.components}
    assert "pkg:cargo/serde@1.0.197" in purls and "pkg:cargo/serde" not in purls


def test_bad_cargo_files_are_issues_not_crashes():
    fr = run_extractor("cargo-lock", "Cargo.lock", BAD)
    assert fr.components == [] and fr.issues and "invalid TOML" in fr.issues[0].message
    for bad in (b"\x00\x01", b"package = 3", b"[[package]]\nname = 1\nversion = []\n", b"[package]\nname='x'",
                b"[dependencies]\nserde = 3\nx = { workspace = 1 }\n[target]\nfoo = 2\n"):
        for name, path in (("cargo-lock", "Cargo.lock"), ("cargo-toml", "Cargo.toml")):
            assert_no_internal_errors(run_extractor(name, path, bad))


test_fuzz_cargo_lock = fuzz("cargo-lock", "Cargo.lock", [LOCK, LOCK1])
test_fuzz_cargo_toml = fuzz("cargo-toml", "Cargo.toml", [TOML, MEMBER])


def test_path_dependency_with_version_is_first_party():
    fr = run_extractor("cargo-toml", "Cargo.toml", b'[dependencies]\nutil = { path = "../util", version = "0.1" }\n')
    assert fr.components == []
