"""Optional online advisory sources, behind one interface. Never required: ospo is offline unless asked.

Why this shape:

* one interface (:class:`OnlineSource`): given the pinned packages of a scan, return OSV records. The scan merges
  them with the local database's and runs the **same** matcher over both, so a finding means the same thing
  whichever source supplied the advisory;
* every response is third-party input: bodies are read with a size cap, parsed by ``safeparse`` and each record
  goes through the OSV gate (:func:`ospo.engine.vulns.osv.validate`) like an imported file;
* failures are warnings, not errors: a timeout, an HTTP error or a malformed body leaves the scan to the local
  database and says so;
* answers are cached on disk with a TTL (per package query and per advisory id), so a repeated scan of the same
  repositories costs no request; base URLs are configurable for mirrors and for tests.

Sources: the OSV API (``POST /v1/querybatch`` for ids, then ``GET /v1/vulns/{id}`` for the records, skipped when
the cached record is as new as the ``modified`` the batch reports) and npm's bulk advisory endpoint
(``POST /-/npm/v1/security/advisories/bulk``), whose answers are converted to OSV with the node-semver range
converter the importer uses for the nodejs security-wg data.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from ospo.engine.safeparse import ParseFailure, load_json
from ospo.engine.vulns.names import PURL_TO_OSV
from ospo.engine.vulns.native import npm_range_to_osv
from ospo.engine.vulns.osv import validate

OSV_API = "https://api.osv.dev"
NPM_REGISTRY = "https://registry.npmjs.org"
DEFAULT_TTL_S = 6 * 3600.0
DEFAULT_TIMEOUT_S = 20.0
MAX_RESPONSE_BYTES = 32 * 1024 * 1024
BATCH = 1000  # the OSV API's limit of queries per querybatch
MAX_PAGES = 10  # follow-up pages per query (packages with very many advisories)
MAX_IDS = 20_000  # advisory details fetched per scan, at most


@dataclass(frozen=True, slots=True)
class PackageQuery:
    purl_type: str
    name: str
    version: str


@dataclass(slots=True)
class OnlineResult:
    advisories: list[dict[str, Any]] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)  # (source, reason)
    requests: int = 0
    cache_hits: int = 0


class OnlineSource(Protocol):
    name: str

    def fetch(self, queries: Sequence[PackageQuery]) -> OnlineResult: ...


class SourceFailure(Exception):
    """A request failed; the message is the reason shown to the reader."""


class DiskCache:
    """JSON values in files named by the hash of their key, each with its store time. Writes are atomic."""

    def __init__(self, directory: str | os.PathLike[str], ttl_s: float = DEFAULT_TTL_S) -> None:
        self.dir = Path(directory)
        self.ttl_s = ttl_s

    def _path(self, key: str) -> Path:
        digest = hashlib.sha256(key.encode()).hexdigest()
        return self.dir / digest[:2] / f"{digest}.json"

    def get(self, key: str, ttl_s: float | None = None) -> Any:
        path = self._path(key)
        try:
            doc = load_json(path.read_bytes())
        except (OSError, ParseFailure):
            return None
        if not isinstance(doc, dict) or doc.get("key") != key or not isinstance(doc.get("t"), int | float):
            return None
        if time.time() - doc["t"] > (self.ttl_s if ttl_s is None else ttl_s):
            return None
        return doc.get("value")

    def put(self, key: str, value: Any) -> None:
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(json.dumps({"key": key, "t": time.time(), "value": value}), encoding="utf-8")
            os.replace(tmp, path)
        except OSError:
            pass  # a cache that cannot be written only costs a request next time


def default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "ospo" / "online"


def http_json(method: str, url: str, body: Any = None, timeout: float = DEFAULT_TIMEOUT_S,
              max_bytes: int = MAX_RESPONSE_BYTES) -> Any:
    """One request, JSON in and out; http(s) only; the body is capped. Raises SourceFailure with the reason."""
    scheme = urllib.parse.urlsplit(url).scheme
    if scheme not in ("http", "https"):
        raise SourceFailure(f"refusing URL scheme {scheme!r} (http/https only)")
    data = None if body is None else json.dumps(body).encode()
    headers = {"User-Agent": "ospo-vulns/1", "Accept": "application/json"}
    if data is not None:
        headers["Content-Type"] = "application/json"
    req = urllib.request.Request(url, data=data, headers=headers, method=method)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:  # scheme checked above
            declared = resp.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise SourceFailure(f"response of {int(declared):,} bytes is over the {max_bytes:,}-byte limit")
            raw = resp.read(max_bytes + 1)
    except urllib.error.HTTPError as exc:
        raise SourceFailure(f"HTTP {exc.code} {exc.reason} for {url}") from None
    except (urllib.error.URLError, TimeoutError, OSError, ValueError) as exc:
        raise SourceFailure(f"{url}: {getattr(exc, 'reason', None) or exc}") from None
    if len(raw) > max_bytes:
        raise SourceFailure(f"response over the {max_bytes:,}-byte limit")
    try:
        return load_json(raw)
    except ParseFailure as exc:
        raise SourceFailure(f"malformed response from {url}: {exc}") from None


def _checked(doc: Any) -> dict[str, Any] | None:
    try:
        return validate(doc).record
    except ParseFailure:
        return None


class OsvApiSource:
    """The OSV API: batch queries for advisory ids, then each advisory's full record."""

    name = "osv-api"

    def __init__(self, base_url: str = OSV_API, cache: DiskCache | None = None, timeout: float = DEFAULT_TIMEOUT_S,
                 max_bytes: int = MAX_RESPONSE_BYTES) -> None:
        self.base_url = base_url.rstrip("/")
        self.cache = cache
        self.timeout = timeout
        self.max_bytes = max_bytes

    def _request(self, result: OnlineResult, method: str, path: str, body: Any = None) -> Any:
        result.requests += 1
        return http_json(method, self.base_url + path, body, self.timeout, self.max_bytes)

    def fetch(self, queries: Sequence[PackageQuery]) -> OnlineResult:
        result = OnlineResult()
        ids: dict[str, str] = {}  # advisory id → modified as the batch reported it
        try:
            self._query_ids(queries, ids, result)
            self._records(ids, result)
        except SourceFailure as exc:
            result.failures.append((self.name, str(exc)))
        return result

    def _query_ids(self, queries: Sequence[PackageQuery], ids: dict[str, str], result: OnlineResult) -> None:
        todo: list[tuple[str, dict[str, Any]]] = []
        for q in dict.fromkeys(queries):
            eco = PURL_TO_OSV.get(q.purl_type)
            if eco is None:
                continue
            key = f"osv-query|{self.base_url}|{eco}|{q.name}|{q.version}"
            cached = self.cache.get(key) if self.cache else None
            if isinstance(cached, dict):
                result.cache_hits += 1
                ids.update({k: v for k, v in cached.items() if isinstance(k, str) and isinstance(v, str)})
                continue
            todo.append((key, {"package": {"ecosystem": eco, "name": q.name}, "version": q.version}))
        for start in range(0, len(todo), BATCH):
            chunk = todo[start:start + BATCH]
            answers = self._batch([q for _, q in chunk], result)
            for (key, query), found in zip(chunk, answers, strict=True):
                pages = 0
                while found.token and pages < MAX_PAGES:
                    pages += 1
                    more = self._batch([{**query, "page_token": found.token}], result)[0]
                    found = _Found({**found.ids, **more.ids}, more.token)
                ids.update(found.ids)
                if self.cache:
                    self.cache.put(key, found.ids)

    def _batch(self, queries: list[dict[str, Any]], result: OnlineResult) -> list[_Found]:
        doc = self._request(result, "POST", "/v1/querybatch", {"queries": queries})
        rows = doc.get("results") if isinstance(doc, dict) else None
        if not isinstance(rows, list) or len(rows) != len(queries):
            raise SourceFailure("querybatch answered with an unexpected shape")
        out = []
        for row in rows:
            found: dict[str, str] = {}
            vulns = row.get("vulns") if isinstance(row, dict) else None
            for v in vulns if isinstance(vulns, list) else []:
                if isinstance(v, dict) and isinstance(v.get("id"), str) and v["id"]:
                    found[v["id"]] = v.get("modified") if isinstance(v.get("modified"), str) else ""
            token = row.get("next_page_token") if isinstance(row, dict) else None
            out.append(_Found(found, token if isinstance(token, str) and token else None))
        return out

    def _records(self, ids: dict[str, str], result: OnlineResult) -> None:
        for count, (vid, modified) in enumerate(sorted(ids.items())):
            if count >= MAX_IDS:
                result.failures.append((self.name, f"only the first {MAX_IDS:,} advisories were fetched"))
                return
            key = f"osv-vuln|{self.base_url}|{vid}"
            cached = self.cache.get(key, ttl_s=float("inf")) if self.cache else None
            # a cached record is reused as long as it is not older than what the batch says exists
            if isinstance(cached, dict) and str(cached.get("modified", "")) >= modified:
                result.cache_hits += 1
                result.advisories.append(cached)
                continue
            doc = self._request(result, "GET", "/v1/vulns/" + urllib.parse.quote(vid, safe=""))
            record = _checked(doc)
            if record is None or record.get("id") != vid:
                result.failures.append((self.name, f"advisory {vid[:80]}: malformed record, skipped"))
                continue
            if self.cache:
                self.cache.put(key, record)
            result.advisories.append(record)


@dataclass(frozen=True, slots=True)
class _Found:
    ids: dict[str, str]
    token: str | None


class NpmBulkSource:
    """npm's bulk advisory endpoint: ``{name: [versions]}`` in, advisories with node-semver ranges out."""

    name = "npm-advisories"

    def __init__(self, registry: str = NPM_REGISTRY, cache: DiskCache | None = None,
                 timeout: float = DEFAULT_TIMEOUT_S, max_bytes: int = MAX_RESPONSE_BYTES) -> None:
        self.registry = registry.rstrip("/")
        self.cache = cache
        self.timeout = timeout
        self.max_bytes = max_bytes

    def fetch(self, queries: Sequence[PackageQuery]) -> OnlineResult:
        result = OnlineResult()
        wanted: dict[str, set[str]] = {}
        for q in queries:
            if q.purl_type == "npm":
                wanted.setdefault(q.name, set()).add(q.version)
        todo: dict[str, list[str]] = {}
        for name, versions in sorted(wanted.items()):
            key = f"npm-bulk|{self.registry}|{name}|{','.join(sorted(versions))}"
            cached = self.cache.get(key) if self.cache else None
            if isinstance(cached, list):
                result.cache_hits += 1
                result.advisories.extend(c for c in cached if isinstance(c, dict))
            else:
                todo[name] = sorted(versions)
        names = sorted(todo)
        try:
            for start in range(0, len(names), BATCH):
                body = {n: todo[n] for n in names[start:start + BATCH]}
                result.requests += 1
                doc = http_json("POST", f"{self.registry}/-/npm/v1/security/advisories/bulk", body, self.timeout,
                                self.max_bytes)
                if not isinstance(doc, dict):
                    raise SourceFailure("bulk advisories answered with an unexpected shape")
                for name in body:
                    records = [r for r in (npm_advisory_to_osv(name, a) for a in _as_list(doc.get(name)))
                               if r is not None]
                    result.advisories.extend(records)
                    if self.cache:
                        self.cache.put(f"npm-bulk|{self.registry}|{name}|{','.join(todo[name])}", records)
        except SourceFailure as exc:
            result.failures.append((self.name, str(exc)))
        return result


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def npm_advisory_to_osv(name: str, adv: Any) -> dict[str, Any] | None:
    """One npm bulk advisory → an OSV record (None when unusable). The GHSA id in its URL is the OSV id."""
    if not isinstance(adv, dict):
        return None
    spec = adv.get("vulnerable_versions")
    if not isinstance(spec, str) or not spec.strip():
        return None
    url = adv.get("url") if isinstance(adv.get("url"), str) else ""
    tail = url.rstrip("/").rsplit("/", 1)[-1]
    if tail.startswith("GHSA-"):
        rid = tail
    elif isinstance(adv.get("id"), int | str) and str(adv["id"]).isalnum():
        rid = f"NPM-{adv['id']}"
    else:
        return None
    try:
        ranges, exact = npm_range_to_osv(spec)
    except ParseFailure:
        return None
    record: dict[str, Any] = {
        "id": rid,
        "modified": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "summary": adv.get("title") if isinstance(adv.get("title"), str) else "",
        "affected": [{"package": {"ecosystem": "npm", "name": name}, "ranges": ranges, "versions": exact}],
        "database_specific": {"source": "npm-bulk-advisories", "vulnerable_versions": spec},
    }
    if url:
        record["references"] = [{"type": "ADVISORY", "url": url}]
    sev = adv.get("severity")
    if isinstance(sev, str):
        record["database_specific"]["severity"] = sev.upper()
    cvss = adv.get("cvss")
    vector = cvss.get("vectorString") if isinstance(cvss, dict) else None
    if isinstance(vector, str) and vector.startswith("CVSS:3"):
        record["severity"] = [{"type": "CVSS_V3", "score": vector}]
    return _checked(record)


def fetch_all(sources: Sequence[OnlineSource], queries: Sequence[PackageQuery]) -> OnlineResult:
    """Ask every source; the union of their advisories (newest ``modified`` per id) and all their failures."""
    total = OnlineResult()
    best: dict[str, dict[str, Any]] = {}
    for src in sources:
        try:
            part = src.fetch(queries)
        except Exception as exc:  # a broken source is a warning, never a failed scan
            total.failures.append((getattr(src, "name", "online"), f"internal error: {exc!r}"[:300]))
            continue
        total.failures.extend(part.failures)
        total.requests += part.requests
        total.cache_hits += part.cache_hits
        for rec in part.advisories:
            rid = rec.get("id")
            if isinstance(rid, str) and (rid not in best or str(rec.get("modified", "")) >
                                         str(best[rid].get("modified", ""))):
                best[rid] = rec
    total.advisories = list(best.values())
    return total
