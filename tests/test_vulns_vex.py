"""Triage decisions: validation, matching rules, the JSON store, OpenVEX and CycloneDX VEX export and re-import."""

from __future__ import annotations

import json

import pytest
from cyclonedx.schema import SchemaVersion
from cyclonedx.validation.json import JsonStrictValidator

from ospo.engine.vulns.vex import (
    JUSTIFICATIONS,
    STATES,
    Decision,
    JsonTriageStore,
    MemoryTriageStore,
    TriageError,
    find_decision,
    from_cyclonedx_vex,
    from_openvex,
    load_vex,
    openvex_problems,
    to_cyclonedx_vex,
    to_openvex,
)

ALL = [
    Decision("CVE-2099-1", "pkg:pypi/django@3.2.18", "not_affected", "vulnerable_code_not_in_execute_path",
             "raw() is never called", "ana@example.gov", "2024-06-01T10:00:00Z", ["GHSA-aaaa-bbbb-cccc"]),
    Decision("CVE-2099-2", "pkg:npm/lodash", "false_positive", None, "lockfile entry is a dev tool",
             "bo@example.gov", "2024-06-02T10:00:00Z"),
    Decision("GHSA-xxxx-yyyy-zzzz", "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1", "affected",
             statement="reachable from the API", author="cy@example.gov", timestamp="2024-06-03T10:00:00Z",
             action="upgrade to 2.17.1 in sprint 12"),
    Decision("GO-2099-3", "pkg:golang/golang.org/x/net@v0.6.0", "fixed", author="di@example.gov",
             timestamp="2024-06-04T10:00:00Z"),
    Decision("RUSTSEC-2099-4", "pkg:cargo/time", "in_triage", statement="looking", timestamp="2024-06-05T10:00:00Z"),
] + [Decision(f"CVE-2099-1{i}", "pkg:pypi/flask", "not_affected", j, timestamp="2024-06-06T10:00:00Z")
     for i, j in enumerate(JUSTIFICATIONS)]


def key(d: Decision) -> tuple:
    return (d.vulnerability, d.purl, d.state, d.justification, d.statement, d.author, d.timestamp,
            sorted(d.aliases), d.action)


def test_every_state_and_justification_is_exercised() -> None:
    assert {d.state for d in ALL} == set(STATES)
    assert {d.justification for d in ALL if d.justification} == set(JUSTIFICATIONS)


def test_openvex_round_trip_and_required_fields() -> None:
    doc = to_openvex(ALL, author="OSPO security", timestamp="2024-07-01T00:00:00Z")
    assert openvex_problems(doc) == []
    assert doc["@context"] == "https://openvex.dev/ns/v0.2.0"
    back, problems = from_openvex(json.loads(json.dumps(doc)))
    assert problems == []
    # a statement without its own author is vouched for by the document's author
    expected = [Decision(**{**d.as_dict(), "author": d.author or "OSPO security"}) for d in ALL]
    assert sorted(map(key, back)) == sorted(map(key, expected))
    by_status = {s["vulnerability"]["name"]: s for s in doc["statements"]}
    assert by_status["CVE-2099-2"]["status"] == "not_affected"  # OpenVEX has no false positive
    assert by_status["RUSTSEC-2099-4"]["status"] == "under_investigation"
    assert by_status["GHSA-xxxx-yyyy-zzzz"]["action_statement"] == "upgrade to 2.17.1 in sprint 12"


def test_openvex_problems_catch_missing_fields() -> None:
    doc = to_openvex(ALL[:1])
    del doc["statements"][0]["justification"]
    del doc["statements"][0]["impact_statement"]
    doc["version"] = 0
    problems = openvex_problems(doc)
    assert any("justification" in p for p in problems) and any("version" in p for p in problems)


def test_cyclonedx_round_trip_is_schema_valid() -> None:
    doc = to_cyclonedx_vex(ALL, timestamp="2024-07-01T00:00:00Z")
    text = json.dumps(doc)
    assert JsonStrictValidator(SchemaVersion.V1_6).validate_str(text) is None
    states = {v["id"]: v["analysis"]["state"] for v in doc["vulnerabilities"]}
    assert states["CVE-2099-1"] == "not_affected" and states["GHSA-xxxx-yyyy-zzzz"] == "exploitable"
    assert states["GO-2099-3"] == "resolved" and states["CVE-2099-2"] == "false_positive"
    back, problems = from_cyclonedx_vex(json.loads(text))
    assert problems == []
    assert sorted(map(key, back)) == sorted(map(key, ALL))


def test_foreign_cyclonedx_without_ospo_properties() -> None:
    doc = {"bomFormat": "CycloneDX", "specVersion": "1.6", "components": [
        {"type": "library", "bom-ref": "c1", "name": "lodash", "purl": "pkg:npm/lodash@4.17.20"}],
        "vulnerabilities": [
            {"id": "CVE-1", "analysis": {"state": "not_affected", "justification": "code_not_reachable",
                                         "detail": "d"}, "affects": [{"ref": "c1"}]},
            {"id": "CVE-2", "affects": [{"ref": "c1"}]},  # no analysis: a finding, not a decision
            {"id": "CVE-3", "analysis": {"state": "weird"}, "affects": [{"ref": "c1"}]}]}
    back, problems = from_cyclonedx_vex(doc)
    assert [(d.vulnerability, d.purl, d.justification) for d in back] == [
        ("CVE-1", "pkg:npm/lodash@4.17.20", "vulnerable_code_not_in_execute_path")]
    assert len(problems) == 1 and "vulnerabilities[2]" in problems[0]


def test_load_vex_detects_the_format() -> None:
    assert len(load_vex(json.dumps(to_openvex(ALL)).encode())[0]) == len(ALL)
    assert len(load_vex(json.dumps(to_cyclonedx_vex(ALL)).encode())[0]) == len(ALL)
    for bad in (b"[]", b"{}", b"\x00\x01", b"{\"@context\": \"https://openvex.dev/ns/v0.2.0\"}"):
        with pytest.raises(TriageError):
            load_vex(bad)


def test_matching_by_alias_and_by_purl_with_or_without_version() -> None:
    ds = [Decision("GHSA-1", "pkg:npm/lodash", "not_affected", "component_not_present", timestamp="2024-01-01"),
          Decision("CVE-1", "pkg:npm/lodash@4.17.20", "affected", timestamp="2023-01-01")]
    # the versioned decision wins over the all-versions one, even when older
    assert find_decision(ds, "pkg:npm/lodash@4.17.20", ["CVE-1", "GHSA-1"]).state == "affected"
    assert find_decision(ds, "pkg:npm/lodash@4.17.21", ["CVE-1", "GHSA-1"]).state == "not_affected"
    assert find_decision(ds, "pkg:npm/lodash@4.17.21", ["CVE-9"]) is None
    assert find_decision(ds, "pkg:npm/underscore@1.0.0", ["GHSA-1"]) is None
    assert find_decision(ds, "pkg:npm/LODASH@1", ["GHSA-1"]) is not None  # npm names are lower case
    py = [Decision("PYSEC-1", "pkg:pypi/Zope.Interface", "fixed")]
    assert find_decision(py, "pkg:pypi/zope-interface@5.0", ["PYSEC-1"]) is not None  # PEP 503
    assert find_decision(py, "not a purl", ["PYSEC-1"]) is None
    newer = [Decision("CVE-1", "pkg:npm/a", "affected", timestamp="2024-01-01T00:00:00Z"),
             Decision("CVE-1", "pkg:npm/a", "in_triage", timestamp="2024-02-01T00:00:00Z")]
    assert find_decision(newer, "pkg:npm/a@1", ["CVE-1"]).state == "in_triage"


def test_decision_validation() -> None:
    for bad in [dict(vulnerability="", purl="pkg:npm/a", state="fixed"),
                dict(vulnerability="X", purl="npm/a", state="fixed"),
                dict(vulnerability="X", purl="pkg:npm/a", state="ignored"),
                dict(vulnerability="X", purl="pkg:npm/a", state="not_affected", justification="because"),
                dict(vulnerability="X", purl="pkg:npm/a", state="fixed", author=3)]:
        with pytest.raises(TriageError):
            Decision(**bad)


def test_memory_store_replaces_same_key() -> None:
    s = MemoryTriageStore()
    s.put(Decision("CVE-1", "pkg:npm/a", "in_triage"))
    s.put(Decision("CVE-1", "pkg:npm/A", "fixed"))
    s.put(Decision("CVE-1", "pkg:npm/a@1", "affected"))
    assert sorted((d.purl, d.state) for d in s.decisions()) == [("pkg:npm/a", "fixed"), ("pkg:npm/a@1", "affected")]


def test_json_store_persists_and_reports_bad_entries(tmp_path) -> None:
    path = tmp_path / ".ospo" / "vex.json"
    store = JsonTriageStore(path)
    assert store.decisions() == [] and store.problems == []
    for d in ALL:
        store.put(d)
    store.save()
    again = JsonTriageStore(path)
    assert sorted(map(key, again.decisions())) == sorted(map(key, ALL)) and again.problems == []
    doc = json.loads(path.read_text())
    doc["decisions"].append({"vulnerability": "X", "purl": "pkg:npm/a", "state": "nope"})
    doc["decisions"].append("text")
    path.write_text(json.dumps(doc))
    partial = JsonTriageStore(path)
    assert len(partial.decisions()) == len(ALL) and len(partial.problems) == 2
    path.write_text("{\"decisions\": 5}")
    assert JsonTriageStore(path).problems
    path.write_bytes(b"\xff\xfe garbage")
    assert JsonTriageStore(path).problems
