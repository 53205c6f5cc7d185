"""Catalog importers and exporters: fixtures, the real publiccode.yml corpus (lossless round trip), fuzzing."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ospo.catalog import exports
from ospo.catalog.formats import read_any
from ospo.catalog.messages import CATALOG
from ospo.catalog.publiccode_io import dump_publiccode, read_publiccode
from ospo.catalog.record import CatalogRecord
from ospo.engine.publiccode.validate import validate_publiccode

from fuzzing import FUZZ_SETTINGS, json_values, mutations
from util import SHARED

FIX = Path(__file__).parent / "fixtures" / "catalog"
REAL = SHARED / "corpus" / "publiccode" / "real"
REAL_FILES = sorted(REAL.glob("*/publiccode.y*ml")) if REAL.is_dir() else []
# deprecated key → where the normalisation puts it (value transformation, if any)
MOVED = {"monochromeLogo": ("logo", None), "legal.repoOwner": ("organisation.name", None)}


def leaves(doc: Any, prefix: str = "") -> dict[str, Any]:
    """Every leaf value by key path ("description.it.features[1]")."""
    if isinstance(doc, dict):
        out: dict[str, Any] = {}
        for k, v in doc.items():
            out.update(leaves(v, f"{prefix}.{k}" if prefix else k))
        return out or {prefix: {}}
    if isinstance(doc, list):
        out = {}
        for i, v in enumerate(doc):
            out.update(leaves(v, f"{prefix}[{i}]"))
        return out or {prefix: []}
    return {prefix: doc}


def raw_doc(path: Path) -> dict:
    from ospo.catalog.publiccode_io import plain
    from ospo.engine.publiccode.yamlnodes import read_yaml_nodes

    return plain(read_yaml_nodes(path.read_bytes()))


def assert_lossless(original: dict, exported_text: str) -> None:
    """Every key the file had is in the export with the same value (deprecated keys: at their new place)."""
    back = read_publiccode(exported_text.encode(), "export.yml")
    assert back.records, back.problems
    after = leaves(back.records[0].publiccode)
    for key, value in leaves(original).items():
        if key in after:
            assert after[key] == value, key
            continue
        if key in MOVED:
            assert after[MOVED[key][0]] == value, key
        elif key.endswith("riuso.codiceIPA"):
            assert after["organisation.uri"] == f"urn:x-italian-pa:{value}", key
        else:
            raise AssertionError(f"{key} lost in the export")


def test_publiccode_fixture_normalizes_deprecated_keys_and_keeps_everything():
    path = FIX / "publiccode-v02.yml"
    result = read_publiccode(path.read_bytes(), str(path))
    assert not result.problems
    rec = result.records[0]
    assert {n.key for n in result.notes} == {"monochromeLogo", "it.riuso.codiceIPA", "legal.repoOwner"}
    assert rec.publiccode["logo"] == "logo-mono.svg" and "monochromeLogo" not in rec.publiccode
    assert rec.publiccode["organisation"] == {"uri": "urn:x-italian-pa:c_x123", "name": "Comune di Esempio"}
    assert "riuso" not in rec.publiccode["it"] and "repoOwner" not in rec.publiccode["legal"]
    # YAML 1.2 core: dates and yes/no/on stay strings, 1.0e3 is a float, features keep their text
    assert rec.release_date == "2019-05-01" and rec.publiccode["softwareVersion"] == 1000.0
    assert rec.publiccode["description"]["it"]["features"] == ["protocollo", "true", "1.5"]
    assert rec.function_categories == ["document-management"] and rec.used_by == ["Comune di Esempio",
                                                                                   "Comune di Altro"]
    text = exports.export_publiccode(rec)
    assert "|" in text  # multi-line description as a block, readable
    assert_lossless(raw_doc(path), text)
    # the normalized export validates without the deprecation warnings that were moved
    warnings = {w.key for w in validate_publiccode(text.encode()).warnings}
    assert "monochromeLogo" not in warnings and "legal.repoOwner" not in warnings


@pytest.mark.skipif(not REAL_FILES, reason="shared publiccode corpus absent")
@pytest.mark.parametrize("path", REAL_FILES, ids=lambda p: p.parent.name)
def test_real_publiccode_round_trip_is_lossless(path):
    result = read_publiccode(path.read_bytes(), str(path))
    assert result.records and not result.problems
    assert_lossless(raw_doc(path), dump_publiccode(result.records[0].publiccode))


def test_sill_fixture():
    result = read_any((FIX / "sill.json").read_bytes(), "sill.json")
    assert result.format == "sill"
    names = [r.name for r in result.records]
    assert names == ["Formbuilder", "Ancien SILL"]
    fb = result.records[0]
    assert fb.license == "AGPL-3.0-only" and fb.version == "2.4.1" and fb.source_id == "12"
    assert fb.alternatives == ["SurveyPro", "Typeform"] and fb.used_by == ["DINUM", "Ministère X"]
    assert fb.function_categories == ["forms"] and fb.description == {"fr": "Outil de création de formulaires en ligne"}
    assert sorted(p.key for p in result.problems) == ["[1]", "[2]"]  # nameless and not an object: skipped, named


def test_dpg_fixture():
    result = read_any((FIX / "dpg.json").read_bytes(), "dpgs.json")
    assert result.format == "dpg" and [r.name for r in result.records] == ["Mojaloop", "OpenCRVS"]
    moja, crvs = result.records
    assert moja.dpg_status == "dpg" and crvs.dpg_status == "nominee"
    assert moja.url == "https://github.com/mojaloop/project" and moja.license == "Apache-2.0"
    assert set(moja.dpg_indicators) == {"SDGs", "clearOwnership", "privacy", "license"}
    assert crvs.description == {"en": "Civil registration", "fr": "État civil"}
    assert [p.key for p in result.problems] == ["[2]"]


def test_codejson_fixture_and_round_trip():
    result = read_any((FIX / "code.json").read_bytes(), "code.json")
    assert result.format == "codejson" and [r.name for r in result.records] == ["Login Service"]
    rec = result.records[0]
    assert rec.license == "CC0-1.0" and rec.function_categories == ["identity"] and rec.languages == ["Ruby"]
    out = json.loads(exports.export_codejson([rec], "GSA"))
    assert out["releases"][0] == json.loads((FIX / "code.json").read_text())["releases"][0]
    assert any(p.key.startswith("releases[1]") for p in result.problems)  # the bad release is reported


def test_ore_fixture():
    result = read_any((FIX / "ore.yml").read_bytes(), "ore.yml")
    assert result.format == "ore" and not result.problems
    rec = result.records[0]
    assert rec.name == "Open Data Portal" and rec.description["fr"].startswith("Un portail")
    assert rec.license == "MIT" and rec.used_by == ["tbs-sct", "ssc-spc"]
    assert rec.function_categories == ["data-exchange"] and rec.landing_url == "https://open.example.ca"


def test_json_export_round_trip_and_csv_is_injection_safe():
    records = [read_any((FIX / "sill.json").read_bytes(), "sill.json").records[0],
               CatalogRecord(name="=HYPERLINK(\"http://x\")", source_format="ospo", description={"en": "+cmd"})]
    again = read_any(exports.export_json(records).encode(), "catalog.json")
    assert again.format == "json" and [r.as_dict() for r in again.records] == [r.as_dict() for r in records]
    rows = list(csv.DictReader(io.StringIO(exports.export_csv(records))))
    assert rows[1]["name"].startswith("'=") and rows[1]["description"] == "'+cmd"


def test_dpg_nomination_draft_lists_what_is_missing():
    rec = read_any((FIX / "dpg.json").read_bytes(), "dpgs.json").records[1]
    draft = json.loads(exports.dpg_nomination(rec, {"documentation": {"url": "https://docs.example"}}))
    assert draft["indicators"]["license"] == [{"spdx": "MPL-2.0"}]  # the registry's own answer is kept
    assert draft["indicators"]["documentation"] == {"url": "https://docs.example"}
    assert "privacy" in draft["to_complete"] and "license" not in draft["to_complete"]


@pytest.mark.parametrize("data,name", [(b"\xff\xfe\x00garbage", "x.json"), (b"[1, 2", "x.json"), (b"{}", "x.json"),
                                       (b"a: [", "publiccode.yml"), (b"- just a list", "publiccode.yml"),
                                       (b"&a [*a]", "ore.yml"), (b"x" * 10, "x.yaml")])
def test_hostile_inputs_give_problems_not_exceptions(data, name):
    result = read_any(data, name)
    assert not result.records and result.problems and all(p.path == name for p in result.problems)


def test_safe_filename_never_leaves_the_directory():
    for name in ("../../etc/passwd", "/abs", "..", "", "a/b\\c"):
        f = exports.safe_filename(name, 3)
        assert "/" not in f and "\\" not in f and not f.startswith(".")


def test_messages_complete():
    assert CATALOG.missing() == []


# --- fuzzing: every importer, >= 1,000 inputs each -----------------------------------------------------------
SEEDS = [p.read_bytes() for p in sorted(FIX.iterdir())]


def _check(result) -> None:  # type: ignore[no-untyped-def]
    for r in result.records:
        assert isinstance(r.name, str) and r.name
        json.dumps(r.as_dict(), default=str)  # storable


@FUZZ_SETTINGS
@given(mutations(SEEDS))
def test_fuzz_publiccode_reader_round_trips_whatever_it_accepts(data):
    result = read_publiccode(data, "publiccode.yml")
    _check(result)
    for r in result.records:
        back = read_publiccode(dump_publiccode(r.publiccode).encode(), "again.yml")
        assert back.records and back.records[0].publiccode == r.publiccode


@FUZZ_SETTINGS
@given(st.sampled_from(["sill.json", "dpgs.json", "code.json", "catalog.json"]), json_values)
def test_fuzz_json_importers(name, value):
    for fmt in ("sill", "dpg", "codejson", "json", None):
        _check(read_any(json.dumps(value).encode(), name, fmt=fmt))


@FUZZ_SETTINGS
@given(mutations(SEEDS), st.sampled_from(["ore.yml", "sill.json", "dpgs.json", "code.json"]))
def test_fuzz_importers_on_mutated_bytes(data, name):
    _check(read_any(data, name))
