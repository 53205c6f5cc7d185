"""The scan queue lives in the Scan table: enqueue, claim, requeue stale claims, schedule due rescans.

Discovery jobs (:class:`DiscoveryJob`) are queued, claimed, beaten and requeued by the same functions (``model``
argument): one queue discipline, one stale rule, for both kinds of task.

Claiming must hand each queued scan to exactly one worker. On PostgreSQL: ``SELECT … FOR UPDATE SKIP LOCKED``,
so many workers claim different rows without waiting on each other. On SQLite (one writer at a time anyway): a
compare-and-swap ``UPDATE … WHERE id = ? AND status = 'queued'`` — the row is ours only if one row changed.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F, Max, Q
from django.utils import timezone

from ospo.platform.estate.models import Repository, Source
from ospo.platform.scans.models import DiscoveryJob, EstateScan, Scan, ScanStatus

ACTIVE = (ScanStatus.QUEUED, ScanStatus.RUNNING)
Task = Scan | DiscoveryJob
RELATED = {Scan: "repository__source", DiscoveryJob: "source"}


def enqueue(repositories: Iterable[Repository], estate_scan: EstateScan | None = None) -> list[Scan]:
    """One queued Scan per repository that has none queued or running; dispatched to Celery after commit."""
    repos = list(repositories)
    with transaction.atomic():
        busy = set(Scan.objects.filter(repository__in=repos, status__in=ACTIVE).values_list("repository_id", flat=True))
        scans = [Scan(repository=r, estate_scan=estate_scan) for r in repos if r.pk not in busy]
        scans = Scan.objects.bulk_create(scans)
        if scans and not all(s.pk for s in scans):  # backends without RETURNING on bulk insert
            scans = list(Scan.objects.filter(repository__in=repos, status=ScanStatus.QUEUED, estate_scan=estate_scan))
        dispatch([s.pk for s in scans])
    return scans


def dispatch(scan_ids: list[int], countdown: float | None = None, model: type[Task] = Scan) -> None:
    """Hand scans (or discovery jobs) to Celery when it is the backend; the embedded pool polls the table."""
    if settings.OSPO_TASK_BACKEND != "celery" or not scan_ids:
        return

    def send() -> None:
        from ospo.platform.celery_app import discover_source_task, scan_repository_task

        task = discover_source_task if model is DiscoveryJob else scan_repository_task
        for pk in scan_ids:
            task.apply_async((pk,), countdown=countdown)

    transaction.on_commit(send)


def _claim_fields(worker: str) -> dict[str, object]:
    now = timezone.now()
    return {
        "status": ScanStatus.RUNNING,
        "worker": worker[:200],
        "started_at": now,
        "heartbeat_at": now,
        "attempts": F("attempts") + 1,
    }


def claim_next(worker: str, model: type[Task] = Scan) -> Task | None:
    """The oldest claimable queued scan (or discovery job), now running for ``worker``; None when there is none."""
    now = timezone.now()
    ready = model.objects.filter(status=ScanStatus.QUEUED).filter(Q(not_before__isnull=True) | Q(not_before__lte=now))
    if connection.features.has_select_for_update_skip_locked:
        with transaction.atomic():
            pk = (
                ready.select_for_update(skip_locked=True)
                .order_by("requested_at", "id")
                .values_list("id", flat=True)
                .first()
            )
            if pk is None:
                return None
            model.objects.filter(pk=pk).update(**_claim_fields(worker))
        return model.objects.select_related(RELATED[model]).get(pk=pk)
    for pk in ready.order_by("requested_at", "id").values_list("id", flat=True)[:20]:
        if claim_by_id(pk, worker, model):
            return model.objects.select_related(RELATED[model]).get(pk=pk)
    return None


def claim_by_id(pk: int, worker: str, model: type[Task] = Scan) -> bool:
    """Compare-and-swap queued → running (Celery delivers an id; a redelivered message finds it taken)."""
    return model.objects.filter(pk=pk, status=ScanStatus.QUEUED).update(**_claim_fields(worker)) == 1


def heartbeat(pk: int, worker: str, model: type[Task] = Scan) -> None:
    model.objects.filter(pk=pk, status=ScanStatus.RUNNING, worker=worker[:200]).update(heartbeat_at=timezone.now())


def requeue_stale(stale_after_s: float | None = None, model: type[Task] = Scan) -> list[int]:
    """Running scans (or discovery jobs) whose worker stopped beating: back to the queue (or failed once out of
    attempts)."""
    limit = timezone.now() - timedelta(
        seconds=settings.OSPO_SCAN_STALE_AFTER_S if stale_after_s is None else stale_after_s
    )
    stale = model.objects.filter(status=ScanStatus.RUNNING, heartbeat_at__lt=limit)
    reason = "the worker stopped responding on every attempt"
    failed = {"failure": reason} if model is Scan else {"error": reason, "error_code": "worker_lost"}
    requeued: list[int] = []
    for pk, attempts in stale.values_list("id", "attempts"):
        if attempts >= settings.OSPO_SCAN_MAX_ATTEMPTS:
            model.objects.filter(pk=pk, status=ScanStatus.RUNNING, heartbeat_at__lt=limit).update(
                status=ScanStatus.FAILED, finished_at=timezone.now(), worker="", **failed
            )
        elif (
            model.objects.filter(pk=pk, status=ScanStatus.RUNNING, heartbeat_at__lt=limit).update(
                status=ScanStatus.QUEUED, worker="", not_before=None
            )
            == 1
        ):
            requeued.append(pk)
    dispatch(requeued, model=model)
    return requeued


def requeue_all_stale() -> list[int]:
    """The maintenance step: stale scans and stale discovery jobs."""
    return requeue_stale() + requeue_stale(model=DiscoveryJob)


def due_repositories(now=None) -> list[Repository]:  # type: ignore[no-untyped-def]
    """Repositories of enabled sources whose latest scan request is older than their interval (or never)."""
    now = now or timezone.now()
    repos = (
        Repository.objects.filter(source__enabled=True, archived=False)
        .exclude(scans__status__in=ACTIVE)
        .annotate(last_requested=Max("scans__requested_at"))
        .select_related("source")
    )
    return [r for r in repos if r.last_requested is None or now - r.last_requested >= r.scan_interval]


def schedule_due(now=None) -> list[Scan]:  # type: ignore[no-untyped-def]
    return enqueue(due_repositories(now))


def due_sources(now=None) -> list[Source]:  # type: ignore[no-untyped-def]
    """Enabled sources to list again: discovered (or tried) before, last asked longer ago than their interval.

    A source nobody has discovered yet waits for someone to press "Discover now" (a new source may still be
    misconfigured); after that, the source's rescan interval (else ``OSPO_SCAN_INTERVAL_H``) applies to its
    discovery as to its repositories' scans, so a repository created on the forge is found and scanned.
    """
    now = now or timezone.now()
    sources = (
        Source.objects.filter(enabled=True)
        .filter(Q(discovered_at__isnull=False) | Q(discovery_jobs__isnull=False))
        .exclude(discovery_jobs__status__in=ACTIVE)
        .annotate(last_requested=Max("discovery_jobs__requested_at"))
        .distinct()
    )
    due = []
    for source in sources:
        last = max((t for t in (source.last_requested, source.discovered_at) if t is not None), default=None)
        hours = source.scan_interval_hours or settings.OSPO_SCAN_INTERVAL_H
        if last is None or now - last >= timedelta(hours=hours):
            due.append(source)
    return due


def schedule_due_discoveries(now=None) -> list[DiscoveryJob]:  # type: ignore[no-untyped-def]
    """A scheduled discovery job per due source; it queues scans of the new repositories only (the others follow
    their own schedule in :func:`schedule_due`)."""
    from ospo.platform.scans.discover import request_discovery
    from ospo.platform.scans.models import ScanScope

    jobs = []
    for source in due_sources(now):
        job, created = request_discovery(source, scheduled=True, queue_scans=ScanScope.NEW)
        if created:
            jobs.append(job)
    return jobs
