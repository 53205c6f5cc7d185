"""Celery at scale: ``ospo worker`` runs this app; the task bodies are the same :func:`scan_repository` and
:func:`discover_source` the embedded pool runs.

Messages carry only a scan id. ``acks_late`` + ``reject_on_worker_lost`` redeliver the message of a worker that
died; a redelivered message whose scan another worker holds is skipped by the claim. Retries re-send the
message after the back-off the task computed. ``ospo.maintenance`` (run by beat every minute) requeues stale
claims (scans and discovery jobs) and enqueues due rediscoveries and rescans.
"""

from __future__ import annotations

from ospo.platform import setup

setup()

from celery import Celery  # noqa: E402

from ospo.platform.scans import discover, queue, tasks  # noqa: E402
from ospo.platform.scans.models import DiscoveryJob  # noqa: E402

app = Celery("ospo")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.conf.beat_schedule = {"ospo-maintenance": {"task": "ospo.maintenance", "schedule": 60.0}}


@app.task(name="ospo.scan_repository", bind=True, acks_late=True)
def scan_repository_task(self, scan_id: int) -> str:  # type: ignore[no-untyped-def]
    outcome = tasks.scan_repository(scan_id, worker=f"{self.request.hostname}:{self.request.id}")
    if outcome.status == "retry":
        queue.dispatch([scan_id], countdown=outcome.retry_in)
    return outcome.status


@app.task(name="ospo.discover_source", bind=True, acks_late=True)
def discover_source_task(self, job_id: int) -> str:  # type: ignore[no-untyped-def]
    outcome = discover.discover_source(job_id, worker=f"{self.request.hostname}:{self.request.id}")
    if outcome.status == "retry":
        queue.dispatch([job_id], countdown=outcome.retry_in, model=DiscoveryJob)
    return outcome.status


@app.task(name="ospo.maintenance")
def maintenance_task() -> int:
    queue.requeue_all_stale()
    queue.schedule_due_discoveries()
    return len(queue.schedule_due())
