"""pyproject.toml: PEP 621 ``[project]``, PEP 735 ``[dependency-groups]``, Poetry, PDM and uv tables.

Each tool keeps its declarations in a different table, and a project may use several at once (Poetry 2
reads ``[project]`` and ``[tool.poetry]``). They are all read; the same name declared twice stays one
entry per table so that every location is kept. ``python`` in Poetry dependencies is the interpreter, not
a package; ``{include-group = …}`` in PEP 735 refers to another group and declares nothing by itself.
"""

from __future__ import annotations

from typing import Any

from packaging.utils import canonicalize_name

from ospo.engine.ecosystems.base import Extractor, Tree, component, edge
from ospo.engine.ecosystems.pypi._common import (
    ECO,
    declared_unlocked,
    group_scope,
    is_local_url,
    parse_pep508,
    poetry_pin,
    pypi_purl,
    valid_name,
)
from ospo.engine.ecosystems.pypi._lines import TextLines
from ospo.engine.model import Component, FileResult, ParseIssue, Scope
from ospo.engine.safeparse import ParseFailure, decode_text, load_toml


def _table(doc: Any, *keys: str) -> dict[str, Any]:
    cur = doc
    for key in keys:
        if not isinstance(cur, dict):
            return {}
        cur = cur.get(key)
    return cur if isinstance(cur, dict) else {}


def project_root(doc: dict[str, Any]) -> str | None:
    """purl of the project a pyproject describes ([project] first, then [tool.poetry])."""
    for table in (_table(doc, "project"), _table(doc, "tool", "poetry")):
        name, version = table.get("name"), table.get("version")
        if valid_name(name):
            return pypi_purl(name, version if isinstance(version, str) else None)
    return None


def direct_names(doc: dict[str, Any]) -> set[str]:
    """Canonical names of everything a pyproject declares: lockfiles use it to mark direct packages."""
    names: set[str] = set()

    def add_strings(items: Any) -> None:
        if isinstance(items, list):
            for item in items:
                if isinstance(item, str):
                    req = parse_pep508(item)
                    if req:
                        names.add(canonicalize_name(req.name))

    project = _table(doc, "project")
    add_strings(project.get("dependencies"))
    for items in _table(project, "optional-dependencies").values():
        add_strings(items)
    for items in _table(doc, "dependency-groups").values():
        add_strings(items)
    poetry = _table(doc, "tool", "poetry")
    for deps in _poetry_sections(poetry):
        names.update(canonicalize_name(k) for k in deps[1] if isinstance(k, str) and k != "python")
    for items in _table(doc, "tool", "pdm", "dev-dependencies").values():
        add_strings(items)
    add_strings(_table(doc, "tool", "uv").get("dev-dependencies"))
    return names


def _poetry_sections(poetry: dict[str, Any]) -> list[tuple[Scope, dict[str, Any], str]]:
    """(scope, deps table, header) for Poetry's main, legacy dev and group tables."""
    out = [(Scope.RUNTIME, _table(poetry, "dependencies"), "tool.poetry.dependencies"),
           (Scope.DEVELOPMENT, _table(poetry, "dev-dependencies"), "tool.poetry.dev-dependencies")]
    for group, body in _table(poetry, "group").items():
        if isinstance(group, str):
            out.append((group_scope(group, Scope.DEVELOPMENT), _table(body, "dependencies"),
                        f"tool.poetry.group.{group}.dependencies"))
    return out


class PyprojectExtractor(Extractor):
    name = "pypi-pyproject"
    ecosystem = ECO
    kind = "manifest"
    filenames = frozenset({"pyproject.toml"})

    def extract(self, path: str, data: bytes, tree: Tree) -> FileResult:
        doc = load_toml(data)
        lines = TextLines(decode_text(data))
        result = self.result(path)
        result.root = project_root(doc)
        project = _table(doc, "project")
        self._pep508_list(result, lines, project.get("dependencies"), Scope.RUNTIME, "project", None)
        for extra, items in _table(project, "optional-dependencies").items():
            scope = group_scope(str(extra), Scope.OPTIONAL)
            self._pep508_list(result, lines, items, scope, "project.optional-dependencies", str(extra))
        for group, items in _table(doc, "dependency-groups").items():
            scope = group_scope(str(group), Scope.DEVELOPMENT)
            self._pep508_list(result, lines, items, scope, "dependency-groups", str(group))
        poetry = _table(doc, "tool", "poetry")
        for scope, deps, header in _poetry_sections(poetry):
            self._poetry(result, lines, deps, scope, header)
        for group, items in _table(doc, "tool", "pdm", "dev-dependencies").items():
            scope = group_scope(str(group), Scope.DEVELOPMENT)
            self._pep508_list(result, lines, items, scope, "tool.pdm.dev-dependencies", str(group))
        uv_dev = _table(doc, "tool", "uv").get("dev-dependencies")
        self._pep508_list(result, lines, uv_dev, Scope.DEVELOPMENT, "tool.uv", "dev-dependencies")
        if result.root:
            result.edges.extend(edge(result.root, c.purl) for c in result.components)
        return result

    # -- PEP 508 string lists ([project], PEP 735, PDM, uv) ------------------------------------------
    def _pep508_list(self, result: FileResult, lines: TextLines, items: Any, scope: Scope, header: str,
                     key: str | None) -> None:
        if items is None:
            return
        if not isinstance(items, list):
            result.issues.append(ParseIssue(result.path, f"{header}: expected a list of requirements", "warning"))
            return
        after = lines.header(header)
        if key is not None:
            after = lines.find_name(key, after) if after is not None else lines.find_name(key, 0)
        for item in items:
            if isinstance(item, dict):
                continue  # {include-group = "…"}: the included group is listed on its own
            if not isinstance(item, str):
                continue
            text = item.strip()
            if text.startswith("-e "):
                continue  # PDM editable local paths: the project's own code
            req = parse_pep508(text)
            if req is None:
                result.issues.append(ParseIssue(result.path, f"{header}: not a requirement: {text[:80]!r}",
                                                "warning"))
                continue
            if req.url and is_local_url(req.url):
                continue
            version, purl, pinned, props = declared_unlocked(req.name, req.specifier, url=req.url)
            if req.extras:
                props["extras"] = ",".join(req.extras)
            if req.marker:
                props["marker"] = req.marker
            if key is not None and header != "project":
                props["group"] = key
            result.components.append(component(
                ECO, req.name, version, purl, path=result.path, line=lines.find_name(req.name, after),
                pinned=pinned, scope=scope, direct=True, properties=props))

    # -- Poetry tables --------------------------------------------------------------------------
    def _poetry(self, result: FileResult, lines: TextLines, deps: dict[str, Any], scope: Scope, header: str) -> None:
        after = lines.header(header)
        for name, spec in deps.items():
            if not isinstance(name, str) or name.lower() == "python" or not valid_name(name):
                continue
            # Several constraints for different Pythons: each is a declaration of the same package.
            for one in [s for s in spec if isinstance(s, dict)] if isinstance(spec, list) else [spec]:
                comp = self._poetry_one(result.path, name, one, scope, lines.find_name(name, after))
                if comp is not None:
                    result.components.append(comp)
                    break

    def _poetry_one(self, path: str, name: str, spec: Any, scope: Scope, line: int | None) -> Component | None:
        props: dict[str, str] = {}
        if isinstance(spec, str):
            constraint = spec
        elif isinstance(spec, dict):
            if "path" in spec:
                return None  # a local directory: first-party
            if isinstance(spec.get("git"), str):
                url = "git+" + spec["git"] if not spec["git"].startswith("git+") else spec["git"]
                rev = next((spec[k] for k in ("rev", "tag", "branch") if isinstance(spec.get(k), str)), None)
                version, purl, pinned, props = declared_unlocked(name, "", url=f"{url}@{rev}" if rev else url)
                return component(ECO, name, version, purl, path=path, line=line, pinned=pinned, scope=scope,
                                 direct=True, properties=props)
            if isinstance(spec.get("url"), str):
                props["source"] = spec["url"]
                return component(ECO, name, None, pypi_purl(name), path=path, line=line, pinned=False,
                                 scope=scope, direct=True, properties=props)
            constraint = spec.get("version") if isinstance(spec.get("version"), str) else ""
            extras = spec.get("extras")
            if isinstance(extras, list) and all(isinstance(e, str) for e in extras) and extras:
                props["extras"] = ",".join(extras)
            if spec.get("optional") is True and scope is Scope.RUNTIME:
                scope = Scope.OPTIONAL
            for key in ("markers", "python", "source"):
                if isinstance(spec.get(key), str):
                    props[key if key != "markers" else "marker"] = spec[key]
        else:
            return None
        pin = poetry_pin(constraint)
        if pin:
            return component(ECO, name, pin, pypi_purl(name, pin), path=path, line=line, scope=scope,
                             direct=True, properties=props)
        written = constraint.strip() or None
        if written == "*":
            written = None
        return component(ECO, name, written, pypi_purl(name), path=path, line=line, pinned=False, scope=scope,
                         direct=True, properties=props)


def read_pyproject(tree: Tree, lock_path: str) -> dict[str, Any] | None:
    """The pyproject.toml beside a lockfile, parsed, or None (absent or unreadable: direct flags unknown)."""
    import posixpath

    sibling = posixpath.join(posixpath.dirname(lock_path), "pyproject.toml")
    data = tree.read(sibling)
    if data is None:
        return None
    try:
        doc = load_toml(data)
    except ParseFailure:
        return None
    return doc
