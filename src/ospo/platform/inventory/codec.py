"""The one mapping between the engine's plain data and the inventory's rows, in both directions.

Ingestion (``scans/ingest.py``) writes with :func:`component_row`, :func:`usage_values` and :func:`graph_document`;
the SBOM downloads (``web/sbom.py``) read back with :func:`engine_component` and :func:`graph_edges`. Keeping both
directions here makes the round trip exact by construction: :func:`usage_values` stores in ``as_declared`` every
field that :func:`engine_component` would not otherwise give back as the engine had it (a name spelt differently
from the shared Component row, a version or constraint cut by a column's length, a ``None`` that would come back
as ``""``). Nothing here interprets manifests.

Databases refuse some strings the engine can legitimately return from hostile files: NUL (PostgreSQL text and
jsonb) and lone surrogates (no UTF-8 form, refused by both backends). :func:`storable` replaces them with U+FFFD,
once, for the whole result, so every column and every purl reference agrees; a clean result is returned as is.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import replace
from typing import Any, NamedTuple

from ospo.engine.model import Component, Edge, FileResult, Location, ParseIssue, ScanResult, Scope

ECOSYSTEM_LEN, NAME_LEN, VERSION_LEN, LICENSE_LEN, CONSTRAINT_LEN = 50, 500, 300, 500, 500
_BAD = re.compile("[\x00\ud800-\udfff]")


class SharedRow(NamedTuple):
    """The identity columns of a stored Component — never changed after the row is created."""

    ecosystem: str
    name: str
    version: str
    pinned: bool


# --- storable text ------------------------------------------------------------------------------------------------

def clean(text: str) -> str:
    return _BAD.sub("\ufffd", text) if _BAD.search(text) else text


def _clean_opt(text: str | None) -> str | None:
    return None if text is None else clean(text)


def _component_clean(c: Component) -> bool:
    """One regex pass over all of the component's strings: this runs for every component of every changed scan."""
    parts = [c.purl, c.name, c.ecosystem, c.version or "", c.license or ""]
    parts.extend(a + v for a, v in c.hashes)
    parts.extend(k + v for k, v in c.properties.items())
    parts.extend(loc.path for loc in c.locations)
    return _BAD.search("".join(parts)) is None


def _clean_component(c: Component) -> Component:
    if _component_clean(c):
        return c
    return replace(
        c, ecosystem=clean(c.ecosystem), name=clean(c.name), version=_clean_opt(c.version), purl=clean(c.purl),
        license=_clean_opt(c.license), hashes=[(clean(a), clean(v)) for a, v in c.hashes],
        locations=[Location(clean(loc.path), loc.line) for loc in c.locations],
        properties={clean(k): clean(v) for k, v in c.properties.items()},
    )


def _clean_issue(i: ParseIssue) -> ParseIssue:
    if _BAD.search(i.path) or _BAD.search(i.message) or _BAD.search(i.severity):
        return ParseIssue(clean(i.path), clean(i.message), clean(i.severity))
    return i


def storable(result: ScanResult) -> ScanResult:
    """``result`` with every string a database can hold; the same object when nothing needed replacing."""
    components = [_clean_component(c) for c in result.components]
    edges = [e if not (_BAD.search(e.source) or _BAD.search(e.target)) else Edge(clean(e.source), clean(e.target))
             for e in result.edges]
    issues = [_clean_issue(i) for i in result.issues]
    files_dirty = any(_clean_issue(i) is not i for f in result.files for i in f.issues)
    head_dirty = any(_BAD.search(s) for s in (result.name, result.source, result.revision or ""))
    if (not head_dirty and not files_dirty and all(a is b for a, b in zip(components, result.components, strict=True))
            and all(a is b for a, b in zip(edges, result.edges, strict=True))
            and all(a is b for a, b in zip(issues, result.issues, strict=True))):
        return result
    files = result.files
    if files_dirty:
        files = [FileResult(f.path, f.ecosystem, f.extractor, f.kind, f.root, f.root_license, [], [],
                            [_clean_issue(i) for i in f.issues]) for f in result.files]
    return replace(result, name=clean(result.name), source=clean(result.source),
                   revision=_clean_opt(result.revision), components=components, edges=edges, issues=issues,
                   files=files)


def storable_issues(result: ScanResult) -> ScanResult:
    """``result`` with storable issues only (what the Scan row keeps even when the tree is unchanged)."""
    if not any(_clean_issue(i) is not i for i in result.all_issues):
        return result
    return ScanResult(result.name, result.source, issues=[_clean_issue(i) for i in result.all_issues])


# --- engine → rows ------------------------------------------------------------------------------------------------

def component_row(c: Component) -> dict[str, Any]:
    """Columns of a new shared Component row (the first repository to name the purl sets them)."""
    return {
        "ecosystem": c.ecosystem[:ECOSYSTEM_LEN], "name": c.name[:NAME_LEN],
        "version": (c.version or "")[:VERSION_LEN] if c.pinned else "", "pinned": c.pinned,
        "license": (c.license or "")[:LICENSE_LEN], "hashes": [[a, v] for a, v in c.hashes],
    }


def shared_of(row: dict[str, Any]) -> SharedRow:
    return SharedRow(row["ecosystem"], row["name"], row["version"], row["pinned"])


def _defaults(shared: SharedRow, constraint: str, as_declared: dict[str, Any]) -> dict[str, Any]:
    """What a usage gives back for the identity fields, from the shared row, its constraint and its overrides."""
    pinned = as_declared.get("pinned", shared.pinned)
    default = (shared.version or None) if pinned else (constraint or None)
    version = as_declared.get("version", default)
    return {
        "ecosystem": as_declared.get("ecosystem", shared.ecosystem),
        "name": as_declared.get("name", shared.name),
        "pinned": pinned,
        "version": version,
    }


def usage_values(c: Component, shared: SharedRow, path: list[str]) -> dict[str, Any]:
    """The Usage columns for engine component ``c`` of one repository (see the module docstring)."""
    constraint = "" if c.pinned else (c.version or "")[:CONSTRAINT_LEN]
    back = _defaults(shared, constraint, {})
    as_declared: dict[str, Any] = {k: v for k, v in (("ecosystem", c.ecosystem), ("name", c.name),
                                                      ("pinned", c.pinned)) if back[k] != v}
    if _defaults(shared, constraint, as_declared)["version"] != c.version:  # the version default follows pinned
        as_declared["version"] = c.version
    if c.license == "":  # a declared-but-empty license would come back as None
        as_declared["license"] = ""
    return {
        "scope": c.scope.value,
        "direct": c.direct,
        "constraint": constraint,
        "locations": [{"path": loc.path, "line": loc.line} for loc in c.locations],
        "dependency_path": path,
        "license": c.license or "",
        "hashes": [[a, v] for a, v in c.hashes],
        "properties": dict(c.properties),
        "as_declared": as_declared,
    }


def graph_document(result: ScanResult) -> tuple[list[str], list[list[int]]]:
    """``(nodes, edges)``: each endpoint once, edges as index pairs in the engine's order."""
    index: dict[str, int] = {}
    edges: list[list[int]] = []
    for e in result.edges:
        a = index.setdefault(e.source, len(index))
        b = index.setdefault(e.target, len(index))
        edges.append([a, b])
    return list(index), edges


# --- rows → engine ------------------------------------------------------------------------------------------------

def _scope(value: object) -> Scope:
    try:
        return Scope(value)
    except ValueError:
        return Scope.RUNTIME


def _str(value: object) -> str:
    return value if isinstance(value, str) else str(value)


def _locations(raw: object) -> list[Location]:
    out = []
    for loc in raw if isinstance(raw, list) else ():
        if isinstance(loc, dict):
            line = loc.get("line")
            out.append(Location(_str(loc.get("path", "")),
                                line if isinstance(line, int) and not isinstance(line, bool) else None))
    return out


def _hashes(raw: object) -> list[tuple[str, str]]:
    return [(h[0], h[1]) for h in (raw if isinstance(raw, list) else ())
            if isinstance(h, list | tuple) and len(h) == 2 and isinstance(h[0], str) and isinstance(h[1], str)]


def _properties(raw: object) -> dict[str, str]:
    return {k: v for k, v in raw.items() if isinstance(k, str) and isinstance(v, str)} if isinstance(raw, dict) else {}


def engine_component(purl: str, shared: SharedRow, usage: dict[str, Any]) -> Component:
    """The engine Component a usage row stands for. Tolerates rows edited by hand or by older versions."""
    declared = usage.get("as_declared")
    declared = declared if isinstance(declared, dict) else {}
    ident = _defaults(shared, usage.get("constraint") or "", declared)
    version = ident["version"]
    license_ = declared["license"] if isinstance(declared.get("license"), str) else (usage.get("license") or None)
    return Component(
        ecosystem=_str(ident["ecosystem"]), name=_str(ident["name"]),
        version=None if version is None else _str(version), purl=purl, pinned=bool(ident["pinned"]),
        scope=_scope(usage.get("scope")), direct=usage.get("direct"), license=license_,
        hashes=_hashes(usage.get("hashes")), locations=_locations(usage.get("locations")),
        properties=_properties(usage.get("properties")),
    )


def graph_edges(nodes: object, edges: object) -> list[Edge]:
    """Edges back from the stored graph; malformed entries (hand edits) are skipped."""
    if not isinstance(nodes, list) or not isinstance(edges, list):
        return []
    n = len(nodes)
    out = []
    for pair in edges:
        if (isinstance(pair, list) and len(pair) == 2 and all(isinstance(i, int) and 0 <= i < n for i in pair)
                and isinstance(nodes[pair[0]], str) and isinstance(nodes[pair[1]], str)):
            out.append(Edge(nodes[pair[0]], nodes[pair[1]]))
    return out


def path_edges(paths: Iterable[object]) -> list[Edge]:
    """Edges along stored shortest paths: the fallback for an inventory stored before graphs were kept."""
    seen: dict[tuple[str, str], None] = {}
    for path in paths:
        items = [p for p in path if isinstance(p, str)] if isinstance(path, list) else []
        for a, b in itertools.pairwise(items):
            seen[(a, b)] = None
    return [Edge(a, b) for a, b in sorted(seen)]
