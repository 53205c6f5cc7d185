"""Scan the files of a tree (a directory on disk, a git commit, an in-memory tree) for secrets."""

from __future__ import annotations

import logging
import time
from typing import Protocol

from ospo.engine.model import ParseIssue
from ospo.engine.secrets.messages import CATALOG
from ospo.engine.secrets.model import SecretsReport
from ospo.engine.secrets.textscan import Status, scan_bytes
from ospo.engine.sources.skip import SkipRules

log = logging.getLogger(__name__)

# Unlike the inventory, a secrets scan reads test fixtures and vendored code: a credential committed there is
# published all the same. Only directories that are installed, not written (dependencies, caches), are skipped.
SECRETS_SKIP = SkipRules(frozenset({
    ".git", ".hg", ".svn", "node_modules", "bower_components", "jspm_packages", ".yarn", ".pnpm-store", ".venv",
    "venv", "site-packages", "__pypackages__", ".tox", ".nox", ".eggs", ".gradle", ".m2", ".cargo", ".bundle",
    ".dart_tool", ".pub-cache", "__pycache__", ".mypy_cache", ".ruff_cache", ".pytest_cache",
}))  # fmt: skip


class Tree(Protocol):
    def paths(self) -> list[str]: ...

    def read(self, path: str) -> bytes | None: ...


def scan_files(tree: Tree, name: str, source: str, personal: bool = True, lang: str | None = None) -> SecretsReport:
    """Every file once; a file that cannot be read or breaks a detector is an issue, and the scan goes on."""
    started = time.perf_counter()
    report = SecretsReport(name=name, source=source)
    for path in tree.paths():
        data = tree.read(path)
        if data is None:
            report.issues.append(ParseIssue(path, CATALOG.get("unreadable", lang)))
            continue
        try:
            result = scan_bytes(path, data, personal)
        except Exception as exc:  # one file, not the scan; the message names the type only
            report.issues.append(ParseIssue(path, CATALOG.get("internal_error", lang, error=type(exc).__name__)))
            continue
        if result.status is Status.BINARY:
            report.skipped_binary += 1
        elif result.status is Status.TOO_LARGE:
            report.skipped_large += 1
        else:
            report.files_scanned += 1
            report.findings.extend(result.findings)
    report.duration_s = time.perf_counter() - started
    log.debug("secrets: %s: %d files, %d findings", name, report.files_scanned, len(report.findings))
    return report
