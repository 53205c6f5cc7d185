"""Synthetic ScanResults that exercise every feature the SBOM writers must render validly."""

from __future__ import annotations

from ospo.engine.model import Component, Edge, FileResult, Location, ParseIssue, ScanResult, Scope

SHA1 = "a" * 40
SHA256 = "0123456789abcdef" * 4
SHA512 = "f" * 128


def comp(ecosystem: str, name: str, version: str | None, purl: str, **kw) -> Component:  # type: ignore[no-untyped-def]
    kw.setdefault("locations", [Location("manifest.txt", 3)])
    return Component(ecosystem=ecosystem, name=name, version=version, purl=purl, **kw)


def full_result() -> ScanResult:
    """Every ecosystem's purl shape, unpinned versions, hashes, every kind of license, edges, issues, unicode."""
    cs = [
        comp("npm", "@scope/pkg", "1.2.3", "pkg:npm/%40scope/pkg@1.2.3", direct=True, license="MIT",
             hashes=[("SHA-512", SHA512), ("SHA-1", SHA1)],
             properties={"resolved": "https://registry.npmjs.org/@scope/pkg/-/pkg-1.2.3.tgz"}),
        comp("npm", "left-pad", "^1.0", "pkg:npm/left-pad", pinned=False, direct=True, scope=Scope.DEVELOPMENT,
             license="(MIT OR Apache-2.0)"),
        comp("npm", "dep-of-scope", "2.0.0", "pkg:npm/dep-of-scope@2.0.0", direct=False,
             license="BSD", hashes=[("SHA-256", SHA256)]),
        comp("pypi", "django", "4.2.1", "pkg:pypi/django@4.2.1", direct=True, license="BSD-3-Clause"),
        comp("pypi", "pytest", ">=7", "pkg:pypi/pytest", pinned=False, direct=True, scope=Scope.TEST),
        comp("maven", "org.apache.commons:commons-lang3", "3.12.0", "pkg:maven/org.apache.commons/commons-lang3@3.12.0",
             direct=True, license="Apache-2.0 AND (MIT OR GPL-2.0-only WITH Classpath-exception-2.0)"),
        comp("golang", "github.com/pkg/errors", "v0.9.1", "pkg:golang/github.com/pkg/errors@v0.9.1", direct=True,
             license="see LICENSE file"),
        comp("gem", "rails", "7.0.4", "pkg:gem/rails@7.0.4", direct=True, scope=Scope.OPTIONAL,
             license="https://example.org/license.html"),
        comp("cargo", "serde", "1.0.0", "pkg:cargo/serde@1.0.0", license="MIT/Apache-2.0"),
        comp("nuget", "Newtonsoft.Json", "13.0.1", "pkg:nuget/Newtonsoft.Json@13.0.1", license="GPL-2.0+"),
        comp("composer", "symfony/console", "v6.0.0", "pkg:composer/symfony/console@v6.0.0",
             license="LicenseRef-Custom"),
        comp("githubactions", "actions/checkout", "v4", "pkg:githubactions/actions/checkout@v4",
             properties={"source": "git+https://github.com/actions/checkout.git"}),
        comp("docker", "library/python", "3.12-slim", "pkg:docker/library/python@3.12-slim"),
        comp("generic", "zlib", "1.3", "pkg:generic/zlib@1.3", license="Zlib",
             hashes=[("SHA-256", "not-hex"), ("MD5", "0" * 32)]),
        comp("pypi", "ünïcødé-pkg", "1.0", "pkg:pypi/%c3%bcn%c3%afc%c3%b8d%c3%a9-pkg@1.0", direct=True,
             license="Licence «libre» ✓", locations=[Location("sous-répertoire/requirements.txt", 7),
                                                    Location("other/requirements.txt", None)]),
        comp("npm", "no-version", None, "pkg:npm/no-version", pinned=False, direct=None),
        comp("npm", "weird", "1.0.0", "pkg:npm/weird@1.0.0?vcs_url=git%2Bhttps://x.org/a.git#sub/path"),
    ]
    edges = [
        Edge("pkg:npm/%40scope/pkg@1.2.3", "pkg:npm/dep-of-scope@2.0.0"),
        Edge("pkg:maven/org.apache.commons/commons-lang3@3.12.0", "pkg:pypi/django@4.2.1"),
        Edge("pkg:npm/app@1.0.0", "pkg:npm/%40scope/pkg@1.2.3"),  # from a root that is not a component
        Edge("pkg:npm/dep-of-scope@2.0.0", "pkg:npm/unknown@9"),  # to nothing known
    ]
    fr = FileResult(path="package-lock.json", ecosystem="npm", extractor="npm-package-lock",
                    issues=[ParseIssue("broken/package.json", "invalid JSON at line 2 column 1: x"),
                            ParseIssue("partial/Gemfile", "line 3 skipped", "warning")])
    return ScanResult(name="demo-répo", source="/tmp/demo", revision="0123abcd", files=[fr], components=cs,
                      edges=edges, issues=[ParseIssue("x", "global issue")])


def big_result(n: int = 3000) -> ScanResult:
    cs = [comp("npm", f"pkg{i}", f"1.0.{i}", f"pkg:npm/pkg{i}@1.0.{i}", direct=i < 50, license="MIT",
               hashes=[("SHA-512", SHA512)]) for i in range(n)]
    edges = [Edge(f"pkg:npm/pkg{i}@1.0.{i}", f"pkg:npm/pkg{j}@1.0.{j}") for i in range(n)
             for j in (i * 7 % n, i * 13 % n) if i != j]
    return ScanResult(name="big", source="/tmp/big", components=cs, edges=edges)
