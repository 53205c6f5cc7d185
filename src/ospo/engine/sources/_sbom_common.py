"""Pieces shared by the CycloneDX and SPDX readers: purl handling, typed access to untrusted documents.

An SBOM handed to us is hostile input like any manifest: every value read from it is type-checked here so
that a document with a number where a string belongs is skipped field by field, never crashes the reader.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from packageurl import PackageURL

from ospo.engine.ecosystems.base import make_purl
from ospo.engine.model import Component, Edge, FileResult, Location, Scope

SCOPE_RANK = {Scope.RUNTIME: 0, Scope.OPTIONAL: 1, Scope.DEVELOPMENT: 2, Scope.TEST: 3}
MAX_TEXT = 10_000  # a name, version or license longer than this is not one


def text(value: Any, limit: int = MAX_TEXT) -> str | None:
    """A non-empty, stripped string of sane length, or None for anything else."""
    if isinstance(value, str):
        value = value.strip()
        if value and len(value) <= limit:
            return value
    return None


def as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def as_dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


@lru_cache(maxsize=65536)
def parse_purl(value: str) -> PackageURL | None:
    """The parsed purl, or None when the string is not a valid purl.

    Re-rendering through packageurl-python makes ``pkg:npm/@a/b`` and ``pkg:npm/%40a/b`` the same
    identity as our extractors produce, so an SBOM read back matches a scan of the tree.
    """
    if not value.startswith("pkg:") or len(value) > 4000:
        return None
    try:
        p = PackageURL.from_string(value)
        p.to_string()
    except (ValueError, TypeError, KeyError, IndexError, UnicodeError):
        return None
    if not p.type or not p.name:
        return None
    return p


def render_purl(p: PackageURL, version: str | None) -> str | None:
    try:
        return PackageURL(type=p.type, namespace=p.namespace, name=p.name, version=version or None,
                          qualifiers=p.qualifiers or None, subpath=p.subpath or None).to_string()
    except (ValueError, TypeError, KeyError, IndexError, UnicodeError):
        return None


def display_name(ptype: str, namespace: str | None, name: str) -> str:
    """The package name as our extractors write it: ``@scope/pkg``, ``group:artifact``, ``ns/name``."""
    if not namespace:
        return name
    if ptype == "maven":
        return f"{namespace}:{name}"
    return f"{namespace}/{name}"


def synthesize_purl(name: str, version: str | None, group: str | None) -> str | None:
    """``pkg:generic/...`` for a component that names no purl: it keeps an identity and a place in edges."""
    try:
        return make_purl("generic", name, version, namespace=group)
    except (ValueError, TypeError):
        return None


def build_component(
    *,
    purl: str | None,
    name: str | None,
    group: str | None,
    version: str | None,
    location: Location,
    pinned: bool = True,
    scope: Scope = Scope.RUNTIME,
    direct: bool | None = None,
    license: str | None = None,
    hashes: list[tuple[str, str]] | None = None,
    properties: dict[str, str] | None = None,
) -> Component | None:
    """One of our Components from what an SBOM says; None when it names neither a purl nor a name."""
    props = dict(properties or {})
    parsed = parse_purl(purl) if purl else None
    canonical: str | None = None
    if parsed is not None:
        # The purl's own version is the identity; a version field fills it in when the purl has none;
        # an unpinned declaration's purl carries no version, whatever the SBOM wrote.
        pinned_version = (parsed.version or version) if pinned else None
        canonical = render_purl(parsed, pinned_version)
        if pinned and not version and parsed.version:
            version = parsed.version
    if canonical is not None and parsed is not None:
        ecosystem = parsed.type
        cname = display_name(parsed.type, parsed.namespace, parsed.name)
    else:
        if not name:
            return None
        if purl:
            props.setdefault("sbom:invalid-purl", purl[:500])
        canonical = synthesize_purl(name, version if pinned else None, group)
        if canonical is None:
            return None
        ecosystem = "generic"
        cname = f"{group}/{name}" if group else name
        props.setdefault("sbom:purl-synthesized", "true")
    return Component(
        ecosystem=ecosystem, name=cname, version=version or None, purl=canonical,
        pinned=pinned and bool(version), scope=scope, direct=direct, license=license or None,
        hashes=hashes or [], locations=[location], properties=props,
    )


def dedupe(fr: FileResult) -> None:
    """One component per purl (an SBOM may list a package twice), and one edge per pair, in order."""
    by_purl: dict[str, Component] = {}
    for c in fr.components:
        seen = by_purl.get(c.purl)
        if seen is None:
            by_purl[c.purl] = c
            continue
        if c.direct:
            seen.direct = True
        if SCOPE_RANK[c.scope] < SCOPE_RANK[seen.scope]:
            seen.scope = c.scope
        for h in c.hashes:
            if h not in seen.hashes:
                seen.hashes.append(h)
        seen.license = seen.license or c.license
        for k, v in c.properties.items():
            seen.properties.setdefault(k, v)
    fr.components = list(by_purl.values())
    edges: dict[Edge, None] = {}
    for e in fr.edges:
        if e.source != e.target:
            edges.setdefault(e, None)
    fr.edges = list(edges)
