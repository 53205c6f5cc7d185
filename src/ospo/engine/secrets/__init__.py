"""Secrets and personal data in a tree or in a repository's whole history.

``scan_path(path, history=False, allow=None)`` is the entry point (a path, or a repository URL: ``remote.py``);
see docs/notes/secrets.md for the design.
Findings never hold the secret (model.py, fingerprint.py).
"""

from __future__ import annotations

import os
from pathlib import Path

from ospo.engine.model import ParseIssue
from ospo.engine.secrets.allow import ALLOW_FILE, AllowRule, apply_allow, load_allow
from ospo.engine.secrets.history import is_git_input, scan_history
from ospo.engine.secrets.messages import CATALOG
from ospo.engine.secrets.model import Finding, SecretsReport
from ospo.engine.secrets.tree import SECRETS_SKIP, scan_files

__all__ = ["Finding", "SecretsReport", "scan_path"]


def scan_path(path: str | os.PathLike[str], history: bool = False, allow: str | os.PathLike[str] | None = None,
              personal: bool = True, lang: str | None = None) -> SecretsReport:
    """Scan a directory's files (or, with ``history``, every blob of its git history) and apply allow-lists:
    ``.ospo-secrets.yml`` at the root of the input when present, and ``allow`` when given."""
    p = Path(path)
    if not p.exists():
        from ospo.engine.secrets.remote import is_url, scan_url

        if is_url(os.fspath(path)):
            return scan_url(os.fspath(path), history=history, allow=allow, personal=personal, lang=lang)
    name = p.resolve().name or str(p)
    if not p.exists():
        report = SecretsReport(name=name, source=str(p), history=history)
        report.issues.append(ParseIssue(str(p), CATALOG.get("not_found", lang)))
        return report
    if history:
        git_dir = is_git_input(p)
        if git_dir is None:
            report = SecretsReport(name=name, source=str(p), history=True)
            report.issues.append(ParseIssue(str(p), CATALOG.get("not_git", lang)))
            return report
        report = scan_history(git_dir, name, str(p), personal, lang)
    elif p.is_file():
        from ospo.engine.sources.memory import MemoryTree

        try:
            data = p.read_bytes()
        except OSError:
            report = SecretsReport(name=name, source=str(p))
            report.issues.append(ParseIssue(str(p), CATALOG.get("unreadable", lang)))
            return report
        report = scan_files(MemoryTree({p.name: data}), name, str(p), personal, lang)
    else:
        from ospo.engine.sources.directory import DirectoryTree

        report = scan_files(DirectoryTree(p, SECRETS_SKIP), name, str(p), personal, lang)
    rules: list[AllowRule] = []
    for candidate in ([p / ALLOW_FILE] if p.is_dir() and (p / ALLOW_FILE).is_file() else []) + (
            [Path(allow)] if allow else []):
        got, issues = load_allow(candidate, lang)
        rules.extend(got)
        report.issues.extend(issues)
    apply_allow(report.findings, rules)
    return report
