"""package-lock.json and npm-shrinkwrap.json, lockfile versions 1, 2 and 3.

v2 and v3 list every installed package under ``packages`` keyed by its ``node_modules`` path; edges are
resolved the way Node resolves ``require``: the nearest ``node_modules`` folder walking up. v1 nests
``dependencies`` objects instead. Workspace members (keys without ``node_modules``) and links are the
repository's own code and are not reported as components.
"""

from __future__ import annotations

from typing import Any

from ospo.engine.ecosystems._jsonlines import KeyLines
from ospo.engine.ecosystems.base import Extractor, Tree, component, edge, sri_to_hash
from ospo.engine.ecosystems.npm._common import npm_purl
from ospo.engine.model import Component, FileResult, Scope
from ospo.engine.safeparse import ParseFailure, decode_text, load_json

_NM = "node_modules/"


def _scope(entry: dict[str, Any]) -> Scope:
    if entry.get("dev") or entry.get("devOptional"):
        return Scope.DEVELOPMENT
    if entry.get("optional"):
        return Scope.OPTIONAL
    return Scope.RUNTIME


def _name_from_key(key: str) -> str:
    idx = key.rfind(_NM)
    return key[idx + len(_NM) :] if idx >= 0 else key


def _make(path: str, name: str, entry: dict[str, Any], line: int | None, direct: bool | None) -> Component | None:
    version = entry.get("version")
    if not isinstance(version, str) or not version:
        return None
    props: dict[str, str] = {}
    resolved = entry.get("resolved")
    if isinstance(resolved, str) and resolved:
        props["resolved"] = resolved
    if version.startswith(("file:", "link:")):
        return None
    qualifiers = None
    if "://" in version or version.startswith(("git+", "github:", "git@")):
        # A git dependency: the lock records the URL with the commit after '#'.
        url, _, commit = version.partition("#")
        props["source"] = version
        qualifiers = {"vcs_url": url}
        version = commit or version
    hashes = []
    integrity = entry.get("integrity")
    if isinstance(integrity, str):
        for part in integrity.split():
            h = sri_to_hash(part)
            if h:
                hashes.append(h)
    lic = entry.get("license")
    if isinstance(lic, dict):
        lic = lic.get("type")
    return component(
        "npm", name, version, npm_purl(name, version, qualifiers), path=path, line=line,
        scope=_scope(entry), direct=direct, license=lic if isinstance(lic, str) else None,
        hashes=hashes, properties=props,
    )


def _resolve_key(packages: dict[str, Any], from_key: str, dep: str) -> str | None:
    """The ``packages`` key ``dep`` resolves to from ``from_key``: nearest ``node_modules`` walking up."""
    base = from_key
    while True:
        candidate = f"{base}/{_NM}{dep}" if base else f"{_NM}{dep}"
        if candidate in packages:
            return candidate
        if not base:
            return None
        idx = base.rfind("/" + _NM)
        base = base[:idx] if idx >= 0 else ""


def _reachable(packages: dict[str, Any]) -> set[str]:
    """Keys reachable from the root and the workspace members over dependencies and links.

    What nothing reaches is "extraneous" (``npm ls`` says so): stale entries that ``npm ci`` prunes
    instead of installing. They stay in the inventory, marked, so a reader can tell them apart.
    """
    start = [k for k in packages if isinstance(k, str) and _NM not in k]
    seen = set(start)
    stack = list(start)
    while stack:
        key = stack.pop()
        entry = packages.get(key)
        if not isinstance(entry, dict):
            continue
        targets: list[str | None] = []
        if entry.get("link") and isinstance(entry.get("resolved"), str):
            targets.append(entry["resolved"])
        for section in ("dependencies", "optionalDependencies", "peerDependencies", "devDependencies"):
            if section == "devDependencies" and _NM in key:
                continue  # a dependency's devDependencies are never installed
            deps = entry.get(section)
            if isinstance(deps, dict):
                targets.extend(_resolve_key(packages, key, dep) for dep in deps if isinstance(dep, str))
        for target in targets:
            if target is not None and target in packages and target not in seen:
                seen.add(target)
                stack.append(target)
    return seen


class PackageLockExtractor(Extractor):
    name = "npm-package-lock"
    ecosystem = "npm"
    kind = "lockfile"
    filenames = frozenset({"package-lock.json", "npm-shrinkwrap.json"})

    def extract(self, path: str, data: bytes, tree: Tree) -> FileResult:
        doc = load_json(data)
        if not isinstance(doc, dict):
            raise ParseFailure("lockfile is not a JSON object")
        result = self.result(path)
        lines = KeyLines(decode_text(data))
        name, version = doc.get("name"), doc.get("version")
        if isinstance(name, str) and name:
            result.root = npm_purl(name, version if isinstance(version, str) else None)
        packages = doc.get("packages")
        if isinstance(packages, dict) and packages:
            self._v2(path, packages, lines, result)
        elif isinstance(doc.get("dependencies"), dict):
            self._v1(path, doc["dependencies"], lines, result)
        elif "lockfileVersion" not in doc:
            raise ParseFailure("no lockfileVersion, packages or dependencies: not an npm lockfile")
        return result

    # -- lockfile v2 / v3 ------------------------------------------------------------------------
    def _v2(self, path: str, packages: dict[str, Any], lines: KeyLines, result: FileResult) -> None:
        root = packages.get("")
        root = root if isinstance(root, dict) else {}
        direct_names: set[str] = set()
        for section in ("dependencies", "devDependencies", "optionalDependencies", "peerDependencies"):
            deps = root.get(section)
            if isinstance(deps, dict):
                direct_names.update(k for k in deps if isinstance(k, str))
        # Workspace members declare direct dependencies too; their installs sit at the top level.
        for key, entry in packages.items():
            if key and _NM not in key and isinstance(entry, dict):
                for section in ("dependencies", "devDependencies", "optionalDependencies"):
                    deps = entry.get(section)
                    if isinstance(deps, dict):
                        direct_names.update(k for k in deps if isinstance(k, str))

        purl_at: dict[str, str] = {}
        packages_after = lines.offset("packages") or 0
        for key, entry in packages.items():
            if not isinstance(key, str) or _NM not in key or not isinstance(entry, dict):
                continue
            if entry.get("link"):
                continue
            alias_name = _name_from_key(key)
            real = entry.get("name") if isinstance(entry.get("name"), str) else alias_name
            is_top = key.count(_NM) == 1 and key.startswith(_NM)
            comp = _make(path, real, entry, lines.line(key, packages_after),
                         direct=is_top and alias_name in direct_names)
            if comp is None:
                continue
            if real != alias_name:
                comp.properties["npm:alias"] = alias_name
            if entry.get("inBundle"):
                comp.properties["npm:bundled"] = "true"
            purl_at[key] = comp.purl
            result.components.append(comp)

        if "" in packages:
            reachable = _reachable(packages)
            for key, purl in purl_at.items():
                if key not in reachable:
                    comp = next(c for c in reversed(result.components) if c.purl == purl)
                    comp.properties["npm:extraneous"] = "true"

        def resolve(from_key: str, dep: str) -> str | None:
            base = from_key
            while True:
                candidate = f"{base}/{_NM}{dep}" if base else f"{_NM}{dep}"
                if candidate in purl_at:
                    return purl_at[candidate]
                if not base:
                    return None
                idx = base.rfind("/" + _NM)
                base = base[:idx] if idx >= 0 else ""

        sources = [("", root)] + [(k, v) for k, v in packages.items() if k in purl_at]
        for key, entry in sources:
            src = purl_at.get(key) or result.root
            if not src:
                continue
            for section in ("dependencies", "optionalDependencies", "peerDependencies", "devDependencies"):
                if key and section == "devDependencies":
                    continue  # a dependency's devDependencies are never installed
                deps = entry.get(section)
                if not isinstance(deps, dict):
                    continue
                for dep in deps:
                    target = resolve(key, dep)
                    if target:
                        result.edges.append(edge(src, target))

    # -- lockfile v1 -----------------------------------------------------------------------------
    def _v1(self, path: str, deps: dict[str, Any], lines: KeyLines, result: FileResult) -> None:
        # Iterative walk: (parent purl, parent's resolution scopes, name, entry, depth)
        stack: list[tuple[str | None, list[dict[str, str]], str, Any, int]] = []
        top: dict[str, str] = {}
        for dep_name, entry in deps.items():
            if isinstance(entry, dict) and isinstance(entry.get("version"), str):
                top[dep_name] = ""
        scopes_root: list[dict[str, str]] = [{}]
        for dep_name, entry in deps.items():
            stack.append((None, scopes_root, dep_name, entry, 0))
        pending_requires: list[tuple[str, list[dict[str, str]], dict[str, Any]]] = []
        while stack:
            _parent, scopes, dep_name, entry, depth = stack.pop()
            if not isinstance(entry, dict) or depth > 100:
                continue
            real_name = dep_name
            version = entry.get("version")
            if isinstance(version, str) and version.startswith("npm:"):
                real, _, ver = version[4:].rpartition("@")
                real_name, entry = real or dep_name, {**entry, "version": ver}
            comp = _make(path, real_name, entry, lines.line(dep_name) if depth == 0 else None,
                         direct=None)
            if comp is None:
                continue
            result.components.append(comp)
            scopes[-1][dep_name] = comp.purl
            nested = entry.get("dependencies")
            child_scopes = [*scopes, {}]
            if isinstance(entry.get("requires"), dict):
                pending_requires.append((comp.purl, child_scopes, entry["requires"]))
            if isinstance(nested, dict):
                for child_name, child in nested.items():
                    stack.append((comp.purl, child_scopes, child_name, child, depth + 1))
        for src, scopes, requires in pending_requires:
            for dep in requires:
                for scope_map in reversed(scopes):
                    if dep in scope_map:
                        result.edges.append(edge(src, scope_map[dep]))
                        break
        # v1 does not mark direct dependencies; the sibling package.json does (see merge).
