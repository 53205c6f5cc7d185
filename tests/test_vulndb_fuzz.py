"""Fuzzing the advisory loaders: >= 1,000 generated inputs each. Property: a record comes out well typed, or
ParseFailure is raised (for the OSV loader) / an error entry is recorded (for the importer) — nothing else."""

from __future__ import annotations

import json

import yaml
from hypothesis import given
from hypothesis import strategies as st

from ospo.engine.safeparse import ParseFailure
from ospo.engine.vulns.importer import ImportReport, records_from_bytes
from ospo.engine.vulns.osv import OsvRecord, load_record
from test_vulndb_native import FRIENDSOFPHP, NODEJS, RUBYSEC, VICTIMS

from fuzzing import FUZZ_SETTINGS, json_documents, mutations

OSV_TEMPLATE = {
    "schema_version": "1.6.0", "id": "GHSA-xxxx-yyyy-zzzz", "modified": "2024-05-01T10:00:00Z",
    "published": "2024-04-01T00:00:00Z", "withdrawn": None, "aliases": ["CVE-2024-1"], "related": ["PYSEC-1"],
    "summary": "s", "details": "d", "severity": [{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L"}],
    "affected": [{
        "package": {"ecosystem": "PyPI", "name": "django", "purl": "pkg:pypi/django"},
        "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "1.2"}, {"last_affected": "2"}],
                    "database_specific": {}},
                   {"type": "GIT", "repo": "https://x", "events": [{"introduced": "abc"}, {"limit": "def"}]}],
        "versions": ["1.0", "1.1"], "ecosystem_specific": {"imports": []}, "database_specific": {},
    }],
    "references": [{"type": "WEB", "url": "https://x"}], "database_specific": {"k": 1},
}
OSV_SEED = json.dumps(OSV_TEMPLATE).encode()
OSV_YAML_SEED = yaml.safe_dump(OSV_TEMPLATE).encode()


def _check_record(rec: OsvRecord) -> None:
    assert isinstance(rec.id, str) and rec.id
    assert isinstance(rec.modified, str) and len(rec.modified) == 27
    json.loads(rec.json_text)
    for key in rec.affected:
        assert isinstance(key.osv_ecosystem, str) and isinstance(key.name, str)
    for entry in rec.record.get("affected") or []:
        for rng in entry.get("ranges") or []:
            for ev in rng["events"]:
                (kind, version), = ev.items()
                assert isinstance(kind, str) and isinstance(version, str)


@FUZZ_SETTINGS
@given(st.binary(max_size=300) | mutations([OSV_SEED, OSV_YAML_SEED]) | json_documents(OSV_TEMPLATE))
def test_fuzz_osv_loader(data: bytes) -> None:
    for name in ("x.json", "x.yaml"):
        try:
            rec = load_record(data, name)
        except ParseFailure:
            continue
        _check_record(rec)


NATIVE_SEEDS = [
    ("gems/g/x.yml", RUBYSEC.encode()),
    ("v/p/x.yaml", FRIENDSOFPHP.encode()),
    ("vuln/npm/1.json", json.dumps(NODEJS).encode()),
    ("database/java/2014/1.yaml", VICTIMS.encode()),
]


@st.composite
def native_documents(draw: st.DrawFn) -> tuple[str, bytes]:
    """A native seed: cut and spliced as bytes, or loaded and with random values put in some of its members."""
    name, seed = draw(st.sampled_from(NATIVE_SEEDS))
    if draw(st.booleans()):
        return name, draw(mutations([seed]))
    doc = yaml.safe_load(seed) if not name.endswith(".json") else json.loads(seed)
    doc = json.loads(json.dumps(doc, default=str))
    data = draw(json_documents(doc))
    return name, data


@FUZZ_SETTINGS
@given(native_documents())
def test_fuzz_native_converters(item: tuple[str, bytes]) -> None:
    name, data = item
    report = ImportReport()
    for rec in records_from_bytes(data, name, report):
        _check_record(rec)
    for problem in report.errors + report.skipped:
        assert problem.file == name and problem.reason
