"""Package.resolved: the exact version (or revision) SwiftPM resolved for every package.

v1 nests pins under ``object.pins`` with ``package``/``repositoryURL``; v2 and v3 list ``pins`` with
``identity``/``kind``/``location``. ``state.version`` is the pinned release; a branch or revision pin has no
version, so the commit ``revision`` is the version (property ``branch`` when one is named). Registry pins
(``kind: registry``, identity ``scope.name``) use the scope as namespace. ``localSourceControl`` and
``fileSystem`` pins whose location is a path (not a URL) have no public identity and are skipped; with a
URL they are kept and marked ``best-effort``.
"""

from __future__ import annotations

from typing import Any

from ospo.engine.ecosystems._jsonlines import KeyLines
from ospo.engine.ecosystems.base import Extractor, Tree, component
from ospo.engine.ecosystems.swift._common import swift_purl, url_coordinates
from ospo.engine.model import FileResult, ParseIssue
from ospo.engine.safeparse import ParseFailure, decode_text, load_json


def _str(obj: dict[str, Any], key: str) -> str | None:
    value = obj.get(key)
    return value.strip() if isinstance(value, str) and value.strip() else None


class PackageResolvedExtractor(Extractor):
    name = "swift-package-resolved"
    ecosystem = "swift"
    kind = "lockfile"
    filenames = frozenset({"Package.resolved"})

    def extract(self, path: str, data: bytes, tree: Tree) -> FileResult:
        doc = load_json(data)
        if not isinstance(doc, dict):
            raise ParseFailure("Package.resolved is not a JSON object")
        pins = doc.get("pins")
        if pins is None and isinstance(doc.get("object"), dict):
            pins = doc["object"].get("pins")
        if not isinstance(pins, list):
            raise ParseFailure("Package.resolved has no pins list")
        result = self.result(path)
        text = decode_text(data)
        lines = KeyLines(text)
        cursor = 0
        for pin in pins:
            if not isinstance(pin, dict):
                continue
            location = _str(pin, "location") or _str(pin, "repositoryURL")
            identity = _str(pin, "identity") or _str(pin, "package")
            kind = _str(pin, "kind") or "remoteSourceControl"
            state = pin.get("state") if isinstance(pin.get("state"), dict) else {}
            version, revision, branch = _str(state, "version"), _str(state, "revision"), _str(state, "branch")
            key = "identity" if "identity" in pin else "package"
            off = lines.offset(key, cursor)
            line = None
            if off is not None:
                cursor = off + 1
                line = text.count("\n", 0, off) + 1
            props: dict[str, str] = {}
            if kind == "registry" and identity and "." in identity.strip(".") and not identity.endswith("."):
                scope, _, pname = identity.partition(".")
                namespace, name = scope, pname
            else:
                coords = url_coordinates(location) if location else None
                if coords is None:
                    if kind not in ("localSourceControl", "fileSystem"):
                        result.issues.append(ParseIssue(
                            path, f"pin {identity or '?'}: location is not a repository URL", "warning"))
                    continue  # a local checkout: no public identity to report
                namespace, name = coords
            if kind in ("localSourceControl", "fileSystem"):
                props["best-effort"] = "true"
            if location:
                props["source"] = location
            if revision:
                props["revision"] = revision
            if branch:
                props["branch"] = branch
            pinned_version = version or revision
            result.components.append(component(
                "swift", f"{namespace}/{name}", pinned_version, swift_purl(namespace, name, pinned_version),
                path=path, line=line, properties=props,
            ))
        return result
