"""poetry.lock, lock-version 1.x (``category``, ``[metadata.files]``) and 2.x (``groups``, inline ``files``).

The lock does not say which packages the project asked for; the pyproject.toml beside it does, so it is
read (through the tree) for direct flags and the root. Packages from a ``directory`` or ``file`` source are
the project's own code and are left out; ``git`` and ``url`` sources are kept with where they came from.
"""

from __future__ import annotations

from typing import Any

from ospo.engine.ecosystems.base import Extractor, Tree, component
from ospo.engine.ecosystems.pypi._common import ECO, group_scope, link_by_name, parse_hash, pypi_purl, valid_name
from ospo.engine.ecosystems.pypi._lines import TextLines
from ospo.engine.ecosystems.pypi.pyproject import direct_names, project_root, read_pyproject
from ospo.engine.model import Component, FileResult, Scope
from ospo.engine.safeparse import ParseFailure, decode_text, load_toml


def _scope(pkg: dict[str, Any]) -> Scope:
    groups = pkg.get("groups")
    optional = pkg.get("optional") is True
    if isinstance(groups, list) and groups:
        names = [g for g in groups if isinstance(g, str)]
        if "main" in names:
            return Scope.OPTIONAL if optional else Scope.RUNTIME
        scopes = {group_scope(g, Scope.DEVELOPMENT) for g in names}
        return Scope.DEVELOPMENT if Scope.DEVELOPMENT in scopes or not scopes else Scope.TEST
    if pkg.get("category") == "dev":
        return Scope.DEVELOPMENT
    return Scope.OPTIONAL if optional else Scope.RUNTIME


def _hashes(files: Any) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    if isinstance(files, list):
        for f in files:
            if isinstance(f, dict) and isinstance(f.get("hash"), str):
                h = parse_hash(f["hash"])
                if h and h not in out:
                    out.append(h)
    return out


class PoetryLockExtractor(Extractor):
    name = "pypi-poetry-lock"
    ecosystem = ECO
    kind = "lockfile"
    filenames = frozenset({"poetry.lock"})

    def extract(self, path: str, data: bytes, tree: Tree) -> FileResult:
        doc = load_toml(data)
        packages = doc.get("package", [])
        if not isinstance(packages, list):
            raise ParseFailure("poetry.lock: [[package]] is not an array of tables")
        if not packages and "metadata" not in doc:
            raise ParseFailure("no [[package]] or [metadata]: not a poetry.lock")
        result = self.result(path)
        pyproject = read_pyproject(tree, path)
        direct = direct_names(pyproject) if pyproject is not None else None
        if pyproject is not None:
            result.root = project_root(pyproject)
        legacy_files = doc.get("metadata", {}).get("files") if isinstance(doc.get("metadata"), dict) else None
        legacy_files = legacy_files if isinstance(legacy_files, dict) else {}
        pkg_lines = TextLines(decode_text(data)).package_lines()
        nodes: list[tuple[Component, list[str]]] = []
        for i, pkg in enumerate(packages):
            if not isinstance(pkg, dict):
                continue
            line = pkg_lines[i] if i < len(pkg_lines) else None
            comp = self._component(path, pkg, line, legacy_files)
            if comp is None:
                continue
            deps = pkg.get("dependencies")
            nodes.append((comp, [d for d in deps if isinstance(d, str)] if isinstance(deps, dict) else []))
            result.components.append(comp)
        link_by_name(result, nodes, direct)
        return result

    def _component(self, path: str, pkg: dict[str, Any], line: int | None, legacy_files: dict[str, Any],
                   ) -> Component | None:
        name, version = pkg.get("name"), pkg.get("version")
        if not valid_name(name) or not isinstance(version, str) or not version:
            return None
        props: dict[str, str] = {}
        qualifiers = None
        source = pkg.get("source")
        if isinstance(source, dict):
            stype, url = source.get("type"), source.get("url")
            if stype in ("directory", "file"):
                return None
            if isinstance(url, str):
                props["source"] = url
                if stype == "git":
                    ref = source.get("resolved_reference") or source.get("reference")
                    qualifiers = {"vcs_url": f"git+{url}" + (f"@{ref}" if isinstance(ref, str) else "")}
                elif stype == "legacy":
                    qualifiers = {"repository_url": url}
        hashes = _hashes(pkg.get("files")) or _hashes(legacy_files.get(name))
        return component(ECO, name, version, pypi_purl(name, version, qualifiers), path=path, line=line,
                         scope=_scope(pkg), hashes=hashes, properties=props)
