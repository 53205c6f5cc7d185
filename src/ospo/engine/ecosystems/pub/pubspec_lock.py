"""pubspec.lock: every resolved Dart/Flutter package with its exact version and archive SHA-256.

``dependency`` says how the package got in: ``direct main`` (runtime, direct), ``direct dev`` (development,
direct), ``direct overridden`` (pinned by dependency_overrides: direct), ``transitive``. ``source`` is
``hosted`` (pub.dev or a private server → ``repository_url`` qualifier), ``git`` (url and ``resolved-ref``
kept as properties), ``path`` (the repository's own code: skipped) or ``sdk`` (``flutter``,
``flutter_test``: part of the SDK, the lock's ``0.0.0`` is a placeholder, so reported unpinned).
The lock lists no per-package dependencies, so the only edges are root → direct packages, with the root
named by the sibling pubspec.yaml.
"""

from __future__ import annotations

import posixpath
from typing import Any

from ospo.engine.ecosystems.base import Extractor, Tree, component, edge, hex_hash
from ospo.engine.ecosystems.pub._common import package_lines, pub_purl
from ospo.engine.model import FileResult, ParseIssue, Scope
from ospo.engine.safeparse import ParseFailure, decode_text, load_yaml

_DEPENDENCY = {
    "direct main": (Scope.RUNTIME, True),
    "direct dev": (Scope.DEVELOPMENT, True),
    "direct overridden": (Scope.RUNTIME, True),
    "transitive": (Scope.RUNTIME, False),
}


def _root_purl(tree: Tree, lock_path: str) -> str | None:
    """The project's purl from the sibling pubspec.yaml (the lock does not name its project)."""
    data = tree.read(posixpath.join(posixpath.dirname(lock_path), "pubspec.yaml"))
    if not data:
        return None
    try:
        doc = load_yaml(data)
    except ParseFailure:
        return None
    if not isinstance(doc, dict) or not isinstance(doc.get("name"), str) or not doc["name"].strip():
        return None
    version = doc.get("version")
    return pub_purl(doc["name"], version if isinstance(version, str) else None)


class PubspecLockExtractor(Extractor):
    name = "pub-pubspec-lock"
    ecosystem = "pub"
    kind = "lockfile"
    filenames = frozenset({"pubspec.lock"})

    def extract(self, path: str, data: bytes, tree: Tree) -> FileResult:
        doc = load_yaml(data)
        if not isinstance(doc, dict) or not isinstance(doc.get("packages", {}), dict):
            raise ParseFailure("not a pubspec.lock: no packages mapping")
        result = self.result(path)
        packages: dict[Any, Any] = doc.get("packages") or {}
        lines = package_lines(decode_text(data), "packages")
        result.root = _root_purl(tree, path)
        for key, entry in packages.items():
            if not isinstance(key, str) or not key.strip() or not isinstance(entry, dict):
                continue
            source = entry.get("source")
            version = entry.get("version")
            version = str(version) if isinstance(version, str | int | float) and not isinstance(version, bool) else None
            desc = entry.get("description")
            scope, direct = _DEPENDENCY.get(str(entry.get("dependency")), (Scope.RUNTIME, None))
            props: dict[str, str] = {}
            hashes: list[tuple[str, str]] = []
            name, hosted_url, pinned = key, None, True
            if source == "path":
                continue
            if source == "hosted":
                if isinstance(desc, dict):
                    if isinstance(desc.get("name"), str) and desc["name"].strip():
                        name = desc["name"]
                    if isinstance(desc.get("url"), str):
                        hosted_url = desc["url"]
                    if isinstance(desc.get("sha256"), str):
                        h = hex_hash("sha256", desc["sha256"])
                        if h:
                            hashes.append(h)
            elif source == "git":
                if isinstance(desc, dict):
                    for k in ("url", "ref", "resolved-ref", "path"):
                        if isinstance(desc.get(k), str):
                            props["source" if k == "url" else f"git-{k}"] = desc[k]
                elif isinstance(desc, str):
                    props["source"] = desc
            elif source == "sdk":
                props["sdk"] = desc if isinstance(desc, str) else "true"
                pinned = False
            elif source is not None:
                props["source"] = str(source)
            if not version:
                result.issues.append(ParseIssue(path, f"package {key} has no version", "warning"))
                continue
            shown = version if pinned else None
            comp = component(
                "pub", name, shown, pub_purl(name, shown, hosted_url), path=path,
                line=lines.get(key), pinned=pinned, scope=scope, direct=direct, hashes=hashes, properties=props,
            )
            result.components.append(comp)
            if result.root and direct:
                result.edges.append(edge(result.root, comp.purl))
        return result
