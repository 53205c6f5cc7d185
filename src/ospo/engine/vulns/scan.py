"""Components of a scan → vulnerability findings, with the database's freshness and the triage state of each.

Why the report carries so much besides findings: "no findings" is only meaningful next to *what was checked*
(pinned components of supported ecosystems), *what was not* (unpinned declarations, ecosystems without
advisory data — counted and listed, never silently dropped) and *against what* (the database's freshness; an
empty or stale database is a warning in every output format). Warnings are (catalog key, params) pairs so that
each renderer, and the platform, can say them in the reader's language.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ospo.engine.model import Component, Location, ScanResult
from ospo.engine.vulns.db import VulnDB
from ospo.engine.vulns.freshness import DEFAULT_MAX_AGE_DAYS, Freshness
from ospo.engine.vulns.match import AdvisoryIndex, Finding, NotAVersion
from ospo.engine.vulns.names import PURL_TO_OSV, normalize_name, purl_type_for
from ospo.engine.vulns.online import OnlineSource, PackageQuery, fetch_all
from ospo.engine.vulns.severity import RATINGS, Severity
from ospo.engine.vulns.vex import CLOSED_STATES, UNTRIAGED, Decision, find_decision

FAIL_LEVELS = ("low", "medium", "high", "critical")
_LEVEL_RANK = {"low": RATINGS.index("Low"), "medium": RATINGS.index("Medium"), "high": RATINGS.index("High"),
               "critical": RATINGS.index("Critical")}


@dataclass(frozen=True, slots=True)
class Warning_:
    """A message for the reader: a catalog key and its parameters (rendered by :mod:`report`)."""

    key: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class VulnFinding:
    """One vulnerability in one component of one input."""

    id: str
    aliases: list[str]
    purl: str
    purl_type: str
    name: str
    version: str
    severity: Severity
    fixed_in: list[str]
    recommended_fix: str | None
    summary: str
    advisory_ids: list[str]
    locations: list[Location]
    direct: bool | None
    scope: str
    state: str = UNTRIAGED
    decision: Decision | None = None

    @property
    def open(self) -> bool:
        """Still counts against ``--fail-on``: not decided away as not affected, false positive or fixed."""
        return self.state not in CLOSED_STATES

    def at_least(self, level: str) -> bool:
        """Severity at or above a ``--fail-on`` level. Unknown severity fails closed: it may be anything."""
        rating = self.severity.rating
        if rating == "Unknown":
            return True
        if rating == "None":
            return False
        return RATINGS.index(rating) >= _LEVEL_RANK[level]


@dataclass(slots=True)
class NotChecked:
    purl: str
    name: str
    version: str | None  # the constraint as written, for an unpinned declaration
    reason: str  # "unpinned" | "unsupported-ecosystem" | "not-a-version" (pinned, but a tag or constraint)
    locations: list[Location]


@dataclass(slots=True)
class VulnReport:
    name: str
    source: str
    revision: str | None
    freshness: Freshness
    findings: list[VulnFinding] = field(default_factory=list)
    not_checked: list[NotChecked] = field(default_factory=list)
    checked: int = 0
    warnings: list[Warning_] = field(default_factory=list)
    issues: int = 0  # file issues of the scan (parse errors): their components may be missing
    online_requests: int = 0
    online_cache_hits: int = 0

    def failing(self, level: str | None) -> list[VulnFinding]:
        if level is None:
            return []
        return [f for f in self.findings if f.open and f.at_least(level)]


def freshness_warnings(fresh: Freshness, max_age_days: float) -> list[Warning_]:
    if fresh.empty:
        return [Warning_("warn.db_empty")]
    if fresh.age_days is None:
        return [Warning_("warn.db_undated")]
    if fresh.stale:
        return [Warning_("warn.db_stale", {"age": f"{fresh.age_days:.0f}", "newest": fresh.newest_modified,
                                           "limit": f"{max_age_days:g}", "imported": fresh.last_import or "?"})]
    return []


def _key(c: Component) -> tuple[str, str] | None:
    return (c.ecosystem, c.name) if c.ecosystem in PURL_TO_OSV else None


def vuln_scan(scan: ScanResult, db: VulnDB, triage: Sequence[Decision] | None = None,
              online: Sequence[OnlineSource] = (), max_age_days: float = DEFAULT_MAX_AGE_DAYS) -> VulnReport:
    """Match every pinned component of ``scan`` against the database (and the online sources, when given)."""
    fresh = db.freshness(max_age_days)
    report = VulnReport(scan.name, scan.source, scan.revision, fresh, issues=len(scan.all_issues))
    report.warnings.extend(freshness_warnings(fresh, max_age_days))
    if report.issues:
        report.warnings.append(Warning_("warn.issues", {"count": report.issues}))

    pinned: list[Component] = []
    for c in scan.components:
        if _key(c) is None:
            report.not_checked.append(NotChecked(c.purl, c.name, c.version, "unsupported-ecosystem", c.locations))
        elif not c.pinned or not c.version:
            report.not_checked.append(NotChecked(c.purl, c.name, c.version, "unpinned", c.locations))
        else:
            pinned.append(c)
    report.checked = len(pinned)

    keys = {(c.ecosystem, c.name) for c in pinned}
    local = db.advisories_for_many(keys)
    extra: dict[tuple[str, str], list[dict[str, Any]]] = {}
    if online:
        got = fetch_all(online, [PackageQuery(c.ecosystem, c.name, c.version or "") for c in pinned])
        report.online_requests, report.online_cache_hits = got.requests, got.cache_hits
        for source, reason in got.failures:
            report.warnings.append(Warning_("warn.online_failed", {"source": source, "reason": reason}))
        for rec in got.advisories:
            for entry in rec.get("affected") or []:
                pkg = entry.get("package") if isinstance(entry, dict) else None
                if isinstance(pkg, dict):
                    ptype = purl_type_for(str(pkg.get("ecosystem", "")))
                    if ptype:
                        extra.setdefault((ptype, normalize_name(ptype, str(pkg.get("name", "")))), []).append(rec)

    decisions = list(triage or [])
    index = AdvisoryIndex(_by_id(local, extra))  # its per-package position cache makes 100,000 components cheap
    for c in pinned:
        try:
            found = index.match(c.ecosystem, c.name, c.version or "")
        except NotAVersion:
            report.not_checked.append(NotChecked(c.purl, c.name, c.version, "not-a-version", c.locations))
            report.checked -= 1
            continue
        for f in found:
            report.findings.append(_finding(f, c, decisions))
    report.findings.sort(key=lambda f: (-f.severity.rank()[0], -f.severity.rank()[1], f.name, f.version, f.id))
    return report


def _by_id(local: dict[Any, list[dict[str, Any]]], online: dict[Any, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """Every local and online record once; for the same id, the newer ``modified`` wins (online may be newer).

    Why once: an advisory naming several packages is returned for each of them, and an index holding it twice
    would report it twice."""
    best: dict[str, dict[str, Any]] = {}
    for records in (*local.values(), *online.values()):
        for rec in records:
            rid = str(rec.get("id"))
            if rid not in best or str(rec.get("modified", "")) > str(best[rid].get("modified", "")):
                best[rid] = rec
    return list(best.values())


def _finding(f: Finding, c: Component, decisions: list[Decision]) -> VulnFinding:
    out = VulnFinding(
        id=f.id, aliases=f.aliases, purl=c.purl, purl_type=c.ecosystem, name=c.name, version=c.version or "",
        severity=f.severity, fixed_in=f.fixed_in, recommended_fix=f.recommended_fix, summary=f.summary,
        advisory_ids=f.advisory_ids, locations=list(c.locations), direct=c.direct, scope=str(c.scope),
    )
    if decisions:
        d = find_decision(decisions, c.purl, [f.id, *f.aliases, *f.advisory_ids])
        if d is not None:
            out.state, out.decision = d.state, d
    return out
