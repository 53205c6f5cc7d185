"""packages.lock.json (NuGet lock file versions 1 and 2): the restore graph per target framework.

Each framework (``net8.0``, and runtime-specific ``net8.0/linux-x64``) maps package ids to ``type``
(Direct, Transitive, CentralTransitive, Project), ``resolved`` version, ``contentHash`` (base64 SHA-512
of the .nupkg) and ``dependencies`` (id → range) that become edges to the version resolved in the same
framework. ``Project`` entries are sibling projects of the repository: first-party, not components.
A package locked in several frameworks at one version is one component.
"""

from __future__ import annotations

import base64
import binascii
import bisect
import re
from typing import Any

from ospo.engine.ecosystems.base import Extractor, Tree, component, edge
from ospo.engine.ecosystems.nuget._common import classify, nuget_purl
from ospo.engine.model import Component, FileResult, ParseIssue
from ospo.engine.safeparse import ParseFailure, decode_text, line_index, load_json

# Package entries (and frameworks) are the only keys whose value is an object; dependency ranges are strings.
_OBJECT_KEY = re.compile(r'^[ \t]*"((?:[^"\\]|\\.)*)"[ \t]*:[ \t]*\{', re.M)


class _EntryLines:
    """Line of the first ``"key": {`` at or after an offset (the framework's own key)."""

    def __init__(self, text: str) -> None:
        self._line_of = line_index(text)
        self._at: dict[str, list[int]] = {}
        for m in _OBJECT_KEY.finditer(text):
            self._at.setdefault(m.group(1), []).append(m.start(1))

    def offset(self, key: str, after: int = 0) -> int | None:
        offsets = self._at.get(key)
        if not offsets:
            return None
        i = bisect.bisect_left(offsets, after)
        return offsets[i] if i < len(offsets) else None

    def line(self, key: str, after: int = 0) -> int | None:
        off = self.offset(key, after)
        return self._line_of(off) if off is not None else None


def _sha512(content_hash: Any) -> tuple[str, str] | None:
    if not isinstance(content_hash, str):
        return None
    try:
        raw = base64.b64decode(content_hash.strip(), validate=True)
    except (binascii.Error, ValueError):
        return None
    return ("SHA-512", raw.hex()) if len(raw) == 64 else None


class PackagesLockExtractor(Extractor):
    name = "nuget-packages-lock"
    ecosystem = "nuget"
    kind = "lockfile"
    filenames = frozenset({"packages.lock.json"})

    def extract(self, path: str, data: bytes, tree: Tree) -> FileResult:
        doc = load_json(data)
        if not isinstance(doc, dict):
            raise ParseFailure("packages.lock.json is not a JSON object")
        frameworks = doc.get("dependencies")
        if not isinstance(frameworks, dict):
            raise ParseFailure("no 'dependencies' object: not a NuGet lock file")
        version = doc.get("version")
        result = self.result(path)
        if version not in (1, 2):
            result.issues.append(ParseIssue(path, f"unknown lock file version {version!r}; read as version 2",
                                            severity="warning"))
        lines = _EntryLines(decode_text(data))
        by_key: dict[tuple[str, str], Component] = {}
        skipped = 0
        for tfm, packages in frameworks.items():
            if not isinstance(packages, dict):
                skipped += 1
                continue
            tfm_at = lines.offset(tfm) or 0
            resolved_here: dict[str, str] = {}  # id (lower) → purl, for this framework's edges
            for ident, entry in packages.items():
                if not isinstance(entry, dict) or not ident:
                    skipped += 1
                    continue
                kind = entry.get("type")
                if kind == "Project":
                    continue
                resolved = entry.get("resolved")
                spec, pinned = classify(resolved if isinstance(resolved, str) else None)
                if not spec:
                    skipped += 1
                    continue
                key = (ident.lower(), spec)
                comp = by_key.get(key)
                if comp is None:
                    h = _sha512(entry.get("contentHash"))
                    props: dict[str, str] = {}
                    requested = entry.get("requested")
                    if isinstance(requested, str) and requested:
                        props["requested"] = requested
                    try:
                        purl = nuget_purl(ident, spec if pinned else None)
                    except ValueError:
                        skipped += 1
                        continue
                    comp = component("nuget", ident, spec, purl, path=path, line=lines.line(ident, tfm_at),
                                     pinned=pinned, direct=kind == "Direct", hashes=[h] if h else None,
                                     properties=props)
                    if kind == "CentralTransitive":
                        comp.properties["nuget:central-transitive"] = "true"
                    by_key[key] = comp
                    result.components.append(comp)
                elif kind == "Direct":
                    comp.direct = True
                resolved_here[ident.lower()] = comp.purl
            for ident, entry in packages.items():
                if not isinstance(entry, dict):
                    continue
                src = resolved_here.get(ident.lower()) if isinstance(ident, str) else None
                deps = entry.get("dependencies")
                if not src or not isinstance(deps, dict):
                    continue
                for dep in deps:
                    target = resolved_here.get(dep.lower())
                    if target:
                        result.edges.append(edge(src, target))
        if skipped:
            result.issues.append(ParseIssue(path, f"{skipped} malformed entr(y/ies) skipped", severity="warning"))
        result.edges = list(dict.fromkeys(result.edges))
        return result
