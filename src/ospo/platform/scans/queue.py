"""The scan queue lives in the Scan table: enqueue, claim, requeue stale claims, schedule due rescans.

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

from ospo.platform.estate.models import Repository
from ospo.platform.scans.models import EstateScan, Scan, ScanStatus

ACTIVE = (ScanStatus.QUEUED, ScanStatus.RUNNING)


def enqueue(repositories: Iterable[Repository], estate_scan: EstateScan | None = None) -> list[Scan]:
    """One queued Scan per repository that has none queued or running; dispatched to Celery after commit."""
    repos = list(repositories)
    with transaction.atomic():
        busy = set(Scan.objects.filter(repository__in=repos, status__in=ACTIVE).values_list("repository_id",
                                                                                            flat=True))
        scans = [Scan(repository=r, estate_scan=estate_scan) for r in repos if r.pk not in busy]
        scans = Scan.objects.bulk_create(scans)
        if scans and not all(s.pk for s in scans):  # backends without RETURNING on bulk insert
            scans = list(Scan.objects.filter(repository__in=repos, status=ScanStatus.QUEUED,
                                             estate_scan=estate_scan))
        dispatch([s.pk for s in scans])
    return scans


def dispatch(scan_ids: list[int], countdown: float | None = None) -> None:
    """Hand scans to Celery when it is the backend; the embedded pool polls the table instead."""
    if settings.OSPO_TASK_BACKEND != "celery" or not scan_ids:
        return

    def send() -> None:
        from ospo.platform.celery_app import scan_repository_task

        for pk in scan_ids:
            scan_repository_task.apply_async((pk,), countdown=countdown)

    transaction.on_commit(send)


def _claim_fields(worker: str) -> dict[str, object]:
    now = timezone.now()
    return {"status": ScanStatus.RUNNING, "worker": worker[:200], "started_at": now, "heartbeat_at": now,
            "attempts": F("attempts") + 1}


def claim_next(worker: str) -> Scan | None:
    """The oldest claimable queued scan, now running for ``worker``; None when there is none."""
    now = timezone.now()
    ready = Scan.objects.filter(status=ScanStatus.QUEUED).filter(Q(not_before__isnull=True) | Q(not_before__lte=now))
    if connection.features.has_select_for_update_skip_locked:
        with transaction.atomic():
            pk = (ready.select_for_update(skip_locked=True).order_by("requested_at", "id")
                  .values_list("id", flat=True).first())
            if pk is None:
                return None
            Scan.objects.filter(pk=pk).update(**_claim_fields(worker))
        return Scan.objects.select_related("repository__source").get(pk=pk)
    for pk in ready.order_by("requested_at", "id").values_list("id", flat=True)[:20]:
        if claim_by_id(pk, worker):
            return Scan.objects.select_related("repository__source").get(pk=pk)
    return None


def claim_by_id(pk: int, worker: str) -> bool:
    """Compare-and-swap queued → running (Celery delivers an id; a redelivered message finds it taken)."""
    return Scan.objects.filter(pk=pk, status=ScanStatus.QUEUED).update(**_claim_fields(worker)) == 1


def heartbeat(pk: int, worker: str) -> None:
    Scan.objects.filter(pk=pk, status=ScanStatus.RUNNING, worker=worker[:200]).update(heartbeat_at=timezone.now())


def requeue_stale(stale_after_s: float | None = None) -> list[int]:
    """Running scans whose worker stopped beating: back to the queue (or failed once out of attempts)."""
    limit = timezone.now() - timedelta(seconds=settings.OSPO_SCAN_STALE_AFTER_S if stale_after_s is None
                                       else stale_after_s)
    stale = Scan.objects.filter(status=ScanStatus.RUNNING, heartbeat_at__lt=limit)
    requeued: list[int] = []
    for pk, attempts in stale.values_list("id", "attempts"):
        if attempts >= settings.OSPO_SCAN_MAX_ATTEMPTS:
            Scan.objects.filter(pk=pk, status=ScanStatus.RUNNING, heartbeat_at__lt=limit).update(
                status=ScanStatus.FAILED, finished_at=timezone.now(), worker="",
                failure="the worker stopped responding on every attempt")
        elif Scan.objects.filter(pk=pk, status=ScanStatus.RUNNING, heartbeat_at__lt=limit).update(
                status=ScanStatus.QUEUED, worker="", not_before=None) == 1:
            requeued.append(pk)
    dispatch(requeued)
    return requeued


def due_repositories(now=None) -> list[Repository]:  # type: ignore[no-untyped-def]
    """Repositories of enabled sources whose latest scan request is older than their interval (or never)."""
    now = now or timezone.now()
    repos = (Repository.objects.filter(source__enabled=True, archived=False)
             .exclude(scans__status__in=ACTIVE)
             .annotate(last_requested=Max("scans__requested_at")).select_related("source"))
    return [r for r in repos if r.last_requested is None or now - r.last_requested >= r.scan_interval]


def schedule_due(now=None) -> list[Scan]:  # type: ignore[no-untyped-def]
    return enqueue(due_repositories(now))
