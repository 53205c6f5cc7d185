"""Cargo.toml: the crate's declared dependencies (requirements, so usually unpinned).

A bare requirement ``"1.2"`` means ``^1.2`` in Cargo, so only ``=x.y.z`` is pinned. ``path``
dependencies are first-party and skipped; ``git`` ones keep the URL and rev/tag/branch as properties;
``workspace = true`` takes the entry from the nearest ancestor Cargo.toml that has
``[workspace.dependencies]`` (read through the tree, never from disk).
"""

from __future__ import annotations

import posixpath
from typing import Any

from ospo.engine.ecosystems.base import Extractor, Tree, component, edge
from ospo.engine.ecosystems.cargo._common import TomlLines, cargo_purl, exact_requirement
from ospo.engine.ecosystems.cargo._manifest import ManifestDep, manifest_dependencies
from ospo.engine.model import FileResult, ParseIssue, Scope
from ospo.engine.safeparse import ParseFailure, decode_text, load_toml

_SCOPES = {"normal": Scope.RUNTIME, "dev": Scope.DEVELOPMENT, "build": Scope.DEVELOPMENT,
           "workspace": Scope.RUNTIME}


def _workspace_deps(path: str, tree: Tree, own: dict[str, Any]) -> dict[str, Any] | None:
    """``[workspace.dependencies]`` of this manifest or of the nearest ancestor that declares a workspace."""
    ws = own.get("workspace")
    if isinstance(ws, dict):
        deps = ws.get("dependencies")
        return deps if isinstance(deps, dict) else {}
    d = posixpath.dirname(path)
    for _ in range(32):
        if not d:
            break
        d = posixpath.dirname(d)
        data = tree.read(posixpath.join(d, "Cargo.toml"))
        if data is None:
            continue
        try:
            doc = load_toml(data)
        except ParseFailure:
            return None
        ws = doc.get("workspace")
        if isinstance(ws, dict):
            deps = ws.get("dependencies")
            return deps if isinstance(deps, dict) else {}
    return None


class CargoTomlExtractor(Extractor):
    name = "cargo-toml"
    ecosystem = "cargo"
    kind = "manifest"
    filenames = frozenset({"Cargo.toml"})

    def extract(self, path: str, data: bytes, tree: Tree) -> FileResult:
        doc = load_toml(data)
        result = self.result(path)
        lines = TomlLines(decode_text(data))
        pkg = doc.get("package")
        if isinstance(pkg, dict) and isinstance(pkg.get("name"), str) and pkg["name"]:
            version = pkg.get("version")
            result.root = cargo_purl(pkg["name"], version if isinstance(version, str) else None)
        inherited: dict[str, Any] | None = None
        inherited_loaded = False
        for dep in manifest_dependencies(doc, include_workspace=True):
            spec = dep.spec
            if spec.get("workspace") is True:
                if not inherited_loaded:
                    inherited, inherited_loaded = _workspace_deps(path, tree, doc), True
                base = inherited.get(dep.key) if inherited is not None else None
                if isinstance(base, str):
                    base = {"version": base}
                if not isinstance(base, dict):
                    result.issues.append(ParseIssue(
                        path, f"{dep.key}: workspace = true but no [workspace.dependencies] entry found",
                        "warning"))
                    spec = {}
                else:
                    spec = {**base, **{k: v for k, v in spec.items() if k != "workspace"}}
                    crate = spec.get("package")
                    if isinstance(crate, str) and crate:
                        dep = ManifestDep(dep.key, crate, dep.kind, spec, dep.table, dep.target)
            comp = self._component(path, dep, spec, lines.line(dep.table, dep.key))
            if comp is None:
                continue
            result.components.append(comp)
            if result.root and dep.kind != "workspace":
                result.edges.append(edge(result.root, comp.purl))
        return result

    @staticmethod
    def _component(path: str, dep: ManifestDep, spec: dict[str, Any], line: int | None):  # type: ignore[no-untyped-def]
        if "path" in spec and "git" not in spec:
            # An in-tree crate: first-party. A ``version`` next to ``path`` only applies once published.
            return None
        props: dict[str, str] = {}
        if dep.crate != dep.key:
            props["cargo:rename"] = dep.key
        if dep.target:
            props["cargo:target"] = dep.target
        if dep.kind == "workspace":
            props["cargo:workspace-dependency"] = "true"
        registry = spec.get("registry")
        if isinstance(registry, str) and registry:
            props["cargo:registry"] = registry
        git = spec.get("git")
        if isinstance(git, str) and git:
            props["source"] = git
            for ref in ("rev", "tag", "branch"):
                if isinstance(spec.get(ref), str):
                    props[f"git:{ref}"] = spec[ref]
        req = spec.get("version")
        req = req.strip() if isinstance(req, str) else None
        scope = _SCOPES[dep.kind]
        if spec.get("optional") is True and scope is Scope.RUNTIME:
            scope = Scope.OPTIONAL
        direct = None if dep.kind == "workspace" else True
        exact = exact_requirement(req) if req and not git else None
        if exact:
            return component("cargo", dep.crate, exact, cargo_purl(dep.crate, exact), path=path, line=line,
                             scope=scope, direct=direct, properties=props)
        return component("cargo", dep.crate, req or None, cargo_purl(dep.crate), path=path, line=line,
                         pinned=False, scope=scope, direct=direct, properties=props)
