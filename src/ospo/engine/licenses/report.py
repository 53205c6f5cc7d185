"""Renderings of ``ospo check`` reports: terminal table, JSON, SARIF 2.1.0 and JUnit XML.

Kept apart from :mod:`check` so that the platform can store the JSON form and render its own pages from
the same explanations. JUnit is written (never parsed) with the standard library's ElementTree: one test
case per component, a failure for denied or incompatible licenses, "skipped" for those needing review, so
that CI dashboards count them.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from ospo.engine import sarif
from ospo.engine.licenses.check import Finding, InputReport, explain, explain_repo, fingerprint
from ospo.engine.licenses.messages import CATALOG
from ospo.engine.licenses.policy import Decision


def _t(key: str, lang: str, **params: object) -> str:
    return CATALOG.get(key, lang, **params)


def _summary(r: InputReport, lang: str) -> str:
    return _t("report.summary", lang, allowed=r.count(Decision.ALLOWED), review=r.count(Decision.REVIEW),
              denied=r.count(Decision.DENIED), incompatible=r.count(Decision.INCOMPATIBLE))


def _rule(leaf) -> str:  # type: ignore[no-untyped-def]
    """The rule that decided a license: the compatibility rule when that made it incompatible."""
    bad = [c.rule for c in leaf.compat if c.verdict == "incompatible"]
    return f"compatibility:{bad[0]}" if bad else leaf.rule


def to_table(reports: list[InputReport], lang: str) -> str:
    out: list[str] = []
    cols = _t("report.columns", lang).split("|")
    for r in reports:
        out.append(_t("report.header", lang, name=r.name, count=len(r.findings),
                      context=_t(f"context.{r.context}", lang)))
        out.extend(f"  {line}" for line in explain_repo(r, lang))
        rows = [cols] + [[_t(f"decision.{f.decision.label}", lang), f"{f.name}@{f.version or '?'}",
                          f.normalized.expression or "-", f.via[0] if len(f.via) > 1 else "",
                          ", ".join(dict.fromkeys(_rule(leaf) for leaf in f.evaluation.leaves))]
                         for f in r.findings]
        widths = [min(40, max(len(row[i]) for row in rows)) for i in range(len(cols))]
        for row in rows:
            out.append("  " + "  ".join(cell[:40].ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
        for f in r.findings:
            if f.decision != Decision.ALLOWED or f.obligations or f.expired_waivers:
                out.append("")
                out.extend(f"  {line}" for line in explain(f, r, lang))
        out.append("")
        out.append("  " + _summary(r, lang))
        if r.issues:
            out.append("  " + _t("report.issues", lang, count=r.issues))
        out.append("")
    return "\n".join(out)


def finding_dict(f: Finding, r: InputReport, lang: str) -> dict[str, Any]:
    return {
        "name": f.name, "version": f.version, "purl": f.purl, "ecosystem": f.ecosystem, "scope": f.scope,
        "context": f.context or r.context,
        "direct": f.direct, "declared": f.declared, "expression": f.normalized.expression,
        "licenseRefs": [{"id": k, "text": v} for k, v in f.normalized.refs.items()],
        "decision": f.decision.label, "chosen": f.evaluation.chosen, "via": f.via,
        "location": {"path": f.path, "line": f.line} if f.path else None,
        "licenses": [{
            "license": leaf.license, "category": str(leaf.category), "categorySource": leaf.category_source,
            "decision": leaf.decision.label, "rule": leaf.rule,
            "compatibility": [{"outbound": c.outbound, "verdict": str(c.verdict), "rule": c.rule,
                               "source": c.source} for c in leaf.compat],
            "waiver": None if leaf.waiver is None else {
                "owner": leaf.waiver.owner, "justification": leaf.waiver.justification, "scope": leaf.waiver.scope,
                "expires": leaf.waiver.expires.isoformat() if leaf.waiver.expires else None},
            "expiredWaivers": [{"owner": w.owner, "expires": w.expires.isoformat()} for w in leaf.expired_waivers],
        } for leaf in f.evaluation.leaves],
        "explanation": explain(f, r, lang),
    }


def report_dict(r: InputReport, lang: str) -> dict[str, Any]:
    return {
        "name": r.name, "source": r.source, "context": r.context, "failed": r.failed, "fileIssues": r.issues,
        "repository": {"declared": [{"path": p, "license": t} for p, t in r.repo.declared],
                       "expression": r.repo.expression, "outbound": list(r.repo.outbound),
                       "outboundOrigin": r.repo.origin, "decision": r.repo.decision.label,
                       "explanation": explain_repo(r, lang, with_findings=False),
                       "findings": [{"key": d.key, "severity": d.severity, "path": d.path, "line": d.line,
                                     "message": d.message(lang),
                                     "evidence": [{"path": p, "line": n, "expression": e} for p, n, e in d.evidence]}
                                    for d in r.declared_findings]},
        "summary": {d.label: r.count(d) for d in Decision},
        "findings": [finding_dict(f, r, lang) for f in r.findings],
    }


def to_json(reports: list[InputReport], lang: str) -> str:
    docs = [report_dict(r, lang) for r in reports]
    return json.dumps(docs[0] if len(docs) == 1 else docs, indent=2, ensure_ascii=False) + "\n"


_RULE_IDS = {Decision.DENIED: "OSPO-LIC-DENIED", Decision.INCOMPATIBLE: "OSPO-LIC-INCOMPATIBLE",
             Decision.REVIEW: "OSPO-LIC-REVIEW"}
_LEVEL = {Decision.DENIED: "error", Decision.INCOMPATIBLE: "error", Decision.REVIEW: "warning"}


def sarif_rules(lang: str) -> list[sarif.Rule]:
    return [sarif.Rule("OSPO-LIC-DENIED", _t("rule.denied", lang), level="error"),
            sarif.Rule("OSPO-LIC-INCOMPATIBLE", _t("rule.incompatible", lang), level="error"),
            sarif.Rule("OSPO-LIC-REVIEW", _t("rule.review", lang), level="warning"),
            sarif.Rule("OSPO-LIC-OBLIGATION", _t("rule.obligation", lang), level="note"),
            sarif.Rule("OSPO-LIC-WAIVER-EXPIRED", _t("rule.waiver-expired", lang), level="warning"),
            sarif.Rule("OSPO-LIC-REPOSITORY", _t("rule.repository", lang), level="warning"),
            sarif.Rule("OSPO-LIC-DECLARED", _t("rule.declared", lang), level="warning")]


def _root_uri(source: str) -> str | None:
    p = Path(source)
    return p.resolve().as_uri() if p.is_dir() else None


def to_sarif(reports: list[InputReport], lang: str) -> str:
    runs = []
    for r in reports:
        results = []
        if r.repo.decision != Decision.ALLOWED:
            first = r.repo.declared[0][0] if r.repo.declared else None
            results.append(sarif.Result("OSPO-LIC-REPOSITORY", " ".join(explain_repo(r, lang, with_findings=False))
                                        or r.name, "warning", first))
        for d in r.declared_findings:
            results.append(sarif.Result("OSPO-LIC-DECLARED", d.message(lang),
                                        "warning" if d.severity == "warning" else "note", d.path or None, d.line,
                                        properties={"key": d.key}))
        for f in r.findings:
            props = {"purl": f.purl, "license": f.normalized.expression or "", "decision": f.decision.label}
            text = " ".join(explain(f, r, lang))
            if f.decision in _RULE_IDS:
                results.append(sarif.Result(_RULE_IDS[f.decision], text, _LEVEL[f.decision], f.path, f.line,
                                            fingerprint=fingerprint(r, f), properties=props))
            elif f.obligations:
                results.append(sarif.Result("OSPO-LIC-OBLIGATION", text, "note", f.path, f.line,
                                            fingerprint=fingerprint(r, f), properties=props))
            if f.expired_waivers:
                results.append(sarif.Result("OSPO-LIC-WAIVER-EXPIRED", text, "warning", f.path, f.line,
                                            properties=props))
        runs.append((_root_uri(r.source), results))
    return sarif.to_json(sarif.build_log("ospo check", sarif_rules(lang), runs))


def to_junit(reports: list[InputReport], lang: str) -> str:
    suites = ET.Element("testsuites", name="ospo check")
    total = failures = skipped = 0
    for r in reports:
        fails = sum(1 for f in r.findings if f.decision.fails)
        skips = r.count(Decision.REVIEW)
        suite = ET.SubElement(suites, "testsuite", name=r.name, tests=str(len(r.findings)), failures=str(fails),
                              errors="0", skipped=str(skips))
        total, failures, skipped = total + len(r.findings), failures + fails, skipped + skips
        for f in r.findings:
            case = ET.SubElement(suite, "testcase", classname=f"{r.name}.{f.ecosystem}",
                                 name=f"{f.name}@{f.version or '?'} ({f.normalized.expression or '-'})")
            text = "\n".join(explain(f, r, lang))
            if f.decision.fails:
                el = ET.SubElement(case, "failure", message=_t(f"decision.{f.decision.label}", lang),
                                   type=_RULE_IDS[f.decision])
                el.text = text
            elif f.decision == Decision.REVIEW:
                ET.SubElement(case, "skipped", message=text)
            elif f.obligations or f.expired_waivers:
                ET.SubElement(case, "system-out").text = text
    suites.set("tests", str(total))
    suites.set("failures", str(failures))
    suites.set("skipped", str(skipped))
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"


RENDERERS = {"table": to_table, "json": to_json, "sarif": to_sarif, "junit": to_junit}
