"""Gradle version catalogs (``gradle/libs.versions.toml``) read into plain lookups.

A catalog is read for itself (every library and plugin it declares) and by every build file that uses
``libs.…`` accessors, so :func:`read_catalog` is cached on the file's bytes. Accessors normalise aliases:
``groovy-core``, ``groovy_core`` and ``groovy.core`` are all ``libs.groovy.core``; the lookups here are keyed
by that normalised, lower-cased form.

Rich versions: ``strictly`` / ``require`` / ``prefer`` are tried in that order and the first exact one is the
pinned version (a plain string is ``require``); ranges, ``1.+`` and ``rejectAll`` leave the entry unpinned
with the constraint kept as text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ospo.engine.ecosystems.maven._coords import is_exact, valid_coord_part
from ospo.engine.safeparse import ParseFailure, decode_text, load_toml

_ENTRY = re.compile(r'^\s*(?:"([^"]+)"|([A-Za-z0-9_.-]+))\s*=')
_SECTION = re.compile(r"^\s*\[\s*([A-Za-z0-9_.-]+)\s*\]")


def accessor_key(alias: str) -> str:
    return re.sub(r"[-_.]+", ".", alias).lower()


@dataclass(frozen=True, slots=True)
class Version:
    text: str | None  # as written (a constraint description when not exact)
    exact: str | None  # the pinned version, when there is one


@dataclass(frozen=True, slots=True)
class Library:
    alias: str
    group: str
    name: str
    version: Version
    line: int | None


@dataclass(frozen=True, slots=True)
class PluginDecl:
    alias: str
    plugin_id: str
    version: Version
    line: int | None


@dataclass(slots=True)
class Catalog:
    versions: dict[str, Version] = field(default_factory=dict)  # accessor key → version
    libraries: dict[str, Library] = field(default_factory=dict)  # accessor key → library
    plugins: dict[str, PluginDecl] = field(default_factory=dict)
    bundles: dict[str, tuple[str, ...]] = field(default_factory=dict)  # accessor key → library keys
    problems: list[str] = field(default_factory=list)


def _rich(spec: Any) -> Version:
    if isinstance(spec, str):
        spec = spec.strip()
        return Version(spec or None, spec if is_exact(spec) else None)
    if not isinstance(spec, dict):
        return Version(None, None)
    parts = []
    exact = None
    for key in ("strictly", "require", "prefer"):
        v = spec.get(key)
        if isinstance(v, str) and v.strip():
            parts.append(f"{key} {v.strip()}")
            if exact is None and is_exact(v.strip()):
                exact = v.strip()
    if spec.get("rejectAll") is True:
        return Version("rejectAll", None)
    return Version(exact, exact) if exact else Version(" ".join(parts) or None, None)


def _lines(text: str) -> dict[tuple[str, str], int]:
    out: dict[tuple[str, str], int] = {}
    section = ""
    for lineno, line in enumerate(text.splitlines(), 1):
        m = _SECTION.match(line)
        if m:
            section = m.group(1)
            continue
        m = _ENTRY.match(line)
        if m and section:
            out.setdefault((section, m.group(1) or m.group(2)), lineno)
    return out


@lru_cache(maxsize=64)
def read_catalog(data: bytes) -> Catalog:
    doc = load_toml(data)
    lines = _lines(decode_text(data))
    cat = Catalog()
    known = [k for k in ("versions", "libraries", "plugins", "bundles", "metadata") if k in doc]
    if not known and doc:
        raise ParseFailure("no [versions], [libraries], [plugins] or [bundles]: not a Gradle version catalog")

    versions = doc.get("versions")
    if isinstance(versions, dict):
        for alias, spec in versions.items():
            cat.versions[accessor_key(alias)] = _rich(spec)

    def version_of(spec: Any) -> Version:
        if isinstance(spec, dict) and "ref" in spec:
            ref = spec.get("ref")
            found = cat.versions.get(accessor_key(ref)) if isinstance(ref, str) else None
            if found is None:
                cat.problems.append(f"version.ref {ref!r} is not in [versions]")
                return Version(f"ref:{ref}" if isinstance(ref, str) else None, None)
            return found
        return _rich(spec)

    libraries = doc.get("libraries")
    if isinstance(libraries, dict):
        for alias, spec in libraries.items():
            lib = _library(alias, spec, version_of, lines.get(("libraries", alias)))
            if lib is None:
                cat.problems.append(f"library {alias!r} has no usable module/group/name")
                continue
            cat.libraries[accessor_key(alias)] = lib

    plugins = doc.get("plugins")
    if isinstance(plugins, dict):
        for alias, spec in plugins.items():
            pid, ver = None, Version(None, None)
            if isinstance(spec, str):
                pid, _, v = spec.partition(":")
                ver = _rich(v)
            elif isinstance(spec, dict):
                pid = spec.get("id")
                ver = version_of(spec.get("version"))
            if isinstance(pid, str) and valid_coord_part(pid.strip()):
                cat.plugins[accessor_key(alias)] = PluginDecl(alias, pid.strip(), ver,
                                                              lines.get(("plugins", alias)))

    bundles = doc.get("bundles")
    if isinstance(bundles, dict):
        for alias, members in bundles.items():
            if isinstance(members, list):
                cat.bundles[accessor_key(alias)] = tuple(accessor_key(m) for m in members if isinstance(m, str))
    return cat


def _library(alias: str, spec: Any, version_of, line: int | None) -> Library | None:  # type: ignore[no-untyped-def]
    group = name = None
    version = Version(None, None)
    if isinstance(spec, str):
        parts = spec.strip().split(":")
        if len(parts) in (2, 3):
            group, name = parts[0], parts[1]
            if len(parts) == 3:
                version = _rich(parts[2])
    elif isinstance(spec, dict):
        module = spec.get("module")
        if isinstance(module, str) and module.count(":") == 1:
            group, name = module.split(":")
        else:
            group, name = spec.get("group"), spec.get("name")
        if "version" in spec:
            version = version_of(spec.get("version"))
    if not (isinstance(group, str) and isinstance(name, str)):
        return None
    group, name = group.strip(), name.strip()
    if not (valid_coord_part(group) and valid_coord_part(name)):
        return None
    return Library(alias, group, name, version, line)
