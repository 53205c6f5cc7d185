"""Fuzzing the programme loaders (>= 1,000 inputs each): a document loads or raises InvalidDocument, nothing else,
and whatever loads exports and re-imports to the same object."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from ospo.programme.assessment import assessment_to_dict, dumps, load_assessment
from ospo.programme.cost import cost_model_from_data
from ospo.programme.templates import load_template, template_to_dict
from ospo.programme.validate import InvalidDocument, parse_document

from fuzzing import FUZZ_SETTINGS, json_documents, mutations

FIXTURES = Path(__file__).parent / "fixtures" / "programme"
TEMPLATE_YAML = (resources.files("ospo.programme") / "templates" / "oss-friendly-tender.yaml").read_bytes()
TEMPLATE_DOC = parse_document(TEMPLATE_YAML, "yaml")
RESULTS = [(FIXTURES / n).read_bytes() for n in ("health-check-2025.json", "tender-2026-017.json")]
RESULTS_DOC = json.loads(RESULTS[0])
COST_YAML = (resources.files("ospo.programme") / "data" / "cost-model.yaml").read_bytes()


@FUZZ_SETTINGS
@given(st.binary(max_size=300) | mutations([json.dumps(TEMPLATE_DOC).encode()]) | json_documents(TEMPLATE_DOC)
       | st.just(json.dumps(TEMPLATE_DOC).encode()))
def test_fuzz_template_json(data: bytes) -> None:
    try:
        t = load_template(data, "json")
    except InvalidDocument as exc:
        assert exc.problems and all(p.path.startswith("$") for p in exc.problems)
        return
    again = load_template(dumps(template_to_dict(t)).encode(), "json")
    assert again == t


@FUZZ_SETTINGS
@given(st.binary(max_size=300) | mutations([TEMPLATE_YAML]))
def test_fuzz_template_yaml(data: bytes) -> None:
    try:
        load_template(data, "yaml")
    except InvalidDocument as exc:
        assert exc.problems


@FUZZ_SETTINGS
@given(st.binary(max_size=300) | mutations(RESULTS) | json_documents(RESULTS_DOC) | st.sampled_from(RESULTS))
def test_fuzz_results_json(data: bytes) -> None:
    try:
        a = load_assessment(data)
    except InvalidDocument as exc:
        assert exc.problems and all(m for m in exc.messages("pt-BR"))
        return
    exported = dumps(assessment_to_dict(a))
    assert load_assessment(exported.encode()) == a


@FUZZ_SETTINGS
@given(st.binary(max_size=300) | mutations([COST_YAML]))
def test_fuzz_cost_model_yaml(data: bytes) -> None:
    try:
        cost_model_from_data(parse_document(data, "yaml"))
    except InvalidDocument as exc:
        assert exc.problems
