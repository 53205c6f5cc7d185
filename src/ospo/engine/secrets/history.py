"""Whole-history scan: every blob ever committed (on any ref), each read and scanned ONCE.

Two git commands do the listing and reading:

1. ``git log --all --raw -z --no-renames --diff-merges=first-parent`` — every commit with the blobs it introduced
   (the new side of each change) and their paths. Diffing each commit against its first parent (and root commits
   against nothing) is complete: any blob of any commit's tree first appears at its path in some commit of that
   commit's first-parent chain, whose diff shows it. This one pass gives both the set of blobs and the
   blob → (commit, path) map, so ``rev-list --objects`` is not needed.
2. ``git cat-file --batch-check`` for sizes, then ``git cat-file --batch`` for the blobs under the cap, streamed
   (a writer thread feeds object ids while the reader consumes contents, so the pipes never deadlock).

Symlinks (120000) and submodules (160000) are not blobs of text we own; blobs over the cap and binary blobs are
skipped and counted. All git calls go through :mod:`ospo.engine.sources.gitcmd` (no hooks, no config programs).
"""

from __future__ import annotations

import logging
import os
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from ospo.engine.model import ParseIssue
from ospo.engine.secrets.messages import CATALOG
from ospo.engine.secrets.model import Introduction, SecretsReport
from ospo.engine.secrets.textscan import MAX_SCAN_BYTES, Status, scan_bytes
from ospo.engine.sources.gitcmd import GIT_TIMEOUT_S, GitError, git_argv, git_env, run_git

log = logging.getLogger(__name__)

HISTORY_TIMEOUT_S = 3600.0  # the whole history of a large repository
MAX_INTRODUCTIONS = 50  # per blob, in the report
_NULL_OIDS = frozenset({"0" * 40, "0" * 64})
_BLOB_MODES = frozenset({"100644", "100755", "100664"})


@dataclass(slots=True)
class _Blob:
    intro: list[tuple[int, str, str]] = field(default_factory=list)  # (commit time, commit, path)


def list_history(git_dir: str | os.PathLike[str]) -> tuple[int, dict[str, _Blob]]:
    """(number of commits, blob id → introductions), from one ``git log`` pass."""
    out = run_git(git_dir, "log", "--all", "--raw", "-z", "--no-abbrev", "--no-renames", "--diff-merges=first-parent",
                  "--no-color", "--format=%x01%H %ct", timeout=HISTORY_TIMEOUT_S)
    blobs: dict[str, _Blob] = {}
    commits = 0
    for chunk in out.split(b"\x01"):
        if not chunk:
            continue
        header, _, rest = chunk.partition(b"\0")
        parts = header.split()
        if len(parts) != 2:
            continue
        commits += 1
        commit = parts[0].decode("ascii", "replace")
        when = int(parts[1]) if parts[1].isdigit() else 0
        tokens = rest.lstrip(b"\n").split(b"\0")
        for i in range(0, len(tokens) - 1, 2):
            meta = tokens[i].lstrip(b"\n").split()
            if len(meta) < 5 or not meta[0].startswith(b":"):
                continue
            mode, oid, status = meta[1].decode("ascii", "replace"), meta[3].decode("ascii", "replace"), meta[4]
            if mode not in _BLOB_MODES or oid in _NULL_OIDS or status.startswith(b"D"):
                continue
            path = tokens[i + 1].decode("utf-8", "surrogateescape")
            blobs.setdefault(oid, _Blob()).intro.append((when, commit, path))
    return commits, blobs


def _sizes(git_dir: str | os.PathLike[str], oids: list[str]) -> dict[str, int]:
    out = run_git(git_dir, "cat-file", "--batch-check=%(objectname) %(objecttype) %(objectsize)",
                  stdin=("\n".join(oids) + "\n").encode("ascii"), timeout=HISTORY_TIMEOUT_S)
    sizes: dict[str, int] = {}
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[1] == b"blob" and parts[2].isdigit():
            sizes[parts[0].decode("ascii")] = int(parts[2])
    return sizes


def read_blobs(git_dir: str | os.PathLike[str], oids: list[str], timeout: float = HISTORY_TIMEOUT_S):  # type: ignore[no-untyped-def]
    """Yield (oid, content) for each id, in order, from one ``git cat-file --batch``."""
    if not oids:
        return
    try:
        proc = subprocess.Popen(git_argv(git_dir, "cat-file", "--batch"), stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=git_env())
    except (FileNotFoundError, OSError):
        raise GitError("git could not be run") from None
    assert proc.stdin is not None and proc.stdout is not None
    payload = ("\n".join(oids) + "\n").encode("ascii")

    def feed() -> None:
        try:
            proc.stdin.write(payload)  # type: ignore[union-attr]
            proc.stdin.close()  # type: ignore[union-attr]
        except OSError:
            pass

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    watchdog = threading.Timer(timeout, proc.kill)
    watchdog.start()
    try:
        out = proc.stdout
        for oid in oids:
            header = out.readline().split()
            if len(header) != 3 or not header[2].isdigit():
                raise GitError(f"unexpected git cat-file output for {oid}")
            size = int(header[2])
            data = out.read(size)
            out.read(1)
            if len(data) != size:
                raise GitError("git cat-file ended early")
            yield oid, data
    finally:
        watchdog.cancel()
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=GIT_TIMEOUT_S)
        proc.stdout.close()
        writer.join(timeout=5)


def scan_history(git_dir: str | os.PathLike[str], name: str, source: str, personal: bool = True,
                 lang: str | None = None, cap: int = MAX_SCAN_BYTES) -> SecretsReport:
    """Never raises for git problems: they become an issue on the report."""
    started = time.perf_counter()
    report = SecretsReport(name=name, source=source, history=True)
    try:
        report.commits, blobs = list_history(git_dir)
        sizes = _sizes(git_dir, list(blobs))
        wanted = []
        for oid in blobs:
            if sizes.get(oid, cap + 1) > cap:
                report.skipped_large += 1
            else:
                wanted.append(oid)
        for oid, data in read_blobs(git_dir, wanted):
            intro = sorted(blobs[oid].intro)
            _, commit, path = intro[0]
            try:
                result = scan_bytes(path, data, personal)
            except Exception as exc:  # one blob, not the scan
                report.issues.append(ParseIssue(f"{path}@{commit[:12]}",
                                                CATALOG.get("internal_error", lang, error=type(exc).__name__)))
                continue
            if result.status is Status.BINARY:
                report.skipped_binary += 1
                continue
            if result.status is Status.TOO_LARGE:
                report.skipped_large += 1
                continue
            report.files_scanned += 1
            for f in result.findings:
                f.commit = commit
                f.introduced = [Introduction(c, p) for _, c, p in intro[:MAX_INTRODUCTIONS]]
                report.findings.append(f)
    except GitError as exc:
        report.issues.append(ParseIssue(source, CATALOG.get("git_failed", lang, reason=str(exc))))
    report.duration_s = time.perf_counter() - started
    log.debug("secrets history: %s: %d commits, %d blobs, %d findings", name, report.commits, report.files_scanned,
              len(report.findings))
    return report


def is_git_input(path: str | os.PathLike[str]) -> Path | None:
    from ospo.engine.sources.gitstore import find_git_dir

    return find_git_dir(path)
