"""Merging per-file results into one inventory."""

from __future__ import annotations

from ospo.engine.merge import merge_inventory, versionless
from ospo.engine.model import Component, Edge, FileResult, Location, Scope


def comp(name, version, path, *, pinned=True, scope=Scope.RUNTIME, direct=None):
    purl = f"pkg:npm/{name}@{version}" if pinned else f"pkg:npm/{name}"
    return Component("npm", name, version, purl, pinned=pinned, scope=scope, direct=direct,
                     locations=[Location(path, 1)])


def fr(path, *components, edges=()):
    return FileResult(path=path, ecosystem="npm", extractor="t", components=list(components), edges=list(edges))


def test_versionless():
    assert versionless("pkg:npm/%40a/b@1.0.0?x=y#sub") == "pkg:npm/%40a/b"
    assert versionless("pkg:golang/github.com/a/b@v1.2.3") == "pkg:golang/github.com/a/b"
    assert versionless("pkg:npm/left-pad") == "pkg:npm/left-pad"


def test_same_purl_in_two_files_is_one_component_with_broadest_scope():
    a = fr("a/package-lock.json", comp("x", "1.0.0", "a/package-lock.json", scope=Scope.DEVELOPMENT, direct=False))
    b = fr("b/package-lock.json", comp("x", "1.0.0", "b/package-lock.json", scope=Scope.RUNTIME, direct=True))
    components, _ = merge_inventory([a, b])
    assert len(components) == 1
    assert components[0].scope is Scope.RUNTIME and components[0].direct is True
    assert [loc.path for loc in components[0].locations] == ["a/package-lock.json", "b/package-lock.json"]


def test_unpinned_is_replaced_only_by_a_pin_in_its_directory_or_above():
    manifest = fr("app/package.json", comp("x", "^1", "app/package.json", pinned=False, direct=True),
                  comp("y", "^2", "app/package.json", pinned=False, direct=True),
                  edges=[Edge("pkg:npm/app", "pkg:npm/x")])
    root_lock = fr("package-lock.json", comp("x", "1.2.0", "package-lock.json", direct=False))
    other_lock = fr("other/package-lock.json", comp("y", "2.0.0", "other/package-lock.json", direct=False))
    components, edges = merge_inventory([manifest, root_lock, other_lock])
    purls = {c.purl: c for c in components}
    assert "pkg:npm/x" not in purls and purls["pkg:npm/x@1.2.0"].direct is True
    # y is pinned only in a sibling directory: the declaration stays unpinned, the sibling pin stays transitive
    assert "pkg:npm/y" in purls and purls["pkg:npm/y@2.0.0"].direct is False
    assert Edge("pkg:npm/app", "pkg:npm/x@1.2.0") in edges
