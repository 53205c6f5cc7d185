"""Go modules: go.mod, go.sum and go.work extraction."""

from __future__ import annotations

from ospo.engine.scanner import scan_tree
from ospo.engine.sources.memory import MemoryTree

from fuzzing import fuzz
from util import FIXTURES, assert_no_internal_errors, by_name, run_extractor

GO = FIXTURES / "golang"
MOD = (GO / "go.mod").read_bytes()
SUM = (GO / "go.sum").read_bytes()
LEGACY_MOD = (GO / "go-legacy.mod").read_bytes()
LEGACY_SUM = (GO / "go-legacy.sum").read_bytes()
WORK = (GO / "go.work").read_bytes()
BROKEN = (GO / "bad-unterminated.mod").read_bytes()


def test_go_mod_requires_pinned_with_direct_flags_and_lines():
    fr = run_extractor("golang-go-mod", "go.mod", MOD)
    comps = by_name(fr)
    assert fr.root == "pkg:golang/github.com/gov-example/portal-api"
    toml = comps["github.com/BurntSushi/toml"][0]
    assert toml.purl == "pkg:golang/github.com/BurntSushi/toml@v1.3.2"
    assert toml.pinned and toml.direct is True and toml.location.line == 9
    assert comps["gopkg.in/yaml.v3"][0].purl == "pkg:golang/gopkg.in/yaml.v3@v3.0.1"  # quoted path
    assert comps["github.com/tsenart/vegeta"][0].version == "v12.7.0+incompatible"
    assert comps["github.com/tsenart/vegeta"][0].purl == "pkg:golang/github.com/tsenart/vegeta@v12.7.0%2Bincompatible"
    assert comps["github.com/securego/gosec"][0].version == "v0.0.0-20200401082031-e946c8c39989"
    assert comps["github.com/davecgh/go-spew"][0].direct is False
    assert comps["github.com/pmezard/go-difflib"][0].direct is False  # "// indirect; note"
    assert comps["github.com/stretchr/testify"][0].direct is True  # single-line require
    edges = {(e.source, e.target) for e in fr.edges}
    assert (fr.root, "pkg:golang/github.com/stretchr/testify@v1.9.0") in edges
    assert (fr.root, "pkg:golang/golang.org/x/sys@v0.18.0") not in edges
    assert not fr.issues


def test_go_mod_replace_exclude_and_stdlib():
    comps = by_name(run_extractor("golang-go-mod", "go.mod", MOD))
    # module => module: the replacement is built
    assert "github.com/old/logger" not in comps
    fork = comps["github.com/gov-example/logger"][0]
    assert fork.version == "v1.0.1-gov" and fork.properties["replaces"] == "github.com/old/logger@v1.0.0"
    assert fork.direct is True
    # local replacement: first-party, no component
    assert "github.com/gov-example/shared" not in comps
    # a version-specific replace of a version not required changes nothing
    assert comps["golang.org/x/crypto"][0].version == "v0.21.0"
    std = comps["stdlib"][0]
    assert std.purl == "pkg:golang/stdlib" and not std.pinned and std.version == ">=1.22.3"
    assert std.properties == {"go:directive": "1.22", "go:toolchain": "go1.22.3"}


def test_go_mod_exclude_removes_the_version():
    text = b"module m\n\ngo 1.21\n\nrequire a.example/x v1.0.0\nexclude a.example/x v1.0.0\n"
    fr = run_extractor("golang-go-mod", "go.mod", text)
    assert [c.name for c in fr.components] == ["stdlib"]


def test_go_mod_partial_file_warns_and_keeps_what_it_read():
    fr = run_extractor("golang-go-mod", "go.mod", BROKEN)
    assert [c.purl for c in fr.components if c.pinned] == ["pkg:golang/github.com/pkg/errors@v0.9.1"]
    assert fr.issues and all(i.severity == "warning" for i in fr.issues)
    assert any("unterminated" in i.message for i in fr.issues)


def test_go_sum_modern_reports_only_the_build_list_with_h1_property():
    fr = run_extractor("golang-go-sum", "go.sum", SUM, {"go.mod": MOD})
    comps = by_name(fr)
    assert not fr.issues
    toml = comps["github.com/BurntSushi/toml"][0]
    assert toml.properties["go:h1"] == "h1:o7IhLm0Msx3BaB+n3Ag7L8EVlByGnpq14C4YWiu/gL8="
    assert toml.hashes == [] and toml.location.line == 1
    assert "github.com/kr/pretty" not in comps  # zip kept by tidy, not in the go 1.17+ build list
    assert "gopkg.in/check.v1" not in comps  # /go.mod only
    assert comps["github.com/gov-example/logger"][0].version == "v1.0.1-gov"


def test_go_sum_legacy_is_best_effort_highest_version():
    fr = run_extractor("golang-go-sum", "go.sum", LEGACY_SUM, {"go.mod": LEGACY_MOD})
    comps = by_name(fr)
    assert [c.version for c in comps["github.com/davecgh/go-spew"]] == ["v1.1.1"]
    assert comps["golang.org/x/sys"][0].properties["best-effort"] == "true"
    assert "github.com/konsorten/go-windows-terminal-sequences" not in comps
    # no go.mod at all: the same best-effort reading
    assert len(run_extractor("golang-go-sum", "go.sum", LEGACY_SUM).components) == len(fr.components)


def test_go_sum_bad_lines():
    fr = run_extractor("golang-go-sum", "go.sum", b"this is not\na go.sum file at all\n")
    assert fr.components == [] and fr.issues and "internal error" not in fr.issues[0].message
    fr = run_extractor("golang-go-sum", "go.sum", SUM + b"garbage line\n")
    assert fr.components and any(i.severity == "warning" for i in fr.issues)


def test_go_work_replacements_and_toolchain():
    fr = run_extractor("golang-go-work", "go.work", WORK)
    comps = by_name(fr)
    assert comps["github.com/gov-example/pq"][0].properties["replaces"] == "github.com/lib/pq@v1.10.8"
    assert "example.com/internal" not in comps
    assert comps["stdlib"][0].version == ">=1.22.4"


def test_scan_merges_go_mod_and_go_sum():
    result = scan_tree(MemoryTree({"go.mod": MOD, "go.sum": SUM}), "t", "mem")
    toml = next(c for c in result.components if c.purl == "pkg:golang/github.com/BurntSushi/toml@v1.3.2")
    assert toml.direct is True and len(toml.locations) == 2 and "go:h1" in toml.properties


def test_bad_go_files_are_issues_not_crashes():
    for bad in (b"\x00\x01binary", b"{\"json\": true}", b"((((", b"require (\n", "module \u00e9 x y\n".encode()):
        for name, path in (("golang-go-mod", "go.mod"), ("golang-go-sum", "go.sum"), ("golang-go-work", "go.work")):
            fr = run_extractor(name, path, bad)
            assert_no_internal_errors(fr)


test_fuzz_go_mod = fuzz("golang-go-mod", "go.mod", [MOD, LEGACY_MOD, BROKEN])
test_fuzz_go_sum = fuzz("golang-go-sum", "go.sum", [SUM, LEGACY_SUM])
test_fuzz_go_work = fuzz("golang-go-work", "go.work", [WORK])
