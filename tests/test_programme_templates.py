"""Shipped assessment templates: the method's instruments, complete in four languages, lossless as JSON."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest

from ospo.engine.i18n import LANGUAGES
from ospo.engine.safeparse import load_yaml
from ospo.programme.assessment import dumps
from ospo.programme.canvas import LABELS
from ospo.programme.messages import CATALOG
from ospo.programme.templates import load_template, shipped_templates, template_to_dict
from ospo.programme.validate import InvalidDocument

FIXTURES = Path(__file__).parent / "fixtures" / "programme"


def _texts(node, path="$"):
    """Every four-language text in a document (a dict whose keys include "en")."""
    if isinstance(node, dict):
        if "en" in node:
            yield path, node
            return
        for k, v in node.items():
            yield from _texts(v, f"{path}.{k}")
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _texts(v, f"{path}[{i}]")


def test_the_method_instruments_ship_with_their_criteria_counts():
    ts = shipped_templates()
    counts = {tid: len(t.criteria) for tid, t in ts.items()}
    assert counts["institutionalization-health-check"] == 11
    assert counts["pre-publication-readiness"] == 11
    assert counts["oss-friendly-tender"] == 9
    assert counts["good-governance-structure"] == 25
    assert counts["openchain-iso-5230"] == 13  # 3.1.1-3.1.5, 3.2.1-2, 3.3.1-2, 3.4.1, 3.5.1, 3.6.1-2
    # Clusters as in the method: 4/3/4, 3/4/4, 4/2/3.
    assert [len(c.criteria) for c in ts["institutionalization-health-check"].clusters] == [4, 3, 4]
    assert [len(c.criteria) for c in ts["pre-publication-readiness"].clusters] == [3, 4, 4]
    assert [len(c.criteria) for c in ts["oss-friendly-tender"].clusters] == [4, 2, 3]
    assert [len(c.criteria) for c in ts["good-governance-structure"].clusters] == [5] * 5


def test_readiness_scale_has_six_levels_with_descriptions():
    for tid in ("institutionalization-health-check", "pre-publication-readiness", "oss-friendly-tender"):
        scale = shipped_templates()[tid].scale
        assert [lv.level for lv in scale.levels] == [0, 1, 2, 3, 4, 5]
        assert scale.levels[0].label["en"] == "None" and scale.levels[5].label["en"] == "Very strong"


def test_every_template_records_licence_and_source():
    for t in shipped_templates().values():
        assert t.licence and t.source.licence and t.source.citation, t.id
        assert t.licence == "CC-BY-4.0"  # each source is CC BY 4.0; attribution is the citation


@pytest.mark.parametrize("tid", sorted(shipped_templates()))
def test_every_text_exists_in_four_languages(tid):
    doc = template_to_dict(shipped_templates()[tid])
    texts = list(_texts(doc))
    assert len(texts) > 10
    for path, text in texts:
        assert set(text) == set(LANGUAGES), path
        assert all(isinstance(v, str) and v.strip() for v in text.values()), path
    for c in shipped_templates()[tid].criteria:  # criterion titles differ per language (a real translation)
        assert len({c.title["en"], c.title["es"], c.title["fr"]}) == 3, (tid, c.id)


def test_message_catalogs_are_complete():
    assert CATALOG.missing() == []
    assert LABELS.missing() == []


@pytest.mark.parametrize("tid", sorted(shipped_templates()))
def test_yaml_source_equals_export_and_json_round_trip_is_identical(tid):
    raw = load_yaml((resources.files("ospo.programme") / "templates" / f"{tid}.yaml").read_bytes())
    t = shipped_templates()[tid]
    exported = dumps(template_to_dict(t))
    assert template_to_dict(t) == raw  # nothing in the YAML is dropped or defaulted away
    again = load_template(exported.encode(), "json")
    assert again == t
    assert dumps(template_to_dict(again)) == exported


def test_broken_template_reports_every_problem_with_its_path():
    with pytest.raises(InvalidDocument) as info:
        load_template((FIXTURES / "bad-template.yaml").read_bytes(), "yaml")
    msgs = info.value.messages("en")
    expected = [
        "$.renewal_months: required key is missing",
        "$.id: invalid id 'broken template'",
        "$.source.licence: required key is missing",
        "$.subjects[1]: 'planet' is not one of",
        "$.title: text missing in language pt-BR",
        "$.guidance.de: unknown key",
        "$.scale.levels: scale levels must be consecutive",
        "$.clusters[0].criteria[0].evidence[1]: 'rumour' is not one of",
        "$.clusters[0].criteria[1].weight: 0 is outside 1..100",
        "$.clusters[0].criteria[1].id: duplicate id 'c1'",
    ]
    for e in expected:
        assert any(m.startswith(e) for m in msgs), (e, msgs)
    assert len(msgs) == len(expected)
    es = info.value.messages("es")
    assert any("falta el texto en el idioma pt-BR" in m for m in es)


def test_not_yaml_is_a_clear_failure():
    with pytest.raises(InvalidDocument) as info:
        load_template(b"a: [unclosed", "yaml")
    assert info.value.problems[0].path == "$"
    assert "invalid YAML" in info.value.messages()[0]
    with pytest.raises(InvalidDocument):
        load_template(b"\x00\x01binary", "json")
