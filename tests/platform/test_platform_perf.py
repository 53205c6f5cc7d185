"""What the platform's speed-ups must not change: the stored severity rank, the findings list's order, counts,
filters and scope, and the overview's cached inventory figures (exact after every ingest, per user scope)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ospo.engine.model import Component as EngineComponent
from ospo.engine.model import ScanResult
from ospo.platform.access.models import Role, RoleMembership
from ospo.platform.estate.models import Agency, Repository, Source, SourceKind
from ospo.platform.findings import views as finding_views
from ospo.platform.findings.models import (
    SEVERITY_ORDER,
    SEVERITY_RANK_OTHER,
    HygieneFinding,
    LicenseFinding,
    VulnerabilityFinding,
)
from ospo.platform.inventory.models import InventoryGeneration
from ospo.platform.scans.ingest import ingest
from ospo.platform.scans.models import Scan, ScanStatus
from ospo.platform.web import stats

pytestmark = pytest.mark.django_db

NOW = timezone.now()


def _repo(agency: Agency, name: str, published: bool = False) -> Repository:
    source, _ = Source.objects.get_or_create(agency=agency, kind=SourceKind.LOCAL, location=f"/x/{agency.slug}")
    return Repository.objects.create(
        source=source, agency=agency, name=name, location=f"/x/{agency.slug}/{name}", published=published
    )


def _finding(model: type, repo: Repository, fp: str, severity: str, minutes_ago: int, **extra: object):  # type: ignore[no-untyped-def]
    seen = NOW - dt.timedelta(minutes=minutes_ago)
    return model.objects.create(
        repository=repo,
        fingerprint=fp,
        severity=severity,
        title=f"{fp} {severity}",
        first_seen=seen,
        last_seen=seen,
        **extra,
    )


@pytest.fixture
def two_agencies(estate):  # type: ignore[no-untyped-def]
    other = Agency.objects.create(government=estate.government, name="Tax Office", slug="tax", official_id="A-2")
    alpha = _repo(estate, "Alpha-Web")
    beta = _repo(other, "beta-api")
    rows = [
        _finding(VulnerabilityFinding, alpha, "v1", "low", 5, advisory_id="GHSA-1"),
        _finding(VulnerabilityFinding, alpha, "v2", "critical", 30, advisory_id="GHSA-2"),
        _finding(VulnerabilityFinding, beta, "v3", "critical", 10, advisory_id="GHSA-3"),
        _finding(LicenseFinding, alpha, "l1", "high", 1),
        _finding(LicenseFinding, beta, "l2", "medium", 2),
        _finding(HygieneFinding, alpha, "h1", "critical", 20, check_id="readme"),
        _finding(HygieneFinding, beta, "h2", "bogus", 0, check_id="ci"),  # not a known severity: sorts last
    ]
    return estate, other, alpha, beta, rows


def _listed(client, **params) -> list[str]:  # type: ignore[no-untyped-def]
    """Finding titles in page order, following every page."""
    titles, page = [], 1
    while True:
        resp = client.get(reverse("findings:list"), {**params, "page": page})
        assert resp.status_code == 200
        body = resp.content.decode()
        titles += re.findall(r'<td><a href="/findings/[a-z]+/\d+/">([^<]+)</a></td>', body)
        if "Next</a>" not in body:
            return titles
        page += 1


def test_severity_rank_is_stored_from_severity_and_follows_updates(two_agencies):
    *_, rows = two_agencies
    for row in rows:
        row.refresh_from_db()
        expected = SEVERITY_ORDER.index(row.severity) if row.severity in SEVERITY_ORDER else SEVERITY_RANK_OTHER
        assert row.severity_rank == expected, row.severity
    # bulk writes (the findings store's path) recompute it too: the database generates the column
    VulnerabilityFinding.objects.filter(fingerprint="v1").update(severity="critical")
    assert VulnerabilityFinding.objects.get(fingerprint="v1").severity_rank == 0
    assert list(
        HygieneFinding.objects.filter(severity_rank=SEVERITY_RANK_OTHER).values_list("fingerprint", flat=True)
    ) == ["h2"]


def test_findings_list_order_and_count_across_tables_and_pages(admin_client, two_agencies, monkeypatch):
    *_, rows = two_agencies
    rank = {s: i for i, s in enumerate(SEVERITY_ORDER)}
    expected = [
        r.title
        for r in sorted(rows, key=lambda r: (rank.get(r.severity, SEVERITY_RANK_OTHER), -r.last_seen.timestamp()))
    ]
    assert _listed(admin_client) == expected
    monkeypatch.setattr(finding_views, "PAGE_SIZE", 3)  # the order holds across page boundaries
    assert _listed(admin_client) == expected
    first = admin_client.get(reverse("findings:list")).content.decode()
    assert "Findings (7)" in first and "1 / 3" in first
    last = admin_client.get(reverse("findings:list"), {"page": 3}).content.decode()
    assert "3 / 3" in last and "beta-api" in last
    # counts with filters are the tables' own counts
    crit = admin_client.get(reverse("findings:list"), {"severity": "critical"}).content.decode()
    assert "Findings (3)" in crit
    vuln = admin_client.get(reverse("findings:list"), {"kind": "vulnerability", "status": "open"}).content.decode()
    assert "Findings (3)" in vuln


def test_findings_list_filters_by_repository_name_without_a_repository_select(admin_client, two_agencies):
    *_, beta, _ = two_agencies
    page = admin_client.get(reverse("findings:list")).content.decode()
    assert '<select id="repository"' not in page and 'name="repository"' not in page  # no list of every repo
    assert '<label for="repository_name">' in page and 'id="repository_name" name="repository_name"' in page
    assert sorted(_listed(admin_client, repository_name="alpha")) == sorted(
        ["v1 low", "v2 critical", "l1 high", "h1 critical"]
    )  # case-insensitive "contains"
    assert _listed(admin_client, repository_name="ALPHA", kind="license") == ["l1 high"]
    assert _listed(admin_client, repository_name="nothing-like-it") == []
    kept = admin_client.get(reverse("findings:list"), {"repository_name": "bet"}).content.decode()
    assert 'value="bet"' in kept  # the form shows what is filtered
    # a repository chosen by id (links, the repository page) keeps working, and can be removed
    by_id = admin_client.get(reverse("findings:list"), {"repository": beta.pk, "kind": "vulnerability"})
    body = by_id.content.decode()
    assert _listed(admin_client, repository=beta.pk, kind="vulnerability") == ["v3 critical"]
    assert f'<input type="hidden" name="repository" value="{beta.pk}">' in body and "<strong>beta-api</strong>" in body
    assert '<a href="?kind=vulnerability">' in body
    # hostile input is cut and cleaned, never an error
    junk = admin_client.get(reverse("findings:list"), {"repository_name": "a\x00" * 500, "repository": "x"})
    assert junk.status_code == 200


def test_findings_list_scope_counts_and_names_stay_within_the_agency(client, django_user_model, two_agencies):
    estate, _, _, beta, _ = two_agencies
    user = django_user_model.objects.create_user("maint", password="x")
    RoleMembership.objects.create(user=user, role=Role.MAINTAINER, agency=estate)
    client.force_login(user)
    page = client.get(reverse("findings:list")).content.decode()
    assert "Findings (4)" in page and "beta-api" not in page
    assert sorted(_listed(client)) == sorted(["v1 low", "v2 critical", "l1 high", "h1 critical"])
    assert _listed(client, repository_name="beta") == []
    foreign = client.get(reverse("findings:list"), {"repository": beta.pk}).content.decode()
    assert "Findings (0)" in foreign and "beta-api" not in foreign  # another agency's repository is not named


def _result(names: list[str], tree: str) -> ScanResult:
    comps = [
        EngineComponent(ecosystem="npm", name=n, version="1.0.0", purl=f"pkg:npm/{n}@1.0.0", direct=True, license="MIT")
        for n in names
    ]
    return ScanResult(name="r", source="/x", tree_hash=tree, components=comps)


def _ingest(repo: Repository, names: list[str], tree: str) -> None:
    ingest(Scan.objects.create(repository=repo, status=ScanStatus.RUNNING), _result(names, tree))
    repo.refresh_from_db()


def _count(client, ident: str, name: str = "web:overview", *args: object) -> int:  # type: ignore[no-untyped-def]
    page = client.get(reverse(name, args=args)).content.decode()
    m = re.search(rf'id="{ident}">(\d+)<', page)
    assert m, ident
    return int(m.group(1))


def test_overview_inventory_is_exact_after_every_ingest(admin_client, estate):
    repo = _repo(estate, "app")
    assert _count(admin_client, "count-components") == 0
    gen = InventoryGeneration.current()
    _ingest(repo, ["a", "b"], "t1")
    assert InventoryGeneration.current() == gen + 1
    assert (_count(admin_client, "count-components"), _count(admin_client, "count-usages")) == (2, 2)
    _ingest(repo, ["a", "b", "c"], "t2")  # a changed tree: the cached figures must not survive it
    assert (_count(admin_client, "count-components"), _count(admin_client, "count-usages")) == (3, 3)
    _ingest(repo, ["a", "b", "c"], "t2")  # unchanged: no write, same figures
    assert InventoryGeneration.current() == gen + 2
    assert _count(admin_client, "count-components") == 3
    _ingest(repo, ["a"], "t3")  # removed usages (the components stay, unused: not counted)
    assert (_count(admin_client, "count-components"), _count(admin_client, "count-usages")) == (1, 1)
    other = _repo(estate, "lib")
    _ingest(other, ["a", "z"], "t4")
    assert (_count(admin_client, "count-components"), _count(admin_client, "count-usages")) == (2, 3)
    other.delete()  # a deleted repository takes its usages with it, without an ingest
    assert (_count(admin_client, "count-components"), _count(admin_client, "count-usages")) == (1, 1)


def test_overview_reads_the_usages_once_per_change(admin_client, estate):
    repo = _repo(estate, "app")
    _ingest(repo, ["a", "b"], "t1")
    admin_client.get(reverse("web:overview"))
    with CaptureQueriesContext(connection) as ctx:
        assert _count(admin_client, "count-usages") == 2
    usage_reads = [q["sql"] for q in ctx.captured_queries if "inventory_usage" in q["sql"]]
    # only the cache key's newest-id lookup touches the usages; no pass over them
    assert len(usage_reads) == 1 and "MAX(" in usage_reads[0].upper(), usage_reads


def test_cached_aggregates_follow_each_users_scope(client, admin_client, django_user_model, estate):
    other = Agency.objects.create(government=estate.government, name="Tax Office", slug="tax", official_id="A-2")
    public_repo = _repo(estate, "open-app", published=True)
    private_repo = _repo(other, "closed-app")
    _ingest(public_repo, ["a", "b"], "t1")
    _ingest(private_repo, ["c", "d", "e"], "t2")
    assert _count(admin_client, "count-components") == 5  # fills the cache for the whole estate
    assert (_count(client, "count-components"), _count(client, "count-usages")) == (2, 2)  # the public: published
    maint = django_user_model.objects.create_user("maint", password="x")
    RoleMembership.objects.create(user=maint, role=Role.MAINTAINER, agency=other)
    client.force_login(maint)
    assert _count(client, "count-components") == 5  # own agency + published ones
    assert _count(client, "count-components", "web:agency", estate.pk) == 2  # an agency page: its repositories
    client.logout()
    Repository.objects.filter(pk=private_repo.pk).update(published=True)  # publishing changes the public's view
    assert (_count(client, "count-components"), _count(client, "count-usages")) == (5, 5)


def test_trends_count_changes_unchanged_rescans_and_failures_per_day(admin_client, estate):
    a, b = _repo(estate, "a"), _repo(estate, "b")
    today = timezone.localdate()

    def at(days_ago: int, hour: int) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(today - dt.timedelta(days=days_ago), dt.time(hour)))

    def scan(
        repo: Repository, when: dt.datetime, count: int, status: str = ScanStatus.SUCCEEDED, unchanged: bool = False
    ) -> None:
        Scan.objects.create(
            repository=repo, status=status, finished_at=when, component_count=count, unchanged=unchanged
        )

    scan(b, at(40, 9), 5)  # before the window: b's baseline
    scan(a, at(2, 9), 10)
    scan(a, at(1, 9), 10, unchanged=True)
    scan(a, at(0, 8), 12)
    scan(b, at(0, 9), 0, status=ScanStatus.FAILED)
    scan(b, at(0, 10), 7)
    points = {p.day: p for p in stats.trends(None)}
    got = [
        (
            points[today - dt.timedelta(days=d)].components,
            points[today - dt.timedelta(days=d)].scans,
            points[today - dt.timedelta(days=d)].failed,
        )
        for d in (3, 2, 1, 0)
    ]
    assert got == [(5, 0, 0), (15, 1, 0), (15, 1, 0), (19, 3, 1)]
    only_a = {p.day: p for p in stats.trends(Repository.objects.filter(pk=a.pk))}
    assert [only_a[today - dt.timedelta(days=d)].components for d in (3, 2, 0)] == [0, 10, 12]


def test_search_counts_usages_within_the_users_scope(client, admin_client, estate):
    other = Agency.objects.create(government=estate.government, name="Tax Office", slug="tax", official_id="A-2")
    _ingest(_repo(estate, "open-app", published=True), ["shared-lib", "only-public"], "t1")
    _ingest(_repo(other, "closed-app"), ["shared-lib"], "t2")
    _ingest(_repo(other, "closed-too"), ["shared-lib"], "t3")

    def counts(c) -> dict[str, int]:  # type: ignore[no-untyped-def]
        body = c.get(reverse("web:search"), {"q": "pkg:npm/"}).content.decode()
        rows = re.findall(r"<code>pkg:npm/([a-z-]+)@1\.0\.0</code></td><td class=\"num\">(\d+)<", body)
        return {name: int(n) for name, n in rows}

    assert counts(admin_client) == {"shared-lib": 3, "only-public": 1}
    assert counts(client) == {"shared-lib": 1, "only-public": 1}  # the public counts published repositories only


def test_agency_page_rolls_up_each_child_agency_within_the_users_view(client, admin_client, estate):
    gov = estate.government
    a = Agency.objects.create(government=gov, parent=estate, name="Bureau A", slug="ba", official_id="B-A")
    a1 = Agency.objects.create(government=gov, parent=a, name="Office A1", slug="ba1", official_id="B-A1")
    b = Agency.objects.create(government=gov, parent=estate, name="Bureau B", slug="bb", official_id="B-B")
    Agency.objects.create(government=gov, parent=estate, name="Bureau C", slug="bc", official_id="B-C")
    _repo(estate, "top")
    _repo(a, "a-1", published=True)
    _repo(a1, "a1-1")
    _repo(a1, "a1-2", published=True)
    _repo(b, "b-1")

    def rollup(c) -> dict[str, int]:  # type: ignore[no-untyped-def]
        body = c.get(reverse("web:agency", args=[estate.pk])).content.decode()
        table = re.search(r'<table id="table-children">(.*?)</table>', body, re.S)
        assert table
        rows = re.findall(r">([^<>]+)</a></th><td class=\"num\">(\d+)<", table.group(1))
        return {name: int(n) for name, n in rows}

    assert rollup(admin_client) == {"Bureau A": 3, "Bureau B": 1, "Bureau C": 0}  # grandchildren included
    assert rollup(client) == {"Bureau A": 2, "Bureau B": 0, "Bureau C": 0}  # the public: published ones
