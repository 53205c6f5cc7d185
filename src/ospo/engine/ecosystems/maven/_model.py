"""A POM read into plain, immutable declarations — no interpolation, no inheritance yet.

Reading is separated from resolution because one POM is read many times during a scan: as a module of
its own, as the in-tree parent of its children, and as a member of the reactor when deciding which
dependencies are first-party. :func:`read_pom` is cached on the file's bytes, so each distinct file is parsed
once whatever path or tree it came from (a content key cannot go stale).

Line numbers: the ElementTree that defusedxml returns carries none, so the ``<artifactId>`` tags are found
again in the text, skipping comments and CDATA; the k-th tag in the text is the k-th ``artifactId`` element in
document order, which gives each declaration the exact line of its artifactId.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ospo.engine.safeparse import ParseFailure, decode_text, line_index, parse_xml

_TAG_SCAN = re.compile(r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<(?:[\w.-]+:)?artifactId\b[^>]*>", re.S)


@dataclass(frozen=True, slots=True)
class Dep:
    """One ``<dependency>`` (or plugin, extension, parent) exactly as written."""

    group: str
    artifact: str
    version: str
    type_: str = ""
    classifier: str = ""
    scope: str = ""
    optional: str = ""
    system_path: str = ""
    line: int | None = None
    profile: str = ""


@dataclass(frozen=True, slots=True)
class Plugin:
    group: str
    artifact: str
    version: str
    line: int | None
    dependencies: tuple[Dep, ...] = ()
    profile: str = ""
    extension: bool = False


@dataclass(frozen=True, slots=True)
class Parent:
    group: str
    artifact: str
    version: str
    relative_path: str | None  # None: not written (defaults to ../pom.xml); "": explicitly no in-tree parent
    line: int | None


@dataclass(frozen=True, slots=True)
class Pom:
    group: str
    artifact: str
    version: str
    packaging: str
    parent: Parent | None
    properties: tuple[tuple[str, str], ...]
    managed: tuple[Dep, ...]
    dependencies: tuple[Dep, ...]
    managed_plugins: tuple[Plugin, ...]
    plugins: tuple[Plugin, ...]
    modules: tuple[str, ...]

    @property
    def effective_group(self) -> str:
        return self.group or (self.parent.group if self.parent else "")

    @property
    def effective_version(self) -> str:
        return self.version or (self.parent.version if self.parent else "")


def _local(tag: Any) -> str:
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def _child(el: Any, name: str) -> Any:
    for c in el:
        if c.tag == name:
            return c
    return None


def _children(el: Any, name: str) -> list[Any]:
    return [c for c in el if c.tag == name]


def _text(el: Any, name: str) -> str:
    c = _child(el, name)
    if c is None:
        return ""
    return (c.text or "").strip()


def _modules(container: Any) -> list[str]:
    block = _child(container, "modules")
    if block is None:
        return []
    return [(m.text or "").strip() for m in _children(block, "module")]


def _lines_for(text: str, root: Any) -> dict[int, int]:
    """Map id(artifactId element) → 1-based line of that tag in the text."""
    line_of = line_index(text)
    offsets = [m.start() for m in _TAG_SCAN.finditer(text) if not m.group(0).startswith("<!")]
    elements = [el for el in root.iter() if el.tag == "artifactId"]
    if len(offsets) == len(elements):
        return {id(el): line_of(off) for el, off in zip(elements, offsets, strict=True)}
    # Unusual markup (entities, processing instructions holding tags): fall back to the first occurrence.
    out: dict[int, int] = {}
    for el in elements:
        value = (el.text or "").strip()
        pos = text.find(f">{value}<") if value else -1
        if pos >= 0:
            out[id(el)] = line_of(pos)
    return out


class _Reader:
    def __init__(self, lines: dict[int, int]) -> None:
        self.lines = lines

    def line(self, el: Any) -> int | None:
        a = _child(el, "artifactId")
        return self.lines.get(id(a)) if a is not None else None

    def dep(self, el: Any, profile: str = "") -> Dep:
        return Dep(
            group=_text(el, "groupId"), artifact=_text(el, "artifactId"), version=_text(el, "version"),
            type_=_text(el, "type"), classifier=_text(el, "classifier"), scope=_text(el, "scope"),
            optional=_text(el, "optional"), system_path=_text(el, "systemPath"), line=self.line(el),
            profile=profile,
        )

    def deps(self, container: Any, profile: str = "") -> list[Dep]:
        if container is None:
            return []
        block = _child(container, "dependencies")
        if block is None:
            return []
        return [self.dep(d, profile) for d in _children(block, "dependency")]

    def plugin(self, el: Any, profile: str = "", extension: bool = False) -> Plugin:
        return Plugin(
            group=_text(el, "groupId"), artifact=_text(el, "artifactId"), version=_text(el, "version"),
            line=self.line(el), dependencies=tuple(self.deps(el, profile)), profile=profile, extension=extension,
        )

    def build(self, container: Any, profile: str = "") -> tuple[list[Plugin], list[Plugin]]:
        """(pluginManagement plugins, plugins + extensions) of a ``<build>``."""
        build = _child(container, "build") if container is not None else None
        if build is None:
            return [], []
        managed: list[Plugin] = []
        pm = _child(build, "pluginManagement")
        if pm is not None:
            block = _child(pm, "plugins")
            if block is not None:
                managed = [self.plugin(p, profile) for p in _children(block, "plugin")]
        used: list[Plugin] = []
        block = _child(build, "plugins")
        if block is not None:
            used = [self.plugin(p, profile) for p in _children(block, "plugin")]
        ext = _child(build, "extensions")
        if ext is not None:
            used += [self.plugin(p, profile, extension=True) for p in _children(ext, "extension")]
        return managed, used


@lru_cache(maxsize=512)
def read_pom(data: bytes) -> Pom:
    """Parse a POM's bytes. Raises ParseFailure for anything that is not a readable POM."""
    root = parse_xml(data)
    for el in root.iter():
        el.tag = _local(el.tag)
    if root.tag != "project":
        raise ParseFailure(f"not a Maven POM (root element is <{root.tag or '?'}>)")
    reader = _Reader(_lines_for(decode_text(data), root))

    parent = None
    p = _child(root, "parent")
    if p is not None:
        rel_el = _child(p, "relativePath")
        rel = None if rel_el is None else (rel_el.text or "").strip()
        parent = Parent(_text(p, "groupId"), _text(p, "artifactId"), _text(p, "version"), rel, reader.line(p))

    props: list[tuple[str, str]] = []
    block = _child(root, "properties")
    if block is not None:
        props = [(c.tag, (c.text or "").strip()) for c in block if c.tag]

    managed: list[Dep] = []
    dm = _child(root, "dependencyManagement")
    if dm is not None:
        managed = reader.deps(dm)
    dependencies = reader.deps(root)
    managed_plugins, plugins = reader.build(root)
    modules = _modules(root)

    profiles = _child(root, "profiles")
    for prof in _children(profiles, "profile") if profiles is not None else []:
        pid = _text(prof, "id") or "(unnamed)"
        dependencies += reader.deps(prof, pid)
        pdm = _child(prof, "dependencyManagement")
        if pdm is not None:
            managed += reader.deps(pdm, pid)
        pm, pu = reader.build(prof, pid)
        managed_plugins += pm
        plugins += pu
        modules += _modules(prof)

    return Pom(
        group=_text(root, "groupId"), artifact=_text(root, "artifactId"), version=_text(root, "version"),
        packaging=_text(root, "packaging") or "jar", parent=parent, properties=tuple(props),
        managed=tuple(managed), dependencies=tuple(dependencies), managed_plugins=tuple(managed_plugins),
        plugins=tuple(plugins), modules=tuple(m for m in modules if m),
    )
