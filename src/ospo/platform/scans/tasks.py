"""The one task: scan one repository. The embedded pool and Celery both call :func:`scan_repository`.

Life of a scan: queued → (claimed) running → succeeded | queued again with back-off | failed. A worker that dies
mid-scan leaves a ``running`` row whose heartbeat stops; :func:`ospo.platform.scans.queue.requeue_stale` puts
it back. Ingestion is one transaction, so a killed worker leaves either the previous inventory or the new one.
A repository that cannot be read is recorded as failed with its error after its last attempt; the estate scan
goes on with the others.
"""

from __future__ import annotations

import logging
import threading
import traceback
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

from django.conf import settings
from django.db import connection
from django.utils import timezone

from ospo.engine.api import OpenedInput, ScanOptions, open_tree, scan_input
from ospo.engine.model import ScanResult
from ospo.platform.catalog.hooks import after_scan as catalog_after_scan
from ospo.platform.estate.locations import location_trusted
from ospo.platform.estate.models import Repository, SourceKind
from ospo.platform.findings.pipeline import run_findings
from ospo.platform.inventory.codec import storable_issues
from ospo.platform.scans import queue
from ospo.platform.scans.ingest import ingest, issue_dicts
from ospo.platform.scans.models import Scan, ScanStatus

log = logging.getLogger("ospo.platform.scans")


class ScanFailed(Exception):
    """The engine could not read the repository at all (missing path, clone refused…)."""


@dataclass(frozen=True, slots=True)
class Outcome:
    status: str  # "succeeded", "retry", "failed" or "skipped" (not ours to run)
    retry_in: float | None = None


def _is_git(path: Path) -> bool:
    return (path / ".git").exists() or ((path / "HEAD").is_file() and (path / "objects").is_dir())


def _with_token(url: str, token: str | None, kind: str) -> str:
    """Credentials go into the clone URL only; the engine redacts them from every result and message."""
    if not token or not url.startswith("https://"):
        return url
    user = {"gitlab": "oauth2", "github": "x-access-token"}.get(kind, "ospo")
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, f"{user}:{quote(token, safe='')}@{parts.netloc}", parts.path, "", ""))


def engine_input(repo: Repository) -> tuple[str, ScanOptions]:
    """What to hand to the engine: a git repository is read at its default branch from the object store.

    Raises ScanFailed for a location no administrator registered that would read this server's files."""
    location = repo.location
    if not location_trusted(repo):
        raise ScanFailed("refused: the repository's location is a path on this server, not a network URL")
    if repo.source.kind == SourceKind.LOCAL:
        path = Path(location)
        if path.is_dir() and _is_git(path):
            return location, ScanOptions(ref=repo.default_branch or "HEAD")
        return location, ScanOptions()
    return _with_token(location, repo.source.token(), repo.source.kind), ScanOptions(ref=repo.default_branch or None)


def run_engine(repo: Repository, opened: OpenedInput | None = None) -> ScanResult:
    """The engine's inventory of ``repo``; from ``opened`` (the tree kept open for the after-scan passes) when
    given. Raises ScanFailed when the repository could not be read at all."""
    spec, options = engine_input(repo)
    if opened is not None and opened.tree is None and opened.issues:
        raise ScanFailed("; ".join(i.message for i in opened.issues)[:2000])  # not cloned again to fail again
    result = opened.scan(spec, options) if opened is not None else scan_input(spec, options)
    if result.tree_hash is None and result.issues:
        raise ScanFailed("; ".join(i.message for i in result.issues)[:2000])
    return result


class _Heartbeat(threading.Thread):
    """Beats while the engine works, so a long scan is not mistaken for a dead worker."""

    def __init__(self, pk: int, worker: str, model: type[queue.Task] = Scan) -> None:
        super().__init__(daemon=True, name=f"heartbeat-{pk}")
        self.pk, self.worker, self.model, self.stop = pk, worker, model, threading.Event()

    def run(self) -> None:
        interval = max(1.0, settings.OSPO_SCAN_STALE_AFTER_S / 3)
        try:
            while not self.stop.wait(interval):
                queue.heartbeat(self.pk, self.worker, self.model)
        finally:
            connection.close()


def _retry_or_fail(scan: Scan, message: str) -> Outcome:
    now = timezone.now()
    if scan.attempts < settings.OSPO_SCAN_MAX_ATTEMPTS:
        delay = settings.OSPO_SCAN_RETRY_BACKOFF_S * (2 ** max(0, scan.attempts - 1))
        Scan.objects.filter(pk=scan.pk).update(
            status=ScanStatus.QUEUED, worker="", failure=message[:4000], not_before=now + timedelta(seconds=delay)
        )
        log.warning(
            "scan %s of %s failed (attempt %s), retry in %ss: %s",
            scan.pk,
            scan.repository,
            scan.attempts,
            delay,
            message,
        )
        return Outcome("retry", delay)
    Scan.objects.filter(pk=scan.pk).update(status=ScanStatus.FAILED, worker="", finished_at=now, failure=message[:4000])
    log.error("scan %s of %s failed: %s", scan.pk, scan.repository, message)
    return Outcome("failed")


def scan_repository(scan_id: int, worker: str = "") -> Outcome:
    """Run scan ``scan_id``: claim it unless the caller already did (embedded pool), scan, ingest."""
    worker = worker or f"{threading.current_thread().name}"
    scan = Scan.objects.select_related("repository__source").filter(pk=scan_id).first()
    if scan is None:
        return Outcome("skipped")
    if not (scan.status == ScanStatus.RUNNING and scan.worker == worker[:200]):
        if not queue.claim_by_id(scan_id, worker):
            return Outcome("skipped")  # done, or another worker holds it (a redelivered Celery message)
        scan.refresh_from_db()
    beat = _Heartbeat(scan.pk, worker)
    beat.start()
    opened: OpenedInput | None = None
    try:
        try:
            # the tree stays open until the after-scan passes (catalog crawl, SLOC) have read it: a remote
            # repository's partial clone is not cloned twice, and they read the revision the scan read
            opened = open_tree(*engine_input(scan.repository))
            result = run_engine(scan.repository, opened)
        except ScanFailed as exc:
            return _retry_or_fail(scan, str(exc))
        except Exception as exc:  # an engine bug costs this repository, not the estate scan
            return _retry_or_fail(scan, f"internal error: {exc!r}\n{traceback.format_exc(limit=5)}")
        try:
            stats = ingest(scan, result)
        except Exception as exc:
            scan.errors = issue_dicts(storable_issues(result))  # cleaned: a NUL must not fail this path too
            return _retry_or_fail(scan, f"could not store the results: {exc!r}")
        # never raises; failures go on the scan. Hygiene and secrets of a remote read the open partial clone
        run_findings(scan, result, unchanged=stats.unchanged, opened=opened)
        # publiccode.yml crawl, SLOC, vetting evidence; never raises, problems on the scan
        catalog_after_scan(scan, opened)
        return Outcome("succeeded")
    finally:
        if opened is not None:
            opened.close()
        beat.stop.set()
        beat.join(timeout=5)
