"""Hygiene reports as a terminal table, plain JSON (what the platform stores) and SARIF 2.1.0.

SARIF carries only checks with something to fix (warn/fail): one rule per check, one result per evidence
item that names a file, or one result without a location when the evidence names none (a missing file is
found nowhere). Levels: fail → error, warn → warning.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from ospo.engine.hygiene.messages import CATALOG
from ospo.engine.hygiene.model import CheckResult, HygieneReport, Verdict

_LEVEL = {Verdict.FAIL: "error", Verdict.WARN: "warning"}


def report_dict(report: HygieneReport) -> dict[str, Any]:
    return {
        "name": report.name,
        "source": report.source,
        "revision": report.revision,
        "lang": report.lang,
        "history": report.history,
        "score": report.score,
        "checks": [_check_dict(c) for c in report.checks],
        "issues": report.issues,
    }


def _check_dict(c: CheckResult) -> dict[str, Any]:
    d = asdict(c)
    d["verdict"] = str(c.verdict)
    d["evidence"] = [{k: v for k, v in asdict(e).items() if v is not None} for e in c.evidence]
    return d


def to_table(report: HygieneReport) -> str:
    lang = report.lang
    msg = CATALOG.get
    rows = [(c.title, "-" if c.score is None else f"{c.score}/10", msg(f"verdict.{c.verdict}", lang), c.summary)
            for c in report.checks]
    head = (msg("render.check", lang), msg("render.score", lang), msg("render.verdict", lang),
            msg("render.summary", lang))
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(3)]
    where = report.source + (f" @ {report.revision[:12]}" if report.revision else "")
    hist = msg("render.history" if report.history else "render.no-history", lang)
    lines = [f"{report.name} ({where}; {hist})", ""]
    lines.append("  ".join(h.ljust(w) for h, w in zip(head[:3], widths, strict=True)) + "  " + head[3])
    for c, row in zip(report.checks, rows, strict=True):
        lines.append("  ".join(v.ljust(w) for v, w in zip(row[:3], widths, strict=True)) + "  " + row[3])
        if c.verdict in (Verdict.WARN, Verdict.FAIL):
            for e in c.evidence[:5]:
                lines.append(" " * (sum(widths) + 6) + f"  - {e}")
            if len(c.evidence) > 5:
                lines.append(" " * (sum(widths) + 6) + f"  … +{len(c.evidence) - 5}")
            lines.append(" " * (sum(widths) + 6) + f"  {msg('render.fix', lang)}: {c.remediation}")
    scored = [c for c in report.checks if c.score is not None]
    lines.append("")
    if report.score is None:
        lines.append(msg("render.no-score", lang))
    else:
        lines.append(msg("render.overall", lang, score=report.score, count=len(scored)))
    if report.issues:
        lines.append(f"{msg('render.issues', lang)}:")
        lines.extend(f"  - {i}" for i in report.issues[:20])
    return "\n".join(lines) + "\n"


def to_sarif(reports: list[HygieneReport]) -> dict[str, Any]:
    from ospo.engine.hygiene.registry import all_checks
    from ospo.engine.sarif import Result, Rule, build_log

    lang = reports[0].lang if reports else "en"
    rules = [Rule(f"OSPO-H-{c.id}", CATALOG.get(f"{c.id}.title", lang), CATALOG.get(f"{c.id}.remediation", lang))
             for c in all_checks()]
    runs: list[tuple[str | None, list[Result]]] = []
    for report in reports:
        results: list[Result] = []
        for c in report.checks:
            level = _LEVEL.get(c.verdict)
            if level is None:
                continue
            props = {"score": c.score, "verdict": str(c.verdict)}
            located = [e for e in c.evidence if e.path]
            if not located:
                results.append(Result(f"OSPO-H-{c.id}", f"{c.summary} {c.remediation}".strip(), level,
                                      properties=props))
            for e in located:
                text = f"{c.summary} {e.note}" + (f" ({e.commit[:12]})" if e.commit else "")
                results.append(Result(f"OSPO-H-{c.id}", text, level, e.path.rstrip("/") or None, e.line,
                                      properties=props))
        root = None
        if not report.source.startswith(("http://", "https://")):
            from pathlib import Path

            src = report.source.rsplit("@", 1)[0] if "@" in report.source else report.source
            root = Path(src).resolve().as_uri()
        runs.append((root, results))
    return build_log("ospo-hygiene", rules, runs)
