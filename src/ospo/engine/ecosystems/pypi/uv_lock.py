"""uv.lock: every resolved package, its source, hashes and dependency lists (with extras and dev groups).

The project itself (and any workspace member) appears as a package with an ``editable`` or ``virtual``
source; it is the root, not a component. Scopes are not written in the lock, so they are derived the way
uv installs: whatever the root's ``dependencies`` reach is runtime, what only its extras reach is optional,
what only its dev groups reach is development (or test for a group named so).
"""

from __future__ import annotations

from collections import deque
from typing import Any

from packaging.utils import canonicalize_name

from ospo.engine.ecosystems.base import Extractor, Tree, component, edge
from ospo.engine.ecosystems.pypi._common import ECO, group_scope, parse_hash, pypi_purl, valid_name
from ospo.engine.ecosystems.pypi._lines import TextLines
from ospo.engine.model import Component, FileResult, Scope
from ospo.engine.safeparse import ParseFailure, decode_text, load_toml

_LOCAL = ("editable", "virtual", "directory", "path")
_RANK = (Scope.RUNTIME, Scope.OPTIONAL, Scope.DEVELOPMENT, Scope.TEST)
Key = tuple[str, str]  # (canonical name, version)


def _dep_list(value: Any) -> list[dict[str, Any]]:
    return [d for d in value if isinstance(d, dict) and valid_name(d.get("name"))] if isinstance(value, list) else []


def _group_lists(value: Any) -> dict[str, list[dict[str, Any]]]:
    if not isinstance(value, dict):
        return {}
    return {str(k): _dep_list(v) for k, v in value.items()}


def _hashes(pkg: dict[str, Any]) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    sdist = pkg.get("sdist")
    files = [sdist] if isinstance(sdist, dict) else []
    wheels = pkg.get("wheels")
    if isinstance(wheels, list):
        files.extend(w for w in wheels if isinstance(w, dict))
    for f in files:
        if isinstance(f.get("hash"), str):
            h = parse_hash(f["hash"])
            if h and h not in out:
                out.append(h)
    return out


class UvLockExtractor(Extractor):
    name = "pypi-uv-lock"
    ecosystem = ECO
    kind = "lockfile"
    filenames = frozenset({"uv.lock"})

    def extract(self, path: str, data: bytes, tree: Tree) -> FileResult:
        doc = load_toml(data)
        packages = doc.get("package", [])
        if not isinstance(packages, list):
            raise ParseFailure("uv.lock: [[package]] is not an array of tables")
        if not packages and "version" not in doc:
            raise ParseFailure("no [[package]] or version: not a uv.lock")
        result = self.result(path)
        pkg_lines = TextLines(decode_text(data)).package_lines()
        comps: dict[Key, Component] = {}
        local: dict[Key, dict[str, Any]] = {}
        all_pkgs: dict[Key, dict[str, Any]] = {}
        by_name: dict[str, list[Key]] = {}
        for i, pkg in enumerate(packages):
            if not isinstance(pkg, dict) or not valid_name(pkg.get("name")):
                continue
            name = pkg["name"]
            version = pkg.get("version") if isinstance(pkg.get("version"), str) else ""
            key = (canonicalize_name(name), version)
            source = pkg.get("source") if isinstance(pkg.get("source"), dict) else {}
            all_pkgs[key] = pkg
            by_name.setdefault(key[0], []).append(key)
            if any(k in source for k in _LOCAL):
                local[key] = pkg
                if source.get("editable") == "." or source.get("virtual") == ".":
                    result.root = pypi_purl(name, version or None)
                continue
            line = pkg_lines[i] if i < len(pkg_lines) else None
            comps[key] = self._component(path, name, version, source, pkg, line)

        def resolve(dep: dict[str, Any]) -> list[Key]:
            keys = by_name.get(canonicalize_name(dep["name"]), [])
            if len(keys) > 1 and isinstance(dep.get("version"), str):
                keys = [k for k in keys if k[1] == dep["version"]] or keys
            return keys

        def children(key: Key, extras: list[str]) -> list[tuple[Key, list[str]]]:
            pkg = all_pkgs[key]
            deps = list(_dep_list(pkg.get("dependencies")))
            optional = _group_lists(pkg.get("optional-dependencies"))
            for extra in extras:
                deps.extend(optional.get(extra, ()))
            out = []
            for dep in deps:
                out.extend((k, _extras(dep)) for k in resolve(dep))
            return out

        # Starting points per scope, from every first-party package (root and workspace members).
        starts: dict[Scope, list[tuple[Key, list[str]]]] = {s: [] for s in _RANK}
        direct: set[Key] = set()
        for pkg in local.values():
            for dep in _dep_list(pkg.get("dependencies")):
                starts[Scope.RUNTIME].extend((k, _extras(dep)) for k in resolve(dep))
            for extra, deps in _group_lists(pkg.get("optional-dependencies")).items():
                scope = group_scope(extra, Scope.OPTIONAL)
                for dep in deps:
                    starts[scope].extend((k, _extras(dep)) for k in resolve(dep))
            groups = _group_lists(pkg.get("dev-dependencies"))
            for group, deps in groups.items():
                scope = group_scope(group, Scope.DEVELOPMENT)
                for dep in deps:
                    starts[scope].extend((k, _extras(dep)) for k in resolve(dep))
        for scope in _RANK:
            direct.update(k for k, _ in starts[scope])

        assigned: dict[Key, Scope] = {}
        for scope in _RANK:
            queue = deque(starts[scope])
            seen: set[tuple[Key, tuple[str, ...]]] = set()
            while queue:
                key, extras = queue.popleft()
                marker = (key, tuple(extras))
                if marker in seen:
                    continue
                seen.add(marker)
                assigned.setdefault(key, scope)
                queue.extend(children(key, extras))

        for key, comp in comps.items():
            if local:
                comp.scope = assigned.get(key, Scope.RUNTIME)
                comp.direct = key in direct
            result.components.append(comp)
        # Edges: every listed dependency and optional dependency, between components and from the root.
        emitted: set[tuple[str, str]] = set()
        for key, comp in comps.items():
            extras = list(_group_lists(all_pkgs[key].get("optional-dependencies")))
            for child, _ in children(key, extras):
                target = comps.get(child)
                if target is not None and target.purl != comp.purl and (comp.purl, target.purl) not in emitted:
                    emitted.add((comp.purl, target.purl))
                    result.edges.append(edge(comp.purl, target.purl))
        if result.root:
            for key in sorted(direct):
                target = comps.get(key)
                if target is not None and (result.root, target.purl) not in emitted:
                    emitted.add((result.root, target.purl))
                    result.edges.append(edge(result.root, target.purl))
        return result

    def _component(self, path: str, name: str, version: str, source: dict[str, Any], pkg: dict[str, Any],
                   line: int | None) -> Component:
        props: dict[str, str] = {}
        qualifiers = None
        git = source.get("git")
        url = source.get("url")
        if isinstance(git, str):
            props["source"] = git
            base, _, commit = git.partition("#")
            qualifiers = {"vcs_url": "git+" + base.split("?", 1)[0] + (f"@{commit}" if commit else "")}
        elif isinstance(url, str):
            props["source"] = url
        elif isinstance(source.get("registry"), str) and "pypi.org" not in source["registry"]:
            qualifiers = {"repository_url": source["registry"]}
        return component(ECO, name, version or None, pypi_purl(name, version or None, qualifiers), path=path,
                         line=line, hashes=_hashes(pkg), properties=props)


def _extras(dep: dict[str, Any]) -> list[str]:
    extra = dep.get("extra")
    return [e for e in extra if isinstance(e, str)] if isinstance(extra, list) else []
