"""CycloneDX 1.6 JSON from a :class:`~ospo.engine.model.ScanResult`.

Written as plain dicts rather than through cyclonedx-python-lib: the library's dependency registration is
quadratic (13 of 18 seconds for one 2,000-component repository), and the engine is the hot path. The
output is proven valid against the official CycloneDX 1.6 JSON schema (shipped by cyclonedx-python-lib)
in ``tests/test_sbom_cyclonedx.py``.

Choices a reader of the document should know:

* ``bom-ref`` is the purl (unique after merging); the repository itself is ``metadata.component``;
* an unpinned declaration has no ``version``: its constraint is the property ``ospo:version-constraint``
  and its purl carries no version, so that no vulnerability matcher mistakes ``^1.2`` for ``1.2``;
* ``scope``: runtime → required, optional → optional, development and test → excluded; the exact scope is
  kept in ``ospo:scope``;
* every file that declares a component is an ``evidence.occurrences`` entry with its line;
* output is deterministic: components and dependencies are sorted; only ``serialNumber`` and
  ``metadata.timestamp`` change between runs (pass ``serial``/``timestamp`` to fix them too).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from uuid import UUID, uuid4

import ospo
from ospo.engine.jsonout import dumps_lines
from ospo.engine.model import Component, ScanResult, Scope
from ospo.engine.sbom.licenses import license_choice

_SCOPES = {
    Scope.RUNTIME: "required",
    Scope.OPTIONAL: "optional",
    Scope.DEVELOPMENT: "excluded",
    Scope.TEST: "excluded",
}
# The hash algorithms and digest shapes the CycloneDX 1.6 schema accepts; anything else is left out rather
# than written invalid (a malformed digest from a lockfile must not make the whole document invalid).
_HASH_ALGS = {"MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512", "SHA3-256", "SHA3-384", "SHA3-512",
              "BLAKE2b-256", "BLAKE2b-384", "BLAKE2b-512", "BLAKE3"}
_HEX_DIGEST = re.compile(r"^(?:[a-fA-F0-9]{32}|[a-fA-F0-9]{40}|[a-fA-F0-9]{64}|[a-fA-F0-9]{96}|[a-fA-F0-9]{128})$")
_GROUPED = {"npm", "maven", "golang", "composer", "githubactions", "docker", "swift", "cocoapods"}


def _group_name(c: Component) -> tuple[str | None, str]:
    """CycloneDX splits namespace (``group``) from ``name`` for ecosystems whose names have one."""
    if c.ecosystem == "npm" and c.name.startswith("@") and "/" in c.name:
        group, _, name = c.name.partition("/")
        return group, name
    if c.ecosystem == "maven" and ":" in c.name:
        group, _, name = c.name.partition(":")
        return group, name
    if c.ecosystem in _GROUPED and "/" in c.name and c.ecosystem != "npm":
        group, _, name = c.name.rpartition("/")
        return group, name
    return None, c.name


def component_dict(c: Component) -> dict[str, Any]:
    group, name = _group_name(c)
    out: dict[str, Any] = {"type": "library", "bom-ref": c.purl}
    if group:
        out["group"] = group
    out["name"] = name
    if c.pinned and c.version:
        out["version"] = c.version
    out["scope"] = _SCOPES[c.scope]
    hashes = [{"alg": alg, "content": value} for alg, value in dict.fromkeys(c.hashes)
              if alg in _HASH_ALGS and _HEX_DIGEST.match(value)]
    if hashes:
        out["hashes"] = hashes
    if c.license:
        out["licenses"] = license_choice(c.license)
    out["purl"] = c.purl
    props = [{"name": "ospo:ecosystem", "value": c.ecosystem}, {"name": "ospo:scope", "value": c.scope.value}]
    if c.direct is not None:
        props.append({"name": "ospo:direct", "value": str(c.direct).lower()})
    if not c.pinned and c.version:
        props.append({"name": "ospo:version-constraint", "value": c.version})
    props.extend({"name": f"ospo:{k}", "value": v} for k, v in sorted(c.properties.items()) if v)
    out["properties"] = props
    if c.locations:
        out["evidence"] = {
            "occurrences": [
                {"location": loc.path, **({"line": loc.line} if loc.line else {})} for loc in c.locations
            ]
        }
    return out


def build_document(
    result: ScanResult, serial: UUID | None = None, timestamp: dt.datetime | None = None
) -> dict[str, Any]:
    stamp = (timestamp or dt.datetime.now(dt.UTC)).replace(microsecond=0)
    root_ref = f"ospo:root:{result.name}"
    root: dict[str, Any] = {"type": "application", "bom-ref": root_ref, "name": result.name}
    root_props = [{"name": "ospo:source", "value": result.source}]
    if result.revision:
        root_props.append({"name": "ospo:revision", "value": result.revision})
    root["properties"] = root_props

    unique = {c.purl: c for c in reversed(result.components)}  # bom-refs must be unique: first one wins
    components = sorted(unique.values(), key=lambda c: c.purl)
    refs = set(unique)
    depends: dict[str, set[str]] = {root_ref: {c.purl for c in components if c.direct}}
    for e in result.edges:
        if e.source in refs and e.target in refs:
            depends.setdefault(e.source, set()).add(e.target)
    for ref in refs:
        depends.setdefault(ref, set())

    metadata: dict[str, Any] = {
        "timestamp": stamp.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "tools": {"components": [{"type": "application", "group": "ospo", "name": "ospo",
                                  "version": ospo.__version__}]},
        "component": root,
    }
    issues = result.all_issues
    if issues:
        metadata["properties"] = [{"name": "ospo:issue", "value": str(i)} for i in issues]
    return {
        "$schema": "http://cyclonedx.org/schema/bom-1.6.schema.json",
        "bomFormat": "CycloneDX",
        "specVersion": "1.6",
        "serialNumber": f"urn:uuid:{serial or uuid4()}",
        "version": 1,
        "metadata": metadata,
        "components": [component_dict(c) for c in components],
        "dependencies": [
            {"ref": ref, "dependsOn": sorted(targets)} for ref, targets in sorted(depends.items())
        ],
    }


def to_json(result: ScanResult, serial: UUID | None = None, timestamp: dt.datetime | None = None) -> str:
    return dumps_lines(build_document(result, serial, timestamp))
