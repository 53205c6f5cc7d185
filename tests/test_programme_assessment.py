"""Assessments of the three instruments filled from JSON: scored, compared, exported and re-imported identically."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from ospo.programme.assessment import (
    Subject,
    add_months,
    assessment_to_dict,
    compare,
    dumps,
    load_assessment,
    new_assessment,
    renewal_due,
    score,
    trend,
)
from ospo.programme.prefill import Observation, known_evidence_ids, level_from_observations, prefill_readiness
from ospo.programme.templates import get_template
from ospo.programme.validate import InvalidDocument

FIXTURES = Path(__file__).parent / "fixtures" / "programme"
INSTRUMENTS = ["health-check-2025.json", "readiness-portal.json", "tender-2026-017.json"]


def _load(name: str):
    return load_assessment((FIXTURES / name).read_bytes(), source=name)


@pytest.mark.parametrize("name", INSTRUMENTS)
def test_filled_from_json_exports_and_reimports_identically(name):
    data = (FIXTURES / name).read_bytes()
    a = _load(name)
    exported = dumps(assessment_to_dict(a))
    assert exported == data.decode("utf-8")  # the hand-written file is already in the canonical form
    again = load_assessment(exported.encode())
    assert again == a
    assert dumps(assessment_to_dict(again)) == exported


def test_health_check_scores_follow_the_documented_formula():
    a = _load("health-check-2025.json")
    s = score(a, get_template(a.template_id))
    # Foundations 3,2,2,1 of 5 each; people 1,2,0; strategic 1,0, one unanswered, one not applicable.
    by = {c.cluster: c for c in s.clusters}
    assert by["foundations"].score == pytest.approx(100 * 8 / 20)
    assert by["people-practices"].score == pytest.approx(100 * 3 / 15)
    assert by["strategic-maturity"].score == pytest.approx(100 * 1 / 10)
    assert (by["strategic-maturity"].answered, by["strategic-maturity"].applicable) == (2, 3)
    assert s.overall == pytest.approx(100 * 12 / 45)
    assert s.mean_level == pytest.approx(12 / 9)
    assert (s.answered, s.applicable, s.total) == (9, 10, 11)
    assert a.sign_off is not None and a.sign_off.reviewer == "A. Silva"


def test_readiness_and_tender_scores():
    r = _load("readiness-portal.json")
    levels = [5, 4, 5, 3, 2, 1, 5, 4, 4, 3, 5]
    assert score(r, get_template(r.template_id)).overall == pytest.approx(100 * sum(levels) / 55)
    t = _load("tender-2026-017.json")
    st = score(t, get_template(t.template_id))
    assert (st.answered, st.applicable) == (8, 8)  # services-competed is not applicable
    assert st.overall == pytest.approx(100 * (4 + 5 + 2 + 3 + 3 + 1 + 5 + 2) / 40)
    assert t.renew_by is None  # a tender is assessed once


def test_weights_change_the_mean():
    import dataclasses

    tmpl = get_template("oss-friendly-tender")
    first = tmpl.clusters[0]
    heavy = dataclasses.replace(first.criteria[0], weight=3)
    tmpl2 = dataclasses.replace(tmpl, clusters=(dataclasses.replace(first, criteria=(heavy, *first.criteria[1:])),
                                                *tmpl.clusters[1:]))
    a = new_assessment(tmpl2, Subject("tender", "t"), dt.date(2026, 1, 1), "t1")
    a.answers["functional-terms"].level = 5
    a.answers["oss-allowed"].level = 0
    assert score(a, tmpl2).overall == pytest.approx(100 * 3 / 4)


def test_comparison_over_time_gives_deltas_per_criterion():
    before, after = _load("health-check-2025.json"), _load("health-check-2026.json")
    t = get_template(before.template_id)
    cmp = compare(before, after, t)
    deltas = {d.criterion: d.delta for d in cmp.criteria}
    assert deltas["formal-mandate"] == 1 and deltas["skills-training"] == 2 and deltas["regular-processes"] == -1
    assert deltas["public-declaration"] is None and deltas["integrated-strategy"] is None
    assert set(cmp.improved) == {"formal-mandate", "roles-processes", "skills-training"}
    assert cmp.regressed == ("regular-processes",)
    assert cmp.overall[1] - cmp.overall[0] == pytest.approx(100 * (1 + 1 + 2 - 1) / 45)
    series = trend([after, before], lambda tid, ver: get_template(tid))
    assert [d for d, _ in series] == [dt.date(2025, 1, 31), dt.date(2026, 1, 30)]


def test_renewal_dates():
    assert add_months(dt.date(2025, 1, 31), 1) == dt.date(2025, 2, 28)
    assert add_months(dt.date(2024, 1, 31), 1) == dt.date(2024, 2, 29)
    assert add_months(dt.date(2025, 11, 15), 18) == dt.date(2027, 5, 15)
    oc = new_assessment(get_template("openchain-iso-5230"), Subject("ospo", "x"), dt.date(2025, 11, 15), "oc")
    assert oc.renew_by == dt.date(2027, 5, 15)
    a = _load("health-check-2025.json")
    assert not renewal_due(a, dt.date(2025, 12, 1))
    assert renewal_due(a, dt.date(2025, 12, 1), within_days=61)
    assert renewal_due(a, dt.date(2026, 1, 31))


def _doc(name):
    return json.loads((FIXTURES / name).read_text())


def test_invalid_results_are_reported_with_paths():
    doc = _doc("health-check-2025.json")
    doc["answers"]["formal-mandate"]["level"] = 6
    doc["answers"]["no-such"] = {"level": 1}
    doc["answers"]["integrated-strategy"]["level"] = 2  # also marked not applicable
    doc["answers"]["oss-policies"]["evidence"] = [{"kind": "gossip", "ref": "x"}]
    doc["subject"]["kind"] = "tender"  # the health check assesses an OSPO or an agency
    doc["assessed_on"] = "31/01/2025"
    with pytest.raises(InvalidDocument) as info:
        load_assessment(json.dumps(doc).encode())
    paths = sorted(p.path for p in info.value.problems)
    assert paths == sorted(["$.answers.formal-mandate.level", "$.answers.no-such",
                            "$.answers.integrated-strategy.level", "$.answers.oss-policies.evidence[0].kind",
                            "$.subject.kind", "$.assessed_on"])
    doc = _doc("health-check-2025.json")
    doc["template"]["id"] = "unknown-instrument"
    with pytest.raises(InvalidDocument) as info:
        load_assessment(json.dumps(doc).encode())
    assert [p.path for p in info.value.problems] == ["$.template.id"]


def test_prefill_fills_every_automatable_criterion_from_engine_results(tmp_path):
    from ospo.engine.publish.criteria import CRITERIA
    from ospo.engine.publish.evaluate import evaluate

    repo = tmp_path / "portal"
    shutil.copytree(FIXTURES / "repo", repo)  # outside any git checkout: judged as a plain directory
    no_db = str(tmp_path / "no-vulndb.sqlite")  # absent: the engine fails closed on the security review
    a = prefill_readiness(str(repo), assessed_on=dt.date(2026, 3, 1), lang="es", vulndb=no_db)
    t = get_template("pre-publication-readiness")
    engine = {r.criterion.id: r for r in evaluate(str(repo), lang="es", vulndb=no_db).results}
    # every criterion the publish engine can rate is named by the template; only the approval stays with people
    assert {n for c in t.automatable for n in c.automatable} == {f"publish:{c.id}" for c in CRITERIA
                                                                  if c.automatable}
    assert [c.id for c in t.criteria if not c.automatable] == ["publication-approved"]
    for c in t.automatable:
        ans = a.answers[c.id]
        (name,) = c.automatable
        r = engine[name.split(":", 1)[1]]
        assert ans.prefilled and ans.level == r.automated_level, c.id  # the engine's level, unchanged
        assert ans.level is not None, c.id
        assert {e.ref for e in ans.evidence} == {name} and all(e.kind == "engine-result" for e in ans.evidence)
        assert ans.evidence[0].note.startswith(f"{r.status} {r.automated_level}/5: ")
        notes = [e.note for e in ans.evidence[1:]]
        assert len(notes) == min(len(r.evidence), 10)
        for note, ev in zip(notes, r.evidence, strict=False):  # the engine's own lines, with file and line
            assert note.startswith(ev.message) and (ev.path is None or ev.path in note)
        assert "motor" in ans.notes  # Spanish note
    assert not a.answers["publication-approved"].prefilled and a.answers["publication-approved"].level is None
    # The fixture has README/LICENSE/SECURITY/CONTRIBUTING and no secret; no git history and no vulnerability DB.
    assert a.answers["no-secrets"].level >= 4
    assert a.answers["public-repository"].level == 0
    assert a.answers["security-reviewed"].level == 0
    # Exported and re-imported like any assessment.
    assert load_assessment(dumps(assessment_to_dict(a)).encode()) == a


def test_prefill_removes_a_secret_level(tmp_path):
    repo = tmp_path / "leaky"
    shutil.copytree(FIXTURES / "repo", repo)
    (repo / "settings.py").write_text('AWS_SECRET_ACCESS_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEYzz"\n'
                                      'aws_access_key_id = "AKIAIOSFODNN7EXAMPLQ"\n')
    clean = prefill_readiness(str(FIXTURES / "repo"), assessed_on=dt.date(2026, 3, 1),
                              provider=lambda p, lang: {"publish:no-secrets": Observation(10, "pass", "", 5)})
    leaky = prefill_readiness(str(repo), assessed_on=dt.date(2026, 3, 1))
    assert clean.answers["no-secrets"].level == 5
    assert leaky.answers["no-secrets"].level == 0  # a committed secret: the publish engine's level 0
    assert any("settings.py" in e.note for e in leaky.answers["no-secrets"].evidence)


def test_hygiene_keys_still_prefill_through_the_hygiene_engine():
    """A template (another instrument, or an older version) naming hygiene checks gets the hygiene provider."""
    import dataclasses

    from ospo.programme.prefill import default_provider, prefill

    t = get_template("pre-publication-readiness")
    crit = dataclasses.replace(t.clusters[2].criteria[1], automatable=("hygiene:readme", "hygiene:security-policy"))
    cluster = dataclasses.replace(t.clusters[2], criteria=(crit,))
    old = dataclasses.replace(t, version="1.0.0", clusters=(cluster,))
    obs = default_provider(old)(str(FIXTURES / "repo"), "en")
    assert set(obs) >= {"hygiene:readme", "hygiene:security-policy"} and not any(k.startswith("publish:") for k in obs)
    a = new_assessment(old, Subject("repository", "r"), dt.date(2026, 1, 1), "r1")
    assert prefill(a, old, obs) == ["required-files"]
    assert a.answers["required-files"].level == 5  # both files present: 10/10 → 5


def test_every_automatable_key_names_evidence_the_engine_produces():
    names = {n for t in [get_template("pre-publication-readiness")] for c in t.automatable for n in c.automatable}
    assert names <= known_evidence_ids()


def test_level_mapping_rounds_half_up_and_ignores_unscored():
    obs = [Observation(7, "warn", ""), Observation(None, "not-applicable", "")]
    assert level_from_observations(obs, 5) == 4  # 3.5 → 4
    assert level_from_observations([Observation(10, "pass", "")], 5) == 5
    assert level_from_observations([Observation(0, "fail", ""), Observation(2, "fail", "")], 5) == 1  # 0.5 → 1
    assert level_from_observations([Observation(None, "not-evaluated", "")], 5) is None


def test_unscored_evidence_still_prefills_with_a_note():
    a = prefill_readiness(str(FIXTURES / "repo"), assessed_on=dt.date(2026, 3, 1), lang="fr",
                          provider=lambda p, lang: {})
    ans = a.answers["supply-chain"]
    assert ans.prefilled and ans.level is None and "à la main" in ans.notes


def test_prefill_keeps_a_person_s_answer():
    from ospo.programme.prefill import prefill

    t = get_template("pre-publication-readiness")
    a = new_assessment(t, Subject("repository", "r"), dt.date(2026, 1, 1), "r1")
    a.answers["no-secrets"].level = 1
    filled = prefill(a, t, {"publish:no-secrets": Observation(10, "pass", "", 5)})
    assert "no-secrets" not in filled and a.answers["no-secrets"].level == 1
