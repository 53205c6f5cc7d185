"""Readiness reports as JSON (what the platform stores) and as a terminal table (what a person reads)."""

from __future__ import annotations

import json
from typing import Any

from ospo.engine.publish.criteria import SOURCE, level_name
from ospo.engine.publish.evaluate import CriterionResult, ReadinessReport
from ospo.engine.publish.messages import CATALOG

JSON_VERSION = 1


def result_dict(r: CriterionResult, lang: str) -> dict[str, Any]:
    c = r.criterion
    a = r.attestation
    return {
        "number": c.number, "id": c.id, "group": c.group, "kind": c.kind, "title": c.title(lang),
        "required": c.required, "level": r.level, "level_name": level_name(r.level, lang),
        "automated_level": r.automated_level, "status": r.status, "blocking": r.blocking,
        "attestation": None if a is None else {"level": a.level, "who": a.who, "date": a.date,
                                               "evidence": a.evidence},
        "evidence": [e.as_dict() for e in r.evidence],
    }


def report_dict(report: ReadinessReport, strict: bool = False) -> dict[str, Any]:
    return {
        "format": "ospo-publish-readiness", "version": JSON_VERSION, "source_of_criteria": SOURCE,
        "name": report.name, "path": report.source, "revision": report.revision, "committed": report.committed,
        "lang": report.lang, "ready": report.passed(strict),
        "failing": [r.criterion.id for r in report.failing], "pending": [r.criterion.id for r in report.pending],
        "criteria": [result_dict(r, report.lang) for r in report.results],
        "problems": report.problems,
    }


def to_json(reports: list[ReadinessReport], strict: bool = False) -> str:
    docs = [report_dict(r, strict) for r in reports]
    return json.dumps(docs[0] if len(docs) == 1 else docs, indent=2, ensure_ascii=False) + "\n"


def to_table(report: ReadinessReport, strict: bool = False, evidence: int = 3) -> str:
    lang = report.lang
    t = CATALOG.get
    lines = [t("table.header", lang, name=report.name), t("table.columns", lang), ""]
    group = None
    for r in report.results:
        c = r.criterion
        if c.group != group:
            group = c.group
            lines.append(f"[{t('group.' + group, lang)}]")
        level = "-" if r.level is None else str(r.level)
        lines.append(f"{c.number:>2} {level:>3}/5  >= {c.required}  {t('status.' + r.status, lang):<18} "
                     f"{c.title(lang)}")
        for e in r.evidence[:evidence]:
            where = f"{e.path}{':' + str(e.line) if e.line else ''}: " if e.path else ""
            lines.append(f"{'':>8}- {where}{e.message}")
    lines.append("")
    for p in report.problems[:20]:
        lines.append(f"! {p}")
    failing = report.failing
    lines.append(t("summary.fail", lang, count=len(failing)) if failing else t("summary.pass", lang))
    if report.pending:
        lines.append(t("summary.pending", lang, count=len(report.pending)))
    lines.append(t("table.source", lang))
    return "\n".join(lines) + "\n"
