"""vuln_scan: components → findings (aliases merged, withdrawn ignored), not-checked lists, freshness, triage."""

from __future__ import annotations

import pytest

from ospo.engine.api import scan_input
from ospo.engine.model import Component, ScanResult
from ospo.engine.vulns.db import VulnDB
from ospo.engine.vulns.messages import CATALOG
from ospo.engine.vulns.scan import vuln_scan
from ospo.engine.vulns.severity import Severity
from ospo.engine.vulns.vex import Decision
from vulns_fixtures import FRESH, REPO, fixture_db


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = fixture_db(tmp_path_factory.mktemp("vdb") / "v.sqlite")
    with VulnDB(path) as handle:
        yield handle


@pytest.fixture(scope="module")
def repo_scan():
    return scan_input(str(REPO))


def by_name(report):  # type: ignore[no-untyped-def]
    return {f.name: f for f in report.findings}


def test_findings_per_ecosystem(db, repo_scan) -> None:
    r = vuln_scan(repo_scan, db, max_age_days=FRESH)
    got = {(f.purl_type, f.name, f.version, f.id, f.severity.rating, f.recommended_fix) for f in r.findings}
    assert got == {
        ("pypi", "django", "3.2.18", "CVE-2099-1001", "Critical", "3.2.19"),
        ("npm", "lodash", "4.17.20", "CVE-2099-2001", "High", "4.17.21"),
        ("npm", "minimist", "1.2.5", "GHSA-test-npm-0002", "Medium", "1.2.6"),
        ("maven", "org.apache.logging.log4j:log4j-core", "2.14.1", "CVE-2099-3001", "Critical", "2.15.0"),
        ("golang", "golang.org/x/net", "v0.6.0", "CVE-2099-4001", "Unknown", "0.7.0"),
    }
    assert r.warnings == []  # fresh enough under this limit, no parse issues


def test_aliases_merge_into_one_finding_and_withdrawn_never_matches(db, repo_scan) -> None:
    r = vuln_scan(repo_scan, db, max_age_days=FRESH)
    django = [f for f in r.findings if f.name == "django"]
    assert len(django) == 1
    assert set(django[0].advisory_ids) == {"PYSEC-TEST-1", "GHSA-test-aaaa-0001"}
    assert {"PYSEC-TEST-1", "GHSA-test-aaaa-0001"} <= set(django[0].aliases)
    assert django[0].severity.score == 9.8  # the CVSS vector outranks the GHSA label
    assert [f.id for f in r.findings if f.name == "lodash"] == ["CVE-2099-2001"]  # not the withdrawn one
    assert "jinja2" not in by_name(r)  # 3.1.4 is past the fix


def test_locations_point_at_the_declaring_line(db, repo_scan) -> None:
    f = by_name(vuln_scan(repo_scan, db, max_age_days=FRESH))
    assert (f["django"].locations[0].path, f["django"].locations[0].line) == ("requirements.txt", 1)
    assert f["golang.org/x/net"].locations[0].path == "go.mod"
    assert f["org.apache.logging.log4j:log4j-core"].locations[0].path == "pom.xml"


def test_unpinned_components_are_listed_not_checked(db, repo_scan) -> None:
    r = vuln_scan(repo_scan, db, max_age_days=FRESH)
    unpinned = {n.name: n for n in r.not_checked if n.reason == "unpinned"}
    assert "requests" in unpinned and unpinned["requests"].version == ">=2.0"
    assert r.checked + len(r.not_checked) == len(repo_scan.components)


def test_unsupported_ecosystem_is_reported() -> None:
    scan = ScanResult("x", "x", components=[Component("generic", "thing", "1.0", "pkg:generic/thing@1.0")])
    with VulnDB(":memory:") as db:
        r = vuln_scan(scan, db)
    assert [n.reason for n in r.not_checked] == ["unsupported-ecosystem"] and r.checked == 0


def test_empty_database_warns(repo_scan) -> None:
    with VulnDB(":memory:") as db:
        r = vuln_scan(repo_scan, db)
    assert r.findings == [] and r.freshness.empty
    assert [w.key for w in r.warnings] == ["warn.db_empty"]


def test_stale_database_warns(db, repo_scan) -> None:
    r = vuln_scan(repo_scan, db, max_age_days=7)
    assert [w.key for w in r.warnings] == ["warn.db_stale"]
    assert r.warnings[0].params["limit"] == "7"
    assert len(r.findings) == 5  # stale data still produces its findings


def test_triage_by_alias_and_unversioned_purl(db, repo_scan) -> None:
    decisions = [
        Decision("GHSA-test-aaaa-0001", "pkg:pypi/Django", "not_affected", "vulnerable_code_not_in_execute_path",
                 "we never use the raw SQL helper", "sec@example.gov", "2024-06-01T00:00:00Z"),
        Decision("CVE-2099-2001", "pkg:npm/lodash@4.17.19", "false_positive"),  # another version: no effect
        Decision("CVE-2099-3001", "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1", "affected",
                 action="upgrade scheduled"),
    ]
    f = by_name(vuln_scan(repo_scan, db, decisions, max_age_days=FRESH))
    assert f["django"].state == "not_affected" and f["django"].decision.author == "sec@example.gov"
    assert f["lodash"].state == "untriaged"
    assert f["org.apache.logging.log4j:log4j-core"].state == "affected"


def test_fail_on_thresholds_and_closed_states(db, repo_scan) -> None:
    r = vuln_scan(repo_scan, db, max_age_days=FRESH)
    assert {f.name for f in r.failing("critical")} == {"django", "org.apache.logging.log4j:log4j-core",
                                                        "golang.org/x/net"}  # Unknown fails closed
    assert len(r.failing("low")) == 5
    assert r.failing(None) == []
    closed = [Decision(i, p, s, j) for i, p, s, j in [
        ("CVE-2099-1001", "pkg:pypi/django", "fixed", None),
        ("CVE-2099-3001", "pkg:maven/org.apache.logging.log4j/log4j-core", "not_affected", "component_not_present"),
        ("CVE-2099-4001", "pkg:golang/golang.org/x/net@v0.6.0", "false_positive", None)]]
    r2 = vuln_scan(repo_scan, db, closed, max_age_days=FRESH)
    assert r2.failing("critical") == []
    assert {f.name for f in r2.failing("medium")} == {"lodash", "minimist"}


def test_none_rating_never_fails() -> None:
    from ospo.engine.vulns.scan import VulnFinding

    f = VulnFinding("RUSTSEC-X", [], "pkg:cargo/x@1", "cargo", "x", "1", Severity("None", label="unmaintained"),
                    [], None, "", [], [], None, "runtime")
    assert not f.at_least("low")


def test_catalog_is_complete() -> None:
    assert CATALOG.missing() == []


def test_a_pinned_constraint_is_reported_not_checked_never_matched(db) -> None:
    """A component marked pinned whose version is a constraint or a tag (a broken lockfile, a hand-written
    SBOM) is listed as not checked with reason ``not-a-version``; the rest of the input is still matched."""
    comps = [Component("npm", "lodash", v, f"pkg:npm/lodash@{v}") for v in ("^4.17.0", "latest", "4.17.*")]
    comps.append(Component("npm", "lodash", "4.17.19", "pkg:npm/lodash@4.17.19"))
    comps.append(Component("maven", "org.apache.logging.log4j:log4j-core", "[2.0,2.15)",
                           "pkg:maven/org.apache.logging.log4j/log4j-core"))
    r = vuln_scan(ScanResult("x", "x", components=comps), db, max_age_days=FRESH)
    assert sorted(n.version for n in r.not_checked if n.reason == "not-a-version") == \
        ["4.17.*", "[2.0,2.15)", "^4.17.0", "latest"]
    assert r.checked == 1 and [(f.name, f.version) for f in r.findings] == [("lodash", "4.17.19")]
    from ospo.engine.vulns.report import to_json, to_table

    assert "constraint or a tag" in to_table([r], "en") and "restricción" in to_table([r], "es")
    doc = __import__("json").loads(to_json([r], "en"))[0]
    assert sum(n["reason"] == "not-a-version" for n in doc["not_checked"]) == 4
