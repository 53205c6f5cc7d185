"""Scan the files of a tree (a directory on disk, a git commit, an in-memory tree) for secrets."""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable
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


MAX_COMMIT_FILES = 100_000  # files of one commit fetched and scanned; beyond it the report says how many were left


def scan_commit(
    git_dir: str | os.PathLike[str],
    ref: str,
    name: str,
    source: str,
    personal: bool = True,
    lang: str | None = None,
    fetch: Callable[[list[str]], None] | None = None,
) -> SecretsReport:
    """The committed files of ``ref`` in a git object store, with the committed allow-list applied.

    ``fetch`` is a partial clone's batched blob fetch (``api.OpenedInput.fetch``): every file the scan reads is
    fetched in ONE request first (a blob read lazily costs one request each). Capped at ``MAX_COMMIT_FILES``
    files; each read is capped at the parsers' ``MAX_FILE_BYTES`` and huge or binary files are skipped by
    :func:`scan_bytes` as for a directory. Raises ``GitError`` when the commit cannot be opened.
    """
    from ospo.engine.secrets.allow import ALLOW_FILE, apply_allow, parse_allow
    from ospo.engine.sources.gitcmd import GitError
    from ospo.engine.sources.gitstore import GitTree

    with GitTree(git_dir, ref, SECRETS_SKIP) as tree:
        paths = tree.paths()
        capped = _Capped(tree, paths[:MAX_COMMIT_FILES])
        issues: list[ParseIssue] = []
        if fetch is not None:
            try:
                fetch(capped.paths())
            except GitError as exc:  # the reads fall back to git's lazy, one-blob-per-fetch path
                issues.append(ParseIssue(source, CATALOG.get("fetch_failed", lang, reason=str(exc)), "warning"))
        report = scan_files(capped, name, source, personal, lang)
        if len(paths) > MAX_COMMIT_FILES:
            issues.append(
                ParseIssue(source, CATALOG.get("too_many_files", lang, count=len(paths) - MAX_COMMIT_FILES), "warning")
            )
        allow = tree.read(ALLOW_FILE) if ALLOW_FILE in set(paths) else None
        commit = tree.commit
        report.issues.extend(issues)
        report.issues.extend(tree.issues)
    if allow is not None:
        rules, allow_issues = parse_allow(allow, ALLOW_FILE)
        report.issues.extend(allow_issues)
        apply_allow(report.findings, rules)
    for f in report.findings:
        f.commit = f.commit or commit
    return report


class _Capped:
    def __init__(self, tree: Tree, paths: list[str]) -> None:
        self._tree, self._paths = tree, paths

    def paths(self) -> list[str]:
        return self._paths

    def read(self, path: str) -> bytes | None:
        return self._tree.read(path)
