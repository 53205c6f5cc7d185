"""Fuzzing of every parser of the vulns command: VEX documents (OpenVEX, CycloneDX), the triage file, npm bulk
advisories and OSV API answers. Property: a result or the module's own error — never anything else."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from ospo.engine.vulns.online import OnlineResult, OsvApiSource, PackageQuery, SourceFailure, npm_advisory_to_osv
from ospo.engine.vulns.vex import (
    STATES,
    Decision,
    JsonTriageStore,
    TriageError,
    load_vex,
    to_cyclonedx_vex,
    to_openvex,
)

from fuzzing import FUZZ_SETTINGS, json_documents, json_values, mutations

SEED_DECISIONS = [
    Decision("CVE-1", "pkg:npm/lodash@4.17.20", "not_affected", "component_not_present", "s", "a",
             "2024-01-01T00:00:00Z", ["GHSA-1"]),
    Decision("CVE-2", "pkg:pypi/django", "affected", action="upgrade"),
    Decision("CVE-3", "pkg:maven/g/a@1", "false_positive"),
]
OPENVEX = to_openvex(SEED_DECISIONS, timestamp="2024-01-01T00:00:00Z")
CDX = to_cyclonedx_vex(SEED_DECISIONS, timestamp="2024-01-01T00:00:00Z")
STORE = {"ospo_triage": 1, "decisions": [d.as_dict() for d in SEED_DECISIONS]}
SEEDS = [json.dumps(d).encode() for d in (OPENVEX, CDX, STORE)]


def _check_decisions(decisions: list[Decision]) -> None:
    for d in decisions:
        assert d.state in STATES and d.purl.startswith("pkg:") and d.vulnerability


@FUZZ_SETTINGS
@given(st.binary(max_size=300) | mutations(SEEDS) | json_documents(OPENVEX) | json_documents(CDX))
def test_fuzz_load_vex(data: bytes) -> None:
    try:
        decisions, problems = load_vex(data)
    except TriageError:
        return
    _check_decisions(decisions)
    assert all(isinstance(p, str) for p in problems)


@FUZZ_SETTINGS
@given(st.binary(max_size=300) | mutations(SEEDS) | json_documents(STORE))
def test_fuzz_triage_file(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "vex.json"
        path.write_bytes(data)
        store = JsonTriageStore(path)  # never raises: problems are collected
        _check_decisions(store.decisions())
        store.save()
        again = JsonTriageStore(path)
        assert again.problems == [] and len(again.decisions()) == len(store.decisions())


NPM_SEED = {"id": 1, "url": "https://github.com/advisories/GHSA-a", "title": "t", "severity": "high",
            "vulnerable_versions": ">=1.0.0 <1.2.6 || <0.2.4", "cvss": {"vectorString": "CVSS:3.1/AV:N"}}


@FUZZ_SETTINGS
@given(json_values | json_documents(NPM_SEED).map(json.loads) | st.fixed_dictionaries(
    {"id": st.integers(), "vulnerable_versions": st.text(max_size=40)}))
def test_fuzz_npm_advisory(adv: object) -> None:
    rec = npm_advisory_to_osv("pkg", adv)
    assert rec is None or (rec["id"] and rec["affected"][0]["package"]["name"] == "pkg")


class _Canned(OsvApiSource):
    """An OSV source whose HTTP answers are the fuzzed documents."""

    def __init__(self, batch: object, record: object) -> None:
        super().__init__("http://127.0.0.1:9", None)
        self.batch, self.record = batch, record

    def _request(self, result: OnlineResult, method: str, path: str, body: object = None) -> object:
        result.requests += 1
        if result.requests > 50:
            raise SourceFailure("too many requests in a fuzz case")
        return self.batch if method == "POST" else self.record


BATCH_SEED = {"results": [{"vulns": [{"id": "GHSA-x", "modified": "2024-01-01T00:00:00Z"}],
                           "next_page_token": "t"}]}
RECORD_SEED = {"id": "GHSA-x", "modified": "2024-01-01T00:00:00Z",
               "affected": [{"package": {"ecosystem": "npm", "name": "a"},
                             "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}]}]}]}


@FUZZ_SETTINGS
@given(json_documents(BATCH_SEED).map(json.loads), json_documents(RECORD_SEED).map(json.loads))
def test_fuzz_osv_api_answers(batch: object, record: object) -> None:
    out = _Canned(batch, record).fetch([PackageQuery("npm", "a", "1.0.0")])
    for adv in out.advisories:
        assert isinstance(adv, dict) and isinstance(adv["id"], str)
    assert all(isinstance(r, str) for _, r in out.failures)
