"""RubyGems: Gemfile.lock, Gemfile and *.gemspec, read statically."""

from __future__ import annotations

from ospo.engine.model import Scope
from ospo.engine.scanner import scan_tree
from ospo.engine.sources.memory import MemoryTree

from fuzzing import fuzz
from util import FIXTURES, assert_no_internal_errors, by_name, run_extractor

GEM = FIXTURES / "gem"
LOCK = (GEM / "Gemfile.lock").read_bytes()
GEMFILE = (GEM / "Gemfile").read_bytes()
GEMSPEC = (GEM / "permits.gemspec").read_bytes()


def _lock(with_gemfile: bool = True):  # type: ignore[no-untyped-def]
    return run_extractor("gem-gemfile-lock", "Gemfile.lock", LOCK, {"Gemfile": GEMFILE} if with_gemfile else None)


def test_lock_versions_platforms_sources_and_direct_flags():
    fr = _lock()
    comps = by_name(fr)
    assert fr.root == "pkg:gem/permits@1.4.0"  # PATH remote "." is the project itself, not a component
    assert "permits" not in comps
    assert sorted(c.purl for c in comps["nokogiri"]) == [
        "pkg:gem/nokogiri@1.16.2",
        "pkg:gem/nokogiri@1.16.2?platform=arm64-darwin",
        "pkg:gem/nokogiri@1.16.2?platform=x86_64-linux",
    ]
    assert all(c.version == "1.16.2" and c.pinned for c in comps["nokogiri"])
    audit = comps["audit-log"][0]
    assert audit.purl == "pkg:gem/audit-log@2.1.0.pre.gov" and audit.direct is True
    assert audit.properties["source"] == "https://github.com/gov-ops/audit-log.git"
    assert audit.properties["revision"] == "3f2a9c1d8e7b6a5f4e3d2c1b0a9f8e7d6c5b4a39"
    assert audit.properties["tag"] == "v2.1.0" and audit.location.line == 6
    reports = comps["reports"][0]
    assert reports.properties == {"source": "path:engines/reports", "first-party": "true"}
    assert comps["gov-auth"][0].properties["registry"] == "https://gems.example.gov/"
    assert comps["private-helper"][0].properties["plugin-source-type"] == "git"
    assert comps["activesupport"][0].direct is False and comps["capybara"][0].direct is True
    assert comps["activesupport"][0].location.line == 25
    assert not fr.issues


def test_lock_checksums_become_sha256_and_bad_digests_are_ignored():
    comps = by_name(_lock())
    assert comps["activesupport"][0].hashes == [
        ("SHA-256", "fbfb7c3e1ab96cc4b3e7e2a5dbd5cd1bd0f0b1b8b7cb8b1b6c9b6b8a1b4bd4b7")]
    linux = next(c for c in comps["nokogiri"] if "x86_64-linux" in c.purl)
    assert linux.hashes == [("SHA-256", "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90")]
    darwin = next(c for c in comps["nokogiri"] if "arm64-darwin" in c.purl)
    assert darwin.hashes == []
    assert comps["racc"][0].hashes == []  # "sha256=ZZZ-not-hex" is not a digest


def test_lock_edges_and_root_edges():
    edges = {(e.source, e.target) for e in _lock().edges}
    assert ("pkg:gem/activesupport@7.1.3", "pkg:gem/i18n@1.14.1") in edges
    assert ("pkg:gem/capybara@3.40.0", "pkg:gem/nokogiri@1.16.2?platform=x86_64-linux") in edges
    assert ("pkg:gem/permits@1.4.0", "pkg:gem/rspec@3.13.0") in edges
    assert ("pkg:gem/reports@0.3.0", "pkg:gem/rails@7.1.3") in edges


def test_lock_scopes_follow_gemfile_groups_through_the_graph():
    comps = by_name(_lock())
    assert comps["rspec"][0].scope is Scope.TEST and comps["rspec-core"][0].scope is Scope.TEST
    assert comps["rubocop"][0].scope is Scope.DEVELOPMENT
    # racc is reached from rubocop (development) but also from nokogiri (runtime): runtime wins
    assert comps["racc"][0].scope is Scope.RUNTIME
    # rails is a runtime dependency of the project's own gemspec (PATH ".")
    assert comps["rails"][0].scope is Scope.RUNTIME
    # without a Gemfile nothing is known: everything stays runtime
    assert {c.scope for c in _lock(with_gemfile=False).components} == {Scope.RUNTIME}


def test_gemfile_requirements_groups_and_sources():
    fr = run_extractor("gem-gemfile", "Gemfile", GEMFILE)
    comps = by_name(fr)
    assert comps["rails"][0].purl == "pkg:gem/rails" and comps["rails"][0].version == "~> 7.1"
    assert not comps["rails"][0].pinned and comps["rails"][0].direct is True
    assert comps["pg"][0].version == ">= 1.1, < 2.0"
    # a bare version and "= x" are exact requirements in RubyGems
    assert comps["puma"][0].purl == "pkg:gem/puma@6.4.2" and comps["puma"][0].pinned
    assert comps["sidekiq"][0].purl == "pkg:gem/sidekiq@7.2.1"
    assert comps["faraday"][0].version == "~> 2.9, >= 2.9.1" and comps["faraday"][0].location.line == 22
    assert comps["gov-auth"][0].properties["registry"] == "https://gems.example.gov/"
    assert comps["rubocop"][0].scope is Scope.DEVELOPMENT  # group :development, :test
    assert comps["capybara"][0].scope is Scope.TEST and comps["rspec"][0].scope is Scope.TEST
    assert comps["lograge"][0].scope is Scope.RUNTIME and comps["letter_opener"][0].scope is Scope.DEVELOPMENT
    assert comps["debug"][0].properties["platforms"] == "mri,windows"
    assert comps["activerecord-jdbc-adapter"][0].properties["platforms"] == "jruby"
    assert comps["activerecord-jdbc-adapter"][0].scope is Scope.RUNTIME  # platforms block closed by `end`
    assert comps["audit-log"][0].properties == {"source": "https://github.com/gov-ops/audit-log.git",
                                                "tag": "v2.1.0"}
    # a constant holding the options hash is substituted
    assert comps["railties-edge"][0].properties["branch"] == "7-1-stable"
    assert comps["reports"][0].properties["first-party"] == "true"
    assert comps["gov-ui"][0].properties["source"] == "https://github.com/gov-ops/monorepo.git"
    assert comps["dynamic"][0].properties["best-effort"] == "true" and comps["dynamic"][0].version is None
    assert comps["bootsnap"][0].location.line == 20  # trailing `if` modifier ignored


def test_gemspec_root_and_dependencies():
    fr = run_extractor("gem-gemspec", "permits.gemspec", GEMSPEC)
    comps = by_name(fr)
    assert fr.root == "pkg:gem/permits@1.4.0"
    assert comps["rails"][0].scope is Scope.RUNTIME and comps["pg"][0].version == ">= 1.1"
    assert comps["json"][0].purl == "pkg:gem/json@2.7.1"
    assert comps["mime-types"][0].version == ">= 3.0, < 4"  # array spread over two lines
    assert comps["decidim-core"][0].properties["best-effort"] == "true"
    assert comps["rspec"][0].scope is Scope.DEVELOPMENT
    assert comps["rake"][0].purl == "pkg:gem/rake@13.1.0" and comps["rake"][0].location.line == 20
    assert {(e.source, e.target) for e in fr.edges} >= {("pkg:gem/permits@1.4.0", "pkg:gem/rails")}


def test_gemspec_without_literal_version():
    fr = run_extractor("gem-gemspec", "tiny.gemspec", (GEM / "versionless.gemspec").read_bytes())
    assert fr.root == "pkg:gem/tiny" and [c.name for c in fr.components] == ["rack"]


def test_merge_gemfile_into_lock():
    tree = MemoryTree({"Gemfile": GEMFILE, "Gemfile.lock": LOCK, "permits.gemspec": GEMSPEC})
    result = scan_tree(tree, "t", "mem")
    purls = {c.purl for c in result.components}
    assert "pkg:gem/rails" not in purls and "pkg:gem/rails@7.1.3" in purls
    capy = next(c for c in result.components if c.purl == "pkg:gem/capybara@3.40.0")
    assert capy.direct is True and capy.scope is Scope.TEST and len(capy.locations) == 2


def test_bad_and_partial_lockfiles():
    fr = run_extractor("gem-gemfile-lock", "Gemfile.lock", (GEM / "garbage.Gemfile.lock").read_bytes())
    assert fr.components == [] and fr.issues[0].severity == "error"
    assert "not a Gemfile.lock" in fr.issues[0].message
    fr = run_extractor("gem-gemfile-lock", "Gemfile.lock", (GEM / "truncated.Gemfile.lock").read_bytes())
    assert [c.purl for c in fr.components] == ["pkg:gem/rack@3.0.8"]
    assert {i.severity for i in fr.issues} == {"warning"} and len(fr.issues) == 2
    for bad in (b"\x00\x01\x02", b"", b"GEM\n" + b"(" * 50_000):
        fr = run_extractor("gem-gemfile-lock", "Gemfile.lock", bad)
        assert_no_internal_errors(fr)


def test_hostile_ruby_is_never_a_crash():
    for text in ('gem "a", ' + "[" * 5000, 'gem "x", %q<', "gem(", "group :a do\nend\nend\nend\n", 'gem "a" "b"'):
        assert_no_internal_errors(run_extractor("gem-gemfile", "Gemfile", text))
        assert_no_internal_errors(run_extractor("gem-gemspec", "x.gemspec", "s.add_dependency " + text[4:]))


test_fuzz_gemfile_lock = fuzz("gem-gemfile-lock", "Gemfile.lock", [LOCK])
test_fuzz_gemfile = fuzz("gem-gemfile", "Gemfile", [GEMFILE])
test_fuzz_gemspec = fuzz("gem-gemspec", "permits.gemspec", [GEMSPEC])
