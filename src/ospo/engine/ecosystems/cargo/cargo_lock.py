"""Cargo.lock, format versions 1 to 4: every crate of the resolved graph, with checksums and edges.

v1 keeps checksums in ``[metadata]`` under ``"checksum <name> <version> (<source>)"`` keys; v2 and later
put ``checksum`` on each package and shorten ``dependencies`` entries to ``"name"`` or ``"name version"``
when that is unambiguous (v1 always writes ``"name version (source)"``). Packages without ``source`` are
the workspace's own members and path dependencies: first-party code, not components, but the roots of
the graph, so their dependencies are the direct ones.

Cargo.lock does not record why a crate is there. When the sibling Cargo.toml (and the in-tree manifests
of workspace members) can be read, crates reachable only through dev- or build-dependencies get the
development scope; otherwise everything stays runtime, which is the safe assumption.
"""

from __future__ import annotations

import fnmatch
import posixpath

from ospo.engine.ecosystems.base import Extractor, Tree, component, edge, hex_hash
from ospo.engine.ecosystems.cargo._common import TomlLines, cargo_purl, source_qualifiers
from ospo.engine.ecosystems.cargo._manifest import DEV_KINDS, manifest_dependencies
from ospo.engine.model import FileResult, ParseIssue, Scope
from ospo.engine.safeparse import ParseFailure, decode_text, load_toml


class _Pkg:
    __slots__ = ("deps", "index", "line", "name", "purl", "source", "version")

    def __init__(self, name: str, version: str, source: str | None, purl: str, deps: list[str],
                 line: int | None, index: int) -> None:
        self.name, self.version, self.source, self.purl = name, version, source, purl
        self.deps, self.line, self.index = deps, line, index


def _parse_dep(spec: str) -> tuple[str, str | None, str | None]:
    """``"name"``, ``"name version"`` or ``"name version (source)"``."""
    name, _, rest = spec.strip().partition(" ")
    version, _, source = rest.strip().partition(" ")
    source = source.strip()
    if source.startswith("(") and source.endswith(")"):
        source = source[1:-1]
    return name, version or None, source or None


class CargoLockExtractor(Extractor):
    name = "cargo-lock"
    ecosystem = "cargo"
    kind = "lockfile"
    filenames = frozenset({"Cargo.lock"})

    def extract(self, path: str, data: bytes, tree: Tree) -> FileResult:
        doc = load_toml(data)
        packages = doc.get("package")
        if packages is None and "metadata" not in doc and "version" not in doc:
            raise ParseFailure("no [[package]] tables: not a Cargo.lock")
        if packages is None:
            packages = []
        if not isinstance(packages, list):
            raise ParseFailure("'package' is not an array of tables")
        result = self.result(path)
        lines = TomlLines(decode_text(data))
        header_lines = lines.arrays.get(("package",), [])
        if len(header_lines) != len(packages):
            header_lines = []
        metadata = doc.get("metadata")
        v1_sums = metadata if isinstance(metadata, dict) else {}

        pkgs: list[_Pkg] = []
        skipped = 0
        for i, entry in enumerate(packages):
            if not isinstance(entry, dict):
                skipped += 1
                continue
            name, version, source = entry.get("name"), entry.get("version"), entry.get("source")
            if not isinstance(name, str) or not name or not isinstance(version, str) or not version:
                skipped += 1
                continue
            source = source if isinstance(source, str) and source else None
            deps = entry.get("dependencies")
            deps = [d for d in deps if isinstance(d, str) and d.strip()] if isinstance(deps, list) else []
            qualifiers, _ = source_qualifiers(source) if source else (None, {})
            line = header_lines[i] + 1 if header_lines else None
            pkgs.append(_Pkg(name, version, source, cargo_purl(name, version, qualifiers), deps, line, i))
        if skipped:
            result.issues.append(ParseIssue(path, f"{skipped} [[package]] entries without name/version skipped",
                                            "warning"))

        by_name: dict[str, list[_Pkg]] = {}
        for p in pkgs:
            by_name.setdefault(p.name, []).append(p)

        def resolve(spec: str) -> _Pkg | None:
            name, version, source = _parse_dep(spec)
            cands = by_name.get(name, [])
            if version is not None:
                cands = [c for c in cands if c.version == version]
            if source is not None and len(cands) > 1:
                cands = [c for c in cands if c.source == source] or cands
            return cands[0] if cands else None

        members = [p for p in pkgs if p.source is None]
        children: dict[str, list[_Pkg]] = {}
        for p in pkgs:
            targets = [t for t in (resolve(d) for d in p.deps) if t is not None]
            children[p.purl] = targets
            for t in targets:
                result.edges.append(edge(p.purl, t.purl))
        direct = {t.purl for m in members for t in children[m.purl] if t.source is not None}
        root_name = self._root_name(path, tree)
        root = next((m for m in members if m.name == root_name), None)
        if root is None and len(members) == 1:
            root = members[0]
        if root is not None:
            result.root = root.purl
        scopes = self._scopes(path, tree, members, children)

        for p in pkgs:
            if p.source is None:
                continue  # workspace member or path dependency: first-party
            _, props = source_qualifiers(p.source)
            hashes = []
            checksum = packages[p.index].get("checksum")
            if not isinstance(checksum, str):
                checksum = v1_sums.get(f"checksum {p.name} {p.version} ({p.source})")
            if isinstance(checksum, str) and checksum != "<none>":
                h = hex_hash("sha256", checksum)
                if h:
                    hashes.append(h)
            result.components.append(component(
                "cargo", p.name, p.version, p.purl, path=path, line=p.line,
                scope=scopes.get(p.purl, Scope.RUNTIME), direct=p.purl in direct, hashes=hashes,
                properties=props,
            ))
        return result

    @staticmethod
    def _root_name(path: str, tree: Tree) -> str | None:
        data = tree.read(posixpath.join(posixpath.dirname(path), "Cargo.toml"))
        if data is None:
            return None
        try:
            doc = load_toml(data)
        except ParseFailure:
            return None
        pkg = doc.get("package")
        name = pkg.get("name") if isinstance(pkg, dict) else None
        return name if isinstance(name, str) else None

    def _scopes(self, path: str, tree: Tree, members: list[_Pkg], children: dict[str, list[_Pkg]],
                ) -> dict[str, Scope]:
        """Runtime for crates reachable from members' normal dependencies, development for the rest."""
        kinds = self._member_dependency_kinds(path, tree)
        if not kinds:
            return {}
        runtime_roots: list[_Pkg] = []
        dev_roots: list[_Pkg] = []
        for m in members:
            member_kinds = kinds.get(m.name)
            for t in children[m.purl]:
                if member_kinds is None or member_kinds.get(t.name, "normal") not in DEV_KINDS:
                    runtime_roots.append(t)
                else:
                    dev_roots.append(t)
        scopes: dict[str, Scope] = {}
        for roots, scope in ((runtime_roots, Scope.RUNTIME), (dev_roots, Scope.DEVELOPMENT)):
            stack = list(roots)
            while stack:
                p = stack.pop()
                if p.purl in scopes or p.source is None:
                    continue  # a member's own dependencies were classified above from its manifest
                scopes[p.purl] = scope
                stack.extend(children.get(p.purl, ()))
        return scopes

    @staticmethod
    def _member_dependency_kinds(path: str, tree: Tree) -> dict[str, dict[str, str]]:
        """Crate name → {dependency crate name → "normal"/"dev"/"build"} for the readable member manifests."""
        base = posixpath.dirname(path)
        root_data = tree.read(posixpath.join(base, "Cargo.toml"))
        if root_data is None:
            return {}
        manifests: list[bytes] = [root_data]
        try:
            root_doc = load_toml(root_data)
        except ParseFailure:
            return {}
        ws = root_doc.get("workspace")
        member_globs = ws.get("members") if isinstance(ws, dict) else None
        if isinstance(member_globs, list):
            patterns = [g.strip("/") for g in member_globs if isinstance(g, str) and g.strip("/")]
            literal = [g for g in patterns if not any(ch in g for ch in "*?[")]
            globbed = [g for g in patterns if g not in literal]
            for member in literal:
                data = tree.read(posixpath.normpath(posixpath.join(base, member, "Cargo.toml")))
                if data is not None:
                    manifests.append(data)
            if globbed:
                prefix = f"{base}/" if base else ""
                for p in tree.paths():
                    if not p.endswith("/Cargo.toml") or not p.startswith(prefix):
                        continue
                    member_dir = p[len(prefix):-len("/Cargo.toml")]
                    if any(fnmatch.fnmatchcase(member_dir, g) for g in globbed):
                        data = tree.read(p)
                        if data is not None:
                            manifests.append(data)
        out: dict[str, dict[str, str]] = {}
        for data in manifests:
            try:
                doc = load_toml(data)
            except ParseFailure:
                continue
            pkg = doc.get("package")
            name = pkg.get("name") if isinstance(pkg, dict) else None
            if not isinstance(name, str):
                continue
            kinds: dict[str, str] = {}
            for dep in manifest_dependencies(doc):
                # A crate both normal and dev is normal.
                if kinds.get(dep.crate) != "normal":
                    kinds[dep.crate] = dep.kind
            out[name] = kinds
        return out

