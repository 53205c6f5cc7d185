"""Fuzzing the registry document parsers: >= 1,000 inputs each; ParseFailure or a string/None, nothing else."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ospo.engine.licenses.registries import cargo, gem, maven, npm, nuget, packagist, pypi
from ospo.engine.safeparse import ParseFailure

from fuzzing import FUZZ_SETTINGS, json_documents, mutations
from util import FIXTURES

FX = FIXTURES / "license_registries"


def _check(parse, data: bytes) -> None:  # type: ignore[no-untyped-def]
    try:
        out = parse(data)
    except ParseFailure:
        return
    if isinstance(out, tuple):  # maven: (license, parent)
        out, parent = out
        assert parent is None or all(isinstance(x, str) and x for x in parent)
    assert out is None or (isinstance(out, str) and out.strip())


JSON_PARSERS = [
    (pypi.parse_pypi, "pypi_requests.json"),
    (npm.parse_npm, "npm_scoped.json"),
    (cargo.parse_cargo, "cargo_serde.json"),
    (gem.parse_gem, "gem_rails.json"),
    (lambda b: packagist.parse_packagist(b, "monolog/monolog", "3.4.0"), "packagist_monolog.json"),
]
XML_PARSERS = [(nuget.parse_nuspec, "nuget_newtonsoft.nuspec"), (maven.parse_pom, "maven_dual.pom"),
               (maven.parse_pom, "maven_child.pom")]


@pytest.mark.parametrize(("parse", "fixture"), JSON_PARSERS, ids=["pypi", "npm", "cargo", "gem", "packagist"])
def test_fuzz_json_parsers(parse, fixture):
    import json

    seed = (FX / fixture).read_bytes()

    @FUZZ_SETTINGS
    @given(st.binary(max_size=200) | mutations([seed]) | json_documents(json.loads(seed)))
    def run(data: bytes) -> None:
        _check(parse, data)

    run()


@pytest.mark.parametrize(("parse", "fixture"), XML_PARSERS, ids=["nuspec", "pom-dual", "pom-child"])
def test_fuzz_xml_parsers(parse, fixture):
    seed = (FX / fixture).read_bytes()

    @FUZZ_SETTINGS
    @given(st.binary(max_size=200) | mutations([seed]))
    def run(data: bytes) -> None:
        _check(parse, data)

    run()
