"""Ingestion: what the engine returns is stored once, idempotently, keyed by the tree hash."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from platform_git import commit_all

from ospo.engine.model import Component as EngineComponent
from ospo.engine.model import ParseIssue, ScanResult
from ospo.platform.inventory.models import Component, Usage
from ospo.platform.scans import ingest as ingest_mod
from ospo.platform.scans.ingest import MAX_STORED_ISSUES, ingest
from ospo.platform.scans.models import Scan, ScanStatus
from ospo.platform.scans.tasks import run_engine

pytestmark = pytest.mark.django_db


def _scan(repo) -> Scan:  # type: ignore[no-untyped-def]
    return Scan.objects.create(repository=repo, status=ScanStatus.RUNNING)


def _writes(ctx: CaptureQueriesContext) -> list[str]:
    return [q["sql"] for q in ctx.captured_queries
            if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))]


def test_first_ingest_stores_components_usages_and_paths(local_source):
    repo = local_source.repositories.get(name="webapp")
    result = run_engine(repo)
    stats = ingest(_scan(repo), result)
    assert stats.usages_created == 4 and stats.components_created == 4
    usages = {u.component.name: u for u in Usage.objects.filter(repository=repo).select_related("component")}
    assert set(usages) == {"express", "body-parser", "bytes", "jest"}
    assert usages["express"].direct is True and usages["bytes"].direct is False
    assert usages["jest"].scope == "development"
    assert usages["bytes"].dependency_path == ["pkg:npm/express@4.19.2", "pkg:npm/body-parser@1.20.2",
                                             "pkg:npm/bytes@3.1.2"]
    assert usages["express"].locations[0]["path"] == "package-lock.json"
    repo.refresh_from_db()
    assert repo.last_tree_hash == result.tree_hash
    scan = Scan.objects.get(repository=repo)
    assert scan.status == ScanStatus.SUCCEEDED and not scan.unchanged and scan.component_count == 4


def test_unchanged_repository_writes_only_the_scan_row(local_source):
    repo = local_source.repositories.get(name="webapp")
    ingest(_scan(repo), run_engine(repo))
    before = dict(Usage.objects.filter(repository=repo).values_list("id", "updated_at"))
    second = _scan(repo)
    result = run_engine(repo)
    with CaptureQueriesContext(connection) as ctx:
        stats = ingest(second, result)
    writes = _writes(ctx)
    assert stats.unchanged
    assert len(writes) == 1 and "scans_scan" in writes[0] and writes[0].lstrip().upper().startswith("UPDATE")
    assert dict(Usage.objects.filter(repository=repo).values_list("id", "updated_at")) == before
    second.refresh_from_db()
    assert second.unchanged and second.status == ScanStatus.SUCCEEDED


def test_changed_repository_writes_only_the_difference(local_source):
    repo = local_source.repositories.get(name="api")
    ingest(_scan(repo), run_engine(repo))
    django_usage = Usage.objects.get(repository=repo, component__name="django")
    path = __import__("pathlib").Path(repo.location) / "requirements.txt"
    # requests removed, urllib3 added, django on the same line as before
    path.write_text("# The permits API\ndjango==5.2.1\nurllib3==2.2.2\n", encoding="utf-8")
    commit_all(path.parent)
    stats = ingest(_scan(repo), run_engine(repo))
    assert (stats.usages_created, stats.usages_updated, stats.usages_deleted) == (1, 0, 1)
    names = set(Usage.objects.filter(repository=repo).values_list("component__name", flat=True))
    assert names == {"django", "urllib3"}
    kept = Usage.objects.get(pk=django_usage.pk)
    assert kept.updated_at == django_usage.updated_at  # untouched row
    assert Component.objects.filter(name="requests").exists()  # components stay: other repos may use them


def test_components_are_shared_between_repositories(local_source, tmp_path):
    from ospo.platform.estate.models import Repository

    webapp = local_source.repositories.get(name="webapp")
    copy = Repository.objects.create(source=local_source, name="webapp-fork", location=webapp.location + "-fork")
    __import__("shutil").copytree(webapp.location, copy.location)
    ingest(_scan(webapp), run_engine(webapp))
    ingest(_scan(copy), run_engine(copy))
    assert Component.objects.filter(name="express").count() == 1
    assert Usage.objects.filter(component__name="express").count() == 2


def test_ingest_is_transactional(local_source, monkeypatch):
    repo = local_source.repositories.get(name="webapp")
    result = run_engine(repo)

    def boom(*a, **k):  # type: ignore[no-untyped-def]
        raise RuntimeError("disk full")

    monkeypatch.setattr(ingest_mod.Usage.objects, "bulk_create", boom)
    scan = _scan(repo)
    with pytest.raises(RuntimeError):
        ingest(scan, result)
    repo.refresh_from_db()
    assert repo.last_tree_hash == "" and not Component.objects.exists() and not Usage.objects.exists()
    assert Scan.objects.get(pk=scan.pk).status == ScanStatus.RUNNING


def test_hostile_results_are_capped(local_source):
    repo = local_source.repositories.get(name="api")
    long_purl = "pkg:npm/" + "a" * 5000 + "@1.0.0"
    result = ScanResult(name="x", source="x", tree_hash="f" * 64,
                        components=[EngineComponent("npm", "a" * 5000, "1.0.0", long_purl, direct=True)],
                        issues=[ParseIssue(f"f{i}", "bad " * 1000) for i in range(MAX_STORED_ISSUES + 50)])
    scan = _scan(repo)
    ingest(scan, result)
    scan.refresh_from_db()
    assert len(scan.errors) == MAX_STORED_ISSUES + 1 and "50 more issues" in scan.errors[-1]["message"]
    stored = Component.objects.get()
    assert stored.purl == long_purl and len(stored.purl_key) == 64
