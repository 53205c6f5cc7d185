"""A small government for access tests: two agencies (A with a child directorate, and B), private and published
repositories, an inventory, findings, a decision, a catalog entry published by A with a reuse request from B,
and one user per role. Imported by the access/API tests."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

ROLES = ("anonymous", "public", "maintainer_a", "maintainer_b", "reviewer", "staff", "admin")


@dataclass
class World:
    agency_a: Any
    child_a: Any
    agency_b: Any
    source_a: Any
    source_b: Any
    repo_a: Any  # private, agency A
    repo_child: Any  # private, child of A
    repo_pub: Any  # published, agency B
    repo_b: Any  # private, agency B
    component_private: Any  # only used by repo_b
    component_public: Any  # used by repo_pub
    usage_a: Any
    license_a: Any
    vuln_a: Any
    hygiene_a: Any
    vuln_b: Any
    decision_a: Any
    scan_a: Any
    estate_scan: Any
    users: dict[str, Any] = field(default_factory=dict)
    entry: Any = None  # catalog entry published by agency A (its repository: repo_a, private)
    reuse_request: Any = None  # agency B asks agency A to reuse ``entry`` (status: requested)
    discovery_a: Any = None  # a finished discovery job of source_a


def build_world() -> World:
    from django.contrib.auth import get_user_model

    from ospo.platform.access.models import Role, RoleMembership
    from ospo.platform.estate.models import Agency, Government, Repository, Source, SourceKind
    from ospo.platform.findings.models import Decision, HygieneFinding, LicenseFinding, VulnerabilityFinding
    from ospo.platform.inventory.models import Component, Usage
    from ospo.platform.scans.models import EstateScan, Scan

    gov = Government.objects.create(name="Republic", country="UY")
    a = Agency.objects.create(government=gov, name="Health", slug="health", official_id="H")
    child = Agency.objects.create(government=gov, name="Hospitals", slug="hospitals", parent=a)
    b = Agency.objects.create(government=gov, name="Finance", slug="finance", official_id="F")
    src_a = Source.objects.create(agency=a, kind=SourceKind.GIT, location="https://git.example/a.git")
    src_child = Source.objects.create(agency=child, kind=SourceKind.GIT, location="https://git.example/c.git")
    src_b = Source.objects.create(agency=b, kind=SourceKind.GIT, location="https://git.example/b.git")
    repo_a = Repository.objects.create(source=src_a, name="records", location="https://git.example/a.git")
    repo_child = Repository.objects.create(source=src_child, name="beds", location="https://git.example/c.git")
    repo_pub = Repository.objects.create(
        source=src_b, name="open-budget", location="https://git.example/p.git", published=True
    )
    repo_b = Repository.objects.create(source=src_b, name="tax", location="https://git.example/b.git")
    c_priv = Component.objects.create(
        purl="pkg:npm/secret-lib@1.0.0", ecosystem="npm", name="secret-lib", version="1.0.0"
    )
    c_pub = Component.objects.create(
        purl="pkg:pypi/requests@2.31.0", ecosystem="pypi", name="requests", version="2.31.0"
    )
    usage_a = Usage.objects.create(repository=repo_a, component=c_pub, scope="runtime", direct=True)
    Usage.objects.create(repository=repo_pub, component=c_pub, scope="runtime", direct=True)
    Usage.objects.create(repository=repo_b, component=c_priv, scope="runtime", direct=True)
    now = timezone.now()
    common = {"repository": repo_a, "component": c_pub, "first_seen": now, "last_seen": now}
    lic = LicenseFinding.objects.create(fingerprint="l1", title="GPL in a network service", **common)
    vuln = VulnerabilityFinding.objects.create(fingerprint="v1", title="CVE-1", advisory_id="CVE-2024-1", **common)
    hyg = HygieneFinding.objects.create(fingerprint="h1", title="no lockfile", check_id="lockfile", **common)
    vuln_b = VulnerabilityFinding.objects.create(
        fingerprint="v2",
        title="CVE-2",
        advisory_id="CVE-2024-2",
        repository=repo_b,
        component=c_priv,
        first_seen=now,
        last_seen=now,
    )
    scan_a = Scan.objects.create(repository=repo_a, status="succeeded")
    estate_scan = EstateScan.objects.create(label="nightly")

    User = get_user_model()
    users: dict[str, Any] = {"anonymous": None}
    users["public"] = User.objects.create_user("citizen", password="pw-citizen-1")
    users["maintainer_a"] = User.objects.create_user("maint-a", password="pw-maint-a-1")
    users["maintainer_b"] = User.objects.create_user("maint-b", password="pw-maint-b-1")
    users["reviewer"] = User.objects.create_user("reviewer", password="pw-reviewer-1")
    users["staff"] = User.objects.create_user("ospo-staff", password="pw-staff-1")
    users["admin"] = User.objects.create_superuser("ospo-admin", password="pw-admin-1")
    RoleMembership.objects.create(user=users["maintainer_a"], role=Role.MAINTAINER, agency=a)
    RoleMembership.objects.create(user=users["maintainer_b"], role=Role.MAINTAINER, agency=b)
    RoleMembership.objects.create(user=users["reviewer"], role=Role.REVIEWER)
    RoleMembership.objects.create(user=users["staff"], role=Role.STAFF)
    decision = Decision.objects.create(
        kind="triage",
        finding_kind="vulnerability",
        scope_repository=repo_a,
        rationale="not reachable",
        decided_by=users["reviewer"],
    )
    from ospo.platform.catalog.models import Entry, ReuseRequest

    entry = Entry.objects.create(
        name="Health records",
        publisher=a,
        repository=repo_a,
        license="EUPL-1.2",
        status="recommended",
        url="https://git.example/a.git",
    )
    request = ReuseRequest.objects.create(
        entry=entry,
        requester=b,
        owner=a,
        created_by=users["maintainer_b"],
        history=[{"status": "requested", "at": now.isoformat(), "by": "maint-b"}],
    )
    from ospo.platform.scans.models import DiscoveryJob

    discovery_a = DiscoveryJob.objects.create(source=src_a, status="succeeded", found=1)
    return World(
        a,
        child,
        b,
        src_a,
        src_b,
        repo_a,
        repo_child,
        repo_pub,
        repo_b,
        c_priv,
        c_pub,
        usage_a,
        lic,
        vuln,
        hyg,
        vuln_b,
        decision,
        scan_a,
        estate_scan,
        users,
        entry,
        request,
        discovery_a,
    )


def client_for(role: str, world: World) -> Any:
    from django.test import Client

    client = Client()
    user = world.users.get(role)
    if user is not None:
        client.force_login(user)
    return client


def api_client_for(role: str, world: World) -> Any:
    from rest_framework.test import APIClient

    client = APIClient()
    user = world.users.get(role)
    if user is not None:
        client.force_authenticate(user)
    return client
