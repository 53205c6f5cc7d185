"""Vetting evidence of catalog entries, gathered from the engine results the platform stores.

Nothing is judged here: the license verdicts, vulnerability matches and hygiene scores are the engines' (issue 3,
4 and 5), stored as finding rows by the findings pipeline. This module only reads them back per entry:

* an entry with an estate repository (an agency's own solution, or a registered mirror of an upstream project)
  gets that repository's open findings and its hygiene figures;
* an entry known by package keys (software from outside, used in the estate) gets the findings about those
  components in every repository that uses them.

Hygiene stores a row only for a check that failed or warned. Whether a check *passed* is therefore known only
when the last findings run of the repository ran the hygiene engine without failure: then a missing
``maintained`` / ``bus-factor`` / ``contributors`` row means the check passed; otherwise the factor is unknown.
The check ids are the hygiene engine's (``ospo.engine.hygiene.checks.history``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db.models import Q
from django.utils import timezone

from ospo.catalog.duplication import package_key

MAINTAINED, BUS_FACTOR, CONTRIBUTORS = "maintained", "bus-factor", "contributors"
HISTORY_CHECKS = (MAINTAINED, BUS_FACTOR, CONTRIBUTORS)
# what a passing check guarantees (engine thresholds): maintained score >= 5 of 10; bus factor >= 3 people
PASSING_MAINTAINED_SCORE = 5.0
PASSING_BUS_FACTOR = 3
OPEN = ("open", "triaged")
MAX_LISTED = 10


@dataclass(slots=True)
class HistoryFacts:
    """What the hygiene engine said about one repository's history; None = not known."""

    evaluated: bool
    maintained_score: float | None = None  # 0-10: weeks with a commit out of the last 13
    maintained_passed: bool | None = None
    bus_factor: int | None = None  # people who made half of the last year's commits
    bus_factor_at_least: bool = False  # passed without a row: the engine guarantees >= 3
    contributors: int | None = None
    contributors_passed: bool | None = None
    figures: dict[str, dict[str, Any]] | None = None


def last_run(repository_id: int) -> Any:
    from ospo.platform.findings.models import FindingsRun

    return FindingsRun.objects.filter(repository_id=repository_id).order_by("-finished_at", "-scan_id").first()


def history_facts(repository_id: int) -> HistoryFacts:
    from ospo.platform.findings.models import HygieneFinding

    run = last_run(repository_id)
    evaluated = bool(run and "hygiene" in (run.engines or []) and "hygiene" not in (run.failures or {}))
    rows = {r.check_id: r for r in HygieneFinding.objects.filter(repository_id=repository_id,
                                                                 check_id__in=HISTORY_CHECKS, status__in=OPEN)}
    facts = HistoryFacts(evaluated=evaluated, figures={})
    for check, row in rows.items():
        figures = (row.details or {}).get("figures") or {}
        facts.figures[check] = {"score": row.score, "verdict": (row.details or {}).get("verdict"), **figures}
    if (m := rows.get(MAINTAINED)) is not None:
        facts.maintained_score, facts.maintained_passed = m.score, False
    elif evaluated:
        facts.maintained_passed = True
    if (b := rows.get(BUS_FACTOR)) is not None:
        k = ((b.details or {}).get("figures") or {}).get("bus_factor")
        facts.bus_factor = int(k) if isinstance(k, (int, float)) else None
    elif evaluated:
        facts.bus_factor, facts.bus_factor_at_least = PASSING_BUS_FACTOR, True
    if (c := rows.get(CONTRIBUTORS)) is not None:
        n = ((c.details or {}).get("figures") or {}).get("authors")
        facts.contributors, facts.contributors_passed = (int(n) if isinstance(n, (int, float)) else None), False
    elif evaluated:
        facts.contributors_passed = True
    return facts


def _summary(license_rows: list[tuple[str, str, str]], vuln_rows: list[tuple[str, str]]) -> dict[str, Any]:
    verdicts = Counter(v or "unknown" for v, _, _ in license_rows)
    severities = Counter(s for s, _ in vuln_rows)
    return {
        "license": {"open_findings": len(license_rows), "by_verdict": dict(sorted(verdicts.items())),
                    "expressions": sorted({e for _, e, _ in license_rows if e})[:MAX_LISTED]},
        "vulnerabilities": {"open": len(vuln_rows), "by_severity": dict(sorted(severities.items())),
                            "advisories": sorted({a for _, a in vuln_rows})[:MAX_LISTED]},
    }


def repository_evidence(repository_id: int) -> dict[str, Any]:
    from ospo.platform.findings.models import LicenseFinding, VulnerabilityFinding

    lic = list(LicenseFinding.objects.filter(repository_id=repository_id, status__in=OPEN)
               .values_list("verdict", "expression", "title"))
    vul = list(VulnerabilityFinding.objects.filter(repository_id=repository_id, status__in=OPEN)
               .values_list("severity", "advisory_id"))
    out = _summary(lic, vul)
    facts = history_facts(repository_id)
    run = last_run(repository_id)
    out["hygiene"] = {
        "evaluated": facts.evaluated,
        "maintained": {"passed": facts.maintained_passed, "score": facts.maintained_score},
        "bus_factor": {"passed": None if facts.bus_factor is None else facts.bus_factor >= PASSING_BUS_FACTOR,
                       "people": facts.bus_factor, "at_least": facts.bus_factor_at_least},
        "contributors": {"passed": facts.contributors_passed, "authors": facts.contributors},
        "figures": facts.figures,
    }
    out["scan"] = {"id": run.scan_id if run else None,
                   "finished_at": run.finished_at.isoformat() if run else None,
                   "engines": list(run.engines) if run else [], "failures": dict(run.failures) if run else {}}
    return out


def package_evidence(keys: set[str]) -> dict[str, Any]:
    """Findings about the components that are this entry's code, wherever the estate uses them."""
    from ospo.platform.findings.models import LicenseFinding, VulnerabilityFinding

    if not keys:
        return _summary([], [])
    names = {k.rsplit("/", 1)[-1] for k in keys}
    name_q = Q(component__name__in=names)
    lic = [(v, e, t) for purl, v, e, t in LicenseFinding.objects.filter(name_q, status__in=OPEN)
           .values_list("component__purl", "verdict", "expression", "title") if package_key(purl).lower() in keys]
    vul = [(s, a) for purl, s, a in VulnerabilityFinding.objects.filter(name_q, status__in=OPEN)
           .values_list("component__purl", "severity", "advisory_id") if package_key(purl).lower() in keys]
    out = _summary(lic, vul)
    out["hygiene"] = {"evaluated": False}
    return out


def evidence_for(entry: Any) -> dict[str, Any]:
    from ospo.platform.catalog.services import entry_keys

    if entry.repository_id:
        out = repository_evidence(entry.repository_id)
        out["source"] = "repository"
    else:
        out = package_evidence({k.lower() for k in entry_keys(entry)})
        out["source"] = "packages"
    out["declared_license"] = entry.license
    out["updated_at"] = timezone.now().isoformat()
    return out


def refresh(entries: list[Any]) -> int:
    """Write each entry's ``vetting["engine"]`` when it changed; other keys (hand-entered evidence, ``dpg``) are
    kept. Returns the number of entries written."""
    written = 0
    for e in entries:
        vetting = dict(e.vetting) if isinstance(e.vetting, dict) else {}
        evidence = evidence_for(e)
        before = dict(vetting.get("engine") or {})
        if {k: v for k, v in before.items() if k != "updated_at"} == {k: v for k, v in evidence.items()
                                                                      if k != "updated_at"}:
            continue  # same evidence: nothing written
        vetting["engine"] = evidence
        type(e).objects.filter(pk=e.pk).update(vetting=vetting)  # no updated_at: the search is not affected
        e.vetting = vetting
        written += 1
    return written
