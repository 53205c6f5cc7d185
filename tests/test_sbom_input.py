"""SBOM files as input: CycloneDX JSON/XML and SPDX JSON/tag-value become a ScanResult; bad files an issue."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ospo.engine.api import scan_input
from ospo.engine.model import Scope
from ospo.engine.safeparse import ParseFailure
from ospo.engine.sbom import cyclonedx, spdx
from ospo.engine.scanner import scan_tree
from ospo.engine.sources.directory import DirectoryTree
from ospo.engine.sources.sbom_input import read_sbom, scan_sbom_file
from sbom_samples import full_result

from fuzzing import FUZZ_SETTINGS, json_documents, mutations

SBOM = Path(__file__).resolve().parent / "fixtures" / "sbom"
NPM = Path(__file__).resolve().parent / "fixtures" / "npm"
FIXED = dt.datetime(2025, 1, 2, 3, 4, 5, tzinfo=dt.UTC)


def _scan(name: str):  # type: ignore[no-untyped-def]
    result = scan_sbom_file(SBOM / name, name)
    assert not [i for i in result.all_issues if "internal error" in i.message]
    return result, {c.purl: c for c in result.components}, {(e.source, e.target) for e in result.edges}


def test_cyclonedx_json_14() -> None:
    result, by, edges = _scan("cyclonedx-1.4.json")
    assert result.files[0].extractor == "sbom-cyclonedx-json" and result.files[0].root == "pkg:npm/portal@2.1.0"
    ng = by["pkg:npm/%40angular/core@16.2.0"]  # bom-ref unencoded, purl encoded: one canonical identity
    assert (ng.ecosystem, ng.name, ng.version, ng.pinned, ng.scope, ng.direct) == (
        "npm", "@angular/core", "16.2.0", True, Scope.RUNTIME, True)
    assert ng.license == "MIT" and ng.properties["resolved"].endswith("core-16.2.0.tgz")
    assert [alg for alg, _ in ng.hashes] == ["SHA-512"]  # SHA3 unsupported, malformed SHA-1 dropped
    assert str(ng.locations[0]) == "cyclonedx-1.4.json"
    assert by["pkg:npm/tslib@2.6.2"].license == "0BSD OR MIT" and by["pkg:npm/tslib@2.6.2"].direct is False
    assert by["pkg:npm/jest@29.7.0"].scope is Scope.DEVELOPMENT
    assert by["pkg:npm/fsevents@2.3.3"].scope is Scope.OPTIONAL
    assert by["pkg:npm/fsevents@2.3.3"].license == "(Custom licence text) AND MIT"
    # nested components are read
    assert "pkg:maven/org.springframework/spring-jcl@6.0.11?type=jar" in by
    assert by["pkg:maven/org.springframework/spring-core@6.0.11?type=jar"].name == "org.springframework:spring-core"
    # no purl (or an invalid one): a generic identity that keeps name and version
    zlib = by["pkg:generic/madler/zlib@1.3"]
    assert (zlib.ecosystem, zlib.name, zlib.version, zlib.direct) == ("generic", "madler/zlib", "1.3", None)
    assert by["pkg:generic/oddity@0.1"].properties["sbom:invalid-purl"] == "not a purl"
    assert len(by) == 8  # the malformed entries are skipped
    assert edges == {
        ("pkg:npm/portal@2.1.0", "pkg:npm/%40angular/core@16.2.0"),
        ("pkg:npm/portal@2.1.0", "pkg:npm/jest@29.7.0"),
        ("pkg:npm/portal@2.1.0", "pkg:npm/fsevents@2.3.3"),
        ("pkg:npm/portal@2.1.0", "pkg:maven/org.springframework/spring-core@6.0.11?type=jar"),
        ("pkg:npm/%40angular/core@16.2.0", "pkg:npm/tslib@2.6.2"),
        ("pkg:maven/org.springframework/spring-core@6.0.11?type=jar",
         "pkg:maven/org.springframework/spring-jcl@6.0.11?type=jar"),
    }


@pytest.mark.parametrize("name", ["cyclonedx-1.2.xml", "cyclonedx-1.6.xml"])
def test_cyclonedx_xml(name: str) -> None:
    result, by, edges = _scan(name)
    assert result.files[0].extractor == "sbom-cyclonedx-xml" and not result.all_issues
    databind = by["pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.15.2?type=jar"]
    assert databind.direct is True and databind.scope is Scope.RUNTIME
    assert databind.hashes == [("SHA-1", "0123456789abcdef0123456789abcdef01234567"),
                               ("SHA-256", "0123456789abcdef" * 4)]
    assert databind.license == ("Apache-2.0" if name.endswith("1.2.xml") else "Apache License, Version 2.0")
    junit = by["pkg:maven/junit/junit@4.13.2?type=jar"]
    assert (junit.scope, junit.license, junit.direct) == (Scope.DEVELOPMENT, "EPL-1.0", True)
    assert by["pkg:maven/com.fasterxml.jackson.core/jackson-annotations@2.15.2?type=jar"].direct is False
    assert ("pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.15.2?type=jar",
            "pkg:maven/com.fasterxml.jackson.core/jackson-annotations@2.15.2?type=jar") in edges
    assert len(edges) == 3


def test_spdx_23_json() -> None:
    result, by, edges = _scan("spdx-2.3.json")
    assert result.files[0].root == "pkg:github/example/webapp@main"  # the described package is the project
    assert "pkg:github/example/webapp@main" not in by
    express = by["pkg:npm/express@4.18.2"]
    assert (express.direct, express.scope, express.license) == (True, Scope.RUNTIME, "MIT")  # concluded as fallback
    assert express.hashes == [("SHA-1", "3fabe08296e930c796c19e3c516979386ba9fd59")]
    assert express.properties["resolved"].endswith("express-4.18.2.tgz")
    body = by["pkg:npm/body-parser@1.20.1"]
    assert body.direct is False and body.license == "Permission is hereby granted, free of charge (MIT-like)"
    assert by["pkg:npm/eslint@8.50.0"].scope is Scope.DEVELOPMENT and by["pkg:npm/eslint@8.50.0"].direct is True
    assert by["pkg:pypi/pytest@7.4.0"].scope is Scope.TEST
    openssl = by["pkg:generic/openssl@3.0.2"]  # no purl; CONTAINS is no dependency: directness unknown
    assert openssl.direct is None and openssl.license == "Apache-2.0"
    assert edges == {
        ("pkg:github/example/webapp@main", "pkg:npm/express@4.18.2"),
        ("pkg:npm/express@4.18.2", "pkg:npm/body-parser@1.20.1"),
        ("pkg:github/example/webapp@main", "pkg:npm/eslint@8.50.0"),
        ("pkg:github/example/webapp@main", "pkg:pypi/pytest@7.4.0"),
    }


def test_spdx_22_json_with_several_described_packages() -> None:
    result, by, edges = _scan("spdx-2.2.json")
    assert result.files[0].root is None and len(by) == 2  # both described packages are components
    musl = by["pkg:apk/alpine/musl@1.2.3-r4?arch=x86_64&distro=alpine-3.17"]
    assert (musl.ecosystem, musl.name, musl.version, musl.direct) == ("apk", "alpine/musl", "1.2.3-r4", None)
    assert "resolved" not in musl.properties  # NONE is no location
    assert len(edges) == 1


def test_spdx_tag_value() -> None:
    result, by, edges = _scan("webapp.spdx")
    assert result.files[0].extractor == "sbom-spdx-tag-value" and result.files[0].root == "pkg:pypi/webapp@1.0.0"
    django = by["pkg:pypi/django@4.2.7"]
    assert (django.name, django.license, django.direct, django.locations[0].line) == ("django", "BSD-3-Clause",
                                                                                      True, 19)
    assert django.hashes == [("SHA-256", "0123456789abcdef" * 4)]
    assert by["pkg:pypi/asgiref@3.7.2"].license == "BSD-style licence\nas shipped by asgiref"
    assert by["pkg:pypi/coverage@7.3.2"].scope is Scope.TEST
    assert "pkg:pypi/coverage@9.9.9" not in by  # a file's tags never leak into the package before it
    assert ("pkg:pypi/django@4.2.7", "pkg:pypi/asgiref@3.7.2") in edges and len(edges) == 3
    assert [i.severity for i in result.all_issues] == ["warning"]


@pytest.mark.parametrize(("name", "needle"), [
    ("not-sbom.json", "JSON but not a CycloneDX"),
    ("not-sbom.xml", "SPDX RDF/XML is not read"),
    ("notes.txt", "not a CycloneDX"),
    ("truncated.cdx.json", "invalid JSON at line"),
    ("xxe.xml", "refused hostile XML"),
])
def test_bad_files_give_one_issue(name: str, needle: str) -> None:
    result = scan_sbom_file(SBOM / name, "x")
    assert not result.components and len(result.all_issues) == 1
    assert needle in result.all_issues[0].message and result.all_issues[0].path == name


def test_missing_file_and_api_dispatch(tmp_path: Path) -> None:
    assert "cannot read file" in scan_sbom_file(tmp_path / "nope.json", "x").issues[0].message
    result = scan_input(str(SBOM / "cyclonedx-1.4.json"))
    assert result.name == "cyclonedx-1.4" and len(result.components) == 8


def test_hostile_documents() -> None:
    deep = b'{"bomFormat": "CycloneDX", "components": ' + b'[{"name": "a", "components": ' * 400 + b"[]" + \
        b"}]" * 400 + b"}"
    fr = read_sbom(deep, "deep.json")
    assert any("nested too deeply" in i.message for i in fr.issues)
    assert [c.purl for c in fr.components] == ["pkg:generic/a"]
    very_deep = b"[" * 100_000 + b"]" * 100_000
    with pytest.raises(ParseFailure):
        read_sbom(very_deep, "x.json")
    with pytest.raises(ParseFailure, match="too large"):
        read_sbom(b" " * (50 * 1024 * 1024 + 1), "big.json")
    bomb = (b'<?xml version="1.0"?><!DOCTYPE b [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>'
            b'<bom xmlns="http://cyclonedx.org/schema/bom/1.4"/>')
    with pytest.raises(ParseFailure, match="hostile"):
        read_sbom(bomb, "bomb.xml")
    utf16 = json.dumps({"bomFormat": "CycloneDX", "components": [{"name": "x", "version": "1"}]}).encode("utf-16")
    assert [c.purl for c in read_sbom(utf16, "u.json").components] == ["pkg:generic/x@1"]


# -- round trips -------------------------------------------------------------------------------------------
def _identity(result) -> tuple[set[str], set[tuple[str, str]]]:  # type: ignore[no-untyped-def]
    purls = {c.purl for c in result.components}
    return purls, {(e.source, e.target) for e in result.edges if e.source in purls and e.target in purls}


@pytest.mark.parametrize("fmt", ["cyclonedx", "spdx"])
def test_round_trip_of_a_scanned_tree(fmt: str, tmp_path: Path) -> None:
    scanned = scan_tree(DirectoryTree(NPM), name="npm-fixture", source=str(NPM))
    assert len(scanned.components) > 5 and scanned.edges
    text = cyclonedx.to_json(scanned, timestamp=FIXED) if fmt == "cyclonedx" else spdx.to_json(scanned, FIXED)
    path = tmp_path / f"bom.{fmt}.json"
    path.write_text(text, encoding="utf-8")
    back = scan_sbom_file(path, "bom")
    assert not back.all_issues
    assert _identity(back) == _identity(scanned)
    original = {c.purl: c for c in scanned.components}
    for c in back.components:
        o = original[c.purl]
        assert (c.version, c.pinned, c.scope, c.direct, c.hashes) == (o.version, o.pinned, o.scope, o.direct, o.hashes)


@pytest.mark.parametrize("fmt", ["cyclonedx", "spdx"])
def test_round_trip_of_every_feature(fmt: str, tmp_path: Path) -> None:
    original = full_result()
    text = cyclonedx.to_json(original, timestamp=FIXED) if fmt == "cyclonedx" else spdx.to_json(original, FIXED)
    back = read_sbom(text.encode(), "bom.json")
    assert {c.purl for c in back.components} == {c.purl for c in original.components}
    by = {c.purl: c for c in back.components}
    for o in original.components:
        c = by[o.purl]
        assert (c.name, c.version, c.pinned, c.scope, c.direct) == (o.name, o.version, o.pinned, o.scope, o.direct)
        if o.license and o.license.strip():
            assert c.license is not None
    assert by["pkg:npm/dep-of-scope@2.0.0"].license == "BSD"


# -- the corpus: cdxgen's real SBOMs ----------------------------------------------------------------------
@pytest.mark.corpus
def test_cdxgen_reference_sboms_read_completely(shared: Path) -> None:
    files = sorted((shared / "reference" / "cdxgen").glob("*.json"))
    if not files:
        pytest.skip("no cdxgen reference SBOMs")
    for f in files:
        doc = json.loads(f.read_text(encoding="utf-8"))
        listed, stack = 0, [doc.get("components")]
        while stack:
            for item in stack.pop() or []:
                listed += 1
                stack.append(item.get("components"))
        result = scan_sbom_file(f, f.stem)
        assert not result.all_issues, (f.name, result.all_issues[:3])
        assert len(result.components) == len({c.purl for c in result.components})
        assert len(result.components) >= 0.99 * listed, f.name


# -- fuzzing: >= 1,000 generated inputs per format ----------------------------------------------------------
def _check(data: bytes) -> None:
    try:
        fr = read_sbom(data, "fuzz")
    except ParseFailure:
        return
    for c in fr.components:
        assert isinstance(c.name, str) and c.name and c.purl.startswith("pkg:"), c
        assert c.version is None or isinstance(c.version, str)
    for e in fr.edges:
        assert isinstance(e.source, str) and isinstance(e.target, str)


def _fuzz(seed_names: list[str], structured: st.SearchStrategy[bytes] | None = None):  # type: ignore[no-untyped-def]
    seeds = [(SBOM / n).read_bytes() for n in seed_names]
    strategy = st.binary(max_size=300) | mutations(seeds)
    if structured is not None:
        strategy = strategy | structured

    @FUZZ_SETTINGS
    @given(strategy)
    def test(data: bytes) -> None:
        _check(data)

    return test


test_fuzz_cyclonedx_json = _fuzz(["cyclonedx-1.4.json"],
                                 json_documents(json.loads((SBOM / "cyclonedx-1.4.json").read_text())))
test_fuzz_cyclonedx_xml = _fuzz(["cyclonedx-1.2.xml", "cyclonedx-1.6.xml"])
test_fuzz_spdx_json = _fuzz(["spdx-2.3.json", "spdx-2.2.json"],
                            json_documents(json.loads((SBOM / "spdx-2.3.json").read_text())))
test_fuzz_spdx_tag_value = _fuzz(["webapp.spdx"])
