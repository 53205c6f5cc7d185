"""Import advisories into the database from files, directories and OSV ``all.zip`` archives, incrementally.

Rules, and why:

* incremental: a record whose ``modified`` is older than the stored one, or equal with the same content, is
  skipped and counted as unchanged — re-importing a snapshot costs a parse, not a rewrite. (Same ``modified``
  but different content is taken as an update: native formats without a modification date rely on it.);
* withdrawn advisories are stored like any other (the query API leaves them out), so a later import of the
  same id cannot resurrect an old version;
* one bad file or record is an error entry (file name + reason) and the import goes on;
* archives are read in memory, never extracted: member count, member size and total size are capped (zip
  bombs), names that climb out (``../``, absolute) are refused, and an archive that breaks a cap is rolled back
  whole (a savepoint), because it is hostile or truncated;
* one transaction per import, written in batches with ``executemany``.
"""

from __future__ import annotations

import os
import time
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO, Any

from ospo.engine.safeparse import MAX_FILE_BYTES, ParseFailure
from ospo.engine.vulns.db import VulnDB, utc_now
from ospo.engine.vulns.native import CONVERTERS, detect_format
from ospo.engine.vulns.osv import OsvRecord, load_document, validate

ADVISORY_SUFFIXES = (".json", ".yaml", ".yml")
BATCH = 2000


@dataclass(frozen=True, slots=True)
class ZipLimits:
    """Caps for one archive. OSV's largest per-ecosystem all.zip (npm, with malicious-package reports) holds a few
    hundred thousand small members; the defaults leave ample room above that and none for a bomb."""

    max_members: int = 2_000_000
    max_member_bytes: int = 16 * 1024 * 1024
    max_total_bytes: int = 4 * 1024 * 1024 * 1024


@dataclass(slots=True)
class ImportError_:
    file: str
    reason: str

    def __str__(self) -> str:
        return f"{self.file}: {self.reason}"


@dataclass(slots=True)
class ImportReport:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    withdrawn: int = 0  # withdrawn records among added/updated
    files: int = 0
    seconds: float = 0.0
    refused_archives: int = 0  # archives dropped whole (zip bomb, traversal, unreadable)
    errors: list[ImportError_] = field(default_factory=list)
    skipped: list[ImportError_] = field(default_factory=list)  # known non-advisory or out-of-scope documents

    def as_dict(self) -> dict[str, Any]:
        return {
            "added": self.added, "updated": self.updated, "unchanged": self.unchanged,
            "withdrawn": self.withdrawn, "files": self.files, "seconds": round(self.seconds, 3),
            "refused_archives": self.refused_archives,
            "errors": [{"file": e.file, "reason": e.reason} for e in self.errors],
            "skipped": [{"file": e.file, "reason": e.reason} for e in self.skipped],
        }


class ArchiveRefused(Exception):
    """An archive broke a cap: it is dropped whole."""


def records_from_bytes(data: bytes, name: str, report: ImportReport, explicit: bool = False) -> list[OsvRecord]:
    """Parse one file (OSV or a native format) into validated records; problems go to the report."""
    try:
        if len(data) > MAX_FILE_BYTES:
            raise ParseFailure(f"file too large ({len(data):,} bytes)")
        doc = load_document(data, name)
        fmt = detect_format(doc)
        if fmt is None:
            if explicit:
                raise ParseFailure("not an advisory in a known format (OSV, rubysec, FriendsOfPHP, "
                                   "nodejs security-wg, victims)")
            report.skipped.append(ImportError_(name, "not an advisory in a known format"))
            return []
        if fmt.startswith("skip:"):
            report.skipped.append(ImportError_(name, fmt[5:]))
            return []
        if fmt == "osv":
            return [validate(doc)]
        return [validate(CONVERTERS[fmt](doc, name))]
    except ParseFailure as exc:
        report.errors.append(ImportError_(name, str(exc)))
    except RecursionError:
        report.errors.append(ImportError_(name, "nested too deeply"))
    return []


def _safe_member(name: str) -> bool:
    if not name or name.startswith(("/", "\\")) or "\x00" in name or ":" in name.split("/", 1)[0]:
        return False
    return ".." not in PurePosixPath(name.replace("\\", "/")).parts


def iter_zip(source: str | os.PathLike[str] | IO[bytes], label: str, report: ImportReport,
             limits: ZipLimits) -> Iterator[tuple[str, bytes]]:
    """Yield (member name, bytes) of advisory members. Raises ArchiveRefused when a cap is broken."""
    try:
        zf = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise ArchiveRefused(f"not a readable zip archive: {exc}") from None
    with zf:
        infos = zf.infolist()
        if len(infos) > limits.max_members:
            raise ArchiveRefused(f"{len(infos):,} members (limit {limits.max_members:,})")
        total = 0
        for info in infos:
            if info.is_dir():
                continue
            where = f"{label}!{info.filename}"
            if not _safe_member(info.filename):
                raise ArchiveRefused(f"unsafe member name {info.filename[:80]!r} (path traversal)")
            if not info.filename.lower().endswith(ADVISORY_SUFFIXES):
                continue
            if info.file_size > limits.max_member_bytes:
                report.errors.append(ImportError_(where, f"member too large ({info.file_size:,} bytes)"))
                continue
            try:
                with zf.open(info) as fh:
                    data = fh.read(limits.max_member_bytes + 1)  # never trust the header's size
            except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError) as exc:
                report.errors.append(ImportError_(where, f"unreadable member: {exc}"))
                continue
            if len(data) > limits.max_member_bytes:
                raise ArchiveRefused(f"member {info.filename[:80]!r} inflates past its declared size (zip bomb)")
            total += len(data)
            if total > limits.max_total_bytes:
                raise ArchiveRefused(f"uncompressed total exceeds {limits.max_total_bytes:,} bytes (zip bomb)")
            yield where, data


def _walk(root: Path) -> Iterator[Path]:
    """Advisory files and archives under *root*, sorted, without following directory symlinks."""
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for fn in sorted(filenames):
            if fn.lower().endswith((*ADVISORY_SUFFIXES, ".zip")):
                yield Path(dirpath) / fn


class _Writer:
    """Compares records with the stored state and writes them in batches; supports per-archive rollback."""

    def __init__(self, db: VulnDB, report: ImportReport, source: str) -> None:
        self.db, self.report, self.source = db, report, source
        self.state = db.stored_state()
        self.pending: list[OsvRecord] = []
        self.newest: str | None = None
        self.undo: dict[str, tuple[str, str] | None] | None = None
        self.counts_at_mark: tuple[int, int, int, int] = (0, 0, 0, 0)

    def add(self, rec: OsvRecord) -> None:
        old = self.state.get(rec.id)
        if old is not None and (old[0] > rec.modified or (old[0] == rec.modified and old[1] == rec.sha256)):
            self.report.unchanged += 1
            return
        if self.undo is not None and rec.id not in self.undo:
            self.undo[rec.id] = old
        if old is None:
            self.report.added += 1
        else:
            self.report.updated += 1  # a duplicate id within one batch is resolved by flush (last wins)
        if rec.withdrawn:
            self.report.withdrawn += 1
        self.state[rec.id] = (rec.modified, rec.sha256)
        if self.newest is None or rec.modified > self.newest:
            self.newest = rec.modified
        self.pending.append(rec)
        if len(self.pending) >= BATCH:
            self.flush()

    def flush(self) -> None:
        batch: dict[str, OsvRecord] = {}
        for rec in self.pending:
            batch[rec.id] = rec  # last one wins: it passed the newer-than check
        self.db.write(list(batch.values()), self.source)
        self.pending = []

    def mark(self) -> None:
        self.flush()
        self.db.conn.execute("SAVEPOINT archive")
        self.undo = {}
        r = self.report
        self.counts_at_mark = (r.added, r.updated, r.unchanged, r.withdrawn)

    def release(self) -> None:
        self.flush()
        self.db.conn.execute("RELEASE SAVEPOINT archive")
        self.undo = None

    def rollback(self) -> None:
        self.pending = []
        self.db.conn.execute("ROLLBACK TO SAVEPOINT archive")
        self.db.conn.execute("RELEASE SAVEPOINT archive")
        for rid, old in (self.undo or {}).items():
            if old is None:
                self.state.pop(rid, None)
            else:
                self.state[rid] = old
        self.undo = None
        r = self.report
        r.added, r.updated, r.unchanged, r.withdrawn = self.counts_at_mark
        self.db.invalidate()


def _import_zip(writer: _Writer, source: str | os.PathLike[str] | IO[bytes], label: str,
                limits: ZipLimits) -> bool:
    report = writer.report
    writer.mark()
    errors_before = len(report.errors)
    try:
        for where, data in iter_zip(source, label, report, limits):
            report.files += 1
            for rec in records_from_bytes(data, where, report):
                writer.add(rec)
    except ArchiveRefused as exc:
        writer.rollback()
        del report.errors[errors_before:]
        report.errors.append(ImportError_(label, f"archive refused, nothing imported from it: {exc}"))
        report.refused_archives += 1
        return False
    writer.release()
    return True


def import_paths(db: VulnDB, paths: Iterable[str | os.PathLike[str]], limits: ZipLimits | None = None,
                 source: str | None = None) -> ImportReport:
    """Import OSV JSON/YAML files, native-format files, directories (recursive) and zip archives."""
    limits = limits or ZipLimits()
    report = ImportReport()
    started = time.perf_counter()
    paths = [Path(p) for p in paths]
    label = source or ", ".join(str(p) for p in paths)
    db.conn.execute("BEGIN")
    try:
        writer = _Writer(db, report, label)
        for root in paths:
            if root.is_dir():
                for path in _walk(root):
                    _import_file(writer, path, limits, explicit=False)
            elif root.exists():
                _import_file(writer, root, limits, explicit=True)
            else:
                report.errors.append(ImportError_(str(root), "no such file or directory"))
        writer.flush()
        _record_import(db, writer, label)
        db.conn.execute("COMMIT")
    except BaseException:
        db.conn.execute("ROLLBACK")
        db.invalidate()
        raise
    report.seconds = time.perf_counter() - started
    return report


def import_archive(db: VulnDB, fileobj: IO[bytes], label: str, limits: ZipLimits | None = None,
                   meta: dict[str, str | None] | None = None) -> ImportReport:
    """Import one zip archive from an open file, and set *meta* in the same transaction (used by update)."""
    report = ImportReport()
    started = time.perf_counter()
    db.conn.execute("BEGIN")
    try:
        writer = _Writer(db, report, label)
        if _import_zip(writer, fileobj, label, limits or ZipLimits()):
            writer.flush()
            _record_import(db, writer, label)
            for key, value in (meta or {}).items():
                db.meta_set(key, value)
        db.conn.execute("COMMIT")
    except BaseException:
        db.conn.execute("ROLLBACK")
        db.invalidate()
        raise
    report.seconds = time.perf_counter() - started
    return report


def _import_file(writer: _Writer, path: Path, limits: ZipLimits, explicit: bool) -> None:
    report = writer.report
    name = str(path)
    if name.lower().endswith(".zip"):
        _import_zip(writer, path, name, limits)
        return
    if not explicit and not name.lower().endswith(ADVISORY_SUFFIXES):
        return
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            report.errors.append(ImportError_(name, f"file too large ({size:,} bytes)"))
            return
        data = path.read_bytes()
    except OSError as exc:
        report.errors.append(ImportError_(name, f"unreadable: {exc.strerror or exc}"))
        return
    report.files += 1
    for rec in records_from_bytes(data, name, report, explicit=explicit):
        writer.add(rec)


def _record_import(db: VulnDB, writer: _Writer, label: str) -> None:
    now = utc_now()
    db.meta_set("last_import", now)
    db.meta_set(f"last_import:{label[:500]}", now)
    old = db.meta_get("newest_modified")
    if writer.newest and (old is None or writer.newest > old):
        db.meta_set("newest_modified", writer.newest)
