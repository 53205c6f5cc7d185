"""OSV range evaluation, enumerated versions, withdrawn records, alias merging and recommended fixes."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ospo.engine.vulns.match import AdvisoryIndex, NotAVersion, match_component, recommended_upgrade


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
    a = adv("X-11", "npm", "pkg", [{"introduced": "0"}, {"fixed": "9.0.0"}], versions=["release-7_final"])
    assert match_component([a], "npm", "pkg", "release-7_final")  # listed verbatim: affected
    assert not match_component([a], "npm", "pkg", "release-8_final")  # not placed inside "introduced 0"


# (ecosystem, constraint) pairs a lenient parser would otherwise accept: Maven's ComparableVersion takes any
# text, the legacy PyPI scheme takes "1.x" and "latest", node-semver's loose form takes "=1.2.3".
CONSTRAINTS = [
    ("npm", "^1.2.0"), ("npm", "~1.2"), ("npm", ">=1.0.0 <2.0.0"), ("npm", "1.x"), ("npm", "*"), ("npm", "=1.2.3"),
    ("npm", "1.0.0 || 2.0.0"), ("npm", "latest"), ("npm", ""), ("npm", "  "),
    ("pypi", ">=2,<3"), ("pypi", "==1.*"), ("pypi", "~=1.4"), ("pypi", "!=1.0"), ("pypi", "1.x"), ("pypi", "latest"),
    ("maven", "[1.0,2.0)"), ("maven", "(,1.0]"), ("maven", "1.0,2.0"), ("maven", "RELEASE"), ("maven", "LATEST"),
    ("gem", "~> 2.1"), ("gem", ">= 1.0"), ("composer", "^1.2"), ("composer", "1.0.x-dev"), ("composer", "dev-main"),
    ("cargo", "^0.4"), ("golang", ">=v1.2.0"), ("nuget", "[1.0, 2.0)"),
]


@pytest.mark.parametrize(("eco", "constraint"), CONSTRAINTS)
def test_constraint_as_version_is_refused(eco: str, constraint: str) -> None:
    osv_eco = {"npm": "npm", "pypi": "PyPI", "maven": "Maven", "gem": "RubyGems", "composer": "Packagist",
               "cargo": "crates.io", "golang": "Go", "nuget": "NuGet"}[eco]
    everything = adv(f"X-ALL-{eco}", osv_eco, "a:b" if eco == "maven" else "pkg", [{"introduced": "0"}])
    name = "a:b" if eco == "maven" else "pkg"
    with pytest.raises(NotAVersion) as err:
        match_component([everything], eco, name, constraint)
    assert err.value.reason in {"empty", "constraint", "wildcard", "no-digit", "branch"}
    with pytest.raises(NotAVersion):
        AdvisoryIndex([everything]).match(eco, name, constraint)
    with pytest.raises(NotAVersion):
        recommended_upgrade([everything], eco, name, constraint)


@pytest.mark.parametrize(("eco", "version"), [
    ("pypi", "1!2.0"), ("pypi", "1.0.post1+local.7"), ("maven", "2.3.2.Final"),
    ("golang", "v0.0.0-20200101000000-abcdef123456"),
    ("golang", "v2.0.0+incompatible"), ("gem", "1.0.0.rc1"), ("composer", "v1.0.0-RC1"), ("nuget", "1.0.0.1-beta"),
    ("npm", "v1.2.3-beta.1"), ("cargo", "0.0.0-0"),
])
def test_exact_versions_are_accepted(eco: str, version: str) -> None:
    osv_eco = {"npm": "npm", "pypi": "PyPI", "maven": "Maven", "gem": "RubyGems", "composer": "Packagist",
               "cargo": "crates.io", "golang": "Go", "nuget": "NuGet"}[eco]
    name = "a:b" if eco == "maven" else "pkg"
    assert match_component([adv(f"X-ALL-{eco}", osv_eco, name, [{"introduced": "0"}])], eco, name, version)


def test_recommended_fix_is_not_a_prerelease_unless_current_is_one() -> None:
    # RUSTSEC-2020-0056 (stdweb): introduced 0.0.0-0, fixed 0.4.21-0 — a floor meaning "0.4.21 and its builds"
    st_ = adv("RUSTSEC-2020-0056", "crates.io", "stdweb", [{"introduced": "0.0.0-0"}, {"fixed": "0.4.21-0"}],
              rtype="SEMVER")
    (f,) = match_component([st_], "cargo", "stdweb", "0.4.20")
    assert f.fixed_in == ["0.4.21-0"] and f.recommended_fix == "0.4.21"
    (g,) = match_component([st_], "cargo", "stdweb", "0.4.20-beta.1")  # a prerelease user may take the floor
    assert g.recommended_fix == "0.4.21-0"
    assert not match_component([st_], "cargo", "stdweb", "0.4.21-alpha.0")  # -0 < -alpha.0: above the floor
    pre = adv("X-P", "PyPI", "pkg", [{"introduced": "0"}, {"fixed": "2.0rc1"}])
    assert match_component([pre], "pypi", "pkg", "1.5")[0].recommended_fix == "2.0"
    assert match_component([pre], "pypi", "pkg", "2.0b1")[0].recommended_fix == "2.0rc1"  # already on prereleases
    mvn = adv("X-M", "Maven", "g:a", [{"introduced": "0"}, {"fixed": "3.0-beta2"}])
    assert match_component([mvn], "maven", "g:a", "2.9")[0].recommended_fix == "3.0"
    # the release of a prerelease fix can itself be affected by a later range: then the next candidate wins
    two = adv("X-N", "npm", "pkg", [{"introduced": "0"}, {"fixed": "2.0.0-rc.1"}, {"introduced": "2.0.0"},
                                    {"fixed": "2.0.1"}])
    assert match_component([two], "npm", "pkg", "1.0.0")[0].recommended_fix == "2.0.1"
    assert recommended_upgrade([two], "npm", "pkg", "1.0.0") == "2.0.1"
    idx = AdvisoryIndex([st_, pre])  # the position cache keeps prerelease and release components apart
    assert idx.match("pypi", "pkg", "1.9b1")[0].recommended_fix == "2.0rc1"
    assert idx.match("pypi", "pkg", "1.9")[0].recommended_fix == "2.0"
    assert idx.match("pypi", "pkg", "1.9b2")[0].recommended_fix == "2.0rc1"


def test_same_database_advisories_sharing_an_alias_stay_apart() -> None:
    # The corpus data: RUSTSEC-2019-0036 (type confusion) and RUSTSEC-2020-0036 (unmaintained) of `failure`
    # list the same four aliases, and neither lists the other.
    shared = ["CVE-2019-25010", "CVE-2020-25575", "GHSA-jq66-xh47-j9f3", "GHSA-r98r-j25q-rmpr"]
    a = adv("RUSTSEC-2019-0036", "crates.io", "failure", [{"introduced": "0.0.0-0"}], rtype="SEMVER",
            aliases=shared)
    b = adv("RUSTSEC-2020-0036", "crates.io", "failure", [{"introduced": "0.0.0-0"}], rtype="SEMVER",
            aliases=shared)
    found = match_component([b, a], "cargo", "failure", "0.1.8")
    assert sorted(f.advisory_ids[0] for f in found) == ["RUSTSEC-2019-0036", "RUSTSEC-2020-0036"]
    by_adv = {f.advisory_ids[0]: f for f in found}
    assert by_adv["RUSTSEC-2019-0036"].id == "CVE-2019-25010"  # the lower id keeps the shared aliases
    assert by_adv["RUSTSEC-2019-0036"].aliases == sorted([*shared[1:], "RUSTSEC-2019-0036"])
    assert by_adv["RUSTSEC-2020-0036"].id == "RUSTSEC-2020-0036" and by_adv["RUSTSEC-2020-0036"].aliases == []
    # a GHSA record of the same CVE joins the advisory that claimed the CVE, never both
    g = adv("GHSA-jq66-xh47-j9f3", "crates.io", "failure", [{"introduced": "0"}], rtype="SEMVER",
            aliases=["CVE-2019-25010"])
    found = match_component([a, b, g], "cargo", "failure", "0.1.8")
    assert sorted(f.advisory_ids for f in found) == [["GHSA-jq66-xh47-j9f3", "RUSTSEC-2019-0036"],
                                                     ["RUSTSEC-2020-0036"]]
    # an advisory naming another of its own database is an explicit duplicate: merged
    dup = adv("RUSTSEC-2021-0001", "crates.io", "failure", [{"introduced": "0"}], rtype="SEMVER",
              aliases=["RUSTSEC-2020-0036"])
    found = match_component([a, b, dup], "cargo", "failure", "0.1.8")
    assert sorted(f.advisory_ids for f in found) == [["RUSTSEC-2019-0036"], ["RUSTSEC-2020-0036", "RUSTSEC-2021-0001"]]


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
    try:
        found = match_component(docs, purl_type, "pkg", version)
    except NotAVersion as err:  # the only refusal allowed, and only for what version_problem names
        assert err.reason
        return
    for f in found:
        assert f.id and f.version == version


def test_index_position_cache_agrees_with_direct_matching() -> None:
    advs = [DJANGO, adv("PYSEC-3", "PyPI", "django", [{"introduced": "0"}, {"fixed": "3.2.5"}], versions=["3.1.9"])]
    idx = AdvisoryIndex(advs)
    for v in ["3.0", "3.1.9", "3.2", "3.2.4", "3.2.5", "3.2.6", "3.2.19", "4.0.1", "4.0.2", "4.1.9", "5.0", "3.2.4"]:
        direct = match_component(advs, "pypi", "django", v)
        cached = idx.match("pypi", "django", v)
        assert [(f.id, f.version, f.recommended_fix, f.fixed_in) for f in cached] == \
               [(f.id, f.version, f.recommended_fix, f.fixed_in) for f in direct], v
