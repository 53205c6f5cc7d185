"""Discovery as a background job: a local stub forge (never the internet) answers pages, 401/403/404, rate limits
and server errors; the job is run by the embedded pool, by a real Celery worker on a real Redis, and directly by
:func:`discover_source`. A failing forge fails its job with the reason and the platform goes on; transient errors
are retried with back-off; a source never has two active jobs; stale jobs are requeued; the schedule rediscovers."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from celery_broker import database_url, point_app_at, run_redis
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ospo.platform.access.models import AuditEntry
from ospo.platform.estate.models import Source, SourceKind
from ospo.platform.scans import queue
from ospo.platform.scans.discover import discover_source, request_discovery
from ospo.platform.scans.models import DiscoveryJob, Scan, ScanScope, ScanStatus
from ospo.platform.scans.pool import EmbeddedPool

TOKEN = "ghp_stubTOKENvalue0123456789"


class StubForge:
    """GitHub-like ``/orgs/{org}/repos`` with Link pages. ``fail[org]``: a list of (status, headers) answers given
    before the real pages (one per request), so a test scripts 401s, rate limits or a 500 then success."""

    def __init__(self, pages: int = 3, per_page: int = 2) -> None:
        self.fail: dict[str, list[tuple[int, dict[str, str]]]] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.pages, self.per_page = pages, per_page
        forge = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *a):  # type: ignore[no-untyped-def]
                pass

            def do_GET(self) -> None:
                forge.requests.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
                parts = urlsplit(self.path)
                segs = parts.path.strip("/").split("/")
                if len(segs) != 3 or segs[0] != "orgs" or segs[2] != "repos":
                    self.send_response(404)  # clone attempts of the scans land here too: they fail, locally
                    self.end_headers()
                    return
                org = segs[1]
                script = forge.fail.get(org)
                if script:
                    status, headers = script.pop(0)
                    self.send_response(status)
                    for k, v in headers.items():
                        self.send_header(k, v)
                    self.end_headers()
                    self.wfile.write(b'{"message": "no"}')
                    return
                page = int(parse_qs(parts.query).get("page", ["1"])[0])
                items = [
                    {
                        "name": f"{org}-{page}-{i}",
                        "clone_url": f"{forge.url}/git/{org}-{page}-{i}.git",
                        "default_branch": "main",
                        "private": True,
                    }
                    for i in range(forge.per_page)
                ]
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                if page < forge.pages:
                    self.send_header("Link", f'<{forge.url}/orgs/{org}/repos?page={page + 1}>; rel="next"')
                self.end_headers()
                self.wfile.write(json.dumps(items).encode())

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture
def forge():  # type: ignore[no-untyped-def]
    f = StubForge()
    yield f
    f.server.shutdown()
    f.server.server_close()


@pytest.fixture
def quick(settings, monkeypatch):  # type: ignore[no-untyped-def]
    settings.OSPO_SCAN_MAX_ATTEMPTS = 3
    settings.OSPO_SCAN_RETRY_BACKOFF_S = 0.0
    monkeypatch.setenv("OSPO_STUB_FORGE_TOKEN", TOKEN)
    return settings


def _source(estate, forge, org: str = "gov") -> Source:  # type: ignore[no-untyped-def]
    return Source.objects.create(
        agency=estate, kind=SourceKind.GITHUB, location=org, api_url=forge.url, token_ref="env:OSPO_STUB_FORGE_TOKEN"
    )


def _wait_jobs(timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not DiscoveryJob.objects.filter(status__in=queue.ACTIVE).exists():
            return
        time.sleep(0.1)
    raise AssertionError(list(DiscoveryJob.objects.values("pk", "status", "attempts", "error")))


def _no_token_anywhere() -> None:
    rows = json.dumps(
        list(DiscoveryJob.objects.values())
        + list(Source.objects.values())
        + list(AuditEntry.objects.values("before", "after")),
        default=str,
    )
    assert TOKEN not in rows


@pytest.mark.django_db(transaction=True)
def test_embedded_pool_runs_jobs_a_failing_forge_fails_its_job_and_the_others_go_on(estate, forge, quick):
    good, refused = _source(estate, forge, "gov"), _source(estate, forge, "secret-org")
    forge.fail["secret-org"] = [(401, {})]
    jobs = [request_discovery(good)[0], request_discovery(refused)[0]]
    assert [j.status for j in jobs] == ["queued", "queued"]
    with EmbeddedPool(workers=2, poll_s=0.05, schedule=False):
        _wait_jobs()
    ok, failed = (DiscoveryJob.objects.get(pk=j.pk) for j in jobs)
    assert ok.status == ScanStatus.SUCCEEDED and (ok.found, ok.added, ok.removed) == (6, 6, 0)
    assert len(ok.scans) == 6 and Scan.objects.filter(pk__in=ok.scans, repository__source=good).count() == 6
    assert ok.started_at and ok.finished_at and ok.duration_s is not None and ok.attempts == 1
    assert failed.status == ScanStatus.FAILED and failed.error_code == "unauthorized" and "HTTP 401" in failed.error
    assert failed.attempts == 1  # a refused token is not retried
    assert not refused.repositories.exists()
    assert all(h.get("authorization") == f"Bearer {TOKEN}" for _, h in forge.requests if "/orgs/" in _)
    _no_token_anywhere()
    assert AuditEntry.objects.get(action="discover", object_id=str(refused.pk)).after["error"] == failed.error


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("answers", "code", "attempts"),
    [
        ([(403, {})], "forbidden", 1),
        ([(404, {})], "not_found", 1),
        ([(429, {"Retry-After": "0"})] * 3, "rate_limited", 3),  # retried, then failed after its last attempt
        ([(403, {"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "0"})] * 3, "rate_limited", 3),
        ([(502, {})] * 3, "server_error", 3),
    ],
)
def test_forge_errors_are_classified_and_only_transient_ones_retried(estate, forge, quick, answers, code, attempts):
    source = _source(estate, forge, "org")
    forge.fail["org"] = list(answers)
    job, _ = request_discovery(source)
    for _attempt in range(5):
        claimed = queue.claim_next("w", DiscoveryJob)
        if claimed is None:
            break
        discover_source(claimed.pk, worker="w")
    job.refresh_from_db()
    assert (job.status, job.error_code, job.attempts) == (ScanStatus.FAILED, code, attempts)
    source.refresh_from_db()
    assert source.discovery_error and job.finished_at is not None


@pytest.mark.django_db
def test_a_transient_error_is_retried_with_back_off_then_succeeds(estate, forge, quick, settings):
    settings.OSPO_SCAN_RETRY_BACKOFF_S = 30.0
    source = _source(estate, forge, "org")
    forge.fail["org"] = [(503, {})]
    job, _ = request_discovery(source)
    claimed = queue.claim_next("w", DiscoveryJob)
    outcome = discover_source(claimed.pk, worker="w")
    job.refresh_from_db()
    assert outcome.status == "retry" and outcome.retry_in == 30.0
    assert job.status == ScanStatus.QUEUED and job.error_code == "server_error" and job.not_before > timezone.now()
    assert queue.claim_next("w", DiscoveryJob) is None  # backing off
    DiscoveryJob.objects.filter(pk=job.pk).update(not_before=timezone.now())
    discover_source(queue.claim_next("w", DiscoveryJob).pk, worker="w")
    job.refresh_from_db()
    assert job.status == ScanStatus.SUCCEEDED and job.attempts == 2 and job.error == "" and job.found == 6


@pytest.mark.django_db
def test_one_active_job_per_source_even_when_requests_race(estate, forge):
    source = _source(estate, forge)
    first, created = request_discovery(source)
    again, created_again = request_discovery(source)
    assert created and not created_again and again.pk == first.pk
    with pytest.raises(IntegrityError), transaction.atomic():  # what a racing second insert meets
        DiscoveryJob.objects.create(source=source)
    DiscoveryJob.objects.filter(pk=first.pk).update(status=ScanStatus.SUCCEEDED)
    later, created_later = request_discovery(source)
    assert created_later and later.pk != first.pk


@pytest.mark.django_db
def test_stale_discovery_is_requeued_then_failed_out_of_attempts(estate, forge, settings):
    settings.OSPO_SCAN_MAX_ATTEMPTS = 2
    job, _ = request_discovery(_source(estate, forge))
    queue.claim_next("dead-worker", DiscoveryJob)
    old = timezone.now() - timedelta(hours=2)
    DiscoveryJob.objects.filter(pk=job.pk).update(heartbeat_at=old)
    assert queue.requeue_all_stale() == [job.pk]
    assert DiscoveryJob.objects.get(pk=job.pk).status == ScanStatus.QUEUED
    queue.claim_next("dead-again", DiscoveryJob)
    DiscoveryJob.objects.filter(pk=job.pk).update(heartbeat_at=old)
    assert queue.requeue_all_stale() == []
    job.refresh_from_db()
    assert job.status == ScanStatus.FAILED and job.error_code == "worker_lost"


@pytest.mark.django_db
def test_the_schedule_rediscovers_through_the_same_job_and_scans_only_new_repositories(estate, forge, quick):
    source, never = _source(estate, forge, "gov"), _source(estate, forge, "never-discovered")
    forge.pages = 1
    discover_source(request_discovery(source)[0].pk, worker="w")
    first = source.discovery_jobs.get()
    assert len(first.scans) == 2 and queue.due_sources() == []  # just discovered
    later = timezone.now() + timedelta(hours=25)
    assert queue.due_sources(later) == [source]  # the never-discovered source waits for a person
    forge.pages = 2  # two repositories appeared on the forge
    (job,) = queue.schedule_due_discoveries(later)
    assert job.scheduled and job.queue_scans == ScanScope.NEW and job.requested_by is None
    assert queue.schedule_due_discoveries(later) == []  # already queued
    discover_source(job.pk, worker="w")
    job.refresh_from_db()
    assert (job.found, job.added, len(job.scans)) == (4, 2, 2)
    assert sorted(Scan.objects.filter(pk__in=job.scans).values_list("repository__name", flat=True)) == [
        "gov-2-0",
        "gov-2-1",
    ]
    assert not never.discovery_jobs.exists()


@pytest.fixture
def redis_broker(tmp_path):  # type: ignore[no-untyped-def]
    yield from run_redis(tmp_path)


@pytest.mark.django_db(transaction=True)
def test_a_celery_worker_runs_the_same_discovery_job(
    estate, forge, quick, redis_broker, tmp_path, settings, monkeypatch
):
    good, refused = _source(estate, forge, "gov"), _source(estate, forge, "locked")
    forge.fail["locked"] = [(403, {})]
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "CELERY_BROKER_URL": redis_broker,
        "OSPO_TASK_BACKEND": "celery",
        "OSPO_SCAN_MAX_ATTEMPTS": "1",
        "PYTHONUNBUFFERED": "1",
    }
    log_path = tmp_path / "worker.log"
    with open(log_path, "w") as log:
        worker = subprocess.Popen(
            [
                str(Path(sys.executable).parent / "ospo"),
                "worker",
                "--concurrency",
                "1",
                "-n",
                "disc@ospo-test",
                "--loglevel",
                "INFO",
            ],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            point_app_at(redis_broker, monkeypatch)
            settings.OSPO_TASK_BACKEND = "celery"
            jobs = [request_discovery(good)[0], request_discovery(refused)[0]]  # dispatched after commit
            _wait_jobs(timeout=90)
        finally:
            worker.terminate()
            worker.wait(30)
    ok, failed = (DiscoveryJob.objects.get(pk=j.pk) for j in jobs)
    assert ok.status == ScanStatus.SUCCEEDED and ok.found == 6, log_path.read_text()[-3000:]
    assert ok.worker == "" and ok.attempts == 1 and len(ok.scans) == 6
    assert failed.status == ScanStatus.FAILED and failed.error_code == "forbidden"
    _no_token_anywhere()


@pytest.mark.django_db
def test_rediscovering_unchanged_repositories_writes_nothing_but_a_change_is_saved(estate, forge, quick):
    source = _source(estate, forge)
    discover_source(request_discovery(source, queue_scans=ScanScope.NONE)[0].pk, worker="w")
    audited = AuditEntry.objects.filter(model="estate.repository").count()
    assert audited == 6  # the creations
    job, _ = request_discovery(source, queue_scans=ScanScope.NONE)
    with CaptureQueriesContext(connection) as ctx:
        discover_source(job.pk, worker="w")
    writes = [q["sql"] for q in ctx.captured_queries if q["sql"].startswith(("UPDATE", "INSERT"))]
    assert not [w for w in writes if "estate_repository" in w], writes  # nothing rewritten
    assert AuditEntry.objects.filter(model="estate.repository").count() == audited
    forge.pages = 2  # page 3's repositories vanished: archived, and that change is saved and audited
    job, _ = request_discovery(source, queue_scans=ScanScope.NONE)
    discover_source(job.pk, worker="w")
    job.refresh_from_db()
    assert (job.found, job.added, job.removed) == (4, 0, 2)
    assert source.repositories.filter(archived=True).count() == 2
    assert AuditEntry.objects.filter(model="estate.repository", action="update").count() == 2
