"""Render a secrets report as a table, JSON or SARIF. Findings hold no values, so no renderer can leak one."""

from __future__ import annotations

import json
from typing import Any

from ospo.engine.sarif import Result, Rule, build_log
from ospo.engine.secrets.detectors import KINDS
from ospo.engine.secrets.messages import CATALOG, family_of
from ospo.engine.secrets.model import PERSONAL, Finding, SecretsReport
from ospo.engine.secrets.personal import ID_KINDS

ALL_KINDS: tuple[str, ...] = (*KINDS, *ID_KINDS, "email-list")


def title(f: Finding, lang: str | None = None) -> str:
    det = KINDS.get(f.kind)
    return CATALOG.get("family." + family_of(f.kind, f.category, det.family if det else None), lang)


def message(f: Finding, lang: str | None = None) -> str:
    return CATALOG.get("finding", lang, title=title(f, lang), kind=f.kind, preview=f.preview)


def finding_dict(f: Finding) -> dict[str, Any]:
    out: dict[str, Any] = {
        "kind": f.kind, "category": f.category, "severity": f.severity, "path": f.path, "line": f.line,
        "fingerprint": f.fingerprint, "preview": f.preview,
    }
    if f.commit is not None:
        out["commit"] = f.commit
        out["introduced"] = [{"commit": i.commit, "path": i.path} for i in f.introduced]
    out["suppression"] = {"by": f.suppressed_by, "reason": f.suppressed} if f.suppressed is not None else None
    return out


def report_dict(r: SecretsReport) -> dict[str, Any]:
    return {
        "name": r.name, "source": r.source, "history": r.history,
        "summary": {"findings": len(r.active), "suppressed": len(r.suppressed), "files_scanned": r.files_scanned,
                    "skipped_binary": r.skipped_binary, "skipped_too_large": r.skipped_large, "commits": r.commits,
                    "duration_s": round(r.duration_s, 3)},
        "findings": [finding_dict(f) for f in r.findings],
        "issues": [{"path": i.path, "message": i.message, "severity": i.severity} for i in r.issues],
    }


def to_json(reports: list[SecretsReport]) -> str:
    doc: Any = report_dict(reports[0]) if len(reports) == 1 else [report_dict(r) for r in reports]
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def to_table(reports: list[SecretsReport], lang: str | None = None) -> str:
    lines: list[str] = []
    for r in reports:
        rows = [(f.severity, f.kind, f"{f.path}:{f.line}", (f.commit or "")[:12], f.preview, f.fingerprint)
                for f in r.active]
        if rows:
            header = tuple(CATALOG.get("table.header", lang).split("  "))
            widths = [max(len(str(x[i])) for x in [header, *rows]) for i in range(len(header))]
            for row in [header, *rows]:
                lines.append("  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
        for f in r.suppressed:
            lines.append(f"  {f.kind}  {f.path}:{f.line}  {f.fingerprint}  "
                         + CATALOG.get("table.suppressed", lang, by=f.suppressed_by, reason=f.suppressed))
        for issue in r.issues:
            lines.append(f"  {CATALOG.get('table.issue', lang)}: {issue.path}: {issue.message}")
        summary = CATALOG.get("table.summary", lang, name=r.name, active=len(r.active), suppressed=len(r.suppressed),
                              files=r.files_scanned, binary=r.skipped_binary, large=r.skipped_large)
        if r.history:
            summary += "; " + CATALOG.get("table.history", lang, commits=r.commits)
        lines.append(summary)
    return "\n".join(lines) + "\n"


def _rules(lang: str | None) -> list[Rule]:
    rules = []
    for kind in ALL_KINDS:
        det = KINDS.get(kind)
        category = PERSONAL if det is None else det.category
        fam = family_of(kind, category, det.family if det else None)
        help_key = "help.personal" if category == PERSONAL else "help.secret"
        rules.append(Rule(f"ospo-secrets/{kind}", CATALOG.get("family." + fam, lang), CATALOG.get(help_key, lang),
                          level="warning" if category == PERSONAL else "error"))
    return rules


def to_sarif_log(reports: list[SecretsReport], lang: str | None = None) -> dict[str, Any]:
    """SARIF 2.1.0 via the shared builder; suppressed findings carry ``suppressions`` (added here, as the
    shared builder has no field for them yet)."""
    runs: list[tuple[str | None, list[Result]]] = []
    per_run: list[list[Finding]] = []
    for r in reports:
        results = []
        for f in r.findings:
            props: dict[str, Any] = {"kind": f.kind, "category": f.category, "severity": f.severity,
                                     "preview": f.preview}
            if f.commit:
                props["commit"] = f.commit
            results.append(Result(f"ospo-secrets/{f.kind}", message(f, lang),
                                  "warning" if f.category == PERSONAL else "error", f.path, f.line,
                                  fingerprint=f.fingerprint, properties=props))
        root = None if r.history else _file_uri(r.source)
        runs.append((root, results))
        per_run.append(r.findings)
    log = build_log("ospo secrets", _rules(lang), runs)
    for run, findings in zip(log["runs"], per_run, strict=True):
        for res, f in zip(run["results"], findings, strict=True):
            if f.suppressed is not None:
                res["suppressions"] = [{"kind": "inSource" if f.suppressed_by == "inline" else "external",
                                        "justification": f.suppressed}]
    return log


def _file_uri(source: str) -> str | None:
    from pathlib import Path

    try:
        return Path(source).resolve().as_uri()
    except (OSError, ValueError):
        return None


def to_sarif(reports: list[SecretsReport], lang: str | None = None) -> str:
    return json.dumps(to_sarif_log(reports, lang), indent=2, ensure_ascii=False) + "\n"
