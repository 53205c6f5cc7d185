"""OSV range evaluation, enumerated versions, withdrawn records, alias merging and recommended fixes."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ospo.engine.vulns.match import AdvisoryIndex, match_component, recommended_upgrade


def adv(ident: str, eco: str, name: str, events: list[dict], *, rtype: str = "ECOSYSTEM", versions=None,
        aliases=None, **extra) -> dict:
    return {"id": ident, "modified": "2024-01-01T00:00:00Z", "aliases": aliases or [], "summary": f"{ident} bug",
            "affected": [{"package": {"ecosystem": eco, "name": name},
                          "ranges": [{"type": rtype, "events": events}], "versions": versions or []}], **extra}


DJANGO = adv("PYSEC-1", "PyPI", "Django", [{"introduced": "3.2"}, {"fixed": "3.2.19"}, {"introduced": "4.0"},
                                            {"fixed": "4.1.9"}], aliases=["CVE-2023-1"])


def ids(findings) -> list[str]:  # type: ignore[no-untyped-def]
    return [f.id for f in findings]


def test_introduced_fixed_pairs() -> None:
    assert ids(match_component([DJANGO], "pypi", "django", "3.2.18")) == ["CVE-2023-1"]
    assert match_component([DJANGO], "pypi", "django", "3.2.19") == []  # fixed is not affected
    assert match_component([DJANGO], "pypi", "django", "3.1") == []  # before introduced
    assert ids(match_component([DJANGO], "pypi", "django", "4.0")) == ["CVE-2023-1"]  # introduced is affected
    assert match_component([DJANGO], "pypi", "django", "4.1.9") == []
    assert match_component([DJANGO], "pypi", "django", "3.2a1") == []  # PEP 440: 3.2a1 < 3.2


def test_names_normalised_per_ecosystem() -> None:
    assert match_component([DJANGO], "pypi", "DJANGO", "3.2.1")
    z = adv("PYSEC-2", "PyPI", "zope.interface", [{"introduced": "0"}, {"fixed": "5.0"}])
    assert match_component([z], "pypi", "zope-interface", "4.0")
    m = adv("GHSA-m", "Maven", "org.apache.logging.log4j:log4j-core",
            [{"introduced": "2.0-beta9"}, {"fixed": "2.15.0"}])
    assert match_component([m], "maven", "org.apache.logging.log4j/log4j-core", "2.14.1")
    assert match_component([m], "maven", "org.apache.logging.log4j:log4j-core", "2.0-beta8") == []
    assert match_component([m], "maven", "org.apache.logging.log4j:log4j-core", "2.15.0-rc2")


def test_last_affected_and_limit() -> None:
    a = adv("X-1", "npm", "lodash", [{"introduced": "0"}, {"last_affected": "4.17.20"}])
    assert match_component([a], "npm", "lodash", "4.17.20")
    assert not match_component([a], "npm", "lodash", "4.17.21")
    b = adv("X-2", "npm", "pkg", [{"introduced": "1.0.0"}, {"limit": "2.0.0"}])
    assert match_component([b], "npm", "pkg", "1.5.0")
    assert not match_component([b], "npm", "pkg", "2.1.0")
    star = adv("X-3", "npm", "pkg", [{"introduced": "1.0.0"}, {"limit": "*"}])
    assert match_component([star], "npm", "pkg", "9.0.0")


def test_npm_prerelease_inside_range() -> None:
    a = adv("X-4", "npm", "pkg", [{"introduced": "1.0.0"}, {"fixed": "1.2.0"}])
    assert match_component([a], "npm", "pkg", "1.2.0-beta.1")  # a prerelease of the fix is still before it
    assert not match_component([a], "npm", "pkg", "1.0.0-rc.1")


def test_semver_ranges_for_go_with_v_and_pseudo_versions() -> None:
    g = adv("GO-1", "Go", "golang.org/x/net", [{"introduced": "0"}, {"fixed": "0.7.0"}], rtype="SEMVER")
    assert match_component([g], "golang", "golang.org/x/net", "v0.0.0-20220722155237-a158d28d115b")
    assert match_component([g], "golang", "golang.org/x/net", "v0.6.0")
    assert not match_component([g], "golang", "golang.org/x/net", "v0.7.0")
    std = adv("GO-2", "Go", "stdlib", [{"introduced": "1.21.0-0"}, {"fixed": "1.21.5"}], rtype="SEMVER")
    assert match_component([std], "golang", "stdlib", "go1.21.3")
    assert match_component([std], "golang", "stdlib", "1.21.0")
    assert not match_component([std], "golang", "stdlib", "go1.21.5")
    assert not match_component([std], "golang", "stdlib", "go1.20.9")


def test_cargo_semver_floor() -> None:
    r = adv("RUSTSEC-1", "crates.io", "wasmtime", [{"introduced": "0.0.0-0"}, {"fixed": "4.0.1"},
                                                    {"introduced": "5.0.0"}, {"fixed": "5.0.1"}], rtype="SEMVER")
    assert match_component([r], "cargo", "wasmtime", "0.1.0-alpha")
    assert match_component([r], "cargo", "wasmtime", "5.0.0")
    assert not match_component([r], "cargo", "wasmtime", "4.0.1")


def test_enumerated_versions_match_even_outside_ranges() -> None:
    a = adv("X-5", "PyPI", "pkg", [{"introduced": "2.0"}, {"fixed": "2.1"}], versions=["1.5", "legacy-1"])
    assert match_component([a], "pypi", "pkg", "1.5")
    assert match_component([a], "pypi", "pkg", "1.5.0")  # PEP 440 equality
    assert match_component([a], "pypi", "pkg", "legacy-1")
    assert not match_component([a], "pypi", "pkg", "1.6")


def test_git_ranges_ignored_and_withdrawn_never_matched() -> None:
    g = adv("X-6", "PyPI", "pkg", [{"introduced": "0"}, {"fixed": "abc123"}], rtype="GIT")
    assert not match_component([g], "pypi", "pkg", "1.0")
    w = dict(DJANGO, withdrawn="2024-02-01T00:00:00Z", id="PYSEC-W")
    assert not match_component([w], "pypi", "django", "3.2.1")


def test_overlapping_written_intervals_are_a_union() -> None:
    # PYSEC-2021-114 (wagtail): "introduced 2.11, fixed 2.11.7, introduced 0, fixed 2.11.6"
    w = adv("PYSEC-2021-114", "PyPI", "wagtail", [{"introduced": "2.11"}, {"fixed": "2.11.7"},
                                                   {"introduced": "0"}, {"fixed": "2.11.6"}])
    assert match_component([w], "pypi", "wagtail", "2.11.6")
    assert not match_component([w], "pypi", "wagtail", "2.11.7")


def test_unsorted_events_are_swept_in_version_order() -> None:
    a = adv("X-7", "npm", "pkg", [{"fixed": "1.5.0"}, {"introduced": "1.0.0"}])
    assert match_component([a], "npm", "pkg", "1.2.0")
    assert not match_component([a], "npm", "pkg", "1.5.0")


def test_aliases_merged_into_one_finding() -> None:
    a = adv("PYSEC-9", "PyPI", "pkg", [{"introduced": "0"}, {"fixed": "2.0"}], aliases=["CVE-2020-9", "GHSA-aaaa"])
    b = adv("GHSA-aaaa", "PyPI", "pkg", [{"introduced": "1.0"}, {"fixed": "2.1"}], aliases=["CVE-2020-9"],
            severity=[{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}])
    c = adv("PYSEC-10", "PyPI", "pkg", [{"introduced": "0"}, {"fixed": "3.0"}], aliases=["CVE-2020-10"])
    found = match_component([a, b, c], "pypi", "pkg", "1.5")
    assert [f.id for f in found] == ["CVE-2020-10", "CVE-2020-9"]
    merged = found[1]
    assert merged.advisory_ids == ["GHSA-aaaa", "PYSEC-9"]
    assert merged.aliases == ["GHSA-aaaa", "PYSEC-9"]
    assert merged.fixed_in == ["2.0", "2.1"]
    assert merged.severity.rating == "Critical" and merged.severity.source == "CVSS_V3"
    assert merged.recommended_fix == "2.1"  # 2.0 still falls in GHSA-aaaa's range
    assert found[0].recommended_fix == "3.0"
    assert recommended_upgrade([a, b, c], "pypi", "pkg", "1.5") == "3.0"


def test_recommended_fix_at_or_above_current() -> None:
    a = adv("X-8", "npm", "pkg", [{"introduced": "0"}, {"fixed": "1.2.3"}, {"introduced": "2.0.0"},
                                  {"fixed": "2.0.5"}])
    (f,) = match_component([a], "npm", "pkg", "2.0.1")
    assert f.recommended_fix == "2.0.5" and f.fixed_in == ["1.2.3", "2.0.5"]
    (g,) = match_component([a], "npm", "pkg", "1.0.0")
    assert g.recommended_fix == "1.2.3"
    none = adv("X-9", "npm", "pkg", [{"introduced": "0"}])
    (h,) = match_component([none], "npm", "pkg", "1.0.0")
    assert h.recommended_fix is None and h.fixed_in == []


def test_index_lookup() -> None:
    idx = AdvisoryIndex([DJANGO, adv("X-10", "npm", "left-pad", [{"introduced": "0"}])])
    assert len(idx) == 2
    assert ids(idx.match("pypi", "Django", "3.2.0")) == ["CVE-2023-1"]
    assert idx.match("npm", "other", "1.0.0") == []


def test_unparseable_component_version_only_matches_enumerated() -> None:
    a = adv("X-11", "npm", "pkg", [{"introduced": "0"}], versions=["weird"])
    assert match_component([a], "npm", "pkg", "weird")
    assert not match_component([a], "npm", "pkg", "^1.2.0")
    assert match_component([a], "npm", "pkg", "") == []


_json = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=8),
                     lambda c: st.lists(c, max_size=4) | st.dictionaries(st.text(max_size=10), c, max_size=4),
                     max_leaves=20)


@st.composite
def advisories(draw: st.DrawFn) -> dict:
    events = [{draw(st.sampled_from(["introduced", "fixed", "last_affected", "limit", "x"])):
               draw(st.text(alphabet="0123456789.-abrcv*", max_size=8))} for _ in range(draw(st.integers(0, 4)))]
    doc = adv("F-" + draw(st.text(max_size=4)), draw(st.sampled_from(["npm", "PyPI", "Maven", "Go", "crates.io"])),
              "pkg", events, rtype=draw(st.sampled_from(["ECOSYSTEM", "SEMVER", "GIT", "?"])))
    for key in draw(st.lists(st.sampled_from(["affected", "aliases", "versions", "severity", "withdrawn", "id"]),
                             max_size=2)):
        doc[key] = draw(_json)
    return doc


@settings(max_examples=1000, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
@given(st.lists(advisories() | _json, max_size=3), st.sampled_from(["npm", "pypi", "maven", "golang", "cargo"]),
       st.text(max_size=8))
def test_fuzz_match_never_raises(docs: list, purl_type: str, version: str) -> None:
    docs = [d for d in docs if isinstance(d, dict)]
    for f in match_component(docs, purl_type, "pkg", version):
        assert f.id and f.version == version


def test_index_position_cache_agrees_with_direct_matching() -> None:
    advs = [DJANGO, adv("PYSEC-3", "PyPI", "django", [{"introduced": "0"}, {"fixed": "3.2.5"}], versions=["3.1.9"])]
    idx = AdvisoryIndex(advs)
    for v in ["3.0", "3.1.9", "3.2", "3.2.4", "3.2.5", "3.2.6", "3.2.19", "4.0.1", "4.0.2", "4.1.9", "5.0", "3.2.4"]:
        direct = match_component(advs, "pypi", "django", v)
        cached = idx.match("pypi", "django", v)
        assert [(f.id, f.version, f.recommended_fix, f.fixed_in) for f in cached] == \
               [(f.id, f.version, f.recommended_fix, f.fixed_in) for f in direct], v
