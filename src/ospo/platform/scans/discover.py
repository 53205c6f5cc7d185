""" "Discover now" as a task: list a source's repositories in a worker, then queue a scan of each.

Listing a forge organisation with thousands of repositories is many paginated, rate-limited requests, so the page
button, ``POST /api/sources/{id}/discover/``, the rescan schedule and ``ospo demo`` only *request* a
:class:`DiscoveryJob` (:func:`request_discovery`, idempotent: a source has at most one queued or running job); the
embedded pool or a Celery worker runs :func:`discover_source` — claimed, beaten and requeued when stale exactly like
a scan (``queue`` functions with ``model=DiscoveryJob``). Transient forge failures (rate limit, 5xx, network) are
retried with back-off (the forge's ``Retry-After`` when it gives one); the others fail at once with their reason,
which the source page shows translated (:data:`ERROR_MESSAGES`). When the job ends, the audit log gets the same
``discover`` entry as before, with the person who asked as the actor.
"""

from __future__ import annotations

import logging
import threading
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ospo.platform.access import audit
from ospo.platform.estate.discovery import DiscoveryError, sync_source_counted
from ospo.platform.estate.models import Source
from ospo.platform.scans import queue
from ospo.platform.scans.models import DiscoveryJob, ScanScope, ScanStatus
from ospo.platform.scans.tasks import Outcome, _Heartbeat

log = logging.getLogger("ospo.platform.discovery")

# error_code → what the source page says (the raw message, without token, is shown beside it)
ERROR_MESSAGES: dict[str, Any] = {
    "unauthorized": _(
        "The forge refused the token (HTTP 401): check the token reference and that the token is still valid."
    ),
    "forbidden": _("The forge denied access (HTTP 403): the token may not list this organisation or group."),
    "not_found": _("Not found: check the organisation, group or path, and the API URL."),
    "rate_limited": _("The forge's rate limit was reached; discovery tries again later."),
    "server_error": _("The forge answered with a server error; discovery tries again later."),
    "network": _("The forge could not be reached (network error or time-out)."),
    "invalid": _("The forge's answer could not be read as a list of repositories."),
    "unavailable": _("The token could not be read (environment variable or secret store)."),
    "worker_lost": _("The worker stopped responding on every attempt."),
    "internal": _("Internal error during discovery."),
}


def active_job(source: Source) -> DiscoveryJob | None:
    return DiscoveryJob.objects.filter(source=source, status__in=queue.ACTIVE).order_by("-pk").first()


def request_discovery(
    source: Source, user: Any = None, *, scheduled: bool = False, queue_scans: str = ScanScope.ALL
) -> tuple[DiscoveryJob, bool]:
    """The source's queued or running job, or a new one (dispatched to Celery after commit); ``created`` says
    which. A second click, or two racing requests, get the first job: the partial unique constraint decides."""
    for _attempt in range(3):
        existing = active_job(source)
        if existing is not None:
            return existing, False
        try:
            with transaction.atomic():
                job = DiscoveryJob.objects.create(
                    source=source,
                    requested_by=user if getattr(user, "is_authenticated", False) else None,
                    scheduled=scheduled,
                    queue_scans=queue_scans,
                )
                queue.dispatch([job.pk], model=DiscoveryJob)
        except IntegrityError:  # another request created it between our look and our insert
            continue
        return job, True
    raise RuntimeError(f"could not queue a discovery of source {source.pk}")  # the other job kept finishing


def _redact(message: str, source: Source) -> str:
    """Forge errors carry URLs and reasons, never headers; still, a token must not reach the page or the row."""
    try:
        token = source.token()
    except Exception:
        token = None
    if token and len(token) >= 4:
        message = message.replace(token, "***")
    return message[:4000]


def _audit(job: DiscoveryJob, repositories: int, scans: list[int], error: str) -> None:
    with audit.acting_as(job.requested_by):
        audit.record("discover", job.source, None, {"repositories": repositories, "scans": scans, "error": error})


def _mine(job: DiscoveryJob, worker: str) -> Any:
    return DiscoveryJob.objects.filter(pk=job.pk, status=ScanStatus.RUNNING, worker=worker[:200])


def _retry_or_fail(
    job: DiscoveryJob, worker: str, code: str, message: str, transient: bool, retry_after: float | None = None
) -> Outcome:
    now = timezone.now()
    if transient and job.attempts < settings.OSPO_SCAN_MAX_ATTEMPTS:
        delay = max(retry_after or 0.0, settings.OSPO_SCAN_RETRY_BACKOFF_S * (2 ** max(0, job.attempts - 1)))
        _mine(job, worker).update(
            status=ScanStatus.QUEUED,
            worker="",
            error=message,
            error_code=code,
            not_before=now + timedelta(seconds=delay),
        )
        log.warning(
            "discovery %s of %s failed (attempt %s), retry in %ss: %s", job.pk, job.source, job.attempts, delay, message
        )
        return Outcome("retry", delay)
    if _mine(job, worker).update(status=ScanStatus.FAILED, worker="", finished_at=now, error=message, error_code=code):
        _audit(job, 0, [], message)
    log.error("discovery %s of %s failed: %s", job.pk, job.source, message)
    return Outcome("failed")


def discover_source(job_id: int, worker: str = "") -> Outcome:
    """Run discovery job ``job_id`` (the embedded pool has claimed it already; Celery's delivery claims it here):
    list the source, upsert its repositories, queue the scans the job asks for, record the counts."""
    worker = worker or threading.current_thread().name
    job = DiscoveryJob.objects.select_related("source", "requested_by").filter(pk=job_id).first()
    if job is None:
        return Outcome("skipped")
    if not (job.status == ScanStatus.RUNNING and job.worker == worker[:200]):
        if not queue.claim_by_id(job_id, worker, DiscoveryJob):
            return Outcome("skipped")  # done, or another worker holds it (a redelivered Celery message)
        job.refresh_from_db()
    beat = _Heartbeat(job.pk, worker, DiscoveryJob)
    beat.start()
    try:
        source = job.source
        try:
            synced = sync_source_counted(source)
        except DiscoveryError as exc:
            return _retry_or_fail(job, worker, exc.code, _redact(str(exc), source), exc.transient, exc.retry_after)
        except Exception as exc:  # a bug or a database hiccup: tried again, then shown
            log.exception("discovery %s of %s: internal error", job.pk, source)
            return _retry_or_fail(job, worker, "internal", _redact(f"internal error: {exc!r}", source), True)
        current = [r for r in synced.repositories if not r.archived]
        if not source.enabled or job.queue_scans == ScanScope.NONE:
            targets = []
        elif job.queue_scans == ScanScope.NEW:
            targets = [r for r in current if r.pk in synced.new]
        else:
            targets = current
        scans = [s.pk for s in queue.enqueue(targets)] if targets else []
        if _mine(job, worker).update(
            status=ScanStatus.SUCCEEDED,
            worker="",
            finished_at=timezone.now(),
            found=len(synced.repositories),
            added=synced.added,
            removed=synced.removed,
            scans=scans,
            error="",
            error_code="",
            not_before=None,
        ):
            _audit(job, len(current), scans, "")
        return Outcome("succeeded")
    finally:
        beat.stop.set()
        beat.join(timeout=5)
