"""A small, realistic estate for the page tests: two agencies (one the child of the other), two git repositories
scanned by the real task (npm lockfile with a transitive chain, pip requirements), findings of every kind, and
users holding each role. Built from tests/fixtures/platform through the conftest's ``local_source`` fixture."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone

from ospo.platform.access.models import Role, RoleMembership
from ospo.platform.estate.models import Agency, Repository
from ospo.platform.findings.models import FindingStatus, HygieneFinding, LicenseFinding, VulnerabilityFinding
from ospo.platform.scans import queue, tasks
from ospo.platform.scans.models import Scan


@dataclass
class PagesEstate:
    parent: Agency
    child: Agency
    webapp: Repository  # Digital Agency, published
    api: Repository  # Permits Directorate (child), not published


def scan(repo: Repository) -> Scan:
    (s,) = queue.enqueue([repo])
    assert queue.claim_next("pages-test") is not None
    tasks.scan_repository(s.pk, worker="pages-test")
    s.refresh_from_db()
    return s


def build(local_source) -> PagesEstate:  # type: ignore[no-untyped-def]
    parent = local_source.agency
    child = Agency.objects.create(government=parent.government, parent=parent, name="Permits Directorate",
                                  slug="permits", official_id="A-1-7")
    webapp = local_source.repositories.get(name="webapp")
    api = local_source.repositories.get(name="api")
    Repository.objects.filter(pk=webapp.pk).update(published=True)
    Repository.objects.filter(pk=api.pk).update(agency=child)
    webapp.refresh_from_db()
    api.refresh_from_db()
    for repo in (webapp, api):
        assert scan(repo).status == "succeeded"
    now = timezone.now()
    express = webapp.usages.get(component__name="express").component
    common = {"first_seen": now, "last_seen": now}
    VulnerabilityFinding.objects.create(repository=webapp, component=express, fingerprint="v1", severity="high",
                                        title="CVE-2024-0001 in express", advisory_id="GHSA-test-0001",
                                        fixed_in="4.20.0", **common)
    VulnerabilityFinding.objects.create(repository=api, fingerprint="v2", severity="critical", title="old",
                                        advisory_id="GHSA-test-0002", status=FindingStatus.FIXED, fixed_at=now,
                                        **common)
    LicenseFinding.objects.create(repository=api, fingerprint="l1", severity="medium", title="no license",
                                  expression="", **common)
    HygieneFinding.objects.create(repository=api, fingerprint="h1", severity="low", title="no branch protection",
                                  check_id="branch-protection", score=3.0, **common)
    return PagesEstate(parent, child, webapp, api)


def user_with_role(django_user_model, name: str, role: str | None, agency: Agency | None = None):  # type: ignore[no-untyped-def]
    user = django_user_model.objects.create_user(name, password="pw-" + name)
    if role is not None:
        RoleMembership.objects.create(user=user, role=role, agency=agency)
    return user


ROLES = Role
