"""Which files a readiness check judges: what is committed (HEAD) by default, or the files on disk.

Why HEAD by default: publication publishes the repository, so a local ``node_modules`` or a key file ignored by
git must not count, and a file written by ``ospo publish prepare`` counts once it is reviewed and committed —
the hygiene engine judges the same way. ``worktree=True`` reads the disk instead (a directory without git is
always read from disk). Every consumer sees the same listing through its own skip rules (``Filtered``).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from ospo.engine.sources.skip import SkipRules

# The listing itself skips only version-control internals; consumers filter further.
BASE_SKIP = SkipRules(frozenset({".git", ".hg", ".svn"}))


class Filtered:
    """A tree seen through other skip rules (the dependency scan skips fixtures; the secrets scan does not)."""

    def __init__(self, tree: Any, skip: SkipRules) -> None:
        self._tree = tree
        self._paths = [p for p in tree.paths() if not skip.skips_path(p)]

    def paths(self) -> list[str]:
        return self._paths

    def read(self, path: str) -> bytes | None:
        return self._tree.read(path)


def open_tree(path: str | os.PathLike[str], worktree: bool) -> tuple[Any, Path | None, str | None, bool]:
    """(tree, git dir or None, commit or None, committed?) — close the tree when it has ``close``."""
    from ospo.engine.sources.directory import DirectoryTree
    from ospo.engine.sources.gitcmd import GitError
    from ospo.engine.sources.gitstore import GitTree, find_git_dir

    git_dir = find_git_dir(path)
    commit = None
    if git_dir is not None:
        try:
            head = GitTree(git_dir, "HEAD", BASE_SKIP)
        except GitError:
            return DirectoryTree(path, BASE_SKIP), git_dir, None, False  # no commits yet
        commit = head.commit
        if not worktree:
            return head, git_dir, commit, True
        head.close()
    return DirectoryTree(path, BASE_SKIP), git_dir, commit, False
