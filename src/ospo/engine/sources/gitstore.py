"""A git repository at a ref as a :class:`~ospo.engine.ecosystems.base.Tree`, read from the object store.

No checkout: the commit's tree is listed once (``git ls-tree -r -z --full-tree``: one process, paths and
blob ids, measured faster than walking tree objects ourselves, see docs/recall-notes/sources-git.md), and
only the blobs the extractors ask for are read, through ONE long-lived ``git cat-file --batch`` process.

Why the rules below:

* symlinks (mode 120000) are never followed: their target is a path string that may point outside the
  tree; submodules (160000) are other repositories at commits we do not have;
* directories skipped by :class:`SkipRules` are dropped from the listing, as a directory walk would;
* a blob over ``MAX_FILE_BYTES`` yields its first MAX+1 bytes, so the parser reports the size (as
  :class:`DirectoryTree` does) without the whole blob crossing the pipe: the batch process is then dropped
  and restarted rather than drained;
* sizes are not listed (``--long``): it would read every blob header of the tree and, in a partial clone,
  fetch every blob. ``cat-file --batch`` gives the size of each blob it returns anyway.
"""

from __future__ import annotations

import os
import subprocess
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from ospo.engine.model import ParseIssue, ScanResult
from ospo.engine.safeparse import MAX_FILE_BYTES
from ospo.engine.scanner import scan_tree
from ospo.engine.sources.gitcmd import GIT_TIMEOUT_S, GitError, git_argv, git_env, run_git
from ospo.engine.sources.skip import SkipRules

if TYPE_CHECKING:
    from ospo.engine.api import ScanOptions
    from ospo.engine.ecosystems.base import Extractor

_SYMLINK = b"120000"
READ_TIMEOUT_S = 60.0  # one blob; a promisor repository may fetch it lazily


def find_git_dir(path: str | os.PathLike[str]) -> Path | None:
    """The git directory of a working tree (``.git`` dir or gitfile) or of a bare repository, else None.

    Found by looking, never by letting git discover upwards: a plain directory inside someone's checkout
    must not be scanned as that checkout.
    """
    p = Path(path)
    dot_git = p / ".git"
    if dot_git.is_dir() or dot_git.is_file():
        return dot_git
    if is_bare_repository(p):
        return p
    return None


def is_bare_repository(path: str | os.PathLike[str]) -> bool:
    p = Path(path)
    return (p / "HEAD").is_file() and (p / "objects").is_dir() and not (p / ".git").exists()


class GitTree:
    """The files of one commit. Use as a context manager so the batch process is always closed."""

    def __init__(self, git_dir: str | os.PathLike[str], ref: str = "HEAD", skip: SkipRules | None = None,
                 read_timeout: float = READ_TIMEOUT_S) -> None:
        self.git_dir = Path(git_dir)
        self.skip = skip or SkipRules()
        self.read_timeout = read_timeout
        self.issues: list[ParseIssue] = []
        self.commit = self._resolve(ref)
        self._blobs: dict[str, bytes] | None = None  # path -> blob id (hex, ascii)
        self._paths: list[str] | None = None
        self._proc: subprocess.Popen[bytes] | None = None

    # -- Tree protocol ---------------------------------------------------------------------------
    def paths(self) -> list[str]:
        if self._paths is None:
            self._blobs = self._list()
            self._paths = sorted(self._blobs)
        return self._paths

    def read(self, path: str) -> bytes | None:
        self.paths()
        assert self._blobs is not None
        oid = self._blobs.get(path)
        if oid is None:
            return None
        try:
            return self._cat(oid)
        except GitError as exc:
            self.issues.append(ParseIssue(path, f"blob could not be read: {exc}"))
            self._stop(kill=True)  # its output stream may be mid-blob: never reuse it
            return None

    # -- extras for the remote source ------------------------------------------------------------
    def blob_id(self, path: str) -> str | None:
        self.paths()
        assert self._blobs is not None
        oid = self._blobs.get(path)
        return oid.decode("ascii") if oid is not None else None

    @property
    def label(self) -> str:
        return f"{self.git_dir}@{self.commit}"

    # -- lifecycle -------------------------------------------------------------------------------
    def close(self) -> None:
        self._stop()

    def __enter__(self) -> GitTree:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- internals -------------------------------------------------------------------------------
    def _resolve(self, ref: str) -> str:
        if not ref or ref.startswith("-") or any(c in ref for c in "\0\n\r"):
            raise GitError(f"invalid ref {ref!r}")
        try:
            out = run_git(self.git_dir, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}")
        except GitError as exc:
            if "failed: no message" in str(exc):
                raise GitError(f"unknown ref {ref!r} (no such branch, tag or commit)") from None
            raise
        commit = out.decode("ascii", "replace").strip()
        if not commit:
            raise GitError(f"unknown ref {ref!r}")
        return commit

    def _list(self) -> dict[str, bytes]:
        out = run_git(self.git_dir, "ls-tree", "-r", "-z", "--full-tree", self.commit)
        blobs: dict[str, bytes] = {}
        skipped_dirs: dict[str, bool] = {"": False}
        for record in out.split(b"\0"):
            if not record:
                continue
            meta, sep, raw_path = record.partition(b"\t")
            fields = meta.split(b" ")
            if not sep or len(fields) != 3 or fields[1] != b"blob" or fields[0] == _SYMLINK:
                continue  # submodules ("commit"), symlinks, anything unexpected
            path = os.fsdecode(raw_path)
            parent = path.rpartition("/")[0]
            if self._dir_skipped(parent, skipped_dirs):
                continue
            blobs[path] = fields[2]
        return blobs

    def _dir_skipped(self, directory: str, memo: dict[str, bool]) -> bool:
        """SkipRules.skips_path, memoised per directory: the listing repeats each parent many times."""
        known = memo.get(directory)
        if known is not None:
            return known
        parent, _, name = directory.rpartition("/")
        skipped = self._dir_skipped(parent, memo) or self.skip.skips_dir(name, directory)
        memo[directory] = skipped
        return skipped

    def _batch(self) -> subprocess.Popen[bytes]:
        if self._proc is None or self._proc.poll() is not None:
            try:
                self._proc = subprocess.Popen(
                    git_argv(self.git_dir, "cat-file", "--batch"), stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=git_env())
            except FileNotFoundError:
                raise GitError("git is not installed (no 'git' on PATH)") from None
            except OSError as exc:
                raise GitError(f"git could not be run: {exc.strerror}") from None
        return self._proc

    def _cat(self, oid: bytes) -> bytes | None:
        proc = self._batch()
        assert proc.stdin is not None and proc.stdout is not None
        # A hung git (a lazy fetch on a dead network) must not hang the scan: kill it after the time-out.
        watchdog = threading.Timer(self.read_timeout, proc.kill)
        watchdog.start()
        try:
            try:
                proc.stdin.write(oid + b"\n")
                proc.stdin.flush()
            except OSError:
                raise GitError("git cat-file exited") from None
            header = proc.stdout.readline()
            parts = header.split()
            if len(parts) == 2 and parts[1] == b"missing":
                raise GitError(f"object {oid.decode('ascii', 'replace')} is missing from the repository")
            if len(parts) != 3 or not parts[2].isdigit():
                raise GitError("git cat-file exited or timed out" if not header else "unexpected cat-file output")
            if parts[1] != b"blob":
                raise GitError(f"object is a {parts[1].decode('ascii', 'replace')}, not a blob")
            size = int(parts[2])
            if size > MAX_FILE_BYTES:
                data = proc.stdout.read(MAX_FILE_BYTES + 1)
                self._stop(kill=True)  # cheaper to restart than to drain the rest of a huge blob
                return data
            data = proc.stdout.read(size)
            if len(data) != size or proc.stdout.read(1) != b"\n":
                raise GitError("git cat-file exited or timed out mid-blob")
            return data
        finally:
            watchdog.cancel()

    def _stop(self, kill: bool = False) -> None:
        proc, self._proc = self._proc, None
        if proc is None:
            return
        if kill:
            proc.kill()
        try:
            if proc.stdin is not None:
                proc.stdin.close()
        except OSError:
            pass
        try:
            proc.wait(timeout=2)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=GIT_TIMEOUT_S)
        finally:
            if proc.stdout is not None:
                proc.stdout.close()


def scan_git(path: str | os.PathLike[str], name: str, options: ScanOptions,
             extractors: tuple[Extractor, ...] | None = None) -> ScanResult:
    """Scan a local repository (working tree or bare) at ``options.ref`` (default HEAD) without a checkout.

    Never raises: a missing git, a directory that is not a repository or an unknown ref is an issue.
    """
    ref = options.ref or "HEAD"
    source = f"{os.fspath(path)}@{ref}"
    git_dir = find_git_dir(path)
    if git_dir is None:
        result = ScanResult(name=name, source=source)
        result.issues.append(ParseIssue(os.fspath(path), "not a git repository (no .git, and not a bare repository)"))
        return result
    return scan_git_dir(git_dir, name, source, ref, options.skip, extractors)


def scan_git_dir(git_dir: str | os.PathLike[str], name: str, source: str, ref: str, skip: SkipRules,
                 extractors: tuple[Extractor, ...] | None = None) -> ScanResult:
    try:
        with GitTree(git_dir, ref, skip) as tree:
            result = scan_tree(tree, name=name, source=source, revision=tree.commit, extractors=extractors)
            result.issues.extend(tree.issues)
            return result
    except GitError as exc:
        result = ScanResult(name=name, source=source)
        result.issues.append(ParseIssue(source, str(exc)))
        return result
