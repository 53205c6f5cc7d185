"""The CycloneDX 1.6 writer: valid against the official schema, deterministic, faithful, corpus-wide."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from uuid import UUID

import pytest
from cyclonedx.schema import SchemaVersion
from cyclonedx.validation.json import JsonStrictValidator

from ospo.cli import main
from ospo.engine.model import ScanResult
from ospo.engine.sbom import cyclonedx
from ospo.engine.sbom.licenses import license_choice, spdx_expression
from sbom_samples import big_result, full_result

FIXED = dt.datetime(2025, 1, 2, 3, 4, 5, tzinfo=dt.UTC)
SERIAL = UUID("12345678-1234-5678-1234-567812345678")
VALIDATOR = JsonStrictValidator(SchemaVersion.V1_6)


def assert_valid(text: str) -> None:
    error = VALIDATOR.validate_str(text)
    assert error is None, error


def test_full_result_is_valid_cyclonedx_16() -> None:
    assert_valid(cyclonedx.to_json(full_result(), SERIAL, FIXED))


def test_empty_result_is_valid() -> None:
    assert_valid(cyclonedx.to_json(ScanResult(name="", source=""), SERIAL, FIXED))


def test_components_fields() -> None:
    doc = cyclonedx.build_document(full_result(), SERIAL, FIXED)
    by = {c["purl"]: c for c in doc["components"]}
    scoped = by["pkg:npm/%40scope/pkg@1.2.3"]
    assert (scoped["group"], scoped["name"], scoped["version"], scoped["scope"]) == ("@scope", "pkg", "1.2.3",
                                                                                     "required")
    assert scoped["hashes"][0] == {"alg": "SHA-512", "content": "f" * 128}
    assert scoped["licenses"] == [{"license": {"id": "MIT"}}]
    assert scoped["evidence"] == {"occurrences": [{"location": "manifest.txt", "line": 3}]}
    lp = by["pkg:npm/left-pad"]
    assert "version" not in lp and lp["scope"] == "excluded"
    assert {"name": "ospo:version-constraint", "value": "^1.0"} in lp["properties"]
    assert lp["licenses"] == [{"expression": "MIT OR Apache-2.0"}]
    assert by["pkg:pypi/pytest"]["scope"] == "excluded"
    assert by["pkg:gem/rails@7.0.4"]["scope"] == "optional"
    assert by["pkg:npm/dep-of-scope@2.0.0"]["licenses"] == [{"license": {"name": "BSD"}}]
    mvn = by["pkg:maven/org.apache.commons/commons-lang3@3.12.0"]
    assert (mvn["group"], mvn["name"]) == ("org.apache.commons", "commons-lang3")
    # malformed digests never reach the document (the schema would reject them)
    assert by["pkg:generic/zlib@1.3"]["hashes"] == [{"alg": "MD5", "content": "0" * 32}]
    uni = by["pkg:pypi/%c3%bcn%c3%afc%c3%b8d%c3%a9-pkg@1.0"]
    assert uni["evidence"]["occurrences"][1] == {"location": "other/requirements.txt"}
    assert doc["metadata"]["properties"][0] == {"name": "ospo:issue", "value": "x: global issue"}


def test_dependencies_graph() -> None:
    doc = cyclonedx.build_document(full_result(), SERIAL, FIXED)
    deps = {d["ref"]: d["dependsOn"] for d in doc["dependencies"]}
    assert "pkg:npm/dep-of-scope@2.0.0" in deps["pkg:npm/%40scope/pkg@1.2.3"]
    root = deps["ospo:root:demo-répo"]
    assert "pkg:npm/left-pad" in root and "pkg:npm/dep-of-scope@2.0.0" not in root
    assert "pkg:npm/app@1.0.0" not in deps and "pkg:npm/unknown@9" not in json.dumps(doc["dependencies"])
    assert set(deps) == {c["bom-ref"] for c in doc["components"]} | {"ospo:root:demo-répo"}


def test_deterministic() -> None:
    a = cyclonedx.to_json(full_result(), SERIAL, FIXED)
    shuffled = full_result()
    shuffled.components.reverse()
    shuffled.edges.reverse()
    assert cyclonedx.to_json(shuffled, SERIAL, FIXED) == a == cyclonedx.to_json(full_result(), SERIAL, FIXED)


@pytest.mark.parametrize("value", ["MIT", "mit", "Apache-2.0 OR MIT", "GPL-2.0+", "MIT/Apache-2.0", "BSD", "",
                                   "   ", "see LICENSE", "LicenseRef-Custom", "MIT AND", "(", "x" * 600,
                                   "GPL-2.0-only WITH Classpath-exception-2.0", "Unlicense", "NOASSERTION",
                                   "https://opensource.org/licenses/MIT", "Licence «libre» ✓", "MIT\nApache-2.0"])
def test_every_license_string_gives_a_valid_choice(value: str) -> None:
    result = full_result()
    result.components[0].license = value
    assert_valid(cyclonedx.to_json(result, SERIAL, FIXED))
    choice = license_choice(value)
    assert len(choice) == 1


def test_license_normalisation() -> None:
    assert spdx_expression("mit") == ("MIT", True)
    assert spdx_expression("Apache-2.0 OR MIT") == ("Apache-2.0 OR MIT", False)
    assert spdx_expression("BSD") == (None, False)
    assert license_choice("LicenseRef-Custom") == [{"expression": "LicenseRef-Custom"}]


def test_large_inventory_is_valid() -> None:
    # The schema validator checks uniqueItems pairwise: 600 components keep it to seconds.
    assert_valid(cyclonedx.to_json(big_result(600), SERIAL, FIXED))


@pytest.mark.corpus
def test_corpus_cli_writes_one_valid_cyclonedx_per_repository(corpus_repos: Path, tmp_path: Path) -> None:
    repos = sorted(p for p in corpus_repos.iterdir() if p.is_dir())
    out = tmp_path / "cdx"
    assert main(["scan", *map(str, repos), "--format", "cyclonedx", "--output", str(out), "--jobs", "2"]) == 0
    files = sorted(out.glob("*.cdx.json"))
    assert len(files) == len(repos)
    for f in files:
        error = VALIDATOR.validate_str(f.read_text(encoding="utf-8"))
        assert error is None, (f.name, error)
