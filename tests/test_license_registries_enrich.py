"""enrich_licenses and the knowledge cache: lockfile first, cache (TTL, offline), registry (stub server)."""

from __future__ import annotations

from license_stub import StubRegistry
from ospo.engine.licenses.enrich import SOURCE_KEY, EnrichOptions, enrich_licenses
from ospo.engine.licenses.knowledge import KnowledgeCache
from ospo.engine.licenses.registries.http import HttpOptions
from ospo.engine.model import Component, Location, ScanResult

from util import FIXTURES

FX = FIXTURES / "license_registries"
HTTP = HttpOptions(timeout_s=5, retries=0)


def comp(ptype: str, name: str, version: str | None, purl: str, license: str | None = None) -> Component:
    return Component(ptype, name, version, purl, pinned=version is not None, license=license,
                     locations=[Location("lock")])


def scan(*components: Component) -> ScanResult:
    return ScanResult("x", "x", components=list(components))


def options(base: str) -> EnrichOptions:
    return EnrichOptions(bases={"npm": base, "pypi": base, "cargo": base}, http=HTTP, workers=4)


def routes() -> dict[str, tuple[int, bytes]]:
    return {"/left-pad/1.3.0": (200, (FX / "npm_left-pad.json").read_bytes()),
            "/pypi/requests/2.31.0/json": (200, (FX / "pypi_requests.json").read_bytes()),
            "/api/v1/crates/serde/1.0.200": (500, b"oops")}


def test_lockfile_value_is_never_overwritten(tmp_path):
    c = comp("npm", "left-pad", "1.3.0", "pkg:npm/left-pad@1.3.0", license="MIT")
    with StubRegistry(routes()) as stub, KnowledgeCache(tmp_path / "k.sqlite") as cache:
        stats = enrich_licenses(scan(c), cache, online=True, options=options(stub.base))
    assert c.license == "MIT" and c.properties[SOURCE_KEY] == "lockfile"
    assert stub.hits == [] and stats.lockfile == 1


def test_registry_then_cache_then_offline(tmp_path):
    path = tmp_path / "k.sqlite"
    a = comp("npm", "left-pad", "1.3.0", "pkg:npm/left-pad@1.3.0")
    b = comp("npm", "left-pad", "1.3.0", "pkg:npm/left-pad@1.3.0")  # same package twice: one request
    p = comp("pypi", "requests", "2.31.0", "pkg:pypi/requests@2.31.0")
    with StubRegistry(routes()) as stub:
        with KnowledgeCache(path) as cache:
            stats = enrich_licenses(scan(a, b, p), cache, online=True, options=options(stub.base))
        assert sorted(stub.hits) == ["/left-pad/1.3.0", "/pypi/requests/2.31.0/json"]
        assert (a.license, b.license, p.license) == ("WTFPL", "WTFPL", "Apache 2.0")
        assert a.properties[SOURCE_KEY] == "registry" and stats.registry == 3
        # A second run, online, with fresh knowledge: no request at all, the values come from the cache file.
        c = comp("npm", "left-pad", "1.3.0", "pkg:npm/left-pad@1.3.0")
        with KnowledgeCache(path) as cache:
            enrich_licenses(scan(c), cache, online=True, options=options(stub.base))
        assert len(stub.hits) == 2 and c.license == "WTFPL" and c.properties[SOURCE_KEY] == "cache"


def test_offline_never_asks_and_uses_stale_knowledge(tmp_path):
    now = [1_000_000.0]
    cache = KnowledgeCache(tmp_path / "k.sqlite", ttl_s=100, clock=lambda: now[0])
    cache.put("npm", "left-pad", "1.3.0", "WTFPL", "test")
    now[0] += 1000  # stale
    assert cache.get("npm", "left-pad", "1.3.0").stale
    c = comp("npm", "left-pad", "1.3.0", "pkg:npm/left-pad@1.3.0")
    u = comp("npm", "other", "1.0.0", "pkg:npm/other@1.0.0")
    with StubRegistry(routes()) as stub:
        stats = enrich_licenses(scan(c, u), cache, online=False, options=options(stub.base))
    assert stub.hits == []
    assert c.license == "WTFPL" and c.properties[SOURCE_KEY] == "cache"
    assert u.license is None and stats.unknown == 1


def test_stale_entry_is_refreshed_online(tmp_path):
    now = [1_000_000.0]
    cache = KnowledgeCache(tmp_path / "k.sqlite", ttl_s=100, clock=lambda: now[0])
    cache.put("npm", "left-pad", "1.3.0", "OLD", "test")
    now[0] += 1000
    c = comp("npm", "left-pad", "1.3.0", "pkg:npm/left-pad@1.3.0")
    with StubRegistry(routes()) as stub:
        enrich_licenses(scan(c), cache, online=True, options=options(stub.base))
    assert c.license == "WTFPL" and cache.get("npm", "left-pad", "1.3.0").license == "WTFPL"
    assert not cache.get("npm", "left-pad", "1.3.0").stale


def test_registry_failure_is_an_issue_and_the_rest_goes_on(tmp_path):
    bad = comp("cargo", "serde", "1.0.200", "pkg:cargo/serde@1.0.200")
    good = comp("npm", "left-pad", "1.3.0", "pkg:npm/left-pad@1.3.0")
    s = scan(bad, good)
    with StubRegistry(routes()) as stub, KnowledgeCache(tmp_path / "k.sqlite") as cache:
        stats = enrich_licenses(s, cache, online=True, options=options(stub.base), lang="fr")
    assert good.license == "WTFPL" and bad.license is None
    assert stats.errors == 1
    assert any("crates.io" in i.message and "serde@1.0.200" in i.message and "HTTP 500" in i.message
               for i in s.issues)


def test_not_found_is_unknown_and_not_cached(tmp_path):
    c = comp("npm", "ghost", "1.0.0", "pkg:npm/ghost@1.0.0")
    with StubRegistry(routes()) as stub, KnowledgeCache(tmp_path / "k.sqlite") as cache:
        stats = enrich_licenses(scan(c), cache, online=True, options=options(stub.base))
        assert cache.get("npm", "ghost", "1.0.0") is None
    assert c.license is None and stats.unknown == 1 and stats.errors == 0


def test_unpinned_components_are_not_looked_up(tmp_path):
    c = Component("npm", "left-pad", "^1.3.0", "pkg:npm/left-pad", pinned=False)
    with StubRegistry(routes()) as stub, KnowledgeCache(tmp_path / "k.sqlite") as cache:
        enrich_licenses(scan(c), cache, online=True, options=options(stub.base))
    assert stub.hits == [] and c.license is None


def test_no_license_answer_is_remembered(tmp_path):
    body = b'{"name": "nolic", "version": "1.0.0"}'
    with StubRegistry({"/nolic/1.0.0": (200, body)}) as stub, KnowledgeCache(tmp_path / "k.sqlite") as cache:
        enrich_licenses(scan(comp("npm", "nolic", "1.0.0", "pkg:npm/nolic@1.0.0")), cache, True, options(stub.base))
        known = cache.get("npm", "nolic", "1.0.0")
        enrich_licenses(scan(comp("npm", "nolic", "1.0.0", "pkg:npm/nolic@1.0.0")), cache, True, options(stub.base))
    assert known is not None and known.license is None
    assert len(stub.hits) == 1
