# ruff: noqa: F811  (pytest fixtures imported from findings_helpers are used as arguments)
"""Findings pages: list and filters, detail with evidence, reviewer forms (roles), VEX export, warnings, Spanish."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from findings_helpers import app_repo, scan_repo, vulndb  # noqa: F401 (fixtures)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ospo.engine.vulns.vex import load_vex, openvex_problems
from ospo.platform.access.models import Role, RoleMembership
from ospo.platform.findings.forms import TriageForm, WaiverForm
from ospo.platform.findings.models import Decision, FindingStatus, HygieneFinding, VulnerabilityFinding


@pytest.fixture
def scanned(app_repo, vulndb):
    repo, _ = app_repo
    scan_repo(repo)
    return repo


@pytest.fixture
def reviewer_client(client, django_user_model):
    user = django_user_model.objects.create_user("rev", password="x")
    RoleMembership.objects.create(user=user, role=Role.REVIEWER)
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_list_shows_and_filters_findings(admin_client, scanned):
    page = admin_client.get(reverse("findings:list")).content.decode()
    assert "CVE-2099-1001" in page and "leftpad-sspl" in page and "README" in page
    vulns = admin_client.get(reverse("findings:list"), {"kind": "vulnerability"}).content.decode()
    assert "CVE-2099-1001" in vulns and "leftpad-sspl" not in vulns
    crit = admin_client.get(reverse("findings:list"), {"severity": "critical"}).content.decode()
    assert "CVE-2099-1001" in crit and "leftpad-sspl" not in crit
    fixed = admin_client.get(reverse("findings:list"), {"status": "fixed"}).content.decode()
    assert "CVE-2099-1001" not in fixed
    other = admin_client.get(reverse("findings:list"), {"agency": scanned.agency_id + 999}).content.decode()
    assert "CVE-2099-1001" not in other
    mine = admin_client.get(reverse("findings:list"), {"repository": scanned.pk, "kind": "hygiene"})
    assert mine.status_code == 200 and "README" in mine.content.decode()
    assert admin_client.get(reverse("findings:list"), {"repository": "x", "page": "zz"}).status_code == 200


@pytest.mark.django_db
def test_findings_are_not_public(client, django_user_model, scanned):
    assert client.get(reverse("findings:list")).status_code == 302  # sign in first
    user = django_user_model.objects.create_user("nobody", password="x")  # signed in, no role
    client.force_login(user)
    assert client.get(reverse("findings:list")).status_code == 403
    vuln = VulnerabilityFinding.objects.get()
    assert client.get(reverse("findings:detail", args=["vulnerability", vuln.pk])).status_code == 404


@pytest.mark.django_db
def test_detail_explains_with_evidence(admin_client, scanned):
    vuln = VulnerabilityFinding.objects.get()
    page = admin_client.get(reverse("findings:detail", args=["vulnerability", vuln.pk])).content.decode()
    assert "3.2.19" in page and "pkg:pypi/django@3.2.18" in page and "requirements.txt" in page
    assert vuln.details["summary"] and vuln.details["summary"] in page and "CVSS:3.1/AV:N" in page
    lic = scanned and __import__("ospo.platform.findings.models", fromlist=["x"]).LicenseFinding.objects.get(
        component__name="leftpad-sspl")
    page = admin_client.get(reverse("findings:detail", args=["license", lic.pk])).content.decode()
    assert ("SSPL-1.0" in page and "source-available" in page.lower()) or "source_available" in page
    readme = HygieneFinding.objects.get(check_id="readme")
    page = admin_client.get(reverse("findings:detail", args=["hygiene", readme.pk])).content.decode()
    assert "Add a README" in page
    assert admin_client.get(reverse("findings:detail", args=["nope", 1])).status_code == 404


@pytest.mark.django_db
def test_reviewer_triage_persists_and_suppresses(reviewer_client, scanned):
    vuln = VulnerabilityFinding.objects.get()
    url = reverse("findings:triage", args=["vulnerability", vuln.pk])
    bad = reviewer_client.post(url, {"vex_state": "not_affected", "rationale": "x", "scope": "repository"})
    assert bad.status_code == 400  # not_affected needs a justification
    ok = reviewer_client.post(url, {"vex_state": "not_affected", "justification": "vulnerable_code_not_present",
                                    "rationale": "ORM unused", "scope": "repository"})
    assert ok.status_code == 302
    vuln.refresh_from_db()
    assert vuln.status == FindingStatus.TRIAGED and vuln.vex_state == "not_affected"
    d = Decision.objects.get()
    assert (d.scope_repository, d.scope_rule, d.decided_by.username) == (scanned, vuln.advisory_id, "rev")
    # export through the engine's writers
    openvex = json.loads(reviewer_client.get(reverse("findings:export_vex", args=["openvex"]),
                                             {"repository": scanned.pk}).content)
    assert openvex_problems(openvex) == []
    (st0,) = openvex["statements"]
    assert st0["status"] == "not_affected" and st0["justification"] == "vulnerable_code_not_present"
    cdx = reviewer_client.get(reverse("findings:export_vex", args=["cyclonedx"])).content
    decisions, problems = load_vex(cdx)
    assert problems == [] and [(x.vulnerability, x.state) for x in decisions] == [(vuln.advisory_id,
                                                                                  "not_affected")]
    from cyclonedx.schema import SchemaVersion
    from cyclonedx.validation.json import JsonStrictValidator

    assert JsonStrictValidator(SchemaVersion.V1_6).validate_str(cdx.decode()) is None
    assert reviewer_client.get(reverse("findings:export_vex", args=["xml"])).status_code == 404


@pytest.mark.django_db
def test_waiver_form_and_permissions(client, reviewer_client, django_user_model, scanned):
    readme = HygieneFinding.objects.get(check_id="readme")
    url = reverse("findings:waiver", args=["hygiene", readme.pk])
    past = (timezone.localdate() - timedelta(days=1)).isoformat()
    assert reviewer_client.post(url, {"owner": "docs", "rationale": "wiki", "scope": "rule",
                                      "expires_at": past}).status_code == 400
    future = (timezone.localdate() + timedelta(days=90)).isoformat()
    assert reviewer_client.post(url, {"owner": "docs team", "rationale": "wiki", "scope": "rule",
                                      "expires_at": future}).status_code == 302
    readme.refresh_from_db()
    assert readme.status == FindingStatus.WAIVED and readme.decision.owner == "docs team"
    maint = django_user_model.objects.create_user("maint", password="x")
    RoleMembership.objects.create(user=maint, role=Role.MAINTAINER, agency=scanned.agency)
    client.force_login(maint)
    # maintainers triage, but a waiver is a legal/security decision: reviewers only
    assert client.post(url, {"owner": "x", "rationale": "x", "scope": "rule", "expires_at": future}).status_code == 403
    page = client.get(reverse("findings:detail", args=["hygiene", readme.pk])).content.decode()
    assert f'action="{url}"' not in page


@pytest.mark.django_db
def test_empty_or_stale_vulnerability_data_is_a_visible_warning(admin_client, scanned, settings, tmp_path):
    page = admin_client.get(reverse("findings:list")).content.decode()
    assert 'role="alert"' not in page  # fresh (max age raised by the fixture)
    settings.OSPO_VULNDB_MAX_AGE_DAYS = 7.0
    page = admin_client.get(reverse("findings:list")).content.decode()
    assert 'role="alert"' in page and "stale" in page
    settings.OSPO_VULNDB = str(tmp_path / "missing.sqlite")
    page = admin_client.get(reverse("findings:list")).content.decode()
    assert "empty or missing" in page


@pytest.mark.django_db
def test_pages_in_spanish(admin_client, scanned, settings):
    settings.OSPO_VULNDB_MAX_AGE_DAYS = 7.0
    admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    page = admin_client.get(reverse("findings:list")).content.decode()
    assert "Hallazgos" in page and "obsoleta" in page
    lic = __import__("ospo.platform.findings.models", fromlist=["x"]).LicenseFinding.objects.get(
        component__name="leftpad-sspl")
    page = admin_client.get(reverse("findings:detail", args=["license", lic.pk])).content.decode()
    assert "Explicación" in page
    readme = HygieneFinding.objects.get(check_id="readme")
    page = admin_client.get(reverse("findings:detail", args=["hygiene", readme.pk])).content.decode()
    assert "Qué hacer" in page


@settings(max_examples=1000, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
@given(st.dictionaries(st.sampled_from(["vex_state", "justification", "rationale", "scope", "owner", "expires_at"]),
                       st.one_of(st.text(max_size=60), st.sampled_from(
                           ["not_affected", "affected", "false_positive", "vulnerable_code_not_present", "repository",
                            "rule", "2999-01-01", "2000-01-01", "estate", "finding", "2026-13-45"]))))
def test_reviewer_forms_never_raise(data):
    """Any POSTed data (FUZZ_SETTINGS: 1,000 inputs): the forms validate or refuse with errors, never raise."""
    for form in (TriageForm(data), WaiverForm(data)):
        if form.is_valid():
            assert form.cleaned_data["rationale"].strip()
            if isinstance(form, TriageForm) and form.cleaned_data["vex_state"] == "not_affected":
                assert form.cleaned_data["justification"]
        else:
            assert form.errors
