"""Contribute-back ranking: upstream projects ordered by estate dependence × risk, each row explained.

Dependence counts what the estate would lose: agencies and repositories using the project, directly and
transitively (a direct use weighs more: the agency chose it and can act on it). Risk combines what the
findings know — maintenance activity, bus factor, known vulnerabilities, license problems — each factor in
[0, 1] with its reason; unknown factors are shown as unknown and counted at a neutral 0.5 so that missing data
neither hides nor inflates a project. score = dependence × risk. The suggested action follows the factor that
contributes most, so every row says why it is there and what to do.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

UNKNOWN = 0.5
RISK_WEIGHTS = {"vulnerabilities": 0.35, "maintenance": 0.25, "bus_factor": 0.25, "license": 0.15}
DEPENDENCE_WEIGHTS = {"agencies": 3.0, "direct_repositories": 1.0, "transitive_repositories": 0.3}


@dataclass(slots=True)
class UsageFact:
    project: str  # package key (purl without version)
    repository: str
    agency: str
    direct: bool


@dataclass(slots=True)
class RiskFacts:
    """What findings/hygiene know about a project; None = unknown."""

    open_vulnerabilities: int | None = None
    max_severity: str | None = None  # critical/high/medium/low
    months_since_release: float | None = None
    maintenance_score: float | None = None  # hygiene "maintained": 0-10, weeks with a commit out of the last 13
    archived: bool = False
    bus_factor: int | None = None  # people who made 50 % of recent commits
    license_problem: str | None = None  # "" = no problem; text = the problem (denied, incompatible, unknown…)


@dataclass(slots=True)
class RankedProject:
    project: str
    score: float
    dependence: float
    risk: float
    agencies: int
    direct_repositories: int
    transitive_repositories: int
    factors: dict[str, float] = field(default_factory=dict)  # risk factor → value in [0, 1]
    unknown: list[str] = field(default_factory=list)
    action: str = ""  # message key in ospo.catalog.messages
    reasons: list[tuple[str, dict[str, object]]] = field(default_factory=list)  # (message key, params)


_SEVERITY = {"critical": 1.0, "high": 0.8, "medium": 0.5, "low": 0.25}


def risk_factors(r: RiskFacts) -> tuple[dict[str, float], list[str]]:
    f: dict[str, float] = {}
    unknown = []
    if r.open_vulnerabilities is None:
        unknown.append("vulnerabilities")
    else:
        f["vulnerabilities"] = 0.0 if r.open_vulnerabilities == 0 else max(
            _SEVERITY.get(r.max_severity or "", 0.5), min(1.0, 0.2 * r.open_vulnerabilities))
    if r.archived:
        f["maintenance"] = 1.0
    elif r.months_since_release is not None:
        f["maintenance"] = min(1.0, max(0.0, (r.months_since_release - 6) / 18))  # 6 months fine, 24 months = 1
    elif r.maintenance_score is not None:
        # the hygiene check passes from 5 (a commit every other week): 5 or more = no risk, 0 = full risk
        f["maintenance"] = min(1.0, max(0.0, (5 - r.maintenance_score) / 5))
    else:
        unknown.append("maintenance")
    if r.bus_factor is None:
        unknown.append("bus_factor")
    else:
        f["bus_factor"] = {0: 1.0, 1: 1.0, 2: 0.6, 3: 0.3}.get(r.bus_factor, 0.0)
    if r.license_problem is None:
        unknown.append("license")
    else:
        f["license"] = 1.0 if r.license_problem else 0.0
    return f, unknown


ACTIONS = {
    "vulnerabilities": "action.fix_vulnerabilities",
    "maintenance": "action.fund_maintenance",
    "bus_factor": "action.co_maintain",
    "license": "action.license_review",
}


def rank(usages: Iterable[UsageFact], risks: dict[str, RiskFacts] | None = None,
         limit: int | None = None) -> list[RankedProject]:
    risks = risks or {}
    agencies: dict[str, set[str]] = defaultdict(set)
    direct: dict[str, set[str]] = defaultdict(set)
    transitive: dict[str, set[str]] = defaultdict(set)
    for u in usages:
        agencies[u.project].add(u.agency)
        (direct if u.direct else transitive)[u.project].add(u.repository)
    out = []
    for project, ags in agencies.items():
        d, t = direct[project], transitive[project] - direct[project]
        w = DEPENDENCE_WEIGHTS
        dependence = math.log1p(w["agencies"] * len(ags) + w["direct_repositories"] * len(d)
                                + w["transitive_repositories"] * len(t))
        factors, unknown = risk_factors(risks.get(project, RiskFacts()))
        values = {k: factors.get(k, UNKNOWN) for k in RISK_WEIGHTS}
        risk = sum(RISK_WEIGHTS[k] * v for k, v in values.items())
        row = RankedProject(project, round(dependence * risk, 6), round(dependence, 6), round(risk, 6), len(ags),
                            len(d), len(t), factors, unknown)
        row.reasons.append(("reason.dependence", {"agencies": len(ags), "direct": len(d), "transitive": len(t)}))
        for k in RISK_WEIGHTS:
            if k in factors:
                row.reasons.append((f"reason.{k}", {"value": round(factors[k], 2)}))
        if unknown:
            row.reasons.append(("reason.unknown", {"factors": ", ".join(unknown)}))
        known = {k: v for k, v in factors.items() if v > 0}
        if known:
            top = max(known, key=lambda k: (RISK_WEIGHTS[k] * known[k], k))
            row.action = ACTIONS[top]
        else:
            row.action = "action.assess" if unknown else "action.sponsor"
        out.append(row)
    out.sort(key=lambda r: (-r.score, r.project))
    return out[:limit] if limit else out
