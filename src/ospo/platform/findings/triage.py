"""Decisions in the database: the engine's TriageStore over :class:`Decision`, and which decision covers a finding.

Why the engine's interface: the vulnerability engine already knows how a triage decision meets a finding (by
id or alias, versioned purl before unversioned, newest first — :func:`ospo.engine.vulns.vex.find_decision`);
backing its ``TriageStore`` with the database lets the same rules decide on the platform, and makes the VEX
exports (OpenVEX, CycloneDX) the engine's own writers. Waivers (any finding kind: scope + owner + expiry) are
platform decisions; :func:`waiver_for` picks the one that covers a finding.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC
from typing import Any

from django.db.models import Q
from django.utils import timezone

from ospo.engine.vulns import vex
from ospo.platform.findings.models import Decision, DecisionKind, FindingKind


def _timestamp(row: Decision) -> str | None:
    return row.decided_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if row.decided_at else None


class DbTriageStore:
    """``vex.TriageStore`` over Decision rows (kind triage, vulnerability findings).

    ``repository`` limits the decisions to those scoped to it or to no repository (estate-wide); ``user`` is
    the author recorded by :meth:`put` (VEX import). A decision row needs a component (the purl) and an advisory
    id (``scope_rule``); rows without them are not triage decisions the engine can apply and are skipped.
    """

    def __init__(self, repository: Any = None, user: Any = None) -> None:
        self.repository = repository
        self.user = user
        self.rows: dict[int, Decision] = {}  # id(vex.Decision) → row, to link findings to the row that decided

    def _queryset(self):  # type: ignore[no-untyped-def]
        qs = (Decision.objects.filter(kind=DecisionKind.TRIAGE, finding_kind=FindingKind.VULNERABILITY)
              .exclude(scope_rule="").exclude(vex_state="").filter(scope_component__isnull=False)
              .select_related("scope_component", "decided_by"))
        if self.repository is not None:
            qs = qs.filter(Q(scope_repository__isnull=True) | Q(scope_repository=self.repository))
        return qs.order_by("decided_at", "pk")

    def decisions(self) -> list[vex.Decision]:
        out = []
        self.rows.clear()
        for row in self._queryset():
            try:
                d = to_engine(row)
            except vex.TriageError:
                continue  # a row the engine cannot read (hand-edited in the admin) must not stop the others
            self.rows[id(d)] = row
            out.append(d)
        return out

    def row_for(self, decision: vex.Decision | None) -> Decision | None:
        return None if decision is None else self.rows.get(id(decision))

    def put(self, decision: vex.Decision) -> None:
        """Store an imported decision (replacing the same purl + vulnerability in the same repository scope)."""
        from ospo.platform.inventory.models import Component, purl_key

        comp = Component.objects.filter(purl_key=purl_key(decision.purl)).first()
        if comp is None:
            raise vex.TriageError(f"no component {decision.purl[:200]} in the inventory")
        self._queryset().filter(scope_component=comp, scope_rule=decision.vulnerability,
                                scope_repository=self.repository).delete()
        Decision.objects.create(
            kind=DecisionKind.TRIAGE, finding_kind=FindingKind.VULNERABILITY, scope_repository=self.repository,
            scope_component=comp, scope_rule=decision.vulnerability[:200], vex_state=decision.state,
            justification=decision.justification or "", rationale=decision.statement or "",
            owner=(decision.author or "")[:200], decided_by=self.user)


def to_engine(row: Decision) -> vex.Decision:
    """The engine's form of a triage row (raises vex.TriageError for a row it cannot use)."""
    return vex.Decision(
        vulnerability=row.scope_rule, purl=row.scope_component.purl if row.scope_component else "",
        state=row.vex_state, justification=row.justification or None, statement=row.rationale or None,
        author=row.owner or (row.decided_by.get_username() if row.decided_by_id else None),
        timestamp=_timestamp(row))


def active_waivers(finding_kind: str, repository: Any) -> list[Decision]:
    """Waivers of this finding kind that may apply to ``repository`` and have not expired."""
    now = timezone.now()
    return list(Decision.objects.filter(kind=DecisionKind.WAIVER, finding_kind=finding_kind)
                .filter(Q(scope_repository__isnull=True) | Q(scope_repository=repository))
                .filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now)).order_by("-decided_at", "-pk"))


def waiver_for(waivers: Iterable[Decision], component_id: int | None, rule: str) -> Decision | None:
    """The newest waiver whose scope covers (component, rule); a waiver with no scope at all covers nothing."""
    for w in waivers:
        if w.scope_repository_id is None and w.scope_component_id is None and not w.scope_rule:
            continue
        if w.scope_component_id is not None and w.scope_component_id != component_id:
            continue
        if w.scope_rule and w.scope_rule != rule:
            continue
        return w
    return None
