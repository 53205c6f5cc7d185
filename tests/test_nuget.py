"""NuGet: packages.lock.json, MSBuild projects with central package management, packages.config, nuspec."""

from __future__ import annotations

import json

from ospo.engine.model import Scope
from ospo.engine.scanner import scan_tree
from ospo.engine.sources.memory import MemoryTree

from fuzzing import fuzz, json_documents
from util import FIXTURES, assert_no_internal_errors, by_name, run_extractor

NUGET = FIXTURES / "nuget"
TREE = {str(p.relative_to(NUGET)): p.read_bytes() for p in NUGET.rglob("*") if p.is_file()}
APP = "src/App/App.csproj"
LOCK = "src/App/packages.lock.json"


def _run(name: str, path: str):  # type: ignore[no-untyped-def]
    return run_extractor(name, path, TREE[path], TREE)


def test_project_versions_from_attribute_child_override_and_central_management():
    fr = _run("nuget-project", APP)
    comps = by_name(fr)
    assert fr.root == "pkg:nuget/Gov.Permits.App@2.3.0"  # PackageId + Version
    nj = comps["Newtonsoft.Json"][0]
    assert nj.purl == "pkg:nuget/Newtonsoft.Json@13.0.3" and nj.pinned and nj.direct is True
    assert nj.properties["version-source"] == "Directory.Packages.props" and nj.location.line == 10
    # $(EfVersion) is expanded from Directory.Packages.props' own properties
    assert comps["Microsoft.EntityFrameworkCore"][0].purl == "pkg:nuget/Microsoft.EntityFrameworkCore@8.0.6"
    # $(SerilogVersion) from Directory.Build.props; nested $(RoslynBase) too
    assert comps["Serilog"][0].purl == "pkg:nuget/Serilog@3.1.1"
    assert comps["Microsoft.CodeAnalysis.NetAnalyzers"][0].version == "4.8.0"
    assert comps["Dapper"][0].purl == "pkg:nuget/Dapper@2.1.35"  # VersionOverride
    assert comps["AutoMapper"][0].purl == "pkg:nuget/AutoMapper@12.0.1"  # <Version> child element
    assert comps["MediatR"][0].purl == "pkg:nuget/MediatR@12.2.0"  # [x] is exact
    assert comps["AutoMapper"][0].location.line == 15


def test_project_ranges_floating_and_unresolved_are_unpinned():
    comps = by_name(_run("nuget-project", APP))
    polly = comps["Polly"][0]
    assert not polly.pinned and polly.version == "[8.2.0, 9.0)" and polly.purl == "pkg:nuget/Polly"
    assert not comps["FluentValidation"][0].pinned and comps["FluentValidation"][0].version == "11.*"
    hum = comps["Humanizer"][0]
    assert not hum.pinned and hum.properties["best-effort"] == "true"
    assert comps["NoVersionAnywhere"][0].version is None


def test_project_scopes_conditions_updates():
    comps = by_name(_run("nuget-project", APP))
    assert comps["Microsoft.CodeAnalysis.NetAnalyzers"][0].scope is Scope.DEVELOPMENT  # PrivateAssets all
    assert comps["Serilog"][0].scope is Scope.RUNTIME
    assert comps["System.Text.Json"][0].properties["condition"] == "'$(TargetFramework)' == 'net48'"
    assert comps["Microsoft.AspNetCore.App"][0].properties["msbuild-update"] == "true"
    tests = by_name(_run("nuget-project", "test/App.Tests/App.Tests.fsproj"))
    assert {c.scope for cs in tests.values() for c in cs} == {Scope.TEST}
    assert tests["xunit"][0].purl == "pkg:nuget/xunit@2.8.1"
    # Include="a;b" declares two packages
    assert tests["coverlet.collector"][0].purl == "pkg:nuget/coverlet.collector@6.0.2"
    assert tests["xunit.runner.visualstudio"][0].location.line == 8


def test_shared_props_files():
    build = by_name(_run("nuget-project", "Directory.Build.props"))
    assert build["Microsoft.SourceLink.GitHub"][0].scope is Scope.DEVELOPMENT
    central = _run("nuget-project", "Directory.Packages.props")
    # PackageVersion items are versions on offer, not dependencies; GlobalPackageReference is one
    assert [c.purl for c in central.components] == ["pkg:nuget/StyleCop.Analyzers@1.2.0-beta.556"]
    assert central.root is None


def test_classic_project_with_namespace():
    fr = _run("nuget-project", "src/Legacy/Legacy.csproj")
    assert fr.root == "pkg:nuget/Gov.Legacy"
    assert [c.purl for c in fr.components] == ["pkg:nuget/Antlr@3.5.0.2"]  # <Reference> items are assemblies


def test_lock_file_components_hashes_edges():
    fr = _run("nuget-packages-lock", LOCK)
    comps = by_name(fr)
    assert "Gov.Domain" not in comps  # Project entries are first-party
    assert len(comps["Newtonsoft.Json"]) == 1  # once, although locked for two frameworks
    nj = comps["Newtonsoft.Json"][0]
    assert nj.direct is True and nj.hashes[0][0] == "SHA-512"
    assert nj.hashes[0][1].startswith("1eb0b9057765d342") and len(nj.hashes[0][1]) == 128
    assert comps["Microsoft.EntityFrameworkCore"][0].hashes == []  # contentHash is not base64
    logging = comps["Microsoft.Extensions.Logging"][0]
    assert logging.direct is False and logging.location.line == 29
    assert comps["System.Memory"][0].properties["nuget:central-transitive"] == "true"
    edges = {(e.source, e.target) for e in fr.edges}
    assert edges == {
        ("pkg:nuget/Microsoft.EntityFrameworkCore@8.0.6", "pkg:nuget/Microsoft.Extensions.Logging@8.0.0"),
        ("pkg:nuget/Serilog@3.1.1", "pkg:nuget/Microsoft.Extensions.Logging@8.0.0"),
    }


def test_packages_config():
    comps = by_name(_run("nuget-packages-config", "src/Legacy/packages.config"))
    assert comps["EntityFramework"][0].purl == "pkg:nuget/EntityFramework@6.4.4"
    assert comps["EntityFramework"][0].direct is None and comps["EntityFramework"][0].location.line == 3
    dev = comps["Microsoft.CodeDom.Providers.DotNetCompilerPlatform"][0]
    assert dev.scope is Scope.DEVELOPMENT
    assert comps["jQuery"][0].properties["nuget:allowedVersions"] == "[3,4)"
    assert len(comps) == 4  # the entry without an id is skipped


def test_nuspec_ranges_and_root():
    fr = _run("nuget-nuspec", "Gov.Permits.Client.nuspec")
    comps = by_name(fr)
    assert fr.root == "pkg:nuget/Gov.Permits.Client@1.0.4"
    nj = comps["Newtonsoft.Json"]
    assert len(nj) == 1 and not nj[0].pinned and nj[0].version == "13.0.1"  # a minimum in a nuspec
    assert comps["Polly"][0].purl == "pkg:nuget/Polly@8.2.0"
    assert ("pkg:nuget/Gov.Permits.Client@1.0.4", "pkg:nuget/Polly@8.2.0") in {(e.source, e.target) for e in fr.edges}


def test_merge_project_and_lock():
    result = scan_tree(MemoryTree(TREE), "t", "mem")
    purls = {c.purl for c in result.components}
    assert "pkg:nuget/Microsoft.Extensions.Logging@8.0.0" in purls
    nj = next(c for c in result.components if c.purl == "pkg:nuget/Newtonsoft.Json@13.0.3")
    assert {loc.path for loc in nj.locations} == {APP, LOCK}


def test_bad_files_are_issues_not_crashes():
    for path, name in (("truncated.csproj", "nuget-project"), ("entities.csproj", "nuget-project")):
        fr = run_extractor(name, path, TREE[path])
        assert fr.components == [] and fr.issues and fr.issues[0].severity == "error"
    assert "hostile" in run_extractor("nuget-project", "e.csproj", TREE["entities.csproj"]).issues[0].message
    for bad in (b"{", b"[]", json.dumps({"version": 1}).encode(), json.dumps({"dependencies": {"x": 3}}).encode()):
        fr = run_extractor("nuget-packages-lock", "packages.lock.json", bad)
        assert fr.components == [] and fr.issues
        assert_no_internal_errors(fr)
    fr = run_extractor("nuget-packages-config", "packages.config", b"<project/>")
    assert "not <packages>" in fr.issues[0].message
    fr = run_extractor("nuget-nuspec", "x.nuspec", b"<package><files/></package>")
    assert "no <metadata>" in fr.issues[0].message


test_fuzz_packages_lock = fuzz("nuget-packages-lock", "packages.lock.json", [TREE[LOCK]],
                               json_documents(json.loads(TREE[LOCK])))
test_fuzz_project = fuzz("nuget-project", "App.csproj", [TREE[APP], TREE["src/Legacy/Legacy.csproj"]])
test_fuzz_packages_config = fuzz("nuget-packages-config", "packages.config", [TREE["src/Legacy/packages.config"]])
test_fuzz_nuspec = fuzz("nuget-nuspec", "x.nuspec", [TREE["Gov.Permits.Client.nuspec"]])
