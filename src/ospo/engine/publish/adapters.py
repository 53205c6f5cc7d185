"""Thin calls into the engines other teams own (hygiene, secrets, vulnerabilities), each behind one function.

Why adapters: those engines are developed in parallel and may be missing from an installation. A missing
engine must make its criteria "not evaluated" — visible and failing closed — never crash the readiness report
nor silently pass. Each function returns ``Outcome``: the value, or the reason it could not be had.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HYGIENE_CHECKS = frozenset({"readme", "license-file", "security-policy", "contributing", "code-of-conduct",
                            "copyright", "lockfiles", "dependency-update-tool", "binaries", "build-output"})


@dataclass(slots=True)
class Outcome:
    value: Any = None
    missing: str | None = None  # engine name when it is not installed
    error: str | None = None  # the failure, when it raised

    @property
    def ok(self) -> bool:
        return self.missing is None and self.error is None


def _failed(exc: BaseException) -> Outcome:
    return Outcome(error=f"{type(exc).__name__}: {str(exc)[:200]}")


def hygiene_checks(path: str, lang: str, worktree: bool) -> Outcome:
    """id → hygiene CheckResult for the checks the readiness criteria use."""
    try:
        from ospo.engine.hygiene.context import Options
        from ospo.engine.hygiene.runner import hygiene
    except ImportError:
        return Outcome(missing="hygiene")
    try:
        report = hygiene(path, Options(lang=lang), worktree=worktree, only=set(HYGIENE_CHECKS))
    except Exception as exc:  # another team's engine: its failure costs its criteria only
        return _failed(exc)
    return Outcome({c.id: c for c in report.checks})


def secrets_scan(tree: Any, name: str, source: str, git_dir: Path | None, lang: str) -> Outcome:
    """(tree report, history report or None). History is scanned whenever there is a git directory."""
    try:
        from ospo.engine.secrets.allow import apply_allow, load_allow
        from ospo.engine.secrets.history import scan_history
        from ospo.engine.secrets.tree import SECRETS_SKIP, scan_files
    except ImportError:
        return Outcome(missing="secrets")
    try:
        from ospo.engine.publish.trees import Filtered

        files = scan_files(Filtered(tree, SECRETS_SKIP), name, source, True, lang)
        history = scan_history(git_dir, name, source, True, lang) if git_dir is not None else None
        allow_path = Path(source) / ".ospo-secrets.yml"
        if allow_path.is_file():
            rules, issues = load_allow(allow_path, lang)
            for report in (files, history):
                if report is not None:
                    apply_allow(report.findings, rules)
                    report.issues.extend(issues)
    except Exception as exc:
        return _failed(exc)
    return Outcome((files, history))


def vuln_scan(scan: Any, db_path: str | None) -> Outcome:
    """The vulnerability report, or ``Outcome(value=None)`` with the path when there is no database file.

    The database is never created here: a check must not leave an empty database behind that a later run
    would read as "scanned, nothing found".
    """
    try:
        from ospo.engine.vulns.db import VulnDB, default_db_path
        from ospo.engine.vulns.scan import vuln_scan as run
    except ImportError:
        return Outcome(missing="vulns")
    path = Path(db_path) if db_path else default_db_path()
    if not path.is_file():
        return Outcome(value=(None, os.fspath(path)))
    try:
        with VulnDB(path) as db:
            return Outcome(value=(run(scan, db), os.fspath(path)))
    except Exception as exc:
        return _failed(exc)
