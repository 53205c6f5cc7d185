# ruff: noqa: F811  (pytest fixtures imported from findings_helpers are used as arguments)
"""Findings wired after ingest: engines → rows, unchanged rescans write nothing, fixes, triage, waivers, failures."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from findings_helpers import app_repo, commit_repo, scan_repo, vulndb  # noqa: F401 (fixtures)

from ospo.platform.findings.models import (
    Decision,
    FindingsRun,
    FindingStatus,
    HygieneFinding,
    LicenseFinding,
    VulnerabilityFinding,
)
from ospo.platform.findings.store import refresh_status
from ospo.platform.scans import queue, tasks
from ospo.platform.scans.models import Scan


def _findings_writes(queries) -> list[str]:  # type: ignore[no-untyped-def]
    return [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
            and "findings_" in q["sql"]]


@pytest.mark.django_db
def test_engines_store_vulnerability_license_and_hygiene_findings(app_repo, vulndb):
    repo, _ = app_repo
    scan = scan_repo(repo)
    vuln = VulnerabilityFinding.objects.get(repository=repo)
    assert vuln.advisory_id == "CVE-2099-1001" and vuln.component.purl == "pkg:pypi/django@3.2.18"
    assert vuln.fixed_in == "3.2.19" and vuln.severity == "critical" and vuln.cvss_score == 9.8
    assert {"PYSEC-TEST-1", "GHSA-test-aaaa-0001"} <= {*vuln.aliases, *vuln.details["advisories"]}
    assert (vuln.path, vuln.line) == ("requirements.txt", 1)
    assert vuln.status == FindingStatus.OPEN and vuln.first_scan == scan and vuln.last_scan == scan
    denied = LicenseFinding.objects.get(repository=repo, component__name="leftpad-sspl")
    # source-available: denied by the default policy, and incompatible with the project's MIT (the worse wins)
    assert denied.verdict in ("denied", "incompatible") and denied.severity == "high"
    assert denied.expression == "SSPL-1.0"
    assert denied.category == "source_available"
    assert any("SSPL-1.0" in line for line in denied.details["explain"]["es"])
    assert not LicenseFinding.objects.filter(component__name="tiny-mit").exists()  # allowed: no finding
    readme = HygieneFinding.objects.get(repository=repo, check_id="readme")
    assert readme.status == FindingStatus.OPEN and readme.remediation_key == "readme.remediation"
    assert readme.commit == scan.revision
    run = FindingsRun.objects.get(scan=scan)
    assert set(run.engines) == {"licenses", "vulns", "hygiene", "secrets"} and run.failures == {}
    assert run.vulndb["advisories"] == 7  # 8 fixture advisories, one withdrawn and run.vulndb["stale"] is False


@pytest.mark.django_db
def test_unchanged_rescan_writes_no_finding_row(app_repo, vulndb):
    repo, _ = app_repo
    scan_repo(repo)
    before = {m: list(m.objects.order_by("pk").values()) for m in (VulnerabilityFinding, LicenseFinding,
                                                                   HygieneFinding, FindingsRun)}
    (scan,) = queue.enqueue([repo])
    with CaptureQueriesContext(connection) as queries:
        assert tasks.scan_repository(scan.pk, worker="t").status == "succeeded"
    assert _findings_writes(queries) == []
    scan.refresh_from_db()
    assert scan.unchanged
    after = {m: list(m.objects.order_by("pk").values()) for m in before}
    assert after == before


@pytest.mark.django_db
def test_new_advisory_data_reruns_engines_on_an_unchanged_tree(app_repo, vulndb, tmp_path, settings):
    repo, _ = app_repo
    scan_repo(repo)
    empty = tmp_path / "other.sqlite"  # a different database generation: the findings must follow it
    settings.OSPO_VULNDB = str(empty)
    scan = scan_repo(repo)
    assert scan.unchanged
    run = FindingsRun.objects.get(scan=scan)
    assert run.vulndb["empty"] is True
    # the vulnerability engine ran against nothing: its finding is no longer seen
    assert VulnerabilityFinding.objects.get(repository=repo).status == FindingStatus.FIXED


@pytest.mark.django_db
def test_fixing_marks_findings_fixed_and_a_regression_reopens(app_repo, vulndb):
    repo, repo_dir = app_repo
    scan_repo(repo)
    (repo_dir / "requirements.txt").write_text("django==3.2.19\n")
    (repo_dir / "README.md").write_text("# App\n\nWhat it does, for whom, how to install and use it.\n" * 5)
    commit_repo(repo_dir, "fix")
    scan = scan_repo(repo)
    vuln = VulnerabilityFinding.objects.get(repository=repo)
    assert vuln.status == FindingStatus.FIXED and vuln.fixed_at is not None and vuln.last_scan != scan
    assert HygieneFinding.objects.get(repository=repo, check_id="readme").status == FindingStatus.FIXED
    assert LicenseFinding.objects.get(component__name="leftpad-sspl").status == FindingStatus.OPEN
    (repo_dir / "requirements.txt").write_text("django==3.2.18\n")
    commit_repo(repo_dir, "regress")
    scan = scan_repo(repo)
    vuln.refresh_from_db()
    assert vuln.status == FindingStatus.OPEN and vuln.fixed_at is None and vuln.last_scan == scan
    assert VulnerabilityFinding.objects.filter(repository=repo).count() == 1  # same fingerprint, same row


@pytest.mark.django_db
def test_triage_decision_persists_across_scans_and_suppresses(app_repo, vulndb, django_user_model):
    repo, repo_dir = app_repo
    scan_repo(repo)
    vuln = VulnerabilityFinding.objects.get(repository=repo)
    reviewer = django_user_model.objects.create(username="rev")
    # recorded against an ALIAS: the engine's matching rules (id or alias) apply on the platform too
    decision = Decision.objects.create(kind="triage", finding_kind="vulnerability", scope_repository=repo,
                                       scope_component=vuln.component, scope_rule="PYSEC-TEST-1",
                                       vex_state="not_affected", justification="vulnerable_code_not_present",
                                       rationale="ORM not used", decided_by=reviewer)
    assert refresh_status(repo) == 1
    vuln.refresh_from_db()
    assert (vuln.status, vuln.vex_state, vuln.decision_id) == (FindingStatus.TRIAGED, "not_affected", decision.pk)
    (repo_dir / "app.py").write_text("print('changed')\n")
    commit_repo(repo_dir)
    scan = scan_repo(repo)
    vuln.refresh_from_db()
    assert vuln.last_scan == scan and vuln.status == FindingStatus.TRIAGED and vuln.decision_id == decision.pk
    # an "affected" decision links but does not suppress
    Decision.objects.filter(pk=decision.pk).update(vex_state="affected", justification="")
    refresh_status(repo)
    vuln.refresh_from_db()
    assert (vuln.status, vuln.vex_state) == (FindingStatus.OPEN, "affected")


@pytest.mark.django_db
def test_waiver_suppresses_until_it_expires(app_repo, vulndb, django_user_model):
    repo, _ = app_repo
    scan_repo(repo)
    owner = django_user_model.objects.create(username="ospo")
    waiver = Decision.objects.create(kind="waiver", finding_kind="hygiene", scope_repository=repo, scope_rule="readme",
                                     rationale="docs live in the wiki", owner="docs team", decided_by=owner,
                                     expires_at=timezone.now() + timedelta(days=30))
    refresh_status(repo)
    readme = HygieneFinding.objects.get(repository=repo, check_id="readme")
    assert readme.status == FindingStatus.WAIVED and readme.decision_id == waiver.pk
    assert HygieneFinding.objects.get(repository=repo, check_id="license-file").status == FindingStatus.OPEN
    Decision.objects.filter(pk=waiver.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    scan = scan_repo(repo)  # unchanged tree, but an expired waiver forces the findings to be recomputed
    assert scan.unchanged
    readme.refresh_from_db()
    assert readme.status == FindingStatus.OPEN and readme.decision_id is None


@pytest.mark.django_db
def test_a_failing_engine_is_recorded_and_the_others_run(app_repo, vulndb, settings, tmp_path):
    repo, _ = app_repo
    bad = tmp_path / "policy.yml"
    bad.write_text("version: 1\ncontexts: [this is: not a policy\n")
    settings.OSPO_POLICY = str(bad)
    scan = scan_repo(repo)
    run = FindingsRun.objects.get(scan=scan)
    assert "licenses" in run.failures and "licenses" not in run.engines
    assert {"vulns", "hygiene", "secrets"} <= set(run.engines)
    assert VulnerabilityFinding.objects.filter(repository=repo).exists()
    assert not LicenseFinding.objects.filter(repository=repo).exists()
    assert any(e["path"] == "engine:licenses" for e in scan.errors) or any(
        e["path"] == "engine:licenses" for e in Scan.objects.get(pk=scan.pk).errors)


@pytest.mark.django_db
def test_a_failing_engine_keeps_its_previous_findings(app_repo, vulndb, settings, tmp_path):
    repo, repo_dir = app_repo
    scan_repo(repo)
    bad = tmp_path / "policy.yml"
    bad.write_text("- not a mapping\n")
    settings.OSPO_POLICY = str(bad)
    (repo_dir / "app.py").write_text("print(2)\n")
    commit_repo(repo_dir)
    scan_repo(repo)
    denied = LicenseFinding.objects.get(component__name="leftpad-sspl")
    assert denied.status == FindingStatus.OPEN  # "the engine failed" is not "the problem is gone"


@pytest.mark.django_db
def test_engines_are_configurable(app_repo, vulndb, settings):
    repo, _ = app_repo
    settings.OSPO_FINDINGS_ENGINES = ["hygiene"]
    scan = scan_repo(repo)
    assert FindingsRun.objects.get(scan=scan).engines == ["hygiene"]
    assert HygieneFinding.objects.filter(repository=repo).exists()
    assert not VulnerabilityFinding.objects.exists() and not LicenseFinding.objects.exists()


@pytest.mark.django_db
def test_secret_is_stored_as_fingerprint_only(app_repo, vulndb):
    repo, repo_dir = app_repo
    token = "ghp_" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8"
    (repo_dir / "deploy.sh").write_text(f"export GITHUB_TOKEN={token}\n")
    commit_repo(repo_dir)
    scan_repo(repo)
    secret = HygieneFinding.objects.get(repository=repo, check_id__startswith="secret:")
    assert secret.severity == "high" and secret.path == "deploy.sh" and secret.line == 1
    stored = repr(list(HygieneFinding.objects.values())) + repr(list(Scan.objects.values()))
    assert token not in stored and token[4:] not in stored
