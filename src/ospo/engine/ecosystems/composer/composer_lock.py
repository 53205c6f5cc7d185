"""composer.lock: the installed PHP packages, runtime (``packages``) and development (``packages-dev``).

Versions are kept exactly as the lock writes them (``v1.2.3`` or ``1.2.3``): that is the tag name
Packagist publishes, the form the purl spec's examples and OSV's Packagist records use (OSV compares
Packagist versions after stripping a leading ``v``), and what cdxgen reports; the normalised form is kept
as the ``composer:version_normalized`` property when the lock has it. Branch versions (``dev-main``,
``1.x-dev``) are pinned by the commit in ``source.reference``, kept as a property.

Packages installed from a ``path`` repository are the project's own code (a monorepo's modules) and are
not components. Platform packages (php, ext-*, lib-*, composer-*-api) never appear as components or edges.
"""

from __future__ import annotations

import posixpath
import re
from typing import Any

from ospo.engine.ecosystems.base import Extractor, Tree, component, edge, hex_hash
from ospo.engine.ecosystems.composer._common import composer_purl, is_platform, license_expression
from ospo.engine.model import FileResult, ParseIssue, Scope
from ospo.engine.safeparse import ParseFailure, decode_text, line_index, load_json

_NAME_LINE = re.compile(r'"name"\s*:\s*"([^"\\]+/[^"\\]+)"')


def _direct_names(path: str, tree: Tree) -> tuple[set[str] | None, str | None]:
    """Names required by the sibling composer.json (None when absent or unreadable), and its own name."""
    data = tree.read(posixpath.join(posixpath.dirname(path), "composer.json"))
    if data is None:
        return None, None
    try:
        doc = load_json(data)
    except ParseFailure:
        return None, None
    if not isinstance(doc, dict):
        return None, None
    names: set[str] = set()
    for section in ("require", "require-dev"):
        deps = doc.get(section)
        if isinstance(deps, dict):
            names.update(k.lower() for k in deps if isinstance(k, str))
    own = doc.get("name")
    return names, own if isinstance(own, str) and "/" in own else None


class ComposerLockExtractor(Extractor):
    name = "composer-lock"
    ecosystem = "composer"
    kind = "lockfile"
    filenames = frozenset({"composer.lock"})

    def extract(self, path: str, data: bytes, tree: Tree) -> FileResult:
        doc = load_json(data)
        if not isinstance(doc, dict):
            raise ParseFailure("composer.lock is not a JSON object")
        if "packages" not in doc and "packages-dev" not in doc:
            raise ParseFailure("no packages or packages-dev: not a composer.lock")
        result = self.result(path)
        text = decode_text(data)
        line_of = line_index(text)
        first_line: dict[str, int] = {}
        for m in _NAME_LINE.finditer(text):
            first_line.setdefault(m.group(1).lower(), line_of(m.start()))
        direct, own = _direct_names(path, tree)
        if own:
            result.root = composer_purl(own)

        purl_of: dict[str, str] = {}
        requires: list[tuple[str, dict[str, Any]]] = []
        first_party: list[dict[str, Any]] = []
        skipped = 0
        for section, scope in (("packages", Scope.RUNTIME), ("packages-dev", Scope.DEVELOPMENT)):
            entries = doc.get(section)
            if entries is None:
                continue
            if not isinstance(entries, list):
                result.issues.append(ParseIssue(path, f"{section!r} is not a list; skipped", "warning"))
                continue
            for entry in entries:
                if isinstance(entry, dict) and _is_path_package(entry):
                    first_party.append(entry)
                    continue
                comp = self._component(path, entry, scope, first_line, direct)
                if comp is None:
                    skipped += isinstance(entry, dict)
                    continue
                if comp.name in purl_of:
                    continue
                purl_of[comp.name] = comp.purl
                result.components.append(comp)
                req = entry.get("require")
                if isinstance(req, dict):
                    requires.append((comp.purl, req))
        if skipped:
            result.issues.append(ParseIssue(path, f"{skipped} package entries without name/version skipped",
                                            "warning"))
        # Path-repository packages are first-party: their requirements are direct dependencies too.
        first_party_direct: set[str] = set()
        for entry in first_party:
            name, req = entry.get("name"), entry.get("require")
            if isinstance(name, str) and "/" in name and isinstance(req, dict):
                version = entry.get("version")
                requires.append((composer_purl(name.strip(), version if isinstance(version, str) else None), req))
                first_party_direct.update(k.lower() for k in req if isinstance(k, str))
        if first_party_direct:
            for comp in result.components:
                if comp.name in first_party_direct:
                    comp.direct = True
        for src, req in requires:
            for dep in req:
                target = purl_of.get(dep.lower()) if isinstance(dep, str) else None
                if target:
                    result.edges.append(edge(src, target))
        if result.root and direct:
            for name in sorted(direct):
                if name in purl_of:
                    result.edges.append(edge(result.root, purl_of[name]))
        return result

    @staticmethod
    def _component(path: str, entry: Any, scope: Scope, first_line: dict[str, int],  # type: ignore[no-untyped-def]
                   direct: set[str] | None):
        if not isinstance(entry, dict):
            return None
        name, version = entry.get("name"), entry.get("version")
        if not isinstance(name, str) or not name.strip() or not isinstance(version, str) or not version.strip():
            return None
        name, version = name.strip().lower(), version.strip()
        if is_platform(name):
            return None
        props: dict[str, str] = {}
        normalized = entry.get("version_normalized")
        if isinstance(normalized, str) and normalized:
            props["composer:version_normalized"] = normalized
        hashes = []
        source, dist = entry.get("source"), entry.get("dist")
        if isinstance(source, dict):
            if isinstance(source.get("url"), str):
                props["source"] = source["url"]
            if isinstance(source.get("reference"), str) and source["reference"]:
                props["source-reference"] = source["reference"]
        if isinstance(dist, dict):
            if isinstance(dist.get("url"), str) and dist["url"]:
                props["resolved"] = dist["url"]
            shasum = dist.get("shasum")
            if isinstance(shasum, str) and shasum:
                # Packagist's shasum is the SHA-1 of the dist archive; accept SHA-256 hex too.
                h = hex_hash("sha1", shasum) or hex_hash("sha256", shasum)
                if h:
                    hashes.append(h)
        ptype = entry.get("type")
        if isinstance(ptype, str) and ptype and ptype != "library":
            props["composer:type"] = ptype
        return component(
            "composer", name, version, composer_purl(name, version), path=path, line=first_line.get(name),
            scope=scope, direct=(name in direct) if direct is not None else None,
            license=license_expression(entry.get("license")), hashes=hashes, properties=props,
        )


def _is_path_package(entry: dict[str, Any]) -> bool:
    dist = entry.get("dist")
    return isinstance(dist, dict) and dist.get("type") == "path"
