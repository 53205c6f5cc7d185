"""The license knowledge cache: what registries said about a package version's license, kept on disk.

Why SQLite: one file in the user's cache directory, safe to read while another process writes, with no
server — it works on an air-gapped machine, where the cache may be copied in from a connected one. Keys are
(purl type, name with namespace, version). Every entry has the time it was fetched; an entry older than the
TTL is *stale*: used as is when offline (stale knowledge beats none), refreshed when online. A registry that
answered "this version declares no license" is remembered too (``license`` NULL), so it is not asked again.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from dataclasses import dataclass
from pathlib import Path

DEFAULT_TTL_S = 30 * 24 * 3600  # licenses of a published version rarely change; metadata fixes do happen
SCHEMA = """
CREATE TABLE IF NOT EXISTS license (
    ptype TEXT NOT NULL, name TEXT NOT NULL, version TEXT NOT NULL,
    license TEXT, source TEXT NOT NULL, fetched_at REAL NOT NULL,
    PRIMARY KEY (ptype, name, version)
)
"""


@dataclass(frozen=True, slots=True)
class Knowledge:
    """What is known about one package version. ``license`` None: the registry declares none."""

    ptype: str
    name: str
    version: str
    license: str | None
    source: str  # the URL (or "import:<file>") the answer came from
    fetched_at: float
    stale: bool = False


def default_path() -> Path:
    """``$OSPO_CACHE_DIR/ospo/licenses.sqlite`` (XDG cache by default), shared with the license index cache."""
    from ospo.engine.licenses.data import cache_dir

    return cache_dir() / "licenses.sqlite"


class KnowledgeCache:
    def __init__(self, path: str | os.PathLike[str] | None = None, ttl_s: float = DEFAULT_TTL_S,
                 clock=time.time) -> None:  # type: ignore[no-untyped-def]
        self.path = Path(path) if path is not None else default_path()
        self.ttl_s = ttl_s
        self.clock = clock
        self._lock = threading.Lock()
        if str(self.path) != ":memory:":
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(self.path), check_same_thread=False, timeout=30)
        if str(self.path) != ":memory:":
            self._db.execute("PRAGMA journal_mode=WAL")  # readers do not block the writer
        self._db.execute(SCHEMA)
        self._db.commit()

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> KnowledgeCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get(self, ptype: str, name: str, version: str) -> Knowledge | None:
        with self._lock:
            row = self._db.execute(
                "SELECT license, source, fetched_at FROM license WHERE ptype=? AND name=? AND version=?",
                (ptype, name, version)).fetchone()
        if row is None:
            return None
        lic, source, fetched = row
        return Knowledge(ptype, name, version, lic, source, fetched, self.clock() - fetched > self.ttl_s)

    def put(self, ptype: str, name: str, version: str, license: str | None, source: str) -> None:
        with self._lock:
            self._db.execute("INSERT OR REPLACE INTO license VALUES (?, ?, ?, ?, ?, ?)",
                             (ptype, name, version, license, source, self.clock()))
            self._db.commit()

    def put_many(self, rows: list[tuple[str, str, str, str | None, str]]) -> None:
        now = self.clock()
        with self._lock:
            self._db.executemany("INSERT OR REPLACE INTO license VALUES (?, ?, ?, ?, ?, ?)",
                                 [(*r, now) for r in rows])
            self._db.commit()

    def __len__(self) -> int:
        with self._lock:
            return int(self._db.execute("SELECT count(*) FROM license").fetchone()[0])
