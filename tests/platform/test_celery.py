"""Celery at scale: a real Redis server and two `ospo worker` processes scan the corpus; the stored inventory is
identical to the embedded pool's. Skipped when ../shared or redis-server is absent."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from celery_broker import database_url, point_app_at, run_redis

from ospo.platform.estate.discovery import sync_source
from ospo.platform.estate.models import Repository, Source, SourceKind
from ospo.platform.inventory.models import Component, Usage
from ospo.platform.scans import queue
from ospo.platform.scans.models import EstateScan, Scan, ScanStatus
from ospo.platform.scans.pool import EmbeddedPool

pytestmark = [pytest.mark.corpus, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def redis_url(tmp_path):  # type: ignore[no-untyped-def]
    yield from run_redis(tmp_path)


def _snapshot() -> list[tuple]:
    rows = Usage.objects.values_list("repository__name", "component__purl", "component__ecosystem", "scope",
                                     "direct", "constraint", "locations", "dependency_path")
    return sorted((*r[:6], json.dumps(r[6], sort_keys=True), json.dumps(r[7])) for r in rows)


def _wait(estate_scan: EstateScan, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        progress = estate_scan.progress()
        if progress[ScanStatus.QUEUED] == progress[ScanStatus.RUNNING] == 0:
            return
        time.sleep(0.3)
    raise AssertionError(f"scans not finished: {estate_scan.progress()}")


def test_two_celery_workers_store_what_the_embedded_pool_stores(estate, corpus_repos, redis_url, tmp_path,
                                                                settings, monkeypatch):
    source = Source.objects.create(agency=estate, kind=SourceKind.LOCAL, location=str(corpus_repos),
                                   subdirectories=True)
    repos = sync_source(source)
    assert len(repos) >= 10

    embedded = EstateScan.objects.create(label="embedded")
    queue.enqueue(repos, embedded)
    with EmbeddedPool(workers=2, poll_s=0.1, schedule=False) as pool:
        assert pool.wait_idle(timeout=600)
    assert embedded.progress()[ScanStatus.SUCCEEDED] == len(repos)
    expected = _snapshot()
    assert len(expected) > 1000
    Usage.objects.all().delete()
    Component.objects.all().delete()
    Repository.objects.update(last_tree_hash="")

    env = {**os.environ, "DATABASE_URL": database_url(), "CELERY_BROKER_URL": redis_url,
           "OSPO_TASK_BACKEND": "celery", "PYTHONUNBUFFERED": "1"}
    ospo = str(Path(sys.executable).parent / "ospo")
    logs = [open(tmp_path / f"worker{i}.log", "w") for i in range(2)]  # noqa: SIM115 — closed below
    workers = [subprocess.Popen([ospo, "worker", "--concurrency", "1", "-n", f"w{i}@ospo-test",
                                 "--loglevel", "INFO"], env=env, stdout=logs[i], stderr=subprocess.STDOUT)
               for i in range(2)]
    try:
        point_app_at(redis_url, monkeypatch)
        settings.OSPO_TASK_BACKEND = "celery"
        celery = EstateScan.objects.create(label="celery")
        queue.enqueue(Repository.objects.all(), celery)
        _wait(celery, timeout=600)
    finally:
        for w in workers:
            w.terminate()
        for w in workers:
            w.wait(30)
        for f in logs:
            f.close()
    assert celery.progress()[ScanStatus.SUCCEEDED] == len(repos), (tmp_path / "worker0.log").read_text()[-3000:]
    by_worker = set(Scan.objects.filter(estate_scan=celery).values_list("worker", flat=True))
    assert {w.split(":")[0] for w in by_worker} == {"w0@ospo-test", "w1@ospo-test"}  # both workers took part
    assert not Scan.objects.filter(estate_scan=celery, unchanged=True).exists()  # everything was stored again
    assert _snapshot() == expected
