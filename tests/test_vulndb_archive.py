"""OSV ``all.zip`` archives: in-memory reading with caps (zip bombs, traversal), and ``update`` over HTTP against a
local server in a thread (conditional requests, failures leave the database untouched)."""

from __future__ import annotations

import io
import json
import threading
import zipfile
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from ospo.engine.vulns.cli import vulndb_main
from ospo.engine.vulns.db import VulnDB
from ospo.engine.vulns.importer import ZipLimits, import_paths
from ospo.engine.vulns.update import archive_url, update


def record(rid: str, name: str = "requests", modified: str = "2024-05-01T00:00:00Z") -> bytes:
    return json.dumps({
        "id": rid, "modified": modified, "aliases": [f"CVE-2024-{rid[-4:]}"],
        "affected": [{"package": {"ecosystem": "PyPI", "name": name},
                      "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "2.32.0"}]}]}],
    }).encode()


def make_zip(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


@pytest.fixture
def db(tmp_path: Path) -> Iterator[VulnDB]:
    d = VulnDB(tmp_path / "v.sqlite")
    yield d
    d.close()


# ----------------------------------------------------------------------------------------- archives


def test_all_zip_is_imported_in_memory(tmp_path: Path, db: VulnDB) -> None:
    z = tmp_path / "all.zip"
    z.write_bytes(make_zip({
        "PYSEC-2024-0001.json": record("PYSEC-2024-0001"),
        "PYSEC-2024-0002.json": record("PYSEC-2024-0002", "urllib3"),
        "broken.json": b"{",
        "LICENSE": b"text",
    }))
    report = import_paths(db, [z])
    assert (report.added, len(report.errors), report.refused_archives) == (2, 1, 0)
    assert report.errors[0].file.endswith("all.zip!broken.json")
    assert [r["id"] for r in db.advisories_for("pypi", "Requests")] == ["PYSEC-2024-0001"]
    # nothing was extracted next to the archive
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("v.sqlite")) == ["all.zip"]


def test_zip_inside_a_directory_is_found(tmp_path: Path, db: VulnDB) -> None:
    (tmp_path / "dl").mkdir()
    (tmp_path / "dl" / "PyPI-all.zip").write_bytes(make_zip({"a/PYSEC-2024-0001.json": record("PYSEC-2024-0001")}))
    assert import_paths(db, [tmp_path / "dl"]).added == 1


@pytest.mark.parametrize("name", ["../evil.json", "/abs/evil.json", "a/../../evil.json", "C:/evil.json",
                                  "..\\evil.json"])
def test_path_traversal_refuses_the_whole_archive(tmp_path: Path, db: VulnDB, name: str) -> None:
    z = tmp_path / "all.zip"
    z.write_bytes(make_zip({"PYSEC-2024-0001.json": record("PYSEC-2024-0001"), name: record("PYSEC-2024-0002")}))
    report = import_paths(db, [z])
    assert report.refused_archives == 1 and report.added == 0
    assert "path traversal" in report.errors[-1].reason
    assert db.counts()["advisories"] == 0


def test_zip_bomb_member_is_refused_without_inflating_it(tmp_path: Path, db: VulnDB) -> None:
    z = tmp_path / "bomb.zip"
    z.write_bytes(make_zip({"PYSEC-2024-0001.json": record("PYSEC-2024-0001"), "bomb.json": b"0" * 50_000_000}))
    assert z.stat().st_size < 200_000
    report = import_paths(db, [z], limits=ZipLimits(max_member_bytes=1_000_000))
    assert "member too large" in report.errors[0].reason and report.added == 1


def test_lying_header_size_is_caught_while_reading(tmp_path: Path, db: VulnDB) -> None:
    data = bytearray(make_zip({"x.json": b"1" * 5_000_000}, zipfile.ZIP_DEFLATED))
    # forge the declared uncompressed size (local header and central directory) down to 10 bytes
    for sig, off in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        pos = data.find(sig)
        data[pos + off:pos + off + 4] = (10).to_bytes(4, "little")
    z = tmp_path / "liar.zip"
    z.write_bytes(bytes(data))
    report = import_paths(db, [z], limits=ZipLimits(max_member_bytes=1000))
    assert report.added == 0 and report.errors  # refused or unreadable, never inflated past the cap


def test_total_and_member_count_caps(tmp_path: Path, db: VulnDB) -> None:
    z = tmp_path / "many.zip"
    z.write_bytes(make_zip({f"PYSEC-2024-{i:04d}.json": record(f"PYSEC-2024-{i:04d}") for i in range(20)}))
    report = import_paths(db, [z], limits=ZipLimits(max_members=10))
    assert report.refused_archives == 1 and "members" in report.errors[-1].reason
    report = import_paths(db, [z], limits=ZipLimits(max_total_bytes=2000))
    assert report.refused_archives == 1 and "uncompressed total" in report.errors[-1].reason
    assert db.counts()["advisories"] == 0  # rolled back whole
    assert import_paths(db, [z]).added == 20


def test_not_a_zip(tmp_path: Path, db: VulnDB) -> None:
    z = tmp_path / "all.zip"
    z.write_bytes(b"PK\x03\x04 truncated")
    report = import_paths(db, [z])
    assert report.refused_archives == 1 and "not a readable zip" in report.errors[0].reason


# ----------------------------------------------------------------------------------------- update over HTTP


class _Server:
    """A local HTTP server in a thread serving /<Ecosystem>/all.zip from a dict; records request headers."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}
        self.etag = '"v1"'
        self.status: int | None = None
        self.requests: list[dict[str, str]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server.requests.append({"path": self.path, **dict(self.headers.items())})
                if server.status:
                    self.send_error(server.status)
                    return
                body = server.files.get(self.path)
                if body is None:
                    self.send_error(404)
                    return
                if self.headers.get("If-None-Match") == server.etag:
                    self.send_response(304)
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Type", "application/zip")
                self.send_header("Content-Length", str(len(body)))
                self.send_header("ETag", server.etag)
                self.send_header("Last-Modified", "Wed, 01 May 2024 00:00:00 GMT")
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server() -> Iterator[_Server]:
    s = _Server()
    yield s
    s.close()


def test_archive_url_quotes_the_ecosystem() -> None:
    assert archive_url("https://h/", "GitHub Actions") == "https://h/GitHub%20Actions/all.zip"
    assert archive_url("https://h", "crates.io") == "https://h/crates.io/all.zip"


def test_update_downloads_imports_and_then_asks_conditionally(server: _Server, db: VulnDB) -> None:
    server.files["/PyPI/all.zip"] = make_zip({"PYSEC-2024-0001.json": record("PYSEC-2024-0001")})
    (first,) = update(db, ["pypi"], base_url=server.url, timeout=5)
    assert first.status == "updated" and first.report and first.report.added == 1
    assert db.meta_get(f"http:{server.url}/PyPI/all.zip:etag") == '"v1"'
    assert db.meta_get("last_update:PyPI")
    (second,) = update(db, ["PyPI"], base_url=server.url, timeout=5)
    assert second.status == "not-modified"
    assert server.requests[-1]["If-None-Match"] == '"v1"'
    assert server.requests[-1]["If-Modified-Since"] == "Wed, 01 May 2024 00:00:00 GMT"
    server.etag = '"v2"'
    server.files["/PyPI/all.zip"] = make_zip({
        "PYSEC-2024-0001.json": record("PYSEC-2024-0001"),
        "PYSEC-2024-0002.json": record("PYSEC-2024-0002", "flask"),
    })
    (third,) = update(db, ["PyPI"], base_url=server.url, timeout=5)
    assert third.status == "updated" and third.report and (third.report.added, third.report.unchanged) == (1, 1)


def test_update_failures_leave_the_database_untouched(server: _Server, db: VulnDB) -> None:
    server.files["/PyPI/all.zip"] = make_zip({"PYSEC-2024-0001.json": record("PYSEC-2024-0001")})
    update(db, ["PyPI"], base_url=server.url, timeout=5)
    before = (db.counts(), db.meta_items())
    (missing,) = update(db, ["npm"], base_url=server.url, timeout=5)
    assert missing.status == "failed" and "HTTP 404" in (missing.error or "")
    server.status = 500
    (broken,) = update(db, ["PyPI"], base_url=server.url, timeout=5)
    assert broken.status == "failed" and "HTTP 500" in (broken.error or "") and "not changed" in (broken.error or "")
    server.status = None
    server.etag = '"v3"'
    server.files["/PyPI/all.zip"] = make_zip({"../x.json": record("PYSEC-2024-0009")})
    (hostile,) = update(db, ["PyPI"], base_url=server.url, timeout=5)
    assert hostile.status == "failed" and "path traversal" in (hostile.error or "")
    server.files["/PyPI/all.zip"] = b"x" * 5000
    (too_big,) = update(db, ["PyPI"], base_url=server.url, timeout=5, max_bytes=1000)
    assert too_big.status == "failed" and "limit" in (too_big.error or "")
    assert (db.counts(), db.meta_items()) == before  # etag of the refused archive not stored either


def test_update_offline_and_bad_scheme(db: VulnDB) -> None:
    (offline,) = update(db, ["PyPI"], base_url="http://127.0.0.1:9", timeout=2)
    assert offline.status == "failed" and "offline?" in (offline.error or "")
    (scheme,) = update(db, ["PyPI"], base_url="file:///etc", timeout=2)
    assert scheme.status == "failed" and "scheme" in (scheme.error or "")
    assert db.counts()["advisories"] == 0


def test_cli_update(server: _Server, tmp_path: Path) -> None:
    server.files["/crates.io/all.zip"] = make_zip({"RUSTSEC-2024-0001.json": json.dumps({
        "id": "RUSTSEC-2024-0001", "modified": "2024-05-01T00:00:00Z",
        "affected": [{"package": {"ecosystem": "crates.io", "name": "smallvec"}}]}).encode()})
    out, err = io.StringIO(), io.StringIO()
    code = vulndb_main(["--db", str(tmp_path / "c.sqlite"), "update", "--ecosystem", "cargo",
                        "--base-url", server.url], out, err)
    assert code == 0 and "crates.io: updated: 1 added" in out.getvalue()
    code = vulndb_main(["--db", str(tmp_path / "c.sqlite"), "update", "--ecosystem", "npm",
                        "--base-url", server.url], io.StringIO(), err := io.StringIO())
    assert code == 2 and "HTTP 404" in err.getvalue()
