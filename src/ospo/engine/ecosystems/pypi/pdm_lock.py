"""pdm.lock: ``[[package]]`` with ``groups``, PEP 508 ``dependencies`` strings and ``files`` hashes.

Like poetry.lock, it does not mark direct dependencies; the sibling pyproject.toml does.
"""

from __future__ import annotations

from typing import Any

from ospo.engine.ecosystems.base import Extractor, Tree, component
from ospo.engine.ecosystems.pypi._common import (
    ECO,
    group_scope,
    link_by_name,
    parse_hash,
    parse_pep508,
    pypi_purl,
    valid_name,
)
from ospo.engine.ecosystems.pypi._lines import TextLines
from ospo.engine.ecosystems.pypi.pyproject import direct_names, project_root, read_pyproject
from ospo.engine.model import Component, FileResult, Scope
from ospo.engine.safeparse import ParseFailure, decode_text, load_toml


def _scope(groups: Any) -> Scope:
    if not isinstance(groups, list):
        return Scope.RUNTIME
    names = [g for g in groups if isinstance(g, str)]
    if not names or "default" in names:
        return Scope.RUNTIME
    scopes = {group_scope(g, Scope.DEVELOPMENT) for g in names}
    return Scope.DEVELOPMENT if Scope.DEVELOPMENT in scopes else Scope.TEST


class PdmLockExtractor(Extractor):
    name = "pypi-pdm-lock"
    ecosystem = ECO
    kind = "lockfile"
    filenames = frozenset({"pdm.lock"})

    def extract(self, path: str, data: bytes, tree: Tree) -> FileResult:
        doc = load_toml(data)
        packages = doc.get("package", [])
        if not isinstance(packages, list):
            raise ParseFailure("pdm.lock: [[package]] is not an array of tables")
        if not packages and "metadata" not in doc:
            raise ParseFailure("no [[package]] or [metadata]: not a pdm.lock")
        result = self.result(path)
        pyproject = read_pyproject(tree, path)
        direct = direct_names(pyproject) if pyproject is not None else None
        if pyproject is not None:
            result.root = project_root(pyproject)
        pkg_lines = TextLines(decode_text(data)).package_lines()
        nodes: list[tuple[Component, list[str]]] = []
        for i, pkg in enumerate(packages):
            if not isinstance(pkg, dict):
                continue
            comp = self._component(path, pkg, pkg_lines[i] if i < len(pkg_lines) else None)
            if comp is None:
                continue
            deps: list[str] = []
            raw = pkg.get("dependencies")
            for item in raw if isinstance(raw, list) else ():
                req = parse_pep508(item) if isinstance(item, str) else None
                if req:
                    deps.append(req.name)
            nodes.append((comp, deps))
            result.components.append(comp)
        link_by_name(result, nodes, direct)
        return result

    def _component(self, path: str, pkg: dict[str, Any], line: int | None) -> Component | None:
        name, version = pkg.get("name"), pkg.get("version")
        if not valid_name(name) or pkg.get("editable") is True or isinstance(pkg.get("path"), str):
            return None  # editable / local path packages are the project's own code
        props: dict[str, str] = {}
        qualifiers = None
        if isinstance(pkg.get("git"), str):
            props["source"] = pkg["git"]
            rev = pkg.get("revision")
            qualifiers = {"vcs_url": "git+" + pkg["git"] + (f"@{rev}" if isinstance(rev, str) else "")}
        elif isinstance(pkg.get("url"), str):
            props["source"] = pkg["url"]
        version = version if isinstance(version, str) and version else None
        hashes: list[tuple[str, str]] = []
        files = pkg.get("files")
        for f in files if isinstance(files, list) else ():
            if isinstance(f, dict) and isinstance(f.get("hash"), str):
                h = parse_hash(f["hash"])
                if h and h not in hashes:
                    hashes.append(h)
        return component(ECO, name, version, pypi_purl(name, version, qualifiers), path=path, line=line,
                         scope=_scope(pkg.get("groups")), hashes=hashes, properties=props)
