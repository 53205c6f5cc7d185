"""Merge per-file findings into one repository inventory.

Rules, chosen so that the inventory says what is really installed and still keeps what only a manifest
knows:

* the same purl from several files is one component, with every location kept;
* a component is direct if any file says so, and takes the broadest scope (runtime beats optional beats
  development beats test): a package used at runtime somewhere is a runtime dependency;
* an unpinned declaration (``^1.2`` in package.json) disappears when a lockfile in the same directory or
  above pins that package; its direct flag moves to the pinned versions and edges to it are redirected.
  Unpinned declarations with no pin stay, so that nothing declared is lost.
"""

from __future__ import annotations

import posixpath

from ospo.engine.model import Component, Edge, FileResult, Scope

_SCOPE_RANK = {Scope.RUNTIME: 0, Scope.OPTIONAL: 1, Scope.DEVELOPMENT: 2, Scope.TEST: 3}


def versionless(purl: str) -> str:
    """``pkg:npm/%40a/b@1.0?x=y`` → ``pkg:npm/%40a/b``: the package's identity across versions."""
    base = purl.split("#", 1)[0].split("?", 1)[0]
    head, sep, _ = base.rpartition("@")
    return head if sep and "/" in head else base


def _absorb(into: Component, other: Component) -> None:
    for loc in other.locations:
        if loc not in into.locations:
            into.locations.append(loc)
    if other.direct:
        into.direct = True
    elif into.direct is None:
        into.direct = other.direct
    if _SCOPE_RANK[other.scope] < _SCOPE_RANK[into.scope]:
        into.scope = other.scope
    if not into.license and other.license:
        into.license = other.license
    for h in other.hashes:
        if h not in into.hashes:
            into.hashes.append(h)
    for k, v in other.properties.items():
        into.properties.setdefault(k, v)


def _covers(lock_dirs: set[str], manifest_dir: str) -> bool:
    return any(d == "" or manifest_dir == d or manifest_dir.startswith(d + "/") for d in lock_dirs)


def merge_inventory(files: list[FileResult]) -> tuple[list[Component], list[Edge]]:
    by_purl: dict[str, Component] = {}
    for fr in files:
        for comp in fr.components:
            existing = by_purl.get(comp.purl)
            if existing is None:
                by_purl[comp.purl] = Component(
                    ecosystem=comp.ecosystem, name=comp.name, version=comp.version, purl=comp.purl,
                    pinned=comp.pinned, scope=comp.scope, direct=comp.direct, license=comp.license,
                    hashes=list(comp.hashes), locations=list(comp.locations),
                    properties=dict(comp.properties),
                )
            else:
                _absorb(existing, comp)

    # Pinned versions per package identity, with the directories of the files that pin them.
    pinned: dict[str, list[Component]] = {}
    for comp in by_purl.values():
        if comp.pinned:
            pinned.setdefault(versionless(comp.purl), []).append(comp)

    redirect: dict[str, list[str]] = {}
    for purl, comp in list(by_purl.items()):
        if comp.pinned:
            continue
        candidates = pinned.get(versionless(purl), [])
        manifest_dirs = {posixpath.dirname(loc.path) for loc in comp.locations}
        chosen = [
            c for c in candidates
            if any(_covers({posixpath.dirname(loc.path) for loc in c.locations}, d) for d in manifest_dirs)
        ]
        if not chosen:
            continue
        for c in chosen:
            if comp.direct:
                c.direct = True
            for loc in comp.locations:  # "declared in package.json:6" stays visible
                if loc not in c.locations:
                    c.locations.append(loc)
            if _SCOPE_RANK[comp.scope] < _SCOPE_RANK[c.scope] and comp.direct:
                c.scope = comp.scope
        redirect[purl] = [c.purl for c in chosen]
        del by_purl[purl]

    edges: list[Edge] = []
    seen: set[Edge] = set()
    for fr in files:
        for e in fr.edges:
            for target in redirect.get(e.target, [e.target]):
                for source in redirect.get(e.source, [e.source]):
                    new = Edge(source, target)
                    if new not in seen and source != target:
                        seen.add(new)
                        edges.append(new)
    components = sorted(by_purl.values(), key=lambda c: (c.ecosystem, c.name, c.version or "", c.purl))
    return components, edges
