"""The SPDX 2.3 writer: valid for spdx-tools and the official schema, deterministic, faithful, fast."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import re
import time
from pathlib import Path

import pytest
from spdx_tools.spdx.parser.jsonlikedict.json_like_dict_parser import JsonLikeDictParser
from spdx_tools.spdx.validation.document_validator import validate_full_spdx_document

from ospo.cli import main
from ospo.engine.model import ScanResult
from ospo.engine.sbom import spdx
from sbom_samples import big_result, full_result

FIXED = dt.datetime(2025, 1, 2, 3, 4, 5, tzinfo=dt.UTC)


def _schema_validator():  # type: ignore[no-untyped-def]
    """The official SPDX 2.3 JSON schema, as shipped by lib4sbom (a maintained PyPI package)."""
    spec = importlib.util.find_spec("lib4sbom")
    if spec is None or not spec.submodule_search_locations:
        pytest.skip("lib4sbom (ships the SPDX 2.3 JSON schema) is not installed")
    path = Path(next(iter(spec.submodule_search_locations))) / "schemas" / "spdx" / "2.3-schema.json"
    import jsonschema

    schema = json.loads(path.read_text(encoding="utf-8"))
    assert schema.get("title") == "SPDX 2.3"
    return jsonschema.Draft7Validator(schema)


def assert_valid(doc: dict) -> None:
    parsed = JsonLikeDictParser().parse(json.loads(json.dumps(doc)))
    messages = validate_full_spdx_document(parsed)
    assert not messages, [m.validation_message for m in messages[:5]]
    errors = list(_schema_validator().iter_errors(doc))
    assert not errors, [e.message for e in errors[:5]]


def _by_purl(doc: dict) -> dict[str, dict]:
    out = {}
    for p in doc["packages"]:
        for ref in p.get("externalRefs", []):
            out[ref["referenceLocator"]] = p
    return out


def test_full_result_is_valid_spdx_23() -> None:
    assert_valid(spdx.build_document(full_result(), created=FIXED))


def test_empty_result_is_valid() -> None:
    doc = spdx.build_document(ScanResult(name="", source=""), created=FIXED)
    assert_valid(doc)
    assert [p["SPDXID"] for p in doc["packages"]] == ["SPDXRef-Repository"]


def test_document_header() -> None:
    doc = spdx.build_document(full_result(), created=FIXED)
    assert doc["spdxVersion"] == "SPDX-2.3" and doc["dataLicense"] == "CC0-1.0"
    assert doc["SPDXID"] == "SPDXRef-DOCUMENT" and doc["name"] == "demo-répo"
    assert doc["creationInfo"] == {"created": "2025-01-02T03:04:05Z", "creators": ["Tool: ospo-0.1.0"]}
    assert doc["documentNamespace"].startswith("https://spdx.org/spdxdocs/ospo/demo-r-po-0123abcd-")
    assert "global issue" in doc["comment"] and "invalid JSON" in doc["comment"]
    root = doc["packages"][0]
    assert root["primaryPackagePurpose"] == "APPLICATION" and root["versionInfo"] == "0123abcd"
    assert {"spdxElementId": "SPDXRef-DOCUMENT", "relationshipType": "DESCRIBES",
            "relatedSpdxElement": "SPDXRef-Repository"} in doc["relationships"]


def test_packages_fields() -> None:
    doc = spdx.build_document(full_result(), created=FIXED)
    pk = _by_purl(doc)
    scoped = pk["pkg:npm/%40scope/pkg@1.2.3"]
    assert scoped["name"] == "@scope/pkg" and scoped["versionInfo"] == "1.2.3"
    assert scoped["downloadLocation"] == "https://registry.npmjs.org/@scope/pkg/-/pkg-1.2.3.tgz"
    assert scoped["checksums"] == [{"algorithm": "SHA512", "checksumValue": "f" * 128},
                                   {"algorithm": "SHA1", "checksumValue": "a" * 40}]
    assert scoped["licenseDeclared"] == "MIT" and scoped["licenseConcluded"] == "NOASSERTION"
    assert scoped["filesAnalyzed"] is False and scoped["primaryPackagePurpose"] == "LIBRARY"
    assert "direct: true" in scoped["comment"] and "declared in: manifest.txt:3" in scoped["comment"]
    # unpinned: no versionInfo, the constraint in the comment
    lp = pk["pkg:npm/left-pad"]
    assert "versionInfo" not in lp and "version constraint: ^1.0" in lp["comment"]
    assert lp["licenseDeclared"] == "MIT OR Apache-2.0"
    # malformed digests are dropped, valid ones kept
    assert pk["pkg:generic/zlib@1.3"]["checksums"] == [{"algorithm": "MD5", "checksumValue": "0" * 32}]
    assert pk["pkg:githubactions/actions/checkout@v4"]["downloadLocation"] == (
        "git+https://github.com/actions/checkout.git")
    assert pk["pkg:docker/library/python@3.12-slim"]["primaryPackagePurpose"] == "CONTAINER"
    assert pk["pkg:npm/no-version"]["downloadLocation"] == "NOASSERTION"


def test_non_spdx_licenses_become_license_refs_with_their_text() -> None:
    doc = spdx.build_document(full_result(), created=FIXED)
    pk = _by_purl(doc)
    extracted = {e["licenseId"]: e["extractedText"] for e in doc["hasExtractedLicensingInfos"]}
    for purl, text in [("pkg:npm/dep-of-scope@2.0.0", "BSD"), ("pkg:golang/github.com/pkg/errors@v0.9.1",
                       "see LICENSE file"), ("pkg:gem/rails@7.0.4", "https://example.org/license.html")]:
        ref = pk[purl]["licenseDeclared"]
        assert ref.startswith("LicenseRef-") and extracted[ref] == text
    unicode_ref = pk["pkg:pypi/%c3%bcn%c3%afc%c3%b8d%c3%a9-pkg@1.0"]["licenseDeclared"]
    assert re.fullmatch(r"LicenseRef-[A-Za-z0-9.-]+", unicode_ref) and extracted[unicode_ref] == "Licence «libre» ✓"
    assert "WITH Classpath-exception-2.0" in pk["pkg:maven/org.apache.commons/commons-lang3@3.12.0"]["licenseDeclared"]


def test_relationships_follow_scope() -> None:
    doc = spdx.build_document(full_result(), created=FIXED)
    ids = {purl: p["SPDXID"] for purl, p in _by_purl(doc).items()}
    rels = {(r["spdxElementId"], r["relationshipType"], r["relatedSpdxElement"]) for r in doc["relationships"]}
    root = "SPDXRef-Repository"
    assert (root, "DEPENDS_ON", ids["pkg:npm/%40scope/pkg@1.2.3"]) in rels
    assert (ids["pkg:npm/left-pad"], "DEV_DEPENDENCY_OF", root) in rels
    assert (ids["pkg:pypi/pytest"], "TEST_DEPENDENCY_OF", root) in rels
    assert (ids["pkg:gem/rails@7.0.4"], "OPTIONAL_DEPENDENCY_OF", root) in rels
    assert (ids["pkg:npm/%40scope/pkg@1.2.3"], "DEPENDS_ON", ids["pkg:npm/dep-of-scope@2.0.0"]) in rels
    # edges whose end is not a component are not written (they would dangle)
    assert len(rels) == 1 + 8 + 2
    assert doc["relationships"] == sorted(doc["relationships"], key=lambda r: (
        r["spdxElementId"], r["relationshipType"], r["relatedSpdxElement"]))


def test_spdx_ids_unique_stable_and_safe() -> None:
    doc = spdx.build_document(full_result(), created=FIXED)
    ids = [p["SPDXID"] for p in doc["packages"]]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"SPDXRef-[A-Za-z0-9.-]+", i) for i in ids)
    assert spdx.spdx_id("pkg:npm/a@1") == spdx.spdx_id("pkg:npm/a@1") != spdx.spdx_id("pkg:npm/a@1?x=y")
    # two purls that only differ in characters an SPDX id cannot hold still get different ids
    assert spdx.spdx_id("pkg:npm/a_b@1") != spdx.spdx_id("pkg:npm/a-b@1")


def test_deterministic_and_namespace_follows_content() -> None:
    a = spdx.to_json(full_result(), created=FIXED)
    assert a == spdx.to_json(full_result(), created=FIXED)
    shuffled = full_result()
    shuffled.components.reverse()
    shuffled.edges.reverse()
    assert spdx.to_json(shuffled, created=FIXED) == a
    changed = full_result()
    changed.components.pop()
    assert json.loads(spdx.to_json(changed, created=FIXED))["documentNamespace"] != json.loads(a)["documentNamespace"]
    seeded = spdx.build_document(full_result(), created=FIXED, namespace_seed="run-42")
    assert seeded["documentNamespace"] == spdx.build_document(changed, created=FIXED,
                                                              namespace_seed="run-42")["documentNamespace"]


def test_large_inventory_is_fast_and_valid() -> None:
    result = big_result(3000)
    started = time.perf_counter()
    text = spdx.to_json(result, created=FIXED)
    assert time.perf_counter() - started < 2.0
    doc = json.loads(text)
    assert len(doc["packages"]) == 3001
    errors = list(_schema_validator().iter_errors(doc))
    assert not errors


@pytest.mark.corpus
def test_corpus_cli_writes_one_valid_spdx_per_repository(corpus_repos: Path, tmp_path: Path) -> None:
    repos = sorted(p for p in corpus_repos.iterdir() if p.is_dir())
    out = tmp_path / "spdx"
    assert main(["scan", *map(str, repos), "--format", "spdx", "--output", str(out), "--jobs", "2"]) == 0
    files = sorted(out.glob("*.spdx.json"))
    assert len(files) == len(repos)
    validator = _schema_validator()
    for f in files:
        doc = json.loads(f.read_text(encoding="utf-8"))
        errors = list(validator.iter_errors(doc))
        assert not errors, (f.name, [e.message for e in errors[:3]])
        messages = validate_full_spdx_document(JsonLikeDictParser().parse(doc))
        assert not messages, (f.name, [m.validation_message for m in messages[:3]])
