"""The local vulnerability database: OSV validation, import (files, directories, YAML), incremental updates,
withdrawn advisories, lookups, aliases, freshness and the ``ospo vulndb`` command."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from ospo.engine.safeparse import ParseFailure
from ospo.engine.vulns.cli import vulndb_main
from ospo.engine.vulns.db import SCHEMA, VulnDB, default_db_path
from ospo.engine.vulns.freshness import assess
from ospo.engine.vulns.importer import import_paths
from ospo.engine.vulns.osv import load_record, normalize_timestamp, validate


def osv(rid: str = "GHSA-aaaa-bbbb-cccc", modified: str = "2024-05-01T10:00:00Z", eco: str = "PyPI",
        name: str = "Django", **extra: object) -> dict:
    doc: dict = {
        "schema_version": "1.6.0",
        "id": rid,
        "modified": modified,
        "published": "2024-04-01T00:00:00Z",
        "aliases": ["CVE-2024-0001"],
        "summary": "SQL injection in QuerySet.filter",
        "affected": [{
            "package": {"ecosystem": eco, "name": name},
            "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "4.0"}, {"fixed": "4.2.11"}]}],
            "versions": ["4.0", "4.1"],
        }],
    }
    doc.update(extra)
    return doc


def write(path: Path, doc: dict | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(doc if isinstance(doc, str) else json.dumps(doc))
    return path


@pytest.fixture
def db(tmp_path: Path) -> VulnDB:
    d = VulnDB(tmp_path / "v.sqlite")
    yield d
    d.close()


# ----------------------------------------------------------------------------------------- validation


def test_validate_keeps_full_record_and_indexes_normalised_names() -> None:
    rec = validate(osv(name="Zope.Interface"))
    assert rec.id == "GHSA-aaaa-bbbb-cccc"
    assert rec.modified == "2024-05-01T10:00:00.000000Z"
    assert rec.aliases == ("CVE-2024-0001",)
    assert [(k.osv_ecosystem, k.purl_type, k.name) for k in rec.affected] == [("PyPI", "pypi", "zope-interface")]
    assert rec.record["affected"][0]["versions"] == ["4.0", "4.1"]


@pytest.mark.parametrize(("mutate", "reason"), [
    (lambda d: d.pop("id"), "id: missing"),
    (lambda d: d.update(id=42), "id: missing or not a string"),
    (lambda d: d.update(id="../../etc"), "not a valid advisory identifier"),
    (lambda d: d.pop("modified"), "modified: missing"),
    (lambda d: d.update(modified="yesterday"), "not an RFC 3339 timestamp"),
    (lambda d: d.update(aliases="CVE-1"), "aliases: expected a list"),
    (lambda d: d.update(aliases=[1]), "aliases[0]: expected a string"),
    (lambda d: d.update(affected={"package": {}}), "affected: expected a list"),
    (lambda d: d["affected"][0].update(package="x"), "package: expected an object"),
    (lambda d: d["affected"][0]["package"].update(name=""), "package.name"),
    (lambda d: d["affected"][0]["package"].update(ecosystem=None), "package.ecosystem"),
    (lambda d: d["affected"][0].update(ranges=[{"type": "ECOSYSTEM", "events": []}]), "events: expected a non-empty"),
    (lambda d: d["affected"][0].update(ranges=[{"type": "RANGE", "events": [{"fixed": "1"}]}]), "type"),
    (lambda d: d["affected"][0]["ranges"][0].update(events=[{"fixed": 1}]), "expected a non-empty version string"),
    (lambda d: d["affected"][0]["ranges"][0].update(events=[{"patched": "1"}]), "unknown event"),
    (lambda d: d["affected"][0]["ranges"][0].update(events=[{"fixed": "1", "introduced": "0"}]), "exactly one"),
    (lambda d: d["affected"][0].update(versions=[None]), "versions[0]"),
    (lambda d: d.update(severity=[{"type": "CVSS_V3"}]), "severity[0]"),
    (lambda d: d.update(references=["http://x"]), "references"),
    (lambda d: d.update(summary=["x"]), "summary: expected a string"),
])
def test_validate_rejects_wrong_types_with_a_reason(mutate, reason: str) -> None:  # type: ignore[no-untyped-def]
    doc = osv()
    mutate(doc)
    with pytest.raises(ParseFailure, match=reason.replace("[", r"\[").replace("]", r"\]")):
        validate(doc)


def test_validate_rejects_non_objects_and_deep_nesting() -> None:
    for doc in ([], "x", None, 3):
        with pytest.raises(ParseFailure):
            validate(doc)
    deep: dict = {}
    cur = deep
    for _ in range(150):
        cur["x"] = {}
        cur = cur["x"]
    with pytest.raises(ParseFailure, match="nested too deeply"):
        validate(osv(database_specific=deep))
    with pytest.raises(ParseFailure, match="nested too deeply"):
        load_record(b"[" * 100_000 + b"]" * 100_000)


def test_timestamps_normalise_to_fixed_width_utc() -> None:
    assert normalize_timestamp("2024-01-02T03:04:05Z", "m") == "2024-01-02T03:04:05.000000Z"
    assert normalize_timestamp("2024-01-02T05:04:05.123456789+02:00", "m") == "2024-01-02T03:04:05.123456Z"
    assert normalize_timestamp(datetime(2024, 1, 2, tzinfo=UTC), "m") == "2024-01-02T00:00:00.000000Z"


def test_yaml_record_with_timestamps_and_hostile_yaml() -> None:
    text = (
        "id: PYSEC-2023-121\nmodified: 2023-07-25T16:31:58.309647Z\npublished: 2023-03-31T20:15:00Z\n"
        "aliases:\n- CVE-2022-4899\naffected:\n- package:\n    ecosystem: PyPI\n    name: zstd\n"
        "  ranges:\n  - type: ECOSYSTEM\n    events:\n    - introduced: '0'\n    - fixed: 1.5.5.1\n"
    )
    rec = load_record(text.encode(), "PYSEC-2023-121.yaml")
    assert rec.modified == "2023-07-25T16:31:58.309647Z"
    assert rec.record["modified"] == "2023-07-25T16:31:58.309647Z"  # the datetime became JSON text
    bomb = "a: &a [x,x,x,x,x,x,x,x,x]\n" + "".join(
        f"{c}: &{c} [{','.join(['*' + p] * 9)}]\n" for p, c in zip("abcdefgh", "bcdefghi", strict=True))
    with pytest.raises(ParseFailure):
        load_record(bomb.encode(), "bomb.yaml")
    with pytest.raises(ParseFailure, match="bytes"):
        load_record(b"id: X-1\nmodified: 2024-01-01T00:00:00Z\nx: !!binary aGVsbG8=\n", "b.yaml")
    with pytest.raises(ParseFailure):
        load_record(b"id: X-1\nmodified: 2024-01-01T00:00:00Z\nx: !!python/object:os.system {}\n", "b.yaml")


# ----------------------------------------------------------------------------------------- import + query


def test_import_directory_json_and_yaml_and_query(tmp_path: Path, db: VulnDB) -> None:
    write(tmp_path / "data" / "a" / "GHSA-aaaa-bbbb-cccc.json", osv())
    write(tmp_path / "data" / "b" / "RUSTSEC-2024-0001.json",
          osv("RUSTSEC-2024-0001", eco="crates.io", name="Smallvec", aliases=["GHSA-zzzz-yyyy-xxxx"]))
    write(tmp_path / "data" / "c" / "PYSEC-2024-1.yaml",
          "id: PYSEC-2024-1\nmodified: 2024-06-01T00:00:00Z\naliases: [CVE-2024-0001]\naffected:\n"
          "- package: {ecosystem: PyPI, name: django}\n  versions: ['4.0']\n")
    write(tmp_path / "data" / "README.md", "not an advisory")
    write(tmp_path / "data" / "notes.json", {"hello": "world"})
    report = import_paths(db, [tmp_path / "data"])
    assert (report.added, report.updated, report.unchanged, len(report.errors)) == (3, 0, 0, 0)
    assert [s.reason for s in report.skipped] == ["not an advisory in a known format"]
    ids = [r["id"] for r in db.advisories_for("pypi", "DJANGO")]
    assert ids == ["GHSA-aaaa-bbbb-cccc", "PYSEC-2024-1"]
    assert [r["id"] for r in db.advisories_for("cargo", "smallvec")] == ["RUSTSEC-2024-0001"]
    assert db.advisories_for("npm", "django") == []
    many = db.advisories_for_many([("pypi", "django"), ("pypi", "Django"), ("cargo", "nope")])
    assert len(many[("pypi", "Django")]) == 2 and many[("cargo", "nope")] == []
    assert db.ids_for_alias("CVE-2024-0001") == ["GHSA-aaaa-bbbb-cccc", "PYSEC-2024-1"]
    assert db.get("RUSTSEC-2024-0001")["affected"][0]["package"]["name"] == "Smallvec"
    assert db.counts()["per_ecosystem"] == {"PyPI": 2, "crates.io": 1}


def test_incremental_reimport_skips_unchanged_and_older_and_applies_newer(tmp_path: Path, db: VulnDB) -> None:
    f = write(tmp_path / "GHSA-aaaa-bbbb-cccc.json", osv())
    assert import_paths(db, [f]).added == 1
    again = import_paths(db, [f])
    assert (again.added, again.updated, again.unchanged) == (0, 0, 1)
    write(f, osv(modified="2023-01-01T00:00:00Z", summary="older text"))
    assert import_paths(db, [f]).unchanged == 1
    assert db.get("GHSA-aaaa-bbbb-cccc")["summary"] == "SQL injection in QuerySet.filter"
    write(f, osv(modified="2024-06-01T00:00:00Z", name="flask"))
    assert import_paths(db, [f]).updated == 1
    assert db.advisories_for("pypi", "django") == []  # the old index row is gone
    assert [r["id"] for r in db.advisories_for("pypi", "flask")] == ["GHSA-aaaa-bbbb-cccc"]
    assert db.meta_get("newest_modified") == "2024-06-01T00:00:00.000000Z"


def test_withdrawn_advisories_are_stored_but_not_returned(tmp_path: Path, db: VulnDB) -> None:
    f = write(tmp_path / "x.json", osv(withdrawn="2024-05-02T00:00:00Z", modified="2024-05-02T00:00:00Z"))
    report = import_paths(db, [f])
    assert (report.added, report.withdrawn) == (1, 1)
    assert db.advisories_for("pypi", "django") == []
    assert [r["id"] for r in db.advisories_for("pypi", "django", include_withdrawn=True)] == ["GHSA-aaaa-bbbb-cccc"]
    assert db.counts()["withdrawn"] == 1
    assert db.freshness().empty  # a withdrawn advisory checks nothing


def test_bad_files_become_error_entries_and_the_import_goes_on(tmp_path: Path, db: VulnDB) -> None:
    write(tmp_path / "d" / "good.json", osv())
    write(tmp_path / "d" / "broken.json", "{not json")
    write(tmp_path / "d" / "wrong.json", osv("GHSA-2", affected=[{"package": {"ecosystem": 3, "name": "x"}}]))
    write(tmp_path / "d" / "deep.json", "[" * 5000 + "]" * 5000)
    (tmp_path / "d" / "bin.json").write_bytes(b"\x00\x01\x02")
    report = import_paths(db, [tmp_path / "d", tmp_path / "missing.json"])
    assert report.added == 1
    reasons = {Path(e.file).name: e.reason for e in report.errors}
    assert set(reasons) == {"broken.json", "wrong.json", "deep.json", "bin.json", "missing.json"}
    assert "invalid JSON at line 1" in reasons["broken.json"]
    assert "package.ecosystem" in reasons["wrong.json"]
    assert reasons["missing.json"] == "no such file or directory"


def test_explicit_unknown_file_is_an_error(tmp_path: Path, db: VulnDB) -> None:
    f = write(tmp_path / "package.json", {"name": "x", "version": "1.0.0"})
    report = import_paths(db, [f])
    assert report.errors and "not an advisory in a known format" in report.errors[0].reason


def test_same_id_twice_in_one_import_keeps_the_newest(tmp_path: Path, db: VulnDB) -> None:
    write(tmp_path / "d" / "1.json", osv(modified="2024-01-01T00:00:00Z", summary="old"))
    write(tmp_path / "d" / "2.json", osv(modified="2024-03-01T00:00:00Z", summary="new"))
    write(tmp_path / "d" / "3.json", osv(modified="2024-02-01T00:00:00Z", summary="middle"))
    report = import_paths(db, [tmp_path / "d"])
    assert (report.added, report.updated, report.unchanged) == (1, 1, 1)
    assert db.get("GHSA-aaaa-bbbb-cccc")["summary"] == "new"


def test_index_is_refreshed_after_an_import(tmp_path: Path, db: VulnDB) -> None:
    assert db.advisories_for("pypi", "django") == []
    import_paths(db, [write(tmp_path / "a.json", osv())])
    assert len(db.advisories_for("pypi", "django")) == 1


def test_maven_and_go_names(tmp_path: Path, db: VulnDB) -> None:
    import_paths(db, [
        write(tmp_path / "m.json", osv("GHSA-m", eco="Maven", name="org.apache.logging.log4j:log4j-core")),
        write(tmp_path / "g.json", osv("GO-2024-1", eco="Go", name="github.com/Sirupsen/logrus")),
        write(tmp_path / "d.json", osv("DEBIAN-1", eco="Debian:12", name="openssl")),
    ])
    assert len(db.advisories_for("maven", "org.apache.logging.log4j/log4j-core")) == 1
    assert len(db.advisories_for("golang", "github.com/Sirupsen/logrus")) == 1
    assert db.advisories_for("golang", "github.com/sirupsen/logrus") == []  # Go module paths keep their case
    assert db.counts()["per_ecosystem"]["Debian:12"] == 1


# ----------------------------------------------------------------------------------------- freshness


def test_freshness_empty_fresh_and_stale(tmp_path: Path, db: VulnDB) -> None:
    empty = db.freshness()
    assert empty.empty and empty.stale and "EMPTY" in (empty.warning or "")
    import_paths(db, [write(tmp_path / "a.json", osv(modified="2024-05-01T10:00:00Z"))])
    now = datetime(2024, 5, 3, 10, 0, tzinfo=UTC)
    fresh = db.freshness(max_age_days=7, now=now)
    assert (fresh.empty, fresh.stale, fresh.warning, fresh.age_days) == (False, False, None, 2.0)
    stale = db.freshness(max_age_days=7, now=now + timedelta(days=30))
    assert stale.stale and "STALE" in (stale.warning or "") and "32 days" in (stale.warning or "")
    assert db.freshness(max_age_days=100, now=now + timedelta(days=30)).warning is None
    assert stale.last_import is not None


def test_assess_without_dates_warns() -> None:
    f = assess(3, None, None)
    assert f.stale and f.warning and "unknown" in f.warning


# ----------------------------------------------------------------------------------------- schema, paths, CLI


def test_schema_is_portable_sql() -> None:
    text = " ".join(SCHEMA).upper()
    for sqlite_only in ("AUTOINCREMENT", "WITHOUT ROWID", "JSON_", "PRAGMA", "STRICT", "GLOB"):
        assert sqlite_only not in text
    assert "CREATE TABLE IF NOT EXISTS ADVISORIES" in text and "CREATE TABLE IF NOT EXISTS META" in text


def test_default_path_is_overridable(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("OSPO_VULNDB", str(tmp_path / "x.db"))
    assert default_db_path() == tmp_path / "x.db"
    monkeypatch.delenv("OSPO_VULNDB")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert default_db_path() == tmp_path / "data" / "ospo" / "vulndb.sqlite"


def test_cli_import_and_status(tmp_path: Path) -> None:
    dbp = str(tmp_path / "c.sqlite")
    out, err = io.StringIO(), io.StringIO()
    assert vulndb_main(["--db", dbp, "status"], out, err) == 0
    assert "EMPTY" in err.getvalue()
    f = write(tmp_path / "a.json", osv())
    out, err = io.StringIO(), io.StringIO()
    assert vulndb_main(["--db", dbp, "import", str(f)], out, err) == 0
    assert "1 added" in out.getvalue() and "STALE" in err.getvalue()
    out, err = io.StringIO(), io.StringIO()
    assert vulndb_main(["--db", dbp, "--json", "status"], out, err) == 0
    status = json.loads(out.getvalue())
    assert status["advisories"] == 1 and status["per_ecosystem"] == {"PyPI": 1}
    assert status["freshness"]["stale"] is True and status["freshness"]["warning"]
    bad = write(tmp_path / "bad.json", "{")
    assert vulndb_main(["--db", dbp, "import", str(bad)], io.StringIO(), err := io.StringIO()) == 1
    assert "bad.json" in err.getvalue()
    assert vulndb_main(["--db", dbp, "nonsense"], io.StringIO(), io.StringIO()) == 2
