"""The local vulnerability database: OSV advisories in SQLite (or any SQL store with the same plain schema).

Design:

* portable DDL (see ``SCHEMA``): four plain tables, TEXT columns, primary keys and secondary indexes only — no
  SQLite-only types, no triggers, no JSON1 functions, no ``WITHOUT ROWID``; the same statements run on
  PostgreSQL. Timestamps are stored as fixed-width UTC text (``2024-01-02T03:04:05.000000Z``) so that text
  comparison orders them in any database;
* the full OSV record is kept as JSON text in ``advisories.record``; ``affected`` is an index of
  (purl type, normalised name) → advisory id; ``aliases`` lets CVE/GHSA/PYSEC ids meet;
* lookups are served from an in-memory index loaded once per database generation (one query for all keys, a
  few MB for the whole OSV data set); records are parsed lazily, once, and cached — the matcher asks for
  100,000 components in one call of :meth:`VulnDB.advisories_for_many`.

Returned records are shared cached dicts: read them, do not mutate them.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ospo.engine.vulns.freshness import DEFAULT_MAX_AGE_DAYS, Freshness, assess
from ospo.engine.vulns.names import PURL_TO_OSV, normalize_name
from ospo.engine.vulns.osv import OsvRecord

SCHEMA_VERSION = "1"

SCHEMA = (
    """CREATE TABLE IF NOT EXISTS advisories (
        id TEXT PRIMARY KEY,
        modified TEXT NOT NULL,
        published TEXT,
        withdrawn TEXT,
        summary TEXT,
        source TEXT,
        content_sha256 TEXT NOT NULL,
        record TEXT NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS affected (
        advisory_id TEXT NOT NULL,
        osv_ecosystem TEXT NOT NULL,
        purl_type TEXT,
        name TEXT NOT NULL
    )""",
    "CREATE INDEX IF NOT EXISTS affected_by_package ON affected (purl_type, name)",
    "CREATE INDEX IF NOT EXISTS affected_by_advisory ON affected (advisory_id)",
    """CREATE TABLE IF NOT EXISTS aliases (
        advisory_id TEXT NOT NULL,
        alias TEXT NOT NULL,
        PRIMARY KEY (advisory_id, alias)
    )""",
    "CREATE INDEX IF NOT EXISTS aliases_by_alias ON aliases (alias)",
    """CREATE TABLE IF NOT EXISTS meta (
        key TEXT PRIMARY KEY,
        value TEXT
    )""",
)

_CHUNK = 500  # ids per IN (...) list: under every database's parameter limit


def default_db_path() -> Path:
    """``$OSPO_VULNDB``, else ``$XDG_DATA_HOME/ospo/vulndb.sqlite`` (``~/.local/share`` by default)."""
    env = os.environ.get("OSPO_VULNDB")
    if env:
        return Path(env)
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "ospo" / "vulndb.sqlite"


def utc_now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


class VulnDB:
    """A handle on one database file. Not thread-safe: open one per thread."""

    def __init__(self, path: str | os.PathLike[str] | None = None) -> None:
        self.path = Path(path) if path is not None else default_db_path()
        if str(self.path) != ":memory:":
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self.conn = sqlite3.connect(str(self.path), isolation_level=None)  # explicit BEGIN/COMMIT below
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA synchronous=NORMAL")
        for stmt in SCHEMA:
            self.conn.execute(stmt)
        if self.meta_get("schema_version") is None:
            self.meta_set("schema_version", SCHEMA_VERSION)
        self._index: dict[tuple[str, str], list[str]] | None = None
        self._index_all: dict[tuple[str, str], list[str]] | None = None
        self._records: dict[str, dict[str, Any]] = {}

    # ------------------------------------------------------------------ lifecycle

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> VulnDB:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def invalidate(self) -> None:
        """Drop the in-memory index and record cache (after a write)."""
        self._index = self._index_all = None
        self._records.clear()

    # ------------------------------------------------------------------ meta

    def meta_get(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else row[0]

    def meta_set(self, key: str, value: str | None) -> None:
        """Set (or with None delete) one meta value; inside the caller's transaction when there is one."""
        self.conn.execute("DELETE FROM meta WHERE key = ?", (key,))
        if value is not None:
            self.conn.execute("INSERT INTO meta (key, value) VALUES (?, ?)", (key, value))

    def meta_items(self, prefix: str = "") -> dict[str, str]:
        rows = self.conn.execute("SELECT key, value FROM meta WHERE key LIKE ? ORDER BY key", (prefix + "%",))
        return dict(rows.fetchall())

    # ------------------------------------------------------------------ writing (used by the importer)

    def stored_state(self) -> dict[str, tuple[str, str]]:
        """id → (modified, content hash) of every stored advisory: the incremental import compares against it."""
        rows = self.conn.execute("SELECT id, modified, content_sha256 FROM advisories")
        return {rid: (mod, sha) for rid, mod, sha in rows}

    def write(self, records: Sequence[OsvRecord], source: str) -> None:
        """Replace these advisories (and their index rows) within the caller's transaction."""
        if not records:
            return
        ids = [(r.id,) for r in records]
        self.conn.executemany("DELETE FROM affected WHERE advisory_id = ?", ids)
        self.conn.executemany("DELETE FROM aliases WHERE advisory_id = ?", ids)
        self.conn.executemany("DELETE FROM advisories WHERE id = ?", ids)
        self.conn.executemany(
            "INSERT INTO advisories (id, modified, published, withdrawn, summary, source, content_sha256, record) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(r.id, r.modified, r.published, r.withdrawn, r.summary, source, r.sha256, r.json_text)
             for r in records],
        )
        self.conn.executemany(
            "INSERT INTO affected (advisory_id, osv_ecosystem, purl_type, name) VALUES (?, ?, ?, ?)",
            [(r.id, k.osv_ecosystem, k.purl_type, k.name) for r in records for k in r.affected],
        )
        self.conn.executemany(
            "INSERT INTO aliases (advisory_id, alias) VALUES (?, ?)",
            [(r.id, a) for r in records for a in r.aliases],
        )
        self.invalidate()

    # ------------------------------------------------------------------ queries

    def _load_index(self, include_withdrawn: bool) -> dict[tuple[str, str], list[str]]:
        cached = self._index_all if include_withdrawn else self._index
        if cached is not None:
            return cached
        sql = "SELECT a.purl_type, a.name, a.advisory_id FROM affected a"
        if not include_withdrawn:
            sql += " JOIN advisories v ON v.id = a.advisory_id WHERE v.withdrawn IS NULL"
        index: dict[tuple[str, str], list[str]] = {}
        for ptype, name, rid in self.conn.execute(sql + " ORDER BY a.advisory_id"):
            if ptype is None:
                continue
            ids = index.setdefault((ptype, name), [])
            if not ids or ids[-1] != rid:
                ids.append(rid)
        if include_withdrawn:
            self._index_all = index
        else:
            self._index = index
        return index

    def _fetch(self, ids: Iterable[str]) -> None:
        missing = [i for i in dict.fromkeys(ids) if i not in self._records]
        for start in range(0, len(missing), _CHUNK):
            chunk = missing[start:start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            for rid, text in self.conn.execute(f"SELECT id, record FROM advisories WHERE id IN ({marks})", chunk):
                self._records[rid] = json.loads(text)

    def advisories_for(self, purl_type: str, name: str, include_withdrawn: bool = False) -> list[dict[str, Any]]:
        """OSV records naming this package (name normalised per ecosystem). Withdrawn ones only on request."""
        return self.advisories_for_many([(purl_type, name)], include_withdrawn)[(purl_type, name)]

    def advisories_for_many(self, keys: Iterable[tuple[str, str]],
                            include_withdrawn: bool = False) -> dict[tuple[str, str], list[dict[str, Any]]]:
        """Bulk lookup: {(purl_type, name as given): [OSV record, ...]} — one pass, records fetched in chunks."""
        index = self._load_index(include_withdrawn)
        wanted: dict[tuple[str, str], list[str]] = {}
        for key in keys:
            if key in wanted:
                continue
            ptype, name = key
            wanted[key] = index.get((ptype, normalize_name(ptype, name)), [])
        self._fetch(rid for ids in wanted.values() for rid in ids)
        records = self._records
        return {key: [records[rid] for rid in ids if rid in records] for key, ids in wanted.items()}

    def iter_advisories(self, include_withdrawn: bool = False) -> Iterator[dict[str, Any]]:
        """Every stored record, streamed (for building a matcher index over the whole database)."""
        sql = "SELECT record FROM advisories" + ("" if include_withdrawn else " WHERE withdrawn IS NULL")
        for (text,) in self.conn.execute(sql + " ORDER BY id"):
            yield json.loads(text)

    def get(self, advisory_id: str) -> dict[str, Any] | None:
        self._fetch([advisory_id])
        return self._records.get(advisory_id)

    def ids_for_alias(self, alias: str) -> list[str]:
        """Advisories that are, or list as an alias, this id (CVE-…, GHSA-…): the matcher merges them."""
        rows = self.conn.execute(
            "SELECT advisory_id FROM aliases WHERE alias = ? UNION SELECT id FROM advisories WHERE id = ?",
            (alias, alias),
        )
        return sorted(r[0] for r in rows)

    def counts(self) -> dict[str, Any]:
        """Totals and advisories per OSV ecosystem (withdrawn counted apart)."""
        total, withdrawn = self.conn.execute(
            "SELECT COUNT(*), COUNT(withdrawn) FROM advisories"
        ).fetchone()
        per = self.conn.execute(
            "SELECT a.osv_ecosystem, COUNT(DISTINCT a.advisory_id) FROM affected a "
            "JOIN advisories v ON v.id = a.advisory_id WHERE v.withdrawn IS NULL "
            "GROUP BY a.osv_ecosystem ORDER BY a.osv_ecosystem"
        ).fetchall()
        return {"advisories": total, "withdrawn": withdrawn, "per_ecosystem": dict(per)}

    def freshness(self, max_age_days: float = DEFAULT_MAX_AGE_DAYS, now: datetime | None = None) -> Freshness:
        (total,) = self.conn.execute("SELECT COUNT(*) FROM advisories WHERE withdrawn IS NULL").fetchone()
        return assess(total, self.meta_get("newest_modified"), self.meta_get("last_import"), max_age_days, now)


def osv_ecosystem_for(purl_type: str) -> str | None:
    return PURL_TO_OSV.get(purl_type)
