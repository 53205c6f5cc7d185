"""Renderings of ``ospo vulns`` reports: terminal table, JSON, SARIF 2.1.0 and CycloneDX 1.6 VEX.

Every format carries the database's freshness warnings — the table in its header (the command also writes them
to stderr), JSON in ``warnings`` and ``freshness``, SARIF as each input's run ``toolExecutionNotifications``
(per input: one input's parse problems are not another's), CycloneDX as ``metadata.properties`` — because a
clean report from an empty or stale database must never look like a clean bill of health. Triaged-away findings
stay in SARIF as ``suppressions`` (kind external, status accepted, the decision's statement as justification).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from ospo.engine import sarif
from ospo.engine.vulns.messages import CATALOG
from ospo.engine.vulns.scan import NotChecked, VulnFinding, VulnReport, Warning_
from ospo.engine.vulns.vex import cyclonedx_document, cyclonedx_vulnerability

_SARIF_LEVEL = {"Critical": "error", "High": "error", "Medium": "warning", "Low": "note", "None": "note",
                "Unknown": "warning"}
_CDX_METHOD = {"CVSS_V4": "CVSSv4", "CVSS_V3": "CVSSv31", "CVSS_V2": "CVSSv2"}
_CDX_SEVERITY = {"Critical": "critical", "High": "high", "Medium": "medium", "Low": "low", "None": "none",
                 "Unknown": "unknown"}
MAX_NAMES = 20


def _t(key: str, lang: str, **params: object) -> str:
    return CATALOG.get(key, lang, **params)


def warning_text(w: Warning_, lang: str) -> str:
    return _t(w.key, lang, **w.params)


def _fix(f: VulnFinding, lang: str) -> str:
    return _t("report.upgrade", lang, version=f.recommended_fix) if f.recommended_fix else _t("report.no_fix", lang)


def _loc(f: VulnFinding | NotChecked) -> str:
    return str(f.locations[0]) if f.locations else ""


def _counts(r: VulnReport) -> dict[str, int]:
    out = {"critical": 0, "high": 0, "medium": 0, "low": 0, "other": 0, "closed": 0}
    for f in r.findings:
        if not f.open:
            out["closed"] += 1
        elif f.severity.rating.lower() in out:
            out[f.severity.rating.lower()] += 1
        else:
            out["other"] += 1
    return out


def _names(items: list[NotChecked]) -> str:
    names = [f"{n.name}{'@' + n.version if n.version else ''}" for n in items[:MAX_NAMES]]
    return ", ".join(names) + (f", … (+{len(items) - MAX_NAMES})" if len(items) > MAX_NAMES else "")


# ------------------------------------------------------------------------------------------------ table


def to_table(reports: list[VulnReport], lang: str) -> str:
    out: list[str] = []
    prefix = _t("warn.prefix", lang)
    cols = _t("report.columns", lang).split("|")
    for r in reports:
        out.append(_t("report.header", lang, name=r.name, findings=len(r.findings), checked=r.checked))
        out.extend(f"  {prefix}: {warning_text(w, lang)}" for w in r.warnings)
        fr = r.freshness
        out.append("  " + _t("report.database", lang, advisories=fr.advisories, newest=fr.newest_modified or "-",
                                imported=fr.last_import or "-"))
        if r.findings:
            rows = [cols] + [[
                _t(f"rating.{f.severity.rating}", lang) + (f" {f.severity.score:g}" if f.severity.score else ""),
                f.name, f.version, f.id, f.recommended_fix or "-", _t(f"state.{f.state}", lang), _loc(f),
            ] for f in r.findings]
            widths = [min(48, max(len(row[i]) for row in rows)) for i in range(len(cols))]
            out.append("")
            for row in rows:
                out.append("  " + "  ".join(c[:48].ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
        else:
            out.append("  " + _t("report.none", lang))
        unpinned = [n for n in r.not_checked if n.reason == "unpinned"]
        not_version = [n for n in r.not_checked if n.reason == "not-a-version"]
        unsupported = [n for n in r.not_checked if n.reason not in ("unpinned", "not-a-version")]
        out.append("")
        if unpinned:
            out.append("  " + _t("report.unpinned", lang, count=len(unpinned), names=_names(unpinned)))
        if not_version:
            out.append("  " + _t("report.not_a_version", lang, count=len(not_version), names=_names(not_version)))
        if unsupported:
            out.append("  " + _t("report.unsupported", lang, count=len(unsupported), names=_names(unsupported)))
        out.append("  " + _t("report.summary", lang, **_counts(r)))
        out.append("")
    return "\n".join(out) + "\n"


# ------------------------------------------------------------------------------------------------ JSON


def finding_dict(f: VulnFinding) -> dict[str, Any]:
    d = f.decision
    return {
        "id": f.id, "aliases": f.aliases, "purl": f.purl, "name": f.name, "ecosystem": f.purl_type,
        "version": f.version,
        "severity": f.severity.rating, "score": f.severity.score, "vector": f.severity.vector,
        "severity_source": f.severity.source, "severity_label": f.severity.label,
        "fixed_in": f.fixed_in, "recommended_fix": f.recommended_fix,
        "state": f.state,
        "triage": None if d is None else d.as_dict(),
        "summary": f.summary, "advisories": f.advisory_ids,
        "locations": [{"path": loc.path, "line": loc.line} for loc in f.locations],
        "direct": f.direct, "scope": f.scope,
    }


def report_dict(r: VulnReport, lang: str) -> dict[str, Any]:
    return {
        "name": r.name, "source": r.source, "revision": r.revision,
        "freshness": r.freshness.as_dict(),
        "warnings": [{"code": w.key.removeprefix("warn."), "message": warning_text(w, lang), "params": w.params}
                     for w in r.warnings],
        "checked": r.checked,
        "not_checked": [{"purl": n.purl, "name": n.name, "version": n.version, "reason": n.reason,
                         "locations": [{"path": loc.path, "line": loc.line} for loc in n.locations]}
                        for n in r.not_checked],
        "summary": _counts(r),
        "findings": [finding_dict(f) for f in r.findings],
        "online": {"requests": r.online_requests, "cache_hits": r.online_cache_hits},
    }


def to_json(reports: list[VulnReport], lang: str) -> str:
    """Always a JSON array with one object per input, so that consumers need not special-case one input."""
    return json.dumps([report_dict(r, lang) for r in reports], indent=2, ensure_ascii=False) + "\n"


# ------------------------------------------------------------------------------------------------ SARIF


def _root(source: str) -> str | None:
    p = Path(source)
    return p.resolve().as_uri() if p.is_dir() else None


def _suppressions(f: VulnFinding, lang: str) -> list[dict[str, Any]]:
    """A finding triaged away (not affected, false positive, fixed) stays in the log as *suppressed*, the
    SARIF way, so that code-scanning dashboards close it and auditors still see it and why."""
    if f.open:
        return []
    d = f.decision
    why = (d.statement or d.justification) if d is not None else None
    out: dict[str, Any] = {"kind": "external", "status": "accepted",
                           "justification": why or _t(f"state.{f.state}", lang)}
    props = {"state": f.state}
    if d is not None:
        props.update({k: v for k, v in (("justification", d.justification), ("author", d.author),
                                        ("timestamp", d.timestamp)) if v})
    out["properties"] = props
    return [out]


def _sarif_notes(r: VulnReport, lang: str) -> list[str]:
    notes: list[str] = []
    for w in r.warnings:
        text = warning_text(w, lang)
        if text not in notes:
            notes.append(text)
    return notes


def to_sarif(reports: list[VulnReport], lang: str) -> str:
    """One run per input, each with its own notifications (database freshness, that input's parse problems)."""
    rules: dict[str, sarif.Rule] = {}
    per_input: list[tuple[str | None, list[sarif.Result], list[str]]] = []
    for r in reports:
        results = []
        for f in r.findings:
            if f.id not in rules:
                rules[f.id] = sarif.Rule(f.id, _t("sarif.rule", lang, id=f.id), f.summary or None,
                                         f"https://osv.dev/vulnerability/{f.id}", _SARIF_LEVEL[f.severity.rating])
            loc = f.locations[0] if f.locations else None
            msg = _t("sarif.message", lang, name=f.name, version=f.version, id=f.id,
                     severity=_t(f"rating.{f.severity.rating}", lang), summary=f.summary or "-", fix=_fix(f, lang))
            digest = hashlib.sha256(f"{f.id}|{f.purl}|{loc.path if loc else ''}".encode()).hexdigest()[:32]
            props: dict[str, Any] = {"purl": f.purl, "state": f.state, "aliases": f.aliases,
                                     "fixed_in": f.fixed_in, "severity": f.severity.rating}
            if f.severity.score is not None:
                props["security-severity"] = f"{f.severity.score:.1f}"  # what code-scanning dashboards sort by
            if f.recommended_fix:
                props["recommended_fix"] = f.recommended_fix
            results.append(sarif.Result(
                f.id, msg, _SARIF_LEVEL[f.severity.rating], loc.path if loc else None, loc.line if loc else None,
                None, digest, props, _suppressions(f, lang)))
        per_input.append((_root(r.source), results, _sarif_notes(r, lang)))
    rule_list = list(rules.values())
    runs = []
    for root, results, notes in per_input:  # same rule list in every call, so ruleIndex agrees across runs
        runs.extend(sarif.build_log("ospo vulns", rule_list, [(root, results)], notes or None)["runs"])
    log = sarif.build_log("ospo vulns", rule_list, [])
    log["runs"] = runs
    return sarif.to_json(log)


# ------------------------------------------------------------------------------------------------ CycloneDX VEX


def _ratings(f: VulnFinding) -> list[dict[str, Any]]:
    s = f.severity
    rating: dict[str, Any] = {"severity": _CDX_SEVERITY[s.rating]}
    if s.score is not None:
        rating["score"] = s.score
    if s.source in _CDX_METHOD:
        rating["method"] = _CDX_METHOD[s.source]
        if s.vector:
            rating["vector"] = s.vector
    elif s.label:
        rating["method"] = "other"
    return [rating]


def to_cyclonedx_vex(reports: list[VulnReport], lang: str) -> str:
    """One CycloneDX 1.6 document for all inputs: components that have findings, one vulnerability per
    (id, component); the triage decision, when there is one, as ``analysis``."""
    vulns: dict[str, dict[str, Any]] = {}
    purls: set[str] = set()
    notes: list[str] = []
    for r in reports:
        for w in r.warnings:
            if w.key.startswith("warn.db_") and warning_text(w, lang) not in notes:
                notes.append(warning_text(w, lang))
        for f in r.findings:
            extra: dict[str, Any] = {"ratings": _ratings(f)}
            if f.summary:
                extra["description"] = f.summary
            if f.recommended_fix:
                extra["recommendation"] = _fix(f, lang)
            v = cyclonedx_vulnerability(f.id, f.aliases, f.purl, f.decision, extra)
            vulns.setdefault(v["bom-ref"], v)
            purls.add(f.purl)
    doc = cyclonedx_document(purls, list(vulns.values()))
    if notes:
        doc["metadata"]["properties"] = [{"name": "ospo:vulndb:warning", "value": n} for n in notes]
    if reports:
        doc["metadata"].setdefault("properties", []).append(
            {"name": "ospo:vulndb:freshness", "value": json.dumps(reports[0].freshness.as_dict())})
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


RENDERERS = {"table": to_table, "json": to_json, "sarif": to_sarif, "cyclonedx-vex": to_cyclonedx_vex}
