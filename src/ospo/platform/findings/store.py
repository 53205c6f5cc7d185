"""Write the engines' finding records: upsert by fingerprint, first/last seen, fixed when gone, decisions applied.

Why the status is recomputed here and not kept from the previous row: a waiver may have expired or been
revoked, a triage decision may have been recorded since, and a finding that came back after being fixed is
open again. The order is: waiver (covers the finding, not expired) → ``waived``; a triage decision whose VEX
state closes it (not affected, false positive, fixed) → ``triaged``; else ``open``. Findings of an engine that
did not complete are not touched. Only rows whose values changed are written (``bulk_update`` of the diff).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from django.db import transaction
from django.utils import timezone

from ospo.engine.vulns import vex
from ospo.platform.findings.engines import EngineRun, Record
from ospo.platform.findings.models import (
    Decision,
    FindingKind,
    FindingStatus,
    HygieneFinding,
    LicenseFinding,
    VulnerabilityFinding,
)
from ospo.platform.findings.triage import DbTriageStore, active_waivers, waiver_for
from ospo.platform.inventory.models import Component, purl_key

MODELS: dict[str, type] = {FindingKind.LICENSE: LicenseFinding, FindingKind.VULNERABILITY: VulnerabilityFinding,
                           FindingKind.HYGIENE: HygieneFinding}
KIND_COLUMNS = {
    FindingKind.LICENSE: ("expression", "category", "verdict", "rule", "context", "via"),
    FindingKind.VULNERABILITY: ("advisory_id", "aliases", "cvss_vector", "cvss_score", "affected_version",
                                "fixed_in", "vex_state"),
    FindingKind.HYGIENE: ("check_id", "score", "commit", "remediation_key"),
}
COMMON = ("component", "severity", "title", "details", "path", "line")
BOOKKEEPING = ("status", "decision", "fixed_at", "last_seen", "last_scan")
BATCH = 500


def engine_of(kind: str, row: Any) -> str:
    """The engine that writes rows like ``row`` (hygiene rows come from two engines)."""
    if kind == FindingKind.LICENSE:
        return "licenses"
    if kind == FindingKind.VULNERABILITY:
        return "vulns"
    return "secrets" if str(getattr(row, "check_id", "")).startswith("secret:") else "hygiene"


def rule_of(kind: str, row: Any) -> str:
    """What a waiver's ``scope_rule`` is compared with (see :class:`engines.Record.rule`)."""
    if kind == FindingKind.VULNERABILITY:
        return row.advisory_id
    if kind == FindingKind.HYGIENE:
        return row.check_id
    return row.expression


def _chunks(items: list[str], size: int = BATCH) -> Iterator[list[str]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def component_ids(purls: Iterable[str]) -> dict[str, int]:
    keys = {purl_key(p): p for p in set(purls)}
    out: dict[str, int] = {}
    for chunk in _chunks(list(keys)):
        for key, pk in Component.objects.filter(purl_key__in=chunk).values_list("purl_key", "id"):
            out[keys[key]] = pk
    return out


def decide(kind: str, component_id: int | None, rule: str, waivers: list[Decision],
           triage_row: Decision | None, triage_state: str | None) -> tuple[str, Decision | None]:
    """(status, decision) of a finding that is present."""
    waiver = waiver_for(waivers, component_id, rule)
    if waiver is not None:
        return FindingStatus.WAIVED, waiver
    if kind == FindingKind.VULNERABILITY and triage_row is not None:
        closed = triage_state in vex.CLOSED_STATES
        return (FindingStatus.TRIAGED if closed else FindingStatus.OPEN), triage_row
    return FindingStatus.OPEN, None


def _values(r: Record, component_id: int | None) -> dict[str, Any]:
    values: dict[str, Any] = {"component_id": component_id, "severity": r.severity, "title": r.title[:500],
                              "details": r.details, "path": r.path[:1000], "line": r.line}
    values.update(r.columns)
    if r.kind == FindingKind.VULNERABILITY:
        values["vex_state"] = r.triage.state if r.triage is not None else "in_triage"
    return values


def store(scan: Any, run: EngineRun, triage: DbTriageStore) -> dict[str, dict[str, int]]:
    """Bring the repository's findings up to date with ``run``; returns rows created/updated/fixed per kind."""
    repo = scan.repository
    now = timezone.now()
    ids = component_ids(r.purl for r in run.records if r.purl)
    counts: dict[str, dict[str, int]] = {}
    with transaction.atomic():
        for kind, model in MODELS.items():
            records: dict[str, Record] = {}
            for r in run.records:
                if r.kind == kind:
                    records.setdefault(r.fingerprint, r)
            existing = {row.fingerprint: row for row in model.objects.filter(repository=repo)}
            waivers = active_waivers(kind, repo)
            create, update = [], []
            for fp, r in records.items():
                cid = ids.get(r.purl) if r.purl else None
                values = _values(r, cid)
                status, decision = decide(kind, cid, r.rule, waivers, triage.row_for(r.triage),
                                          r.triage.state if r.triage is not None else None)
                row = existing.get(fp)
                if row is None:
                    create.append(model(repository=repo, fingerprint=fp, first_seen=now, last_seen=now,
                                        first_scan=scan, last_scan=scan, status=status, decision=decision,
                                        **values))
                    continue
                for k, v in values.items():
                    setattr(row, k, v)
                row.status, row.decision, row.fixed_at = status, decision, None
                row.last_seen, row.last_scan = now, scan
                update.append(row)
            fixed = 0
            for fp, row in existing.items():
                if fp in records or row.status == FindingStatus.FIXED or engine_of(kind, row) not in run.ran:
                    continue
                row.status, row.fixed_at = FindingStatus.FIXED, now
                update.append(row)
                fixed += 1
            model.objects.bulk_create(create, batch_size=BATCH)
            if update:
                fields = [*COMMON, *KIND_COLUMNS[kind], *BOOKKEEPING]
                model.objects.bulk_update(update, fields, batch_size=BATCH)
            counts[kind] = {"created": len(create), "updated": len(update) - fixed, "fixed": fixed}
    return counts


def refresh_status(repository: Any | None = None) -> int:
    """Re-apply decisions to present (not fixed) findings without running the engines — after a reviewer's
    decision or when waivers expire. Returns the number of rows whose status or decision changed."""
    changed = 0
    with transaction.atomic():
        for kind, model in MODELS.items():
            qs = model.objects.exclude(status=FindingStatus.FIXED).select_related("component")
            if repository is not None:
                qs = qs.filter(repository=repository)
            by_repo: dict[int, list[Any]] = {}
            for row in qs:
                by_repo.setdefault(row.repository_id, []).append(row)
            for repo_id, rows in by_repo.items():
                waivers = active_waivers(kind, repo_id)
                store = DbTriageStore(repo_id) if kind == FindingKind.VULNERABILITY else None
                decisions = store.decisions() if store is not None else []
                update = []
                for row in rows:
                    triage_row, state = None, None
                    if store is not None and row.component is not None:
                        ids = [row.advisory_id, *row.aliases, *(row.details.get("advisories") or [])]
                        d = vex.find_decision(decisions, row.component.purl, ids)
                        triage_row, state = store.row_for(d), (d.state if d is not None else None)
                    status, decision = decide(kind, row.component_id, rule_of(kind, row), waivers, triage_row,
                                              state)
                    vex_state = state or "in_triage"
                    if (status, getattr(decision, "pk", None)) != (row.status, row.decision_id) or (
                            kind == FindingKind.VULNERABILITY and row.vex_state != vex_state):
                        row.status, row.decision = status, decision
                        if kind == FindingKind.VULNERABILITY:
                            row.vex_state = vex_state
                        update.append(row)
                if update:
                    fields = ["status", "decision", *(["vex_state"] if kind == FindingKind.VULNERABILITY else [])]
                    model.objects.bulk_update(update, fields, batch_size=BATCH)
                    changed += len(update)
    return changed
