"""Online refresh: download OSV's per-ecosystem ``all.zip`` archives and import them. Optional, never required.

Why this shape:

* conditional requests (``If-None-Match`` / ``If-Modified-Since`` from the last successful download, kept in
  ``meta``) make a daily update cheap when nothing changed;
* the archive is streamed to an anonymous temporary file with a size cap (the npm archive is large; memory is
  not the place for it) and imported from there: nothing is extracted;
* failure is clean: a network error, an HTTP error, an oversized or refused archive leaves the database exactly
  as it was and says why; the validators (ETag, Last-Modified) are only stored when the import succeeded.
"""

from __future__ import annotations

import tempfile
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ospo.engine.vulns.db import VulnDB, utc_now
from ospo.engine.vulns.importer import ImportReport, ZipLimits, import_archive
from ospo.engine.vulns.names import PURL_TO_OSV

DEFAULT_BASE_URL = "https://osv-vulnerabilities.storage.googleapis.com"
DEFAULT_MAX_BYTES = 2 * 1024 * 1024 * 1024
CHUNK = 1024 * 1024


@dataclass(slots=True)
class UpdateResult:
    ecosystem: str
    url: str
    status: str  # "updated" | "not-modified" | "failed"
    bytes: int = 0
    report: ImportReport | None = None
    error: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"ecosystem": self.ecosystem, "url": self.url, "status": self.status, "bytes": self.bytes,
                "error": self.error, "import": self.report.as_dict() if self.report else None}


def osv_ecosystem(name: str) -> str:
    """Accept an OSV ecosystem name (``PyPI``) or a purl type (``pypi``)."""
    return PURL_TO_OSV.get(name, name)


def archive_url(base_url: str, ecosystem: str) -> str:
    return f"{base_url.rstrip('/')}/{urllib.parse.quote(ecosystem, safe='')}/all.zip"


def update(db: VulnDB, ecosystems: Iterable[str], base_url: str = DEFAULT_BASE_URL, timeout: float = 60.0,
           max_bytes: int = DEFAULT_MAX_BYTES, limits: ZipLimits | None = None) -> list[UpdateResult]:
    """Download and import ``<base_url>/<Ecosystem>/all.zip`` for each ecosystem; one result per ecosystem."""
    scheme = urllib.parse.urlsplit(base_url).scheme
    results: list[UpdateResult] = []
    for name in ecosystems:
        eco = osv_ecosystem(name)
        url = archive_url(base_url, eco)
        if scheme not in ("http", "https"):
            results.append(UpdateResult(eco, url, "failed", error=f"refusing URL scheme {scheme!r} (http/https only)"))
            continue
        results.append(_update_one(db, eco, url, timeout, max_bytes, limits))
    return results


def _update_one(db: VulnDB, eco: str, url: str, timeout: float, max_bytes: int,
                limits: ZipLimits | None) -> UpdateResult:
    etag_key, lm_key = f"http:{url}:etag", f"http:{url}:last-modified"
    headers = {"User-Agent": "ospo-vulndb/1", "Accept": "application/zip"}
    if etag := db.meta_get(etag_key):
        headers["If-None-Match"] = etag
    if last_modified := db.meta_get(lm_key):
        headers["If-Modified-Since"] = last_modified
    request = urllib.request.Request(url, headers=headers)
    unchanged = "the database was not changed"
    with tempfile.TemporaryFile(prefix="ospo-osv-") as tmp:
        try:
            with urllib.request.urlopen(request, timeout=timeout) as resp:  # scheme checked in update()
                declared = resp.headers.get("Content-Length")
                if declared and declared.isdigit() and int(declared) > max_bytes:
                    return UpdateResult(eco, url, "failed", error=(
                        f"archive is {int(declared):,} bytes, over the {max_bytes:,}-byte limit; {unchanged}"))
                size = 0
                while chunk := resp.read(CHUNK):
                    size += len(chunk)
                    if size > max_bytes:
                        return UpdateResult(eco, url, "failed", size, error=(
                            f"download exceeded the {max_bytes:,}-byte limit; {unchanged}"))
                    tmp.write(chunk)
                new_etag = resp.headers.get("ETag")
                new_lm = resp.headers.get("Last-Modified")
        except urllib.error.HTTPError as exc:
            if exc.code == 304:
                db.conn.execute("BEGIN")
                db.meta_set(f"last_update:{eco}", utc_now())
                db.conn.execute("COMMIT")
                return UpdateResult(eco, url, "not-modified")
            return UpdateResult(eco, url, "failed", error=f"HTTP {exc.code} {exc.reason} for {url}; {unchanged}")
        except (urllib.error.URLError, TimeoutError, OSError, ValueError) as exc:
            reason = getattr(exc, "reason", None) or exc
            return UpdateResult(eco, url, "failed", error=(
                f"download of {url} failed ({reason}); offline? {unchanged}"))
        tmp.seek(0)
        now = utc_now()
        report = import_archive(db, tmp, url, limits, meta={
            etag_key: new_etag, lm_key: new_lm, f"last_update:{eco}": now, "last_update": now,
        })
    if report.refused_archives:
        return UpdateResult(eco, url, "failed", size, report, error=f"{report.errors[-1].reason}; {unchanged}")
    return UpdateResult(eco, url, "updated", size, report)
