"""What every check sees: one listing of the tree, capped reads, the inventory, and the git history.

Everything is computed lazily and once: a check that needs the inventory triggers one scan, the history
checks share one ``git log``. Reads go through the tree (a directory or a git object store), never the
file system directly, so a symlink can never lead a check out of the repository.
"""

from __future__ import annotations

import os
import posixpath
import time
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from ospo.engine.hygiene.messages import CATALOG
from ospo.engine.hygiene.model import CheckResult, Evidence, Verdict
from ospo.engine.sources.skip import SkipRules

if TYPE_CHECKING:
    from ospo.engine.ecosystems.base import Tree
    from ospo.engine.hygiene.history import History
    from ospo.engine.model import ScanResult

MAX_TEXT_BYTES = 1024 * 1024  # text files read by checks (README, workflows, sources searched for markers)
# The inventory skips what a dependency scan skips (installed dependencies, fixtures); hygiene lists more.
INVENTORY_SKIP = SkipRules()
# Test data legitimately holds binaries and generated files: reported, never scored.
TEST_DATA_DIRS = frozenset(
    {
        "fixtures",
        "__fixtures__",
        "test-fixtures",
        "test_fixtures",
        "testdata",
        "test-data",
        "test_data",
        "__snapshots__",
        "__mocks__",
    }
)


class _FilteredTree:
    """The hygiene tree seen through the inventory's skip rules, so the scan stays what ``ospo scan`` gives."""

    def __init__(self, tree: Tree, skip: SkipRules) -> None:
        self._tree = tree
        self._paths = [p for p in tree.paths() if not skip.skips_path(p)]

    def paths(self) -> list[str]:
        return self._paths

    def read(self, path: str) -> bytes | None:
        return self._tree.read(path)


@dataclass
class Options:
    lang: str = "en"
    max_commits: int = 5000  # history window read by the git log
    now: float | None = None  # reference time for activity windows (default: the clock); tests fix it
    max_sniff_files: int = 50_000  # files whose first bytes are inspected for binary content
    max_sniff_bytes: int = 512 * 1024 * 1024  # total bytes read from a git store for sniffing


@dataclass
class Context:
    tree: Tree
    name: str
    source: str
    git_dir: str | os.PathLike[str] | None = None
    commit: str | None = None
    options: Options = field(default_factory=Options)
    disk_root: str | None = None  # set for a directory: lets the binary sniffer read only file heads
    shallow: bool = False  # a clone whose history was fetched for a window only: older commits exist
    issues: list[str] = field(default_factory=list)
    cache: dict[str, object] = field(default_factory=dict)  # shared between checks (license identifications)

    # -- listing ------------------------------------------------------------------------------------
    @cached_property
    def paths(self) -> list[str]:
        return self.tree.paths()

    @cached_property
    def path_set(self) -> frozenset[str]:
        return frozenset(self.paths)

    @cached_property
    def lower_paths(self) -> dict[str, str]:
        """lower-cased path → path, for case-insensitive lookups of conventional names."""
        return {p.lower(): p for p in self.paths}

    def in_dir(self, directory: str) -> list[str]:
        """Files directly inside ``directory`` ('' for the root)."""
        return [p for p in self.paths if posixpath.dirname(p) == directory]

    @cached_property
    def dirs(self) -> frozenset[str]:
        out: set[str] = set()
        for p in self.paths:
            d = posixpath.dirname(p)
            while d and d not in out:
                out.add(d)
                d = posixpath.dirname(d)
        return frozenset(out)

    # -- reading ------------------------------------------------------------------------------------
    def read(self, path: str, limit: int = MAX_TEXT_BYTES) -> bytes | None:
        data = self.tree.read(path)
        if data is None:
            return None
        return data[:limit]

    def text(self, path: str, limit: int = MAX_TEXT_BYTES) -> str | None:
        """The file as text, or None when it is missing or binary (a NUL byte in its first 8 KB)."""
        data = self.read(path, limit)
        if data is None or b"\x00" in data[:8192]:
            return None
        return data.decode("utf-8", "replace")

    def head(self, path: str, n: int = 8192) -> bytes | None:
        """The first ``n`` bytes: on disk only those are read; a git blob is read whole (cat-file gives no less)."""
        if self.disk_root is not None:
            from pathlib import Path

            root = Path(self.disk_root)
            full = root / path
            try:
                if full.is_symlink():  # the tree knows whether the link stays inside
                    data = self.tree.read(path)
                    return None if data is None else data[:n]
                with full.open("rb") as fh:
                    return fh.read(n)
            except OSError:
                return None
        data = self.tree.read(path)
        return None if data is None else data[:n]

    # -- derived data -------------------------------------------------------------------------------
    @cached_property
    def inventory(self) -> ScanResult:
        from ospo.engine.scanner import scan_tree

        return scan_tree(
            _FilteredTree(self.tree, INVENTORY_SKIP), name=self.name, source=self.source, revision=self.commit
        )

    @cached_property
    def history(self) -> History | None:
        """The commit history, or None for a plain directory (history checks then say "not evaluated")."""
        if self.git_dir is None or self.commit is None:
            return None
        from ospo.engine.hygiene.history import read_history
        from ospo.engine.sources.gitcmd import GitError

        try:
            history = read_history(self.git_dir, self.commit, self.options.max_commits)
        except GitError as exc:
            self.issues.append(f"git history could not be read: {exc}")
            return None
        # The window was fetched, not the whole history: judged as a full window (older commits exist), never
        # as a repository born at the shallow boundary.
        history.truncated = history.truncated or self.shallow
        return history

    def wanted_files(self) -> list[str]:
        """The paths the checks read, for a partial clone to fetch in one request before they run (like the
        scanner's ``wanted_files``). The binary sniffer reads every file up to ``max_sniff_files`` — and a git
        blob cannot be read in part — so that is every listed path up to the cap, plus the files the
        inventory's extractors read; anything else a check reads is fetched lazily, one request per file."""
        from ospo.engine.scanner import wanted_files

        wanted = dict.fromkeys(self.paths[: self.options.max_sniff_files])
        wanted.update(dict.fromkeys(p for p, _ in wanted_files(_FilteredTree(self.tree, INVENTORY_SKIP))))
        return list(wanted)

    @property
    def now(self) -> float:
        return self.options.now if self.options.now is not None else time.time()

    # -- results ------------------------------------------------------------------------------------
    def msg(self, key: str, **params: object) -> str:
        return CATALOG.get(key, self.options.lang, **params)

    def result(
        self,
        check_id: str,
        score: int | float | None,
        verdict: Verdict,
        summary_key: str,
        evidence: list[Evidence] | None = None,
        details: dict[str, object] | None = None,
        **params: object,
    ) -> CheckResult:
        """Build a result with its texts in the chosen language; remediation only when there is work to do."""
        remediation = ""
        if verdict in (Verdict.WARN, Verdict.FAIL):
            remediation = self.msg(f"{check_id}.remediation")
        return CheckResult(
            id=check_id,
            title=self.msg(f"{check_id}.title"),
            score=None if score is None else max(0, min(10, round(score))),
            verdict=verdict,
            summary=self.msg(f"{check_id}.{summary_key}", **params),
            remediation=remediation,
            evidence=evidence or [],
            details=details or {},
        )


def verdict_for(score: float, pass_at: float = 8, warn_at: float = 4) -> Verdict:
    """The default mapping from a 0-10 score to a verdict (checks with a clearer rule set their own).
    Judged on the rounded score that is shown, so a reader never sees "8/10 warn" next to "8/10 pass"."""
    score = round(score)
    if score >= pass_at:
        return Verdict.PASS
    if score >= warn_at:
        return Verdict.WARN
    return Verdict.FAIL


def in_test_data(path: str) -> bool:
    return any(part in TEST_DATA_DIRS for part in path.split("/")[:-1])
