"""The pages on a real estate (scanned git repositories, findings, roles): content, filters, roll-up, roles."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from pages_helpers import ROLES, build, user_with_role

from ospo.platform.findings.models import HygieneFinding, LicenseFinding, VulnerabilityFinding
from ospo.platform.inventory.models import Component, Usage
from ospo.platform.scans.models import EstateScan, Scan, ScanStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def estate_pages(local_source):  # type: ignore[no-untyped-def]
    return build(local_source)


def open_findings(model, **filters) -> int:  # type: ignore[no-untyped-def]
    return model.objects.filter(status__in=["open", "triaged"], **filters).count()


def html(client, name: str, *args, **params) -> str:  # type: ignore[no-untyped-def]
    resp = client.get(reverse(name, args=args), params)
    assert resp.status_code == 200, (name, resp.status_code)
    return resp.content.decode()


def cell(page: str, ident: str) -> str:
    m = re.search(rf'id="{ident}">([^<]*)<', page)
    assert m, ident
    return m.group(1)


def table(page: str, ident: str) -> str:
    m = re.search(rf'<table id="{ident}">(.*?)</table>', page, re.S)
    assert m, ident
    return m.group(1)


def test_overview_counts_charts_findings_and_trends(admin_client, estate_pages):
    page = html(admin_client, "web:overview")
    assert cell(page, "count-repositories") == "2" and cell(page, "count-agencies") == "2"
    # webapp: express, body-parser, bytes, jest (npm); api: django, requests (pypi)
    assert cell(page, "count-components") == "6" and cell(page, "count-usages") == "6"
    eco = table(page, "table-ecosystems")
    assert re.search(r"npm</th><td class=\"num\">4<", eco) and re.search(r"pypi</th><td class=\"num\">2<", eco)
    lic = table(page, "table-licenses")
    assert re.search(r"permissive</th><td class=\"num\">4<", lic)  # MIT from the lockfile
    assert re.search(r"not declared</th><td class=\"num\">2<", lic)  # requirements.txt declares none
    for sev in ("critical", "high", "medium", "low"):  # the fixed critical one is not counted
        assert cell(page, f"vuln-{sev}") == str(open_findings(VulnerabilityFinding, severity=sev)), sev
    # the scan task also stores the engines' findings: compare with the tables, counted independently
    assert cell(page, "findings-hygiene") == str(open_findings(HygieneFinding))
    assert cell(page, "findings-license") == str(open_findings(LicenseFinding))
    rows = re.findall(r'<code>([^<]+)</code></th><td class="num">(\d+)<', table(page, "table-hygiene"))
    active = HygieneFinding.objects.filter(status__in=["open", "triaged"])
    assert len(rows) == min(15, active.values("check_id").distinct().count())
    for check, n in rows:
        assert int(n) == active.filter(check_id=check).values("repository").distinct().count(), check
    assert [int(n) for _, n in rows] == sorted((int(n) for _, n in rows), reverse=True)
    assert cell(page, "scans-succeeded") == "2" and cell(page, "scans-failed") == "0"
    assert page.count('role="img"') >= 4 and "<title>Components per ecosystem</title>" in page
    assert "npm: 4" in page  # the chart's <desc> reads the values out
    today = table(page, "table-trends").split("<tr>")[-1]
    new = sum(m.objects.count() for m in (HygieneFinding, LicenseFinding, VulnerabilityFinding))
    fixed = sum(m.objects.filter(fixed_at__isnull=False).count()
                for m in (HygieneFinding, LicenseFinding, VulnerabilityFinding))
    # components, scans, failed scans, new findings, fixed findings
    assert re.findall(r'class="num">(\d+)<', today) == ["6", "2", "0", str(new), str(fixed)]


def test_agency_pages_roll_up_child_agencies(admin_client, estate_pages):
    parent = html(admin_client, "web:agency", estate_pages.parent.pk)
    assert cell(parent, "count-repositories") == "2" and cell(parent, "count-components") == "6"
    assert "Permits Directorate" in table(parent, "table-children")
    child = html(admin_client, "web:agency", estate_pages.child.pk)
    assert cell(child, "count-repositories") == "1" and cell(child, "count-components") == "2"
    api = estate_pages.api
    assert cell(child, "findings-vulnerability") == str(open_findings(VulnerabilityFinding, repository=api))
    assert cell(child, "findings-hygiene") == str(open_findings(HygieneFinding, repository=api))
    assert cell(parent, "findings-hygiene") == str(open_findings(HygieneFinding))
    assert "webapp" not in table(child, "table-repositories")
    listing = table(html(admin_client, "web:agencies"), "table-agencies")
    rows = listing.split("<tr>")
    digital = next(r for r in rows if "Digital Agency" in r)
    assert re.findall(r'class="num">(\d+)<', digital) == ["1", "2"]  # own, including the child
    assert 'class="depth-1"' in next(r for r in rows if "Permits Directorate" in r)


def test_repository_filters_and_dependency_paths(admin_client, estate_pages):
    repo = estate_pages.webapp.pk

    def names(**params) -> set[str]:  # type: ignore[no-untyped-def]
        body = table(html(admin_client, "web:repository", repo, **params), "table-components")
        return set(re.findall(r"<tr><td>npm</td><td>([^<]+)</td>", body))

    assert names() == {"express", "body-parser", "bytes", "jest"}
    assert names(scope="development") == {"jest"}
    assert names(direct="yes") == {"express", "jest"}
    assert names(direct="no") == {"body-parser", "bytes"}
    assert names(q="body") == {"body-parser"}
    assert names(q="pkg:npm/bytes") == {"bytes"}
    assert names(ecosystem="pypi") == set()  # not an ecosystem of this repository: nothing, not an error
    assert names(ecosystem="npm", scope="runtime") == {"express", "body-parser", "bytes"}
    assert names(direct="no", q="bytes") == {"bytes"}
    assert names(direct="bogus") == {"express", "body-parser", "bytes", "jest"}  # junk: no filter, no error
    assert names(scope="<script>") == set()
    page = html(admin_client, "web:repository", repo, q="bytes")
    path = re.search(r'<ol class="path">(.*?)</ol>', page, re.S).group(1)
    assert re.findall(r"<code>pkg:npm/([a-z-]+)@", path) == ["express", "body-parser", "bytes"]
    assert cell(page, "findings-vulnerability") == "1"
    assert reverse("web:sbom_cyclonedx", args=[repo]) in page and reverse("web:sbom_spdx", args=[repo]) in page


def test_repository_pagination_keeps_filters(admin_client, estate_pages, monkeypatch):
    from ospo.platform.web import repo_views

    monkeypatch.setattr(repo_views, "PAGE_SIZE", 1)
    page = html(admin_client, "web:repository", estate_pages.webapp.pk, direct="no")
    assert "Page 1 of 2" in page and 'href="?direct=no&amp;page=2"' in page


def test_component_page_where_used_and_versions(admin_client, estate_pages):
    express = Component.objects.get(name="express", ecosystem="npm", pinned=True)
    older = Component.objects.create(purl="pkg:npm/express@4.17.1", ecosystem="npm", name="express",
                                      version="4.17.1")
    Usage.objects.create(repository=estate_pages.api, component=older, scope="runtime", direct=True)
    page = html(admin_client, "web:component", express.pk)
    where = table(page, "table-where-used")
    assert "webapp" in where and "api" not in where
    versions = table(page, "table-versions")
    assert "4.19.2" in versions and reverse("web:component", args=[older.pk]) in versions
    assert 'aria-current="page">4.19.2' in versions
    assert "Permits Directorate" in table(html(admin_client, "web:component", older.pk), "table-agency-usage")
    assert "GHSA-test-0001" in page and "4.20.0" in page
    bytes_page = html(admin_client, "web:component", Component.objects.get(name="bytes").pk)
    assert re.findall(r"<code>pkg:npm/([a-z-]+)@", table(bytes_page, "table-where-used")) == [
        "express", "body-parser", "bytes"]


def test_scans_pages_show_progress_and_refresh_only_while_active(admin_client, estate_pages):
    page = html(admin_client, "web:scans")
    assert 'http-equiv="refresh"' not in page and "webapp" in table(page, "table-scans")
    es = EstateScan.objects.create(label="nightly")
    from ospo.platform.scans import queue

    (queued,) = queue.enqueue([estate_pages.api], estate_scan=es)
    page = html(admin_client, "web:scans")
    assert 'http-equiv="refresh" content="5"' in page and "nightly" in table(page, "table-estate-scans")
    assert 'queued' in html(admin_client, "web:scans", status="queued")
    assert "webapp" not in table(html(admin_client, "web:scans", status="queued"), "table-scans")
    detail = html(admin_client, "web:scan", queued.pk)
    assert 'http-equiv="refresh"' in detail and "<progress" in detail
    progress = html(admin_client, "web:estate_scan", es.pk)
    assert 'value="0"' in progress and 'max="1"' in progress and 'http-equiv="refresh"' in progress
    Scan.objects.filter(pk=queued.pk).update(status=ScanStatus.FAILED, failure="clone refused")
    progress = html(admin_client, "web:estate_scan", es.pk)
    assert 'value="1"' in progress and 'http-equiv="refresh"' not in progress
    detail = html(admin_client, "web:scan", queued.pk)
    assert "clone refused" in detail and 'http-equiv="refresh"' not in detail


def test_scan_now_and_scan_all(admin_client, client, django_user_model, estate_pages):
    resp = admin_client.post(reverse("web:repository_scan", args=[estate_pages.api.pk]))
    scan = Scan.objects.filter(repository=estate_pages.api, status=ScanStatus.QUEUED).get()
    assert resp.status_code == 302 and resp["Location"] == reverse("web:scan", args=[scan.pk])
    assert admin_client.get(reverse("web:repository_scan", args=[estate_pages.api.pk])).status_code == 405
    maintainer = user_with_role(django_user_model, "m", ROLES.MAINTAINER, estate_pages.child)
    client.force_login(maintainer)
    assert client.post(reverse("web:repository_scan", args=[estate_pages.webapp.pk])).status_code == 403
    resp = client.post(reverse("web:scan_all"))
    es = EstateScan.objects.get(label="web")
    assert resp.status_code == 302 and {s.repository_id for s in es.scans.all()} <= {estate_pages.api.pk}


def test_search_finds_repositories_components_and_agencies(admin_client, estate_pages):
    page = html(admin_client, "web:search", q="express")
    assert "pkg:npm/express@4.19.2" in table(page, "results-components")
    page = html(admin_client, "web:search", q="permits")
    assert "Permits Directorate" in page and re.search(r'id="results-repositories">.*?Nothing found', page, re.S)
    assert "webapp" in html(admin_client, "web:search", q="WEBAPP")
    assert "A-1-7" in html(admin_client, "web:search", q="A-1-7")
    assert "at least two characters" in html(admin_client, "web:search", q="e")
    assert "Nothing found" in html(admin_client, "web:search", q="x" * 5000)  # cut to 200 characters, no error


def test_public_sees_published_inventory_only(client, estate_pages):
    page = html(client, "web:overview")
    assert cell(page, "count-repositories") == "1" and cell(page, "count-components") == "4"
    assert "table-findings" not in page and "scans-succeeded" not in page and "table-trends" not in page
    page = html(client, "web:repository", estate_pages.webapp.pk)
    assert "table-findings" not in page and "Last scan" not in page and "Scan now" not in page
    assert client.get(reverse("web:repository", args=[estate_pages.api.pk])).status_code == 404
    assert client.get(reverse("web:sbom_spdx", args=[estate_pages.api.pk])).status_code == 404
    django_pk = Component.objects.get(name="django").pk
    assert client.get(reverse("web:component", args=[django_pk])).status_code == 404
    assert "django" not in html(client, "web:search", q="django").split("results-components")[1].split("</table>")[0]
    resp = client.get(reverse("web:scans"))
    assert resp.status_code == 302 and "login" in resp["Location"]
    resp = client.post(reverse("web:repository_scan", args=[estate_pages.webapp.pk]))
    assert resp.status_code in (302, 403) and not Scan.objects.filter(status=ScanStatus.QUEUED).exists()


def test_signed_in_user_without_role_is_forbidden_scans(client, django_user_model, estate_pages):
    client.force_login(user_with_role(django_user_model, "nobody", None))
    assert client.get(reverse("web:scans")).status_code == 403
    assert client.get(reverse("web:overview")).status_code == 200


def test_maintainer_sees_own_findings_not_other_agencies(client, django_user_model, estate_pages):
    client.force_login(user_with_role(django_user_model, "maint", ROLES.MAINTAINER, estate_pages.child))
    page = html(client, "web:overview")
    assert cell(page, "count-repositories") == "2"  # own + the published one
    api = estate_pages.api
    assert cell(page, "findings-vulnerability") == str(open_findings(VulnerabilityFinding, repository=api))
    assert cell(page, "findings-hygiene") == str(open_findings(HygieneFinding, repository=api))
    assert open_findings(VulnerabilityFinding, repository=estate_pages.webapp) >= 1  # exists, but not shown
    assert "table-findings" not in html(client, "web:repository", estate_pages.webapp.pk)
    assert cell(html(client, "web:repository", api.pk), "findings-license") == str(
        open_findings(LicenseFinding, repository=api))
    scans = table(html(client, "web:scans"), "table-scans")
    assert "api" in scans and "webapp" not in scans
