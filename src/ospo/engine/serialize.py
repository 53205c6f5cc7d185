"""ScanResult ↔ plain JSON-able dicts: the ``--format json`` output and what the platform stores."""

from __future__ import annotations

from typing import Any

from ospo.engine.model import Component, ScanResult

FORMAT_VERSION = 1


def component_dict(c: Component) -> dict[str, Any]:
    return {
        "purl": c.purl,
        "ecosystem": c.ecosystem,
        "name": c.name,
        "version": c.version,
        "pinned": c.pinned,
        "scope": c.scope.value,
        "direct": c.direct,
        "license": c.license,
        "hashes": [{"alg": a, "value": v} for a, v in c.hashes],
        "locations": [{"path": loc.path, "line": loc.line} for loc in c.locations],
        "properties": dict(sorted(c.properties.items())),
    }


def result_dict(r: ScanResult) -> dict[str, Any]:
    return {
        "format": "ospo-scan",
        "formatVersion": FORMAT_VERSION,
        "name": r.name,
        "source": r.source,
        "revision": r.revision,
        "treeHash": r.tree_hash,
        "components": [component_dict(c) for c in r.components],
        "dependencies": [{"from": e.source, "to": e.target} for e in r.edges],
        "files": [
            {
                "path": f.path,
                "ecosystem": f.ecosystem,
                "extractor": f.extractor,
                "kind": f.kind,
                "root": f.root,
                "rootLicense": f.root_license,
                "components": len(f.components),
                "issues": [{"message": i.message, "severity": i.severity} for i in f.issues],
            }
            for f in r.files
        ],
        "issues": [{"path": i.path, "message": i.message, "severity": i.severity} for i in r.issues],
    }
