"""``ospo vulns`` over real repositories with the real pypa and RustSec advisories (skipped without ../shared).

The five findings asserted by name were checked by hand against the advisory text (docs/notes/vulns.md).
"""

from __future__ import annotations

import json

import pytest

from ospo.cli import main
from ospo.engine.vulns.db import VulnDB
from ospo.engine.vulns.importer import import_paths

pytestmark = pytest.mark.corpus

REPOS = ("EL-BID__UrbanTrips", "GSA__notifications-api", "etalab__transpo-rt", "uktrade__data-hub-api",
         "alphagov__notifications-api", "CMSgov__bluebutton-web-server")
HAND_CHECKED = {  # (repo, package, version, advisory) → recommended fix, as read in the advisory's ranges
    ("EL-BID__UrbanTrips", "numexpr", "2.14.1", "PYSEC-2023-163"): None,  # introduced 0, never fixed
    ("uktrade__data-hub-api", "pygments", "2.15.0", "PYSEC-2023-117"): "2.15.1",  # "through 2.15.0"
    ("etalab__transpo-rt", "crossbeam-deque", "0.7.3", "RUSTSEC-2021-0093"): "0.7.4",
    ("etalab__transpo-rt", "regex", "1.4.1", "RUSTSEC-2022-0013"): "1.5.5",
    ("etalab__transpo-rt", "time", "0.2.22", "RUSTSEC-2020-0071"): "0.2.23",  # introduced 0.2.7-0, fixed 0.2.23
}


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory):
    from util import SHARED

    osv = SHARED / "corpus" / "osv"
    if not (osv / "pypa").is_dir() or not (SHARED / "corpus" / "repos").is_dir():
        pytest.skip("../shared/corpus is not present")
    path = tmp_path_factory.mktemp("corpus") / "osv.sqlite"
    with VulnDB(path) as db:
        report = import_paths(db, [str(osv / "pypa" / "vulns"), str(osv / "rustsec" / "osv-json")])
        assert report.added > 3000 and not report.errors
        withdrawn = {r[0] for r in db.conn.execute("SELECT id FROM advisories WHERE withdrawn IS NOT NULL")}
    return path, withdrawn


@pytest.fixture(scope="module")
def results(corpus_db, tmp_path_factory):
    from util import CORPUS_REPOS

    path, _ = corpus_db
    out = tmp_path_factory.mktemp("out") / "vulns.json"
    code = main(["vulns", *(str(CORPUS_REPOS / r) for r in REPOS), "--db", str(path), "--format", "json",
                 "--output", str(out), "--max-age-days", "100000"])
    assert code == 0
    return {r["name"]: r for r in json.loads(out.read_text())}


def test_hand_checked_findings(results) -> None:
    for (repo, name, version, adv), fix in HAND_CHECKED.items():
        hits = [f for f in results[repo]["findings"]
                if f["name"] == name and f["version"] == version and adv in f["advisories"]]
        assert len(hits) == 1, (repo, name, adv)
        assert hits[0]["recommended_fix"] == fix


def test_every_pinned_component_is_checked_and_unpinned_are_listed(results) -> None:
    from ospo.engine.api import scan_input

    from util import CORPUS_REPOS

    for repo in ("EL-BID__UrbanTrips", "etalab__transpo-rt"):
        scan = scan_input(str(CORPUS_REPOS / repo))
        r = results[repo]
        assert r["checked"] == sum(1 for c in scan.components if c.pinned and c.version)
        assert {n["name"] for n in r["not_checked"]} == {c.name for c in scan.components if not c.pinned}


def test_findings_are_consistent(results, corpus_db) -> None:
    from ospo.engine.vulns.versions import version_key

    _, withdrawn = corpus_db
    total = 0
    for r in results.values():
        for f in r["findings"]:
            total += 1
            assert not set(f["advisories"]) & withdrawn
            assert f["purl"].endswith("@" + f["version"]) and f["state"] == "untriaged"
            if f["recommended_fix"]:
                assert version_key(f["ecosystem"], f["recommended_fix"]) > version_key(f["ecosystem"], f["version"])
    assert total >= 90  # transpo-rt alone carries 90+ (old Cargo.lock); the count is in docs/notes/vulns.md


def test_stale_corpus_data_warns(corpus_db, capsys) -> None:
    from util import CORPUS_REPOS

    path, _ = corpus_db
    code = main(["vulns", str(CORPUS_REPOS / "etalab__transpo-rt"), "--db", str(path), "--format", "sarif",
                 "--fail-on", "critical", "--max-age-days", "1"])
    log = json.loads(capsys.readouterr().out)
    assert code == 1  # crossbeam-deque's CVSS 9.8 is open
    assert "STALE" in log["runs"][0]["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"]


def test_known_gaps_closed_on_the_real_data(results) -> None:
    """transpo-rt's Cargo.lock: stdweb's fix is written ``fixed: 0.4.21-0`` (a prerelease floor) and must be
    recommended as the release 0.4.21; failure's RUSTSEC-2019-0036 (type confusion) and RUSTSEC-2020-0036
    (unmaintained) share four aliases but neither names the other, so they are two findings."""
    findings = results["etalab__transpo-rt"]["findings"]
    stdweb = [f for f in findings if f["name"] == "stdweb"]
    assert stdweb and all(f["recommended_fix"] == "0.4.21" for f in stdweb if "RUSTSEC-2020-0056" in f["advisories"])
    failure = sorted(f["advisories"] for f in findings if f["name"] == "failure")
    assert failure == [["RUSTSEC-2019-0036"], ["RUSTSEC-2020-0036"]], failure
    for f in findings:  # no stable component is ever told to move to a prerelease
        if f["recommended_fix"] and "-" not in f["version"]:
            assert "-" not in f["recommended_fix"], (f["name"], f["version"], f["recommended_fix"])
