"""Tasks: the embedded pool end to end, claims, retries with back-off, stale-claim requeue, scheduled rescans."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from ospo.engine.ecosystems import all_extractors
from ospo.platform.estate.discovery import sync_source
from ospo.platform.estate.models import Repository, Source, SourceKind
from ospo.platform.inventory.models import Usage
from ospo.platform.scans import ingest as ingest_mod
from ospo.platform.scans import queue, tasks
from ospo.platform.scans.models import EstateScan, Scan, ScanStatus
from ospo.platform.scans.pool import EmbeddedPool


def _inventory() -> set[tuple[str, str, str, bool | None]]:
    return set(Usage.objects.values_list("repository__name", "component__purl", "scope", "direct"))


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("mode", ["thread", "process"])
def test_embedded_pool_scans_the_demo_estate(estate, tmp_path, mode):
    """Every ecosystem's fixture repository, scanned by the pool, ends up in the inventory."""
    from ospo.platform import demo

    generated = demo.generate(tmp_path / "demo")
    source = Source.objects.create(agency=estate, kind=SourceKind.LOCAL, location=str(generated.root))
    repos = sync_source(source)
    assert {r.name for r in repos} == set(demo.DEMO_REPOSITORIES)
    estate_scan = EstateScan.objects.create(label="t")
    queue.enqueue(repos, estate_scan)
    with EmbeddedPool(workers=2, mode=mode, poll_s=0.1, schedule=False) as pool:
        assert pool.wait_idle(timeout=120)
    assert estate_scan.progress()[ScanStatus.SUCCEEDED] == len(repos)
    ecosystems = set(Usage.objects.values_list("component__ecosystem", flat=True))
    assert {e.ecosystem for e in all_extractors()} <= ecosystems  # every ecosystem the engine reads
    for repo in Repository.objects.all():
        assert repo.usages.exists(), repo.name


@pytest.mark.django_db(transaction=True)
def test_failing_repository_is_recorded_and_others_go_on(local_source, fast_retries):
    broken = Repository.objects.create(source=local_source, name="gone", location="/nonexistent/ospo/repo")
    queue.enqueue(Repository.objects.all())
    with EmbeddedPool(workers=2, poll_s=0.05, schedule=False) as pool:
        assert pool.wait_idle(timeout=60)
    failed = Scan.objects.get(repository=broken)
    assert failed.status == ScanStatus.FAILED and failed.attempts == 2 and "not found" in failed.failure
    assert Scan.objects.filter(status=ScanStatus.SUCCEEDED).count() == 2


@pytest.mark.django_db
def test_retry_backs_off_then_fails(local_source, settings):
    settings.OSPO_SCAN_MAX_ATTEMPTS = 3
    settings.OSPO_SCAN_RETRY_BACKOFF_S = 10
    broken = Repository.objects.create(source=local_source, name="gone", location="/nonexistent/x")
    (scan,) = queue.enqueue([broken])
    claimed = queue.claim_next("w")
    assert claimed.pk == scan.pk
    before = timezone.now()
    outcome = tasks.scan_repository(scan.pk, worker="w")
    scan.refresh_from_db()
    assert outcome.status == "retry" and outcome.retry_in == 10 and scan.status == ScanStatus.QUEUED
    assert before + timedelta(seconds=9) <= scan.not_before <= timezone.now() + timedelta(seconds=10)
    assert queue.claim_next("w") is None  # backing off
    Scan.objects.filter(pk=scan.pk).update(not_before=None)
    queue.claim_next("w")
    assert tasks.scan_repository(scan.pk, worker="w").retry_in == 20  # doubled
    Scan.objects.filter(pk=scan.pk).update(not_before=None)
    queue.claim_next("w")
    assert tasks.scan_repository(scan.pk, worker="w").status == "failed"
    scan.refresh_from_db()
    assert scan.status == ScanStatus.FAILED and scan.attempts == 3 and scan.finished_at


@pytest.mark.django_db
def test_engine_bug_is_a_failed_scan_not_a_crash(local_source, fast_retries, monkeypatch):
    monkeypatch.setattr(tasks, "scan_input", lambda *a, **k: 1 / 0)
    monkeypatch.setattr(tasks.OpenedInput, "scan", lambda *a, **k: 1 / 0)  # the task scans the tree it keeps open
    repo = local_source.repositories.first()
    (scan,) = queue.enqueue([repo])
    for _ in range(2):
        queue.claim_next("w")
        tasks.scan_repository(scan.pk, worker="w")
    scan.refresh_from_db()
    assert scan.status == ScanStatus.FAILED and "ZeroDivisionError" in scan.failure


class _Killed(BaseException):
    """Stands for the process dying: not an Exception, so nothing in the task catches it."""


@pytest.mark.django_db(transaction=True)
def test_worker_killed_mid_ingest_loses_nothing_and_the_scan_runs_again(local_source, monkeypatch):
    repo = local_source.repositories.get(name="webapp")
    (first,) = queue.enqueue([repo])
    queue.claim_next("w1")
    assert tasks.scan_repository(first.pk, worker="w1").status == "succeeded"
    committed = _inventory()
    # The repository changes, and the worker dies in the middle of storing the new inventory.
    Repository.objects.filter(pk=repo.pk).update(last_tree_hash="stale")
    (second,) = queue.enqueue([repo])
    queue.claim_next("w2")
    real = ingest_mod.Usage.objects.bulk_update

    def die(*a, **k):  # type: ignore[no-untyped-def]
        raise _Killed

    monkeypatch.setattr(ingest_mod.Usage.objects, "bulk_create", die)
    with pytest.raises(_Killed):
        tasks.scan_repository(second.pk, worker="w2")
    monkeypatch.undo()
    assert ingest_mod.Usage.objects.bulk_update == real
    assert _inventory() == committed  # the transaction rolled back: the committed inventory is intact
    second.refresh_from_db()
    assert second.status == ScanStatus.RUNNING
    Scan.objects.filter(pk=second.pk).update(heartbeat_at=timezone.now() - timedelta(hours=1))
    assert queue.requeue_stale(stale_after_s=60) == [second.pk]
    assert queue.claim_next("w3").pk == second.pk
    assert tasks.scan_repository(second.pk, worker="w3").status == "succeeded"
    assert _inventory() == committed


@pytest.mark.django_db
def test_stale_claim_out_of_attempts_fails(local_source, settings):
    settings.OSPO_SCAN_MAX_ATTEMPTS = 1
    repo = local_source.repositories.first()
    (scan,) = queue.enqueue([repo])
    queue.claim_next("w")
    Scan.objects.filter(pk=scan.pk).update(heartbeat_at=timezone.now() - timedelta(hours=1))
    assert queue.requeue_stale(stale_after_s=60) == []
    scan.refresh_from_db()
    assert scan.status == ScanStatus.FAILED and "stopped responding" in scan.failure


@pytest.mark.django_db
def test_fresh_claims_are_not_requeued(local_source):
    (scan,) = queue.enqueue([local_source.repositories.first()])
    queue.claim_next("w")
    assert queue.requeue_stale(stale_after_s=60) == []
    assert Scan.objects.get(pk=scan.pk).status == ScanStatus.RUNNING


@pytest.mark.django_db(transaction=True)
def test_concurrent_claims_hand_each_scan_to_one_worker(local_source):
    repos = [Repository.objects.create(source=local_source, name=f"r{i}", location=f"/x/{i}") for i in range(24)]
    queue.enqueue(repos)
    claimed: list[int] = []
    lock = threading.Lock()

    def worker(name: str) -> None:
        try:
            while (scan := queue.claim_next(name)) is not None:
                with lock:
                    claimed.append(scan.pk)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(f"w{i}",)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(claimed) == len(set(claimed)) == 24
    assert Scan.objects.filter(status=ScanStatus.RUNNING, attempts=1).count() == 24


@pytest.mark.django_db
def test_enqueue_skips_repositories_with_an_active_scan(local_source):
    repos = list(local_source.repositories.all())
    assert len(queue.enqueue(repos)) == 2
    assert queue.enqueue(repos) == []


@pytest.mark.django_db
def test_scheduled_rescans_follow_the_interval(local_source, settings):
    settings.OSPO_SCAN_INTERVAL_H = 24
    webapp = local_source.repositories.get(name="webapp")
    api = local_source.repositories.get(name="api")
    api.scan_interval_hours = 1
    api.save()
    assert {r.name for r in queue.due_repositories()} == {"webapp", "api"}  # never scanned
    for scan in queue.schedule_due():
        Scan.objects.filter(pk=scan.pk).update(status=ScanStatus.SUCCEEDED)
    assert queue.due_repositories() == []
    in_2h = timezone.now() + timedelta(hours=2)
    assert [r.name for r in queue.due_repositories(now=in_2h)] == ["api"]
    assert {r.name for r in queue.due_repositories(now=timezone.now() + timedelta(days=2))} == {"webapp", "api"}
    local_source.enabled = False
    local_source.save()
    assert queue.due_repositories(now=in_2h) == []
    assert webapp.scan_interval == timedelta(hours=24)


@pytest.mark.django_db
def test_celery_backend_dispatches_after_commit(
    local_source, settings, monkeypatch, django_capture_on_commit_callbacks
):
    from ospo.platform import celery_app

    sent: list[tuple] = []
    monkeypatch.setattr(
        celery_app.scan_repository_task, "apply_async", lambda args, countdown=None: sent.append((args, countdown))
    )
    settings.OSPO_TASK_BACKEND = "celery"
    with django_capture_on_commit_callbacks(execute=True):
        scans = queue.enqueue(local_source.repositories.all())
    assert sorted(a[0][0] for a in sent) == sorted(s.pk for s in scans)
