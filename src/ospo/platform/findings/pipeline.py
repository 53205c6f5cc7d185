"""After a scan is ingested: run the engines and store their findings — or do nothing when nothing changed.

Called by :func:`ospo.platform.scans.tasks.scan_repository` after ``ingest()``. Idempotency: when the tree is
unchanged and the digest of the other inputs (engines, vulnerability data generation, policy, context) equals
the last run's, no engine runs and nothing is written — an estate rescan of unchanged repositories stays one
Scan UPDATE each. Decisions need no rerun: reviewers' decisions are applied when saved (``refresh_status``),
and an expired waiver forces a run. This function never raises: the inventory is stored already, and a
findings problem is recorded on the scan (``errors``, ``FindingsRun.failures``) for the pages to show.
"""

from __future__ import annotations

import logging
import traceback
from typing import Any

from django.utils import timezone

from ospo.engine.model import ScanResult
from ospo.platform.findings import engines as eng
from ospo.platform.findings.models import Decision, DecisionKind, FindingsRun, FindingStatus
from ospo.platform.findings.store import MODELS, store
from ospo.platform.findings.triage import DbTriageStore

log = logging.getLogger("ospo.platform.findings")


def _expired_waivers(repo: Any) -> bool:
    now = timezone.now()
    expired = Decision.objects.filter(kind=DecisionKind.WAIVER, expires_at__lte=now).values("pk")
    return any(
        m.objects.filter(repository=repo, status=FindingStatus.WAIVED, decision__in=expired).exists()
        for m in MODELS.values()
    )


def latest_run(repo: Any) -> FindingsRun | None:
    return FindingsRun.objects.filter(repository=repo).order_by("-finished_at", "-scan_id").first()


def _record_failures(scan: Any, failures: dict[str, str]) -> None:
    from ospo.platform.scans.models import Scan

    extra = [{"path": f"engine:{name}", "message": message, "severity": "error"} for name, message in failures.items()]
    scan.errors = [e for e in (scan.errors or []) if not str(e.get("path", "")).startswith("engine:")] + extra
    Scan.objects.filter(pk=scan.pk).update(errors=scan.errors)


def run_findings(scan: Any, result: ScanResult, unchanged: bool, opened: Any = None) -> FindingsRun | None:
    """Findings for ``scan``; None when skipped (nothing to do, or no engine configured). ``opened`` is the
    scan's open tree (``api.OpenedInput``), read by hygiene and secrets for a remote repository."""
    repo = scan.repository
    try:
        engines = eng.configured_engines()
        if not engines:
            return None
        vulndb = eng.vulndb_freshness() if "vulns" in engines else {}
        digest = eng.inputs_digest(result.tree_hash or "", result.revision or "", engines, vulndb)
        last = latest_run(repo)
        # a run that skipped an engine (e.g. hygiene of a remote repository before it was read through the
        # scan's clone) is not a complete answer for that digest: it runs again
        if (
            unchanged
            and last is not None
            and last.inputs == digest
            and not last.failures
            and not (last.counts or {}).get("skipped")
            and not _expired_waivers(repo)
        ):
            return None
        triage = DbTriageStore(repo)  # the engine's decisions map back to their rows by identity
        run = eng.run_engines(result, repo, triage, engines, opened)
        if "vulns" in engines and not run.vulndb:
            run.vulndb = vulndb
        counts: dict[str, Any] = store(scan, run, triage)
        if run.skipped:
            counts["skipped"] = run.skipped
        row, _ = FindingsRun.objects.update_or_create(
            scan=scan,
            defaults={
                "repository": repo,
                "finished_at": timezone.now(),
                "inputs": digest,
                "engines": run.ran,
                "failures": run.failures,
                "vulndb": run.vulndb,
                "policy": run.policy[:1000],
                "counts": counts,
            },
        )
        if run.failures:
            _record_failures(scan, run.failures)
        return row
    except Exception as exc:  # the inventory is stored; a findings bug must not fail the scan
        log.exception("findings of scan %s (%s) failed", scan.pk, repo)
        try:
            _record_failures(scan, {"findings": f"internal error: {exc!r}\n{traceback.format_exc(limit=3)}"[:4000]})
        except Exception:
            log.exception("could not record the findings failure of scan %s", scan.pk)
        return None


__all__ = ["latest_run", "run_findings"]
