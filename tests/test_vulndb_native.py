"""Converters from native advisory formats (rubysec, FriendsOfPHP, nodejs security-wg, victims) to OSV."""

from __future__ import annotations

import json
from functools import cmp_to_key
from pathlib import Path

import pytest
import yaml

from ospo.engine.safeparse import ParseFailure
from ospo.engine.vulns.db import VulnDB
from ospo.engine.vulns.importer import ImportReport, import_paths, records_from_bytes
from ospo.engine.vulns.native import (
    convert_friendsofphp,
    convert_nodejs,
    convert_rubysec,
    convert_victims,
    detect_format,
    gem_bump,
    gem_compare,
    npm_range_to_osv,
    victims_ranges,
)
from ospo.engine.vulns.osv import validate

RUBYSEC = """\
---
gem: actionpack
framework: rails
cve: 2016-0752
osvdb: 133734
ghsa: 2j6m-f9h3-5h9p
url: https://groups.google.com/forum/#!topic/rubyonrails-security/335P1DcLG00
title: Possible Information Leak Vulnerability in Action View
date: 2016-01-25
description: |
  There is a possible directory traversal and information leak vulnerability
  in Action View.
cvss_v3: 7.5
unaffected_versions:
  - "< 3.0.0"
patched_versions:
  - "~> 3.2.22.1"
  - "~> 4.1.14, >= 4.1.14.1"
  - "~> 4.2.5, >= 4.2.5.1"
  - ">= 5.0.0.beta1.1"
related:
  url:
    - https://github.com/advisories/GHSA-2j6m-f9h3-5h9p
"""

FRIENDSOFPHP = """\
title:     Unsafe deserialization in SmtpTransport
link:      https://bakery.cakephp.org/2019/04/23/cakephp_377_3615_3518_released.html
cve:       CVE-2019-11458
branches:
    3.5.x:
        time:     2019-04-23 22:08:00
        versions: ['>=3.0.0', '<3.5.18']
    3.6.x:
        time:     2019-04-20 22:08:00
        versions: ['>=3.6.0', '<=3.6.14']
    2.x:
        time:     ~
        versions: ['>2.0.0', '<3.0.0']
reference: composer://cakephp/cakephp
"""

NODEJS = {
    "id": 48, "title": "Regular Expression Denial of Service", "overview": "uglify-js is vulnerable to ReDoS.",
    "created_at": "2015-10-24", "updated_at": "2018-03-01", "publish_date": "2015-10-24",
    "module_name": "uglify-js", "cves": ["CVE-2015-8858"],
    "vulnerable_versions": "<2.6.0 || >=3.0.0 <3.0.5 || 3.1.0", "patched_versions": ">=2.6.0 <3.0.0 || >=3.0.5",
    "recommendation": "Update to version 2.6.0 or later.", "references": ["https://nodesecurity.io/advisories/48"],
    "cvss_vector": "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:L", "cvss_score": 5.3,
}

VICTIMS = """\
---
cve: 2014-3623
title: "Improper security semantics enforcement of SAML SubjectConfirmation methods"
references:
    - http://cxf.apache.org/security-advisories.data/CVE-2014-3623.txt.asc
affected:
    - groupId: "org.apache.cxf"
      artifactId: "cxf-rt-security"
      version:
        - "<=2.7.12,2"
        - "<=3.0.1,3"
      fixedin:
        - ">=2.7.13,2"
        - ">=3.0.2,3"
    - groupId: "wss4j"
      artifactId: "wss4j"
      version:
        - "==1.5.1"
"""


def affected(version: str, events: list[dict[str, str]], cmp) -> bool:  # type: ignore[no-untyped-def]
    """OSV's evaluation of one range's events (introduced/fixed/last_affected) with a version comparator."""
    state = False
    for ev in sorted(events, key=cmp_to_key(lambda a, b: cmp(next(iter(a.values())), next(iter(b.values()))))):
        (kind, v), = ev.items()
        c = 1 if v == "0" and kind == "introduced" else cmp(version, v)
        if kind == "introduced" and c >= 0:
            state = True
        elif (kind == "fixed" and c >= 0) or (kind == "last_affected" and c > 0):
            state = False
    return state


# ----------------------------------------------------------------------------------------- rubysec


def test_rubysec_complement_of_patched_and_unaffected() -> None:
    rec = convert_rubysec(yaml.safe_load(RUBYSEC), "gems/actionpack/CVE-2016-0752.yml")
    osv = validate(rec)
    assert osv.id == "RUBYSEC-actionpack-CVE-2016-0752"
    assert osv.aliases == ("CVE-2016-0752", "GHSA-2j6m-f9h3-5h9p", "OSVDB-133734")
    assert osv.published == osv.modified == "2016-01-25T00:00:00.000000Z"
    (aff,) = rec["affected"]
    assert aff["package"] == {"ecosystem": "RubyGems", "name": "actionpack"}
    assert aff["ranges"][0]["events"] == [
        {"introduced": "3.0.0"}, {"fixed": "3.2.22.1"},
        {"introduced": "3.2.23"}, {"fixed": "4.1.14.1"},
        {"introduced": "4.2"}, {"fixed": "4.2.5.1"},
        {"introduced": "4.3"}, {"fixed": "5.0.0.beta1.1"},
    ]
    assert aff["database_specific"]["patched_versions"][1] == "~> 4.1.14, >= 4.1.14.1"
    assert rec["database_specific"]["source"] == "rubysec"
    events = aff["ranges"][0]["events"]
    for version, expected in [("2.3.18", False), ("3.0.0", True), ("3.2.22", True), ("3.2.22.1", False),
                              ("3.2.22.5", False), ("4.0.13", True), ("4.1.14", True), ("4.1.14.1", False),
                              ("4.2.5", True), ("4.2.5.2", False), ("4.2.6", False), ("5.0.0.beta1", True),
                              ("5.0.0.beta1.1", False), ("5.0.0", False), ("6.1", False)]:
        assert affected(version, events, gem_compare) is expected, version


@pytest.mark.parametrize(("safe", "events"), [
    ([], [{"introduced": "0"}]),
    ([">= 2.2.1"], [{"introduced": "0"}, {"fixed": "2.2.1"}]),
    (["> 2.2.1"], [{"introduced": "0"}, {"last_affected": "2.2.1"}]),
    (["< 1.0", ">= 1.5"], [{"introduced": "1.0"}, {"fixed": "1.5"}]),
    (["= 1.2.3"], [{"introduced": "0"}, {"fixed": "1.2.3"}, {"introduced": "1.2.3"}]),
    ([">= 0"], []),
    (["~> 1.2", ">= 1.1, < 1.5"], [{"introduced": "0"}, {"fixed": "1.1"}, {"introduced": "2"}]),
])
def test_rubysec_ranges(safe: list[str], events: list[dict[str, str]]) -> None:
    rec = convert_rubysec({"gem": "g", "date": "2020-01-01", "patched_versions": safe}, "gems/g/x.yml")
    ranges = rec["affected"][0].get("ranges", [])
    assert (ranges[0]["events"] if ranges else []) == events


def test_rubysec_exclusive_lower_bound_is_marked_inexact() -> None:
    rec = convert_rubysec({"gem": "g", "unaffected_versions": ["<= 1.0"]}, "gems/g/x.yml")
    rng = rec["affected"][0]["ranges"][0]
    assert rng["events"] == [{"introduced": "1.0"}]
    assert "affected from > 1.0" in rng["database_specific"]["inexact"][0]


def test_gem_version_order_and_bump() -> None:
    versions = ["1.0.0.a", "1.0.0.b1", "1.0.0.rc1", "1", "1.0.0.1", "1.0.1", "1.1", "2.0.0.pre", "2"]
    assert sorted(reversed(versions), key=cmp_to_key(gem_compare)) == versions
    assert gem_compare("1.0", "1.0.0") == 0
    bumps = (gem_bump("4.2.5"), gem_bump("3.2.22.1"), gem_bump("5"), gem_bump("1.2.0.rc1"))
    assert bumps == ("4.3", "3.2.23", "6", "1.3")
    with pytest.raises(ParseFailure):
        gem_compare("not a version!", "1")


def test_rubysec_bad_input() -> None:
    for doc in ({"gem": None}, {"gem": "x", "patched_versions": [">= 1 &&"]}, {"gem": "x", "patched_versions": {}},
                {"gem": "x", "patched_versions": ["!= 1.0"]}, {"gem": ["a"]}):
        with pytest.raises(ParseFailure):
            convert_rubysec(doc, "x.yml")


# ----------------------------------------------------------------------------------------- FriendsOfPHP


def test_friendsofphp_branches_become_ranges() -> None:
    rec = convert_friendsofphp(yaml.safe_load(FRIENDSOFPHP), "cakephp/cakephp/CVE-2019-11458.yaml")
    osv = validate(rec)
    assert osv.id == "FRIENDSOFPHP-cakephp-cakephp-CVE-2019-11458"
    assert osv.aliases == ("CVE-2019-11458",)
    assert osv.modified == "2019-04-23T22:08:00.000000Z" and osv.published is None
    (aff,) = rec["affected"]
    assert aff["package"] == {"ecosystem": "Packagist", "name": "cakephp/cakephp"}
    assert [r["events"] for r in aff["ranges"]] == [
        [{"introduced": "3.0.0"}, {"fixed": "3.5.18"}],
        [{"introduced": "3.6.0"}, {"last_affected": "3.6.14"}],
        [{"introduced": "2.0.0"}, {"fixed": "3.0.0"}],
    ]
    assert aff["ranges"][1]["database_specific"] == {"native_range": ">=3.6.0,<=3.6.14"}
    assert "exclusive lower bound > 2.0.0" in aff["ranges"][2]["database_specific"]["inexact"][0]
    assert aff["database_specific"]["branches"]["2.x"] == {"versions": [">2.0.0", "<3.0.0"], "time": None}


def test_friendsofphp_bad_input() -> None:
    good = yaml.safe_load(FRIENDSOFPHP)
    for change in ({"reference": "https://x"}, {"reference": None}, {"branches": []}, {"branches": {"a": 1}},
                   {"branches": {"a": {"versions": []}}}, {"branches": {"a": {"versions": ["~1.0"]}}}):
        with pytest.raises(ParseFailure):
            convert_friendsofphp({**good, **change}, "x.yaml")


# ----------------------------------------------------------------------------------------- npm


def test_nodejs_record() -> None:
    rec = convert_nodejs(NODEJS, "vuln/npm/48.json")
    osv = validate(rec)
    assert (osv.id, osv.aliases) == ("NSWG-ECO-48", ("CVE-2015-8858",))
    assert osv.modified == "2018-03-01T00:00:00.000000Z" and osv.published == "2015-10-24T00:00:00.000000Z"
    (aff,) = rec["affected"]
    assert [r["events"] for r in aff["ranges"]] == [
        [{"introduced": "0"}, {"fixed": "2.6.0"}], [{"introduced": "3.0.0"}, {"fixed": "3.0.5"}]]
    assert aff["versions"] == ["3.1.0"]
    assert aff["database_specific"]["patched_versions"] == ">=2.6.0 <3.0.0 || >=3.0.5"
    assert rec["severity"] == [{"type": "CVSS_V3", "score": NODEJS["cvss_vector"]}]


@pytest.mark.parametrize(("spec", "events"), [
    ("<=1.0.0", [[{"introduced": "0"}, {"last_affected": "1.0.0"}]]),
    ("< 2.0.0", [[{"introduced": "0"}, {"fixed": "2.0.0"}]]),
    (">1.2.3", [[{"introduced": "1.2.4-0"}]]),
    (">1.2.3-beta.1 <1.2.3", [[{"introduced": "1.2.3-beta.1.0"}, {"fixed": "1.2.3"}]]),
    (">=1.0.0 <=1.4.0 || >=2.0.0 <=2.1.0", [[{"introduced": "1.0.0"}, {"last_affected": "1.4.0"}],
                                            [{"introduced": "2.0.0"}, {"last_affected": "2.1.0"}]]),
    ("<1.6.0 >=1.0.0", [[{"introduced": "1.0.0"}, {"fixed": "1.6.0"}]]),
    ("~1.2.3", [[{"introduced": "1.2.3"}, {"fixed": "1.3.0"}]]),
    ("^0.0.3", [[{"introduced": "0.0.3"}, {"fixed": "0.0.4"}]]),
    ("^1.2", [[{"introduced": "1.2.0"}, {"fixed": "2.0.0"}]]),
    ("1.x", [[{"introduced": "1.0.0"}, {"fixed": "2.0.0"}]]),
    ("<=1.2", [[{"introduced": "0"}, {"fixed": "1.3.0"}]]),
    ("1.0.0 - 1.2.0", [[{"introduced": "1.0.0"}, {"last_affected": "1.2.0"}]]),
    ("*", [[{"introduced": "0"}]]),
    ("<=v0.4.11", [[{"introduced": "0"}, {"last_affected": "0.4.11"}]]),
])
def test_npm_ranges(spec: str, events: list) -> None:  # type: ignore[type-arg]
    ranges, exact = npm_range_to_osv(spec)
    assert [r["events"] for r in ranges] == events and exact == []


@pytest.mark.parametrize("spec", ["<=1.0.0 garbage", "<>1", "latest-and-greatest", ">*", "=>1.0"])
def test_npm_bad_ranges(spec: str) -> None:
    with pytest.raises(ParseFailure):
        npm_range_to_osv(spec)


# ----------------------------------------------------------------------------------------- victims


def test_victims_record() -> None:
    rec = convert_victims(yaml.safe_load(VICTIMS), "database/java/2014/3623.yaml")
    osv = validate(rec)
    assert (osv.id, osv.aliases) == ("VICTIMS-java-CVE-2014-3623", ("CVE-2014-3623",))
    cxf, wss4j = rec["affected"]
    assert cxf["package"] == {"ecosystem": "Maven", "name": "org.apache.cxf:cxf-rt-security"}
    assert [r["events"] for r in cxf["ranges"]] == [
        [{"introduced": "2"}, {"last_affected": "2.7.12"}], [{"introduced": "3"}, {"last_affected": "3.0.1"}]]
    assert cxf["database_specific"]["fixedin"] == [">=2.7.13,2", ">=3.0.2,3"]
    assert wss4j["versions"] == ["1.5.1"] and "ranges" not in wss4j
    assert [k.name for k in osv.affected] == ["org.apache.cxf:cxf-rt-security", "wss4j:wss4j"]


def test_victims_python_and_series_forms() -> None:
    rec = convert_victims({"cve": "2014-1829", "affected": [{"name": "requests", "version": ["<=2.2.1"]}]},
                          "database/python/2014/1829.yaml")
    assert rec["id"] == "VICTIMS-python-CVE-2014-1829"
    assert rec["affected"][0]["package"] == {"ecosystem": "PyPI", "name": "requests"}
    ranges, _ = victims_ranges([">=2.3.2.Final,2", ">=1.2.1-10.CP02,1.2.1-", "<3.1,3"])
    assert [r["events"] for r in ranges] == [
        [{"introduced": "2.3.2.Final"}, {"fixed": "3"}], [{"introduced": "1.2.1-10.CP02"}, {"fixed": "1.2.2"}],
        [{"introduced": "3"}, {"fixed": "3.1"}]]
    with pytest.raises(ParseFailure):
        victims_ranges(["~1.0"])


# ----------------------------------------------------------------------------------------- detection + import


def test_detect_format() -> None:
    assert detect_format({"id": "X", "modified": "2020-01-01T00:00:00Z", "affected": []}) == "osv"
    assert detect_format(yaml.safe_load(RUBYSEC)) == "rubysec"
    assert detect_format({"engine": "jruby", "patched_versions": [">= 9.3"]}).startswith("skip:")
    assert detect_format(yaml.safe_load(FRIENDSOFPHP)) == "friendsofphp"
    assert detect_format(NODEJS) == "nodejs"
    assert detect_format({"cve": ["CVE-1"], "vulnerable": "8.x", "patched": "^8.1.4"}).startswith("skip:")
    assert detect_format(yaml.safe_load(VICTIMS)) == "victims"
    assert detect_format({"name": "pkg"}) is None and detect_format([1]) is None


def test_native_files_import_through_import_paths(tmp_path: Path) -> None:
    (tmp_path / "gems" / "actionpack").mkdir(parents=True)
    (tmp_path / "gems" / "actionpack" / "CVE-2016-0752.yml").write_text(RUBYSEC)
    (tmp_path / "cakephp").mkdir()
    (tmp_path / "cakephp" / "CVE-2019-11458.yaml").write_text(FRIENDSOFPHP)
    (tmp_path / "48.json").write_text(json.dumps(NODEJS))
    (tmp_path / "3623.yaml").write_text(VICTIMS)
    with VulnDB(tmp_path / "v.sqlite") as db:
        report = import_paths(db, [tmp_path])
        assert (report.added, report.errors) == (4, [])
        assert [r["id"] for r in db.advisories_for("gem", "actionpack")] == ["RUBYSEC-actionpack-CVE-2016-0752"]
        assert len(db.advisories_for("composer", "CakePHP/CakePHP")) == 1
        assert len(db.advisories_for("npm", "uglify-js")) == 1
        assert len(db.advisories_for("maven", "org.apache.cxf/cxf-rt-security")) == 1
        again = import_paths(db, [tmp_path])
        assert (again.added, again.updated, again.unchanged) == (0, 0, 4)


def test_converter_errors_are_reported_per_file() -> None:
    report = ImportReport()
    assert records_from_bytes(b"gem: x\npatched_versions: ['>= 1 &&']\n", "gems/x/bad.yml", report) == []
    assert report.errors[0].file == "gems/x/bad.yml" and "unreadable RubyGems requirement" in report.errors[0].reason


# ----------------------------------------------------------------------------------------- real corpus


def test_native_corpus_converts_without_internal_errors(shared: Path, tmp_path: Path) -> None:
    osv_dir = shared / "corpus" / "osv"
    if not osv_dir.is_dir():
        pytest.skip("no OSV corpus")
    with VulnDB(tmp_path / "corpus.sqlite") as db:
        report = import_paths(db, [osv_dir / d for d in ("rubysec", "friendsofphp", "nodejs-security-wg",
                                                         "victims")])
        assert report.errors == []
        assert report.added >= 3500
        skipped = {s.reason for s in report.skipped}
        assert all("interpreter" in r or "Node.js core" in r or "known format" in r for r in skipped)
        # self-consistency of the rubysec complement: every patched lower bound is not affected
        checked = 0
        for rec in db.advisories_for_many([("gem", n) for (n,) in db.conn.execute(
                "SELECT DISTINCT name FROM affected WHERE purl_type = 'gem'")]).values():
            for adv in rec:
                aff = adv["affected"][0]
                events = aff["ranges"][0]["events"] if aff.get("ranges") else []
                for constraint in aff["database_specific"]["patched_versions"]:
                    parts = [p.strip() for p in constraint.split(",")]
                    lowers = [p for p in parts if p.startswith(">=")] or [p for p in parts if p.startswith("~>")]
                    for part in lowers[:1]:  # the conjunction's lower bound is a safe version
                        assert not affected(part[2:].strip(), events, gem_compare), (adv["id"], part)
                        checked += 1
        assert checked > 1000
