"""Composer: composer.lock and composer.json extraction."""

from __future__ import annotations

import json

from ospo.engine.model import Scope
from ospo.engine.scanner import scan_tree
from ospo.engine.sources.memory import MemoryTree

from fuzzing import fuzz, json_documents
from util import FIXTURES, assert_no_internal_errors, by_name, run_extractor

COMPOSER = FIXTURES / "composer"
MANIFEST = (COMPOSER / "composer.json").read_bytes()
LOCK = (COMPOSER / "composer.lock").read_bytes()
BAD = (COMPOSER / "bad-composer.lock").read_bytes()


def test_lock_versions_as_written_scopes_licenses_hashes():
    fr = run_extractor("composer-lock", "composer.lock", LOCK, {"composer.json": MANIFEST})
    comps = by_name(fr)
    assert fr.root == "pkg:composer/gov-example/benefits-portal"
    installers = comps["composer/installers"][0]
    assert installers.purl == "pkg:composer/composer/installers@v2.2.0" and installers.version == "v2.2.0"
    assert installers.license == "MIT" and installers.hashes == [] and installers.direct is True
    assert installers.properties["composer:type"] == "composer-plugin"
    assert installers.location.line == 10
    guzzle = comps["guzzlehttp/guzzle"][0]
    assert guzzle.hashes == [("SHA-1", "3e3c8b5d0e3e8e1a3f1c4e6b3b8c1c2a5d4e6f70")]
    assert comps["symfony/console"][0].license == "GPL-2.0-or-later OR LGPL-2.1-only"
    assert comps["symfony/console"][0].properties["composer:version_normalized"] == "6.4.4.0"
    assert comps["psr/log"][0].license == "MIT"
    assert comps["phpunit/phpunit"][0].scope is Scope.DEVELOPMENT
    assert comps["guzzlehttp/guzzle"][0].scope is Scope.RUNTIME
    akismet = comps["wpackagist-plugin/akismet"][0]
    assert akismet.pinned and akismet.version == "dev-trunk" and akismet.properties["source-reference"] == "trunk"


def test_lock_path_packages_are_first_party_and_their_requires_direct():
    fr = run_extractor("composer-lock", "composer.lock", LOCK, {"composer.json": MANIFEST})
    comps = by_name(fr)
    assert "gov-example/forms" not in comps
    # psr/log is not in composer.json but the in-tree module requires it
    assert comps["psr/log"][0].direct is True
    edges = {(e.source, e.target) for e in fr.edges}
    assert ("pkg:composer/gov-example/forms@dev-main", "pkg:composer/psr/log@3.0.0") in edges
    assert ("pkg:composer/guzzlehttp/guzzle@7.8.1", "pkg:composer/psr/log@3.0.0") in edges
    assert ("pkg:composer/gov-example/benefits-portal", "pkg:composer/guzzlehttp/guzzle@7.8.1") in edges
    assert not any(t.count("/") < 2 for _, t in edges)  # no platform packages


def test_lock_without_manifest_has_unknown_direct():
    comps = by_name(run_extractor("composer-lock", "composer.lock", LOCK))
    assert comps["guzzlehttp/guzzle"][0].direct is None


def test_composer_json_constraints():
    fr = run_extractor("composer-json", "composer.json", MANIFEST)
    comps = by_name(fr)
    assert "php" not in comps and "ext-json" not in comps and "lib-libxml" not in comps
    guzzle = comps["guzzlehttp/guzzle"][0]  # names are case-insensitive: stored lower-case
    assert guzzle.pinned and guzzle.purl == "pkg:composer/guzzlehttp/guzzle@7.8.1" and guzzle.location.line == 14
    assert comps["symfony/console"][0].version == "v6.4.4" and comps["symfony/console"][0].pinned
    assert comps["laminas/laminas-code"][0].version == "4.13.0"  # inline alias installs the left side
    assert comps["squizlabs/php_codesniffer"][0].version == "3.9.0"
    assert comps["squizlabs/php_codesniffer"][0].scope is Scope.DEVELOPMENT
    for name, spec in (("monolog/monolog", "~3.5"), ("drupal/core", "10.2.* || 10.3.*"),
                       ("wpackagist-plugin/akismet", "dev-trunk"), ("gov-example/forms", "@dev")):
        c = comps[name][0]
        assert not c.pinned and c.version == spec and "@" not in c.purl.split("/", 1)[1], c


def test_merge_manifest_into_lock():
    result = scan_tree(MemoryTree({"composer.json": MANIFEST, "composer.lock": LOCK}), "t", "mem")
    purls = {c.purl for c in result.components}
    assert "pkg:composer/monolog/monolog" in purls  # declared, never locked: kept
    assert "pkg:composer/composer/installers" not in purls and "pkg:composer/composer/installers@v2.2.0" in purls


def test_bad_composer_files():
    fr = run_extractor("composer-lock", "composer.lock", BAD)
    assert [c.purl for c in fr.components] == ["pkg:composer/good/one@1.0.0"]
    assert {i.severity for i in fr.issues} == {"warning"}
    for bad in (b"{", b"[]", b"\x00\x01", b'{"packages": 3}', b'{"x": 1}', b'{"require": []}'):
        for name, path in (("composer-lock", "composer.lock"), ("composer-json", "composer.json")):
            assert_no_internal_errors(run_extractor(name, path, bad))
    assert run_extractor("composer-lock", "composer.lock", b'{"x": 1}').issues


_SMALL_LOCK = json.loads(LOCK)
_SMALL_LOCK = {"packages": _SMALL_LOCK["packages"][1:3], "packages-dev": _SMALL_LOCK["packages-dev"][:1]}
test_fuzz_composer_lock = fuzz("composer-lock", "composer.lock", [LOCK, BAD], json_documents(_SMALL_LOCK))
test_fuzz_composer_json = fuzz("composer-json", "composer.json", [MANIFEST], json_documents(json.loads(MANIFEST)))
