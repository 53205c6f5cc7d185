"""MSBuild documents: properties, ``$(Name)`` expansion, and the Directory.*.props files that apply to a
project (the nearest one walking up, plus its parents when it imports them with GetPathOfFileAbove)."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from typing import Any

from ospo.engine.ecosystems.base import Tree
from ospo.engine.ecosystems.nuget._common import attr, local
from ospo.engine.safeparse import ParseFailure, parse_xml

_PROP_REF = re.compile(r"\$\(([A-Za-z_][\w.-]*)\)")
_MAX_EXPANSIONS = 8
_MAX_EXPANDED = 4096
_MAX_PARENT_LEVELS = 32


def read_project(data: bytes) -> Any:
    root = parse_xml(data)
    if local(root.tag) != "Project":
        raise ParseFailure(f"root element is <{local(root.tag)}>, not an MSBuild <Project>")
    return root


def properties(root: Any) -> dict[str, str]:
    """Properties defined in PropertyGroups. Unconditional definitions win over conditional ones (the
    condition usually selects a configuration we cannot know); among equals the last wins, as in MSBuild."""
    plain: dict[str, str] = {}
    conditional: dict[str, str] = {}
    for group in root:
        if local(group.tag) != "PropertyGroup":
            continue
        group_cond = attr(group, "Condition")
        for prop in group:
            name = local(prop.tag)
            if not name:
                continue
            target = conditional if group_cond or attr(prop, "Condition") else plain
            target[name.lower()] = (prop.text or "").strip()
    return {**{k: v for k, v in conditional.items() if k not in plain}, **plain}


def expand(value: str | None, props: dict[str, str]) -> tuple[str | None, bool]:
    """Expand ``$(Name)`` references; the flag says whether every reference was resolved."""
    if value is None or "$(" not in value:
        return value, True
    for _ in range(_MAX_EXPANSIONS):
        if "$(" not in value:
            return value, True
        value = _PROP_REF.sub(lambda m: props.get(m.group(1).lower(), m.group(0)), value)
        if len(value) > _MAX_EXPANDED:  # self-referencing properties double at each round
            return value[:_MAX_EXPANDED], False
        if not any(m.group(1).lower() in props for m in _PROP_REF.finditer(value)):
            break
    return value, "$(" not in value


@dataclass(slots=True)
class Context:
    """What the Directory.*.props above a project contribute."""

    properties: dict[str, str] = field(default_factory=dict)
    central: dict[str, tuple[str, str]] = field(default_factory=dict)  # id (lower) → (version, file)
    central_file: str | None = None


def _chain(tree: Tree, start_dir: str, filename: str, skip: str | None) -> list[tuple[str, Any]]:
    """Parsed ``filename`` documents from the nearest directory upward, following explicit parent imports."""
    found: list[tuple[str, Any]] = []
    d = start_dir
    for _ in range(_MAX_PARENT_LEVELS):
        candidate = posixpath.join(d, filename) if d else filename
        if candidate != skip:
            data = tree.read(candidate)
            if data is not None:
                try:
                    root = read_project(data)
                except ParseFailure:
                    root = None
                if root is not None:
                    found.append((candidate, root))
                    if not _imports_parent(root, filename):
                        break
        if not d:
            break
        d = posixpath.dirname(d)
    return found


def _imports_parent(root: Any, filename: str) -> bool:
    for el in root:
        if local(el.tag) == "Import":
            project = attr(el, "Project") or ""
            if "GetPathOfFileAbove" in project and filename.lower() in project.lower():
                return True
    return False


def context_for(tree: Tree, path: str) -> Context:
    """Directory.Build.props properties and Directory.Packages.props versions that apply to ``path``."""
    ctx = Context()
    start = posixpath.dirname(path)
    base = posixpath.basename(path)
    build_skip = path if base == "Directory.Build.props" else None
    for _file, root in reversed(_chain(tree, start, "Directory.Build.props", build_skip)):
        ctx.properties.update(properties(root))
    packages = _chain(tree, start, "Directory.Packages.props", None)
    for file, root in reversed(packages):
        props = {**ctx.properties, **properties(root)}
        ctx.properties.update(properties(root))
        for el in root.iter():
            if local(el.tag) != "PackageVersion":
                continue
            ident = attr(el, "Include") or attr(el, "Update")
            version = attr(el, "Version")
            if version is None:
                for ch in el:
                    if local(ch.tag) == "Version":
                        version = (ch.text or "").strip()
            if ident and version is not None:
                version, _ok = expand(version, props)
                for part in ident.split(";"):
                    if part.strip():
                        ctx.central[part.strip().lower()] = (version or "", file)
    if packages:
        ctx.central_file = packages[0][0]
    return ctx
