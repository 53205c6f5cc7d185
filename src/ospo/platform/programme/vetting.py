"""The adoption-vetting report: the engine run on the software a request names, summarised as plain JSON.

Inventory (``engine.api.scan_input``), licences against the policy in force (``licenses.check.check_scan``),
known vulnerabilities from the local database (``vulns.scan.vuln_scan``, skipped with a note when no database
is installed — air-gapped sites import one with ``ospo vulndb``) and the hygiene summary. Each part fails on its
own: an error in one is written into the report and the others still run. The report is stored on the request,
so reviewers see what the engine saw on the day, even after the upstream project changes.

Only http(s)/ssh git URLs or the locations of repositories already registered in the estate are accepted:
a request form must not let anyone make the server read arbitrary local paths.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path
from typing import Any

REPORT_SCHEMA = "ospo.vetting-report/1"
MAX_LISTED = 50  # findings listed by name in the stored report; counts cover all of them


class TargetRefused(ValueError):
    """The target is neither a remote git URL nor a registered repository's location."""


def check_target(target: str) -> str:
    from ospo.platform.estate.models import Repository

    target = target.strip()
    if target.startswith(("https://", "http://", "ssh://", "git@")):
        return target
    if target and Repository.objects.filter(location=target).exists():
        return target
    raise TargetRefused(target)


def _policy(lang: str) -> Any:
    from ospo.engine.licenses.policy import default_policy, parse_policy
    from ospo.platform.programme.models import ProgrammeSettings

    text = ProgrammeSettings.current().license_policy.strip()
    return parse_policy(text.encode("utf-8"), "programme settings") if text else default_policy()


def vetting_report(target: str, lang: str = "en") -> dict[str, Any]:
    """Run the engine on ``target`` (already checked) and return the JSON-ready report."""
    from ospo.engine.api import scan_input

    report: dict[str, Any] = {"schema": REPORT_SCHEMA, "target": target,
                              "generated_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), "errors": []}
    scan = None
    try:
        scan = scan_input(target)
        eco = Counter(c.ecosystem for c in scan.components)
        report["inventory"] = {"components": len(scan.components),
                               "direct": sum(1 for c in scan.components if c.direct),
                               "ecosystems": dict(sorted(eco.items())), "issues": len(scan.all_issues),
                               "revision": scan.revision}
    except Exception as exc:
        report["errors"].append({"part": "inventory", "error": f"{type(exc).__name__}: {exc}"[:500]})
    if scan is not None:
        _licences(report, scan, lang)
        _vulns(report, scan)
    _hygiene(report, target, lang)
    return report


def _licences(report: dict[str, Any], scan: Any, lang: str) -> None:
    from ospo.engine.licenses.check import check_scan

    try:
        res = check_scan(scan, _policy(lang), "distributed")
        decisions = Counter(f.decision.name.lower() for f in res.findings)
        report["licenses"] = {
            "outbound": res.repo.expression, "decision": res.repo.decision.name.lower(), "failed": res.failed,
            "decisions": dict(sorted(decisions.items())),
            "problems": [{"name": f.name, "version": f.version, "license": f.declared,
                          "decision": f.decision.name.lower()}
                         for f in res.findings if f.decision.fails][:MAX_LISTED]}
    except Exception as exc:
        report["errors"].append({"part": "licenses", "error": f"{type(exc).__name__}: {exc}"[:500]})


def _vulns(report: dict[str, Any], scan: Any) -> None:
    from ospo.engine.vulns.db import VulnDB, default_db_path
    from ospo.engine.vulns.scan import vuln_scan

    path = default_db_path()
    if not Path(path).is_file():
        report["vulnerabilities"] = {"available": False}
        return
    try:
        with VulnDB(path) as db:
            res = vuln_scan(scan, db)
        ratings = Counter(f.severity.rating.lower() for f in res.findings if f.open)
        report["vulnerabilities"] = {
            "available": True, "checked": res.checked, "not_checked": len(res.not_checked),
            "open": sum(ratings.values()), "by_severity": dict(sorted(ratings.items())),
            "findings": [{"id": f.id, "name": f.name, "version": f.version, "severity": f.severity.rating,
                          "fixed_in": f.fixed_in[:3]} for f in res.findings if f.open][:MAX_LISTED]}
    except Exception as exc:
        report["errors"].append({"part": "vulnerabilities", "error": f"{type(exc).__name__}: {exc}"[:500]})


def _hygiene(report: dict[str, Any], target: str, lang: str) -> None:
    from ospo.engine.hygiene.context import Options
    from ospo.engine.hygiene.runner import hygiene

    try:
        res = hygiene(target, Options(lang=lang))
        report["hygiene"] = {"score": res.score, "history": res.history, "issues": res.issues[:20],
                             "checks": [{"id": c.id, "title": c.title, "score": c.score, "verdict": str(c.verdict),
                                         "summary": c.summary} for c in res.checks]}
    except Exception as exc:
        report["errors"].append({"part": "hygiene", "error": f"{type(exc).__name__}: {exc}"[:500]})


def attach_vetting(request: Any, lang: str = "en") -> None:
    """Run and store the vetting report on an adoption-vetting request (called when the request is created)."""
    try:
        target = check_target(request.target)
    except TargetRefused:
        request.vetting_report, request.vetting_error = None, "refused-target"
        request.save(update_fields=["vetting_report", "vetting_error"])
        return
    request.vetting_report = vetting_report(target, lang)
    request.vetting_error = ""
    request.save(update_fields=["vetting_report", "vetting_error"])
