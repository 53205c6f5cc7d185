"""Registry clients against local stub servers (recorded-shape documents in tests/fixtures/license_registries)."""

from __future__ import annotations

import pytest

from license_stub import StubRegistry
from ospo.engine.licenses.registries import PackageRef, cargo, gem, maven, npm, nuget, packagist, pypi
from ospo.engine.licenses.registries.http import HttpOptions, NotFound, RegistryError, get
from ospo.engine.safeparse import ParseFailure

from util import FIXTURES

FX = FIXTURES / "license_registries"
FAST = HttpOptions(timeout_s=5, retries=2, backoff_s=0.01)


def body(name: str) -> bytes:
    return (FX / name).read_bytes()


CASES = [
    (pypi.fetch, PackageRef("pypi", None, "requests", "2.31.0"), "/pypi/requests/2.31.0/json", "pypi_requests.json",
     "Apache 2.0"),
    (pypi.fetch, PackageRef("pypi", None, "attrs", "25.1.0"), "/pypi/attrs/25.1.0/json", "pypi_pep639.json", "MIT"),
    (pypi.fetch, PackageRef("pypi", None, "oldpkg", "1.0"), "/pypi/oldpkg/1.0/json", "pypi_textonly.json",
     "MIT License"),
    (npm.fetch, PackageRef("npm", None, "left-pad", "1.3.0"), "/left-pad/1.3.0", "npm_left-pad.json", "WTFPL"),
    (npm.fetch, PackageRef("npm", "@babel", "core", "7.24.0"), "/@babel%2Fcore/7.24.0", "npm_scoped.json", "MIT"),
    (cargo.fetch, PackageRef("cargo", None, "serde", "1.0.200"), "/api/v1/crates/serde/1.0.200", "cargo_serde.json",
     "MIT OR Apache-2.0"),
    (gem.fetch, PackageRef("gem", None, "rails", "7.1.3"), "/api/v2/rubygems/rails/versions/7.1.3.json",
     "gem_rails.json", "MIT"),
    (packagist.fetch, PackageRef("composer", "monolog", "monolog", "3.4.0"), "/p2/monolog/monolog.json",
     "packagist_monolog.json", "MIT"),  # inherited from the previous (minified) entry
    (nuget.fetch, PackageRef("nuget", None, "Newtonsoft.Json", "13.0.3"),
     "/newtonsoft.json/13.0.3/newtonsoft.json.nuspec", "nuget_newtonsoft.nuspec", "MIT"),
    (maven.fetch, PackageRef("maven", "org.rocks", "rocks", "7.2.2"), "/org/rocks/rocks/7.2.2/rocks-7.2.2.pom",
     "maven_dual.pom", "Apache-2.0 OR GPL-2.0-only"),
]


@pytest.mark.parametrize(("fetch", "ref", "path", "fixture", "expected"), CASES,
                         ids=[c[1].ptype + ":" + c[1].name for c in CASES])
def test_client_reads_license(fetch, ref, path, fixture, expected):
    with StubRegistry({path: (200, body(fixture))}) as stub:
        answer = fetch(ref, stub.base, FAST)
    assert answer.license == expected
    assert stub.hits == [path]
    assert answer.url == stub.base + path


def test_packagist_unset_removes_license():
    with StubRegistry({"/p2/monolog/monolog.json": (200, body("packagist_monolog.json"))}) as stub:
        answer = packagist.fetch(PackageRef("composer", "monolog", "monolog", "1.0.0"), stub.base, FAST)
    assert answer.license is None


def test_packagist_unknown_version_is_a_failure():
    with pytest.raises(ParseFailure, match="not listed"):
        packagist.parse_packagist(body("packagist_monolog.json"), "monolog/monolog", "9.9.9")


def test_maven_follows_parent():
    routes = {"/org/example/child/1.2.3/child-1.2.3.pom": (200, body("maven_child.pom")),
              "/org/example/parent/7/parent-7.pom": (200, body("maven_parent.pom"))}
    with StubRegistry(routes) as stub:
        answer = maven.fetch(PackageRef("maven", "org.example", "child", "1.2.3"), stub.base, FAST)
    assert answer.license == "Apache License, Version 2.0"
    assert answer.url.endswith("/parent-7.pom")
    assert len(stub.hits) == 2


def test_maven_parent_cycle_stops():
    cyc = body("maven_child.pom").replace(b"<artifactId>parent</artifactId><version>7</version>",
                                          b"<artifactId>child</artifactId><version>1.2.3</version>")
    with StubRegistry({"/org/example/child/1.2.3/child-1.2.3.pom": (200, cyc)}) as stub:
        answer = maven.fetch(PackageRef("maven", "org.example", "child", "1.2.3"), stub.base, FAST)
    assert answer.license is None and len(stub.hits) == 1


def test_not_found_is_not_retried():
    with StubRegistry({}) as stub, pytest.raises(NotFound):
        get(stub.base + "/nope", FAST)
    assert len(stub.hits) == 1


def test_server_error_is_retried_then_fails():
    with StubRegistry({"/x": (503, b"busy")}) as stub, pytest.raises(RegistryError, match="503"):
        get(stub.base + "/x", FAST)
    assert len(stub.hits) == 3  # 1 + 2 retries


def test_size_cap():
    with StubRegistry({"/big": (200, b"x" * 5000)}) as stub, pytest.raises(RegistryError, match="larger than"):
        get(stub.base + "/big", HttpOptions(max_bytes=1000, retries=0))


def test_unreachable_server_is_an_error_not_a_hang():
    with StubRegistry({}) as stub:
        base = stub.base
    with pytest.raises(RegistryError, match="network"):
        get(base + "/x", HttpOptions(timeout_s=2, retries=1, backoff_s=0.01))


def test_refuses_non_http_urls():
    with pytest.raises(RegistryError, match="non-HTTP"):
        get("file:///etc/passwd")


def test_hostile_xml_refused():
    bomb = b'<?xml version="1.0"?><!DOCTYPE p [<!ENTITY a "aaaa">]><package><metadata>&a;</metadata></package>'
    with pytest.raises(ParseFailure):
        nuget.parse_nuspec(bomb)
