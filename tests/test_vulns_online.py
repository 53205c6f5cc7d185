"""Online sources against local stub HTTP servers (never the internet): OSV querybatch + vulns, npm bulk advisories,
the disk cache, and failures that become warnings while the scan completes from the local database."""

from __future__ import annotations

import contextlib
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from ospo.engine.api import scan_input
from ospo.engine.vulns.db import VulnDB
from ospo.engine.vulns.online import (
    DiskCache,
    NpmBulkSource,
    OsvApiSource,
    PackageQuery,
    fetch_all,
    npm_advisory_to_osv,
)
from ospo.engine.vulns.scan import vuln_scan
from vulns_fixtures import FRESH, REPO, fixture_db

ONLINE_ADV = {
    "id": "GHSA-online-0001", "modified": "2024-06-01T00:00:00Z", "aliases": ["CVE-2099-9001"],
    "summary": "Online-only advisory",
    "affected": [{"package": {"ecosystem": "PyPI", "name": "jinja2"},
                  "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "3.0"}, {"fixed": "3.1.5"}]}]}],
    "severity": [{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:L/I:L/A:N"}],
}
NPM_ANSWER = {"minimist": [{"id": 1179, "url": "https://github.com/advisories/GHSA-test-npm-0009",
                            "title": "Prototype pollution (npm feed)", "severity": "critical",
                            "vulnerable_versions": "<0.2.4 || >=1.0.0 <1.2.6",
                            "cvss": {"score": 9.8, "vectorString": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}}]}


class Stub:
    """A tiny OSV API + npm registry. ``mode`` switches behaviours; every request is logged."""

    def __init__(self) -> None:
        self.mode = "ok"
        self.log: list[tuple[str, str, object]] = []
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def _send(self, code: int, body: bytes, ctype: str = "application/json") -> None:
                self.send_response(code)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.wfile.write(body)  # the client may stop reading at its size cap

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length) or b"null")
                stub.log.append(("POST", self.path, body))
                if stub.mode == "error":
                    return self._send(500, b"{}")
                if stub.mode == "garbage":
                    return self._send(200, b"{not json")
                if self.path == "/v1/querybatch":
                    results = []
                    for q in body["queries"]:
                        hit = q["package"]["name"].lower() == "jinja2"
                        if hit and "page_token" not in q:
                            results.append({"vulns": [], "next_page_token": "p2"})  # the id is on page 2
                        else:
                            results.append({"vulns": [{"id": ONLINE_ADV["id"], "modified": ONLINE_ADV["modified"]}]
                                            if hit else []})
                    return self._send(200, json.dumps({"results": results}).encode())
                if self.path == "/-/npm/v1/security/advisories/bulk":
                    return self._send(200, json.dumps({k: v for k, v in NPM_ANSWER.items() if k in body}).encode())
                self._send(404, b"{}")

            def do_GET(self) -> None:
                stub.log.append(("GET", self.path, None))
                if stub.mode == "error":
                    return self._send(500, b"{}")
                if stub.mode == "huge":
                    return self._send(200, b"[" + b"0," * 300_000 + b"0]")
                if self.path == f"/v1/vulns/{ONLINE_ADV['id']}":
                    return self._send(200, json.dumps(ONLINE_ADV).encode())
                self._send(404, b"{}")

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def stub():
    s = Stub()
    yield s
    s.close()


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    with VulnDB(fixture_db(tmp_path_factory.mktemp("vdb") / "v.sqlite")) as handle:
        yield handle


@pytest.fixture(scope="module")
def repo_scan():
    return scan_input(str(REPO))


def sources(stub: Stub, cache: DiskCache | None, **kw: object) -> list:  # type: ignore[type-arg]
    return [OsvApiSource(stub.url, cache, **kw), NpmBulkSource(stub.url, cache, **kw)]  # type: ignore[arg-type]


def test_online_adds_findings_with_the_same_matcher(stub, db, repo_scan, tmp_path) -> None:
    r = vuln_scan(repo_scan, db, online=sources(stub, DiskCache(tmp_path)), max_age_days=FRESH)
    ids = {(f.name, f.id) for f in r.findings}
    assert ("jinja2", "CVE-2099-9001") in ids  # only the OSV API knows it; found on the second page
    assert ("minimist", "GHSA-test-npm-0002") in ids and ("minimist", "GHSA-test-npm-0009") in ids
    assert len(ids) == 7 and r.warnings == []
    queried = [q for m, p, b in stub.log if p == "/v1/querybatch" for q in b["queries"]]
    assert {"package": {"ecosystem": "PyPI", "name": "django"}, "version": "3.2.18"} in queried
    assert any(q.get("page_token") == "p2" for q in queried)
    assert not any(q["package"]["name"] == "requests" for q in queried)  # unpinned: never queried
    npm_bodies = [b for m, p, b in stub.log if p.endswith("/bulk")]
    assert npm_bodies == [{"lodash": ["4.17.20"], "minimist": ["1.2.5"]}]


def test_cache_hit_and_miss(stub, db, repo_scan, tmp_path) -> None:
    cache = DiskCache(tmp_path, ttl_s=3600)
    first = vuln_scan(repo_scan, db, online=sources(stub, cache), max_age_days=FRESH)
    n = len(stub.log)
    assert first.online_requests == n and first.online_cache_hits == 0
    second = vuln_scan(repo_scan, db, online=sources(stub, cache), max_age_days=FRESH)
    assert len(stub.log) == n and second.online_requests == 0 and second.online_cache_hits > 0
    assert {(f.name, f.id) for f in second.findings} == {(f.name, f.id) for f in first.findings}
    expired = DiskCache(tmp_path, ttl_s=0)
    vuln_scan(repo_scan, db, online=sources(stub, expired), max_age_days=FRESH)
    assert any(p == "/v1/querybatch" for _, p, _ in stub.log[n:])  # expired queries are asked again
    assert not any(m == "GET" for m, _, _ in stub.log[n:])  # the record is as new as the batch says: reused


@pytest.mark.parametrize("mode", ["error", "garbage"])
def test_failures_are_warnings_and_the_scan_completes(stub, db, repo_scan, mode) -> None:
    stub.mode = mode
    r = vuln_scan(repo_scan, db, online=sources(stub, None), max_age_days=FRESH)
    assert len(r.findings) == 5  # everything the local database knows
    failed = {w.params["source"] for w in r.warnings if w.key == "warn.online_failed"}
    assert failed == {"osv-api", "npm-advisories"}


def test_unreachable_server_and_bad_scheme(db, repo_scan) -> None:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed again: nothing listens there
    srcs = [OsvApiSource(f"http://127.0.0.1:{port}", None, timeout=2), NpmBulkSource("file:///etc", None)]
    r = vuln_scan(repo_scan, db, online=srcs, max_age_days=FRESH)
    assert len(r.findings) == 5
    reasons = " ".join(w.params["reason"] for w in r.warnings if w.key == "warn.online_failed")
    assert "refusing URL scheme 'file'" in reasons and f"127.0.0.1:{port}" in reasons


def test_response_size_cap(stub) -> None:
    stub.mode = "huge"
    out = OsvApiSource(stub.url, None, max_bytes=10_000).fetch([PackageQuery("pypi", "jinja2", "3.1.4")])
    assert out.advisories == [] and out.failures and "limit" in out.failures[0][1]


def test_malformed_records_are_skipped(stub) -> None:
    class Broken(OsvApiSource):
        def _request(self, result, method, path, body=None):  # type: ignore[no-untyped-def]
            if method == "GET":
                result.requests += 1
                return {"id": "GHSA-online-0001", "affected": "nope"}  # fails the OSV gate
            return super()._request(result, method, path, body)

    out = Broken(stub.url, None).fetch([PackageQuery("pypi", "jinja2", "3.1.4")])
    assert out.advisories == [] and "malformed" in out.failures[0][1]


def test_a_crashing_source_is_a_warning() -> None:
    class Crash:
        name = "crash"

        def fetch(self, queries):  # type: ignore[no-untyped-def]
            raise RuntimeError("boom")

    got = fetch_all([Crash()], [PackageQuery("npm", "a", "1.0.0")])
    assert got.failures == [("crash", "internal error: RuntimeError('boom')")]


def test_npm_advisory_conversion() -> None:
    rec = npm_advisory_to_osv("minimist", NPM_ANSWER["minimist"][0])
    assert rec["id"] == "GHSA-test-npm-0009" and rec["severity"][0]["type"] == "CVSS_V3"
    from ospo.engine.vulns.match import match_component

    assert match_component([rec], "npm", "minimist", "1.2.5") and match_component([rec], "npm", "minimist", "0.2.3")
    assert not match_component([rec], "npm", "minimist", "1.2.6")
    assert not match_component([rec], "npm", "minimist", "0.2.4")
    assert npm_advisory_to_osv("x", {"id": 5, "vulnerable_versions": "not a range !!"}) is None
    assert npm_advisory_to_osv("x", {"id": 5, "vulnerable_versions": "<1.0.0"})["id"] == "NPM-5"
    assert npm_advisory_to_osv("x", "nope") is None


def test_disk_cache_ignores_corrupt_and_foreign_entries(tmp_path) -> None:
    cache = DiskCache(tmp_path, ttl_s=60)
    cache.put("k", {"a": 1})
    assert cache.get("k") == {"a": 1}
    path = next(tmp_path.rglob("*.json"))
    path.write_text("{broken")
    assert cache.get("k") is None
    path.write_text(json.dumps({"key": "other", "t": 0, "value": 1}))
    assert cache.get("k") is None


def test_cli_online_flag_uses_the_configured_urls(stub, capsys, tmp_path) -> None:
    from ospo.cli import main

    dbp = fixture_db(tmp_path / "v.sqlite")
    code = main(["vulns", str(REPO), "--db", str(dbp), "--format", "json", "--online", "--osv-url", stub.url,
                 "--npm-registry", stub.url, "--cache-dir", str(tmp_path / "c"), "--max-age-days", str(FRESH)])
    doc = json.loads(capsys.readouterr().out)[0]
    assert code == 0 and len(doc["findings"]) == 7 and doc["online"]["requests"] > 0
    main(["vulns", str(REPO), "--db", str(dbp), "--format", "json"])  # offline by default: no request
    n = len(stub.log)
    capsys.readouterr()
    main(["vulns", str(REPO), "--db", str(dbp), "--format", "json"])
    assert len(stub.log) == n
