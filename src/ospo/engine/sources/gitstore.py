"""A git repository at a ref as a :class:`~ospo.engine.ecosystems.base.Tree`, read from the object store.

No checkout, and ONE long-lived ``git cat-file --batch`` process for everything: the commit's tree objects
are read level by level (many trees per request) to list paths and blob ids, then only the blobs the
extractors ask for are read. Walking the trees ourselves beats ``git ls-tree -r`` because skipped
directories (a committed ``node_modules``) are pruned unread; figures in docs/recall-notes/sources-git.md.

Why the rules below:

* symlinks (mode 120000) are never followed: their target is a path string that may point outside the
  tree; submodules (160000) are other repositories at commits we do not have;
* directories skipped by :class:`SkipRules` are dropped from the listing, as a directory walk would;
* a blob over ``MAX_FILE_BYTES`` yields its first MAX+1 bytes, so the parser reports the size (as
  :class:`DirectoryTree` does) without the whole blob crossing the pipe: the batch process is then dropped
  and restarted rather than drained;
* blob sizes are not listed up front (``ls-tree --long`` would read every blob header and, in a partial
  clone, fetch every blob); ``cat-file --batch`` announces each blob's size before its content;
* every read from git has a deadline (``select``), so a stuck lazy fetch cannot hang a scan.
"""

from __future__ import annotations

import os
import re
import select
import subprocess
import time
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

_TREE = b"40000"
_BAD_NAMES = frozenset({b"", b".", b".."})
_ENTRY = {n: re.compile(rb"([0-7]{5,6}) ([^\0]*)\0(.{%d})" % n, re.DOTALL) for n in (20, 32)}
_CHUNK = 500  # tree requests per write: 500 x 65 bytes stays under a 64 KB pipe buffer (no deadlock)
READ_TIMEOUT_S = 60.0  # one request; a promisor repository may fetch a blob lazily


class _Reader:
    """Buffered reads from a pipe with a deadline (select), so a hung git cannot hang the scan."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.buf = bytearray()
        self.pos = 0

    def _fill(self, deadline: float) -> None:
        if self.pos > 1 << 20 and self.pos * 2 > len(self.buf):
            del self.buf[:self.pos]
            self.pos = 0
        remaining = deadline - time.monotonic()
        if remaining <= 0 or not select.select([self.fd], [], [], remaining)[0]:
            raise GitError("git cat-file timed out")
        chunk = os.read(self.fd, 1 << 20)
        if not chunk:
            raise GitError("git cat-file exited")
        self.buf += chunk

    def line(self, deadline: float) -> bytes:
        start = self.pos
        while (nl := self.buf.find(b"\n", start)) < 0:
            start = len(self.buf) - self.pos
            self._fill(deadline)
            start += self.pos
        out = bytes(self.buf[self.pos:nl])
        self.pos = nl + 1
        return out

    def exact(self, n: int, deadline: float) -> bytes:
        while len(self.buf) - self.pos < n:
            self._fill(deadline)
        out = bytes(self.buf[self.pos:self.pos + n])
        self.pos += n
        return out


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
                 read_timeout: float | None = None) -> None:
        self.git_dir = Path(git_dir)
        self.skip = skip or SkipRules()
        self.read_timeout = READ_TIMEOUT_S if read_timeout is None else read_timeout
        self.issues: list[ParseIssue] = []
        self.commit = self._resolve(ref)
        self._blobs: dict[str, bytes] | None = None  # path -> raw blob id (hexed only when read)
        self._paths: list[str] | None = None
        self._proc: subprocess.Popen[bytes] | None = None
        self._reader: _Reader | None = None

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
            return self._cat(oid.hex().encode("ascii"))
        except GitError as exc:
            self.issues.append(ParseIssue(path, f"blob could not be read: {exc}"))
            self._stop(kill=True)  # its output stream may be mid-blob: never reuse it
            return None

    # -- extras for the remote source ------------------------------------------------------------
    def blob_id(self, path: str) -> str | None:
        self.paths()
        assert self._blobs is not None
        oid = self._blobs.get(path)
        return oid.hex() if oid is not None else None

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
        """Walk the commit's tree objects level by level through the batch process, pruning skipped dirs.

        Measured against ``git ls-tree -r``: equal on a plain repository, 3x faster when a large
        directory (a committed node_modules) is skipped, because its trees are never read.
        """
        oid_len = len(self.commit) // 2  # 20 bytes (SHA-1) or 32 (SHA-256)
        if oid_len not in _ENTRY:
            raise GitError(f"unsupported object id {self.commit!r}")
        blobs: dict[str, bytes] = {}
        level: list[tuple[str, bytes]] = [("", f"{self.commit}^{{tree}}".encode("ascii"))]
        while level:
            deeper: list[tuple[str, bytes]] = []
            for i in range(0, len(level), _CHUNK):
                chunk = level[i:i + _CHUNK]
                for (prefix, _), data in zip(chunk, self._objects([oid for _, oid in chunk], b"tree"), strict=True):
                    self._entries(prefix, data, oid_len, blobs, deeper)
            level = deeper
        return blobs

    def _entries(self, prefix: str, data: bytes, oid_len: int, blobs: dict[str, bytes],
                 deeper: list[tuple[str, bytes]]) -> None:
        """Parse one tree object: ``<mode> SP <name> NUL <raw oid>`` repeated (the regex does it in C)."""
        pos = 0
        skip = self.skip
        for m in _ENTRY[oid_len].finditer(data):
            if m.start() != pos:
                raise GitError("corrupt tree object in the repository")
            pos = m.end()
            mode, raw_name, raw_oid = m.groups()
            if raw_name in _BAD_NAMES or b"/" in raw_name:
                continue  # git itself refuses to check these out
            name = raw_name.decode("utf-8", "surrogateescape")  # what os.fsdecode gives DirectoryTree
            if mode == _TREE:
                path = prefix + name
                if not skip.skips_dir(name, path):
                    deeper.append((path + "/", raw_oid.hex().encode("ascii")))
            elif mode.startswith(b"100"):  # 100644, 100755 (and legacy 100664); not 120000 links, 160000 submodules
                blobs[prefix + name] = raw_oid
        if pos != len(data):
            raise GitError("corrupt tree object in the repository")

    def _batch(self) -> tuple[subprocess.Popen[bytes], _Reader]:
        if self._proc is None or self._proc.poll() is not None:
            try:
                self._proc = subprocess.Popen(
                    git_argv(self.git_dir, "cat-file", "--batch"), stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=git_env(), bufsize=0)
            except FileNotFoundError:
                raise GitError("git is not installed (no 'git' on PATH)") from None
            except OSError as exc:
                raise GitError(f"git could not be run: {exc.strerror}") from None
            assert self._proc.stdout is not None
            self._reader = _Reader(self._proc.stdout.fileno())
        assert self._reader is not None
        return self._proc, self._reader

    def _objects(self, oids: list[bytes], kind: bytes, limit: int | None = None) -> list[bytes]:
        """Request several objects at once and read the answers in order. A hung git (a lazy fetch on a
        dead network) must not hang the scan: every read has a deadline."""
        proc, reader = self._batch()
        assert proc.stdin is not None
        deadline = time.monotonic() + self.read_timeout
        payload = memoryview(b"".join(oid + b"\n" for oid in oids))
        try:
            while payload:  # a raw pipe write may be partial
                payload = payload[os.write(proc.stdin.fileno(), payload):]
        except OSError:
            raise GitError("git cat-file exited") from None
        out: list[bytes] = []
        for oid in oids:
            parts = reader.line(deadline).split()
            if len(parts) == 2 and parts[1] == b"missing":
                raise GitError(f"object {oid.decode('ascii', 'replace')} is missing from the repository")
            if len(parts) != 3 or not parts[2].isdigit():
                raise GitError("unexpected git cat-file output")
            if parts[1] != kind:
                raise GitError(f"object is a {parts[1].decode('ascii', 'replace')}, not a {kind.decode()}")
            size = int(parts[2])
            if limit is not None and size > limit:
                out.append(reader.exact(limit + 1, deadline))
                self._stop(kill=True)  # cheaper to restart than to drain the rest of a huge blob
                return out
            out.append(reader.exact(size, deadline))
            if reader.exact(1, deadline) != b"\n":
                raise GitError("unexpected git cat-file output")
        return out

    def _cat(self, oid: bytes) -> bytes:
        return self._objects([oid], b"blob", MAX_FILE_BYTES)[0]

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
