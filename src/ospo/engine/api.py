"""One entry point for every kind of input: :func:`scan_input`.

The kind is chosen from the input itself: a URL is cloned partially, a directory with a git object store
is read at a ref when one is asked for, a JSON/XML file that is an SBOM is read as one, and any other
directory is walked on disk.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ospo.engine.ecosystems.base import Tree
from ospo.engine.model import ParseIssue, ScanResult
from ospo.engine.scanner import scan_tree
from ospo.engine.sources.directory import DirectoryTree
from ospo.engine.sources.skip import SkipRules

_URL = re.compile(r"^(?:https?|ssh|git|file)://|^[\w.-]+@[\w.-]+:")


@dataclass(frozen=True)
class ScanOptions:
    skip: SkipRules = field(default_factory=SkipRules)
    ref: str | None = None  # git ref to read from the object store (default: the working tree on disk)


def input_name(spec: str) -> str:
    """A short, file-name-safe name for an input: the directory name, or the repository name of a URL."""
    s = spec.rstrip("/")
    if _URL.match(s):
        s = s.rsplit("/", 1)[-1].rsplit(":", 1)[-1]
        s = s.removesuffix(".git")
    else:
        s = Path(s).resolve().name or "root"
        for suffix in (".cdx.json", ".spdx.json", ".json", ".xml", ".git"):
            s = s.removesuffix(suffix)
    return re.sub(r"[^\w.@+-]", "_", s) or "input"


def _is_bare_repository(path: Path) -> bool:
    return (path / "HEAD").is_file() and (path / "objects").is_dir() and not (path / ".git").exists()


def scan_input(spec: str, options: ScanOptions | None = None) -> ScanResult:
    options = options or ScanOptions()
    name = input_name(spec)
    if _URL.match(spec):
        from ospo.engine.sources.remote import scan_remote

        return scan_remote(spec, name, options)
    path = Path(spec)
    if path.is_file():
        from ospo.engine.sources.sbom_input import scan_sbom_file

        return scan_sbom_file(path, name)
    if path.is_dir():
        if options.ref is not None or _is_bare_repository(path):
            # A bare repository has no files on disk: read its object store, at HEAD unless a ref is given.
            from ospo.engine.sources.gitstore import scan_git

            return scan_git(path, name, options)
        return scan_tree(DirectoryTree(path, options.skip), name=name, source=os.fspath(path))
    result = ScanResult(name=name, source=spec)
    result.issues.append(ParseIssue(spec, "input not found: neither a directory, a file nor a git URL"))
    return result


@dataclass
class OpenedInput:
    """The tree :func:`scan_input` would read, kept open so more than one pass (inventory, declared license,
    NOTICE) can read it without cloning or walking twice. ``tree`` is None for an SBOM file or an input that
    could not be opened (the reason is in ``issues``). Always :meth:`close` it (or use ``with``): a git tree
    holds a ``cat-file`` process and a remote one a temporary clone.
    """

    name: str
    source: str
    tree: Tree | None
    revision: str | None = None
    issues: list[ParseIssue] = field(default_factory=list)
    cleanup: Callable[[], None] | None = None
    prefetch: Callable[[list[str]], None] | None = None  # a partial clone's batched blob fetch; None when local
    # a shallow clone's history fetch (commits only, see sources.remote.deepen_history); None when local
    deepen: Callable[[int, int], bool] | None = None

    def fetch(self, paths: Iterable[str]) -> None:
        """Make these files' contents local in one request before reading many of them (a pass after the scan
        — SLOC, publiccode.yml — on a partial clone, whose other blobs would otherwise be fetched one request
        per file). A no-op for a directory or a local repository. Raises ``GitError`` when the fetch fails."""
        if self.prefetch is not None:
            self.prefetch(list(paths))

    @property
    def git_dir(self) -> Path | None:
        """The object store the tree is read from (a local repository or the temporary partial clone), so a
        pass that needs the history or its own skip rules (hygiene, secrets) opens the same commit again
        without cloning again; None for a directory or an SBOM."""
        return getattr(self.tree, "git_dir", None)

    def scan(self, spec: str, options: ScanOptions | None = None) -> ScanResult:
        """The inventory of this input: scanned from the open tree, or by :func:`scan_input` when there is none."""
        if self.tree is None:
            return scan_input(spec, options)
        result = scan_tree(self.tree, name=self.name, source=self.source, revision=self.revision)
        result.issues.extend(self.issues)
        result.issues.extend(getattr(self.tree, "issues", ()))
        return result

    def close(self) -> None:
        if self.cleanup is not None:
            cleanup, self.cleanup = self.cleanup, None
            cleanup()

    def __enter__(self) -> OpenedInput:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_tree(
    spec: str, options: ScanOptions | None = None, extra_paths: Callable[[str], bool] | None = None
) -> OpenedInput:
    """Open the tree of a directory, a local git repository at a ref, or a URL (partial clone) — never raises.

    For a URL the blobs the extractors want, and those ``extra_paths`` selects (license files, REUSE data),
    are fetched in one request, as :func:`scan_remote` does; any other blob is fetched lazily on read.
    """
    options = options or ScanOptions()
    name = input_name(spec)
    if _URL.match(spec):
        return _open_remote(spec, name, options, extra_paths)
    path = Path(spec)
    if path.is_dir():
        if options.ref is not None or _is_bare_repository(path):
            from ospo.engine.sources.gitcmd import GitError
            from ospo.engine.sources.gitstore import GitTree, find_git_dir

            ref = options.ref or "HEAD"
            source = f"{os.fspath(path)}@{ref}"
            git_dir = find_git_dir(path)
            if git_dir is None:
                return OpenedInput(
                    name,
                    source,
                    None,
                    issues=[ParseIssue(os.fspath(path), "not a git repository (no .git, and not a bare repository)")],
                )
            try:
                tree = GitTree(git_dir, ref, options.skip)
            except GitError as exc:
                return OpenedInput(name, source, None, issues=[ParseIssue(source, str(exc))])
            return OpenedInput(name, source, tree, tree.commit, cleanup=tree.close)
        return OpenedInput(name, os.fspath(path), DirectoryTree(path, options.skip))
    return OpenedInput(name, spec, None)  # an SBOM file (or nothing): scan_input says which


def _open_remote(url: str, name: str, options: ScanOptions, extra_paths: Callable[[str], bool] | None) -> OpenedInput:
    import shutil
    import tempfile

    from ospo.engine.scanner import wanted_files
    from ospo.engine.sources.gitcmd import GitError
    from ospo.engine.sources.gitstore import GitTree
    from ospo.engine.sources.remote import check_url, clone_partial, deepen_history, prefetch_blobs, public_url

    shown = public_url(url)
    source = f"{shown}@{options.ref}" if options.ref else shown
    refused = check_url(url)
    if refused:
        return OpenedInput(name, source, None, issues=[ParseIssue(source, refused)])
    tmp = Path(tempfile.mkdtemp(prefix="ospo-clone-"))
    tree: GitTree | None = None

    def cleanup() -> None:
        if tree is not None:
            tree.close()
        shutil.rmtree(tmp, ignore_errors=True)

    try:
        git_dir = tmp / "repo.git"
        rev = clone_partial(url, git_dir, options.ref)
        tree = GitTree(git_dir, rev, options.skip)
        wanted = {p for p, _ in wanted_files(tree)}
        if extra_paths is not None:
            wanted.update(p for p in tree.paths() if extra_paths(p))
        issues = []
        try:
            prefetch_blobs(git_dir, [oid for p in sorted(wanted) if (oid := tree.blob_id(p))], url)
        except GitError as exc:
            issues.append(ParseIssue(source, f"batched blob fetch failed, reading lazily: {exc}", "warning"))
        opened_tree = tree
        have = {oid for p in wanted if (oid := tree.blob_id(p))} if not issues else set()

        def fetch(paths: list[str]) -> None:
            # blobs already fetched (by the scan or an earlier pass) are not asked for again: two passes reading
            # the same files (hygiene, secrets) cost one transfer of each blob
            oids = {oid for p in paths if (oid := opened_tree.blob_id(p)) and oid not in have}
            prefetch_blobs(git_dir, sorted(oids), url)
            have.update(oids)

        def deepen(since: int, changesets: int) -> bool:
            return deepen_history(git_dir, url, options.ref or "HEAD", opened_tree.commit, since, changesets)

        return OpenedInput(name, source, tree, tree.commit, issues, cleanup, fetch, deepen)
    except GitError as exc:
        cleanup()
        return OpenedInput(name, source, None, issues=[ParseIssue(source, str(exc))])
    except BaseException:  # an unexpected error (a bug, a full disk): the caller gets no handle to close the clone
        cleanup()
        raise
