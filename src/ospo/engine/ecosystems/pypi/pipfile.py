"""Pipenv: Pipfile (TOML declarations) and Pipfile.lock (JSON pins with hashes).

Pipfile has ``[packages]`` and ``[dev-packages]`` and, since pipenv 2022.10, any other table of packages
(a custom category, e.g. ``[docs]``); the lock mirrors them as ``default``, ``develop`` and the custom
names. ``_meta`` and Pipfile's ``[source]``/``[requires]``/``[scripts]``/``[pipenv]`` are not packages.
"""

from __future__ import annotations

import posixpath
from typing import Any

from packaging.utils import canonicalize_name

from ospo.engine.ecosystems._jsonlines import KeyLines
from ospo.engine.ecosystems.base import Extractor, Tree, component
from ospo.engine.ecosystems.pypi._common import (
    ECO,
    declared,
    declared_unlocked,
    exact_pin,
    group_scope,
    parse_hash,
    pypi_purl,
    valid_name,
)
from ospo.engine.ecosystems.pypi._lines import TextLines
from ospo.engine.model import Component, FileResult, ParseIssue, Scope
from ospo.engine.safeparse import ParseFailure, decode_text, load_json, load_toml

_NOT_PACKAGES = frozenset({"source", "requires", "scripts", "pipenv", "_meta"})


def _category_scope(category: str) -> Scope:
    if category in ("packages", "default"):
        return Scope.RUNTIME
    if category in ("dev-packages", "develop"):
        return Scope.DEVELOPMENT
    return group_scope(category, Scope.OPTIONAL)


def _spec_of(value: Any) -> tuple[str, str | None, dict[str, str]]:
    """A Pipfile/lock entry → (version spec, URL, extra properties). ``"*"`` means any version."""
    props: dict[str, str] = {}
    if isinstance(value, str):
        return ("" if value.strip() == "*" else value.strip()), None, props
    if not isinstance(value, dict):
        return "", None, props
    url = None
    if isinstance(value.get("git"), str):
        url = value["git"] if value["git"].startswith("git+") else "git+" + value["git"]
        ref = value.get("ref")
        if isinstance(ref, str) and ref:
            url = f"{url}@{ref}"
    elif isinstance(value.get("file"), str) and "://" in value["file"]:
        url = value["file"]
    if isinstance(value.get("extras"), list):
        extras = [e for e in value["extras"] if isinstance(e, str)]
        if extras:
            props["extras"] = ",".join(extras)
    if isinstance(value.get("markers"), str):
        props["marker"] = value["markers"]
    if isinstance(value.get("index"), str):
        props["index"] = value["index"]
    version = value.get("version")
    spec = version.strip() if isinstance(version, str) else ""
    return ("" if spec == "*" else spec), url, props


def _is_local(value: Any) -> bool:
    return isinstance(value, dict) and (isinstance(value.get("path"), str) or (
        isinstance(value.get("file"), str) and "://" not in value["file"]))


class PipfileExtractor(Extractor):
    name = "pypi-pipfile"
    ecosystem = ECO
    kind = "manifest"
    filenames = frozenset({"Pipfile"})

    def extract(self, path: str, data: bytes, tree: Tree) -> FileResult:
        doc = load_toml(data)
        lines = TextLines(decode_text(data))
        result = self.result(path)
        for category, table in doc.items():
            if category in _NOT_PACKAGES or not isinstance(table, dict):
                continue
            scope = _category_scope(category)
            after = lines.header(category)
            for name, value in table.items():
                if not valid_name(name) or _is_local(value):
                    continue
                spec, url, props = _spec_of(value)
                # Pipfile specs are PEP 440 (``==1.2``, ``>=1``); a bare version is not a pin.
                version, purl, pinned, src = declared_unlocked(name, spec, url=url)
                props.update(src)
                if category not in ("packages", "dev-packages"):
                    props["category"] = category
                result.components.append(component(
                    ECO, name, version, purl, path=path, line=lines.find_name(name, after), pinned=pinned,
                    scope=scope, direct=True, properties=props))
        return result


def _pipfile_names(tree: Tree, lock_path: str) -> set[str] | None:
    data = tree.read(posixpath.join(posixpath.dirname(lock_path), "Pipfile"))
    if data is None:
        return None
    try:
        doc = load_toml(data)
    except ParseFailure:
        return None
    names: set[str] = set()
    for category, table in doc.items():
        if category not in _NOT_PACKAGES and isinstance(table, dict):
            names.update(canonicalize_name(n) for n in table if isinstance(n, str))
    return names


class PipfileLockExtractor(Extractor):
    name = "pypi-pipfile-lock"
    ecosystem = ECO
    kind = "lockfile"
    filenames = frozenset({"Pipfile.lock"})

    def extract(self, path: str, data: bytes, tree: Tree) -> FileResult:
        doc = load_json(data)
        if not isinstance(doc, dict):
            raise ParseFailure("Pipfile.lock is not a JSON object")
        if "_meta" not in doc and "default" not in doc and "develop" not in doc:
            raise ParseFailure("no _meta, default or develop: not a Pipfile.lock")
        result = self.result(path)
        keylines = KeyLines(decode_text(data))
        direct = _pipfile_names(tree, path)
        for category, table in doc.items():
            if category in _NOT_PACKAGES or not isinstance(table, dict):
                continue
            scope = _category_scope(category)
            after = keylines.offset(category) or 0
            for name, entry in table.items():
                if not valid_name(name) or not isinstance(entry, dict) or _is_local(entry):
                    continue
                comp = self._component(path, name, entry, scope, keylines.line(name, after))
                if comp is None:
                    result.issues.append(ParseIssue(path, f"{category}.{name}: no version or source", "warning"))
                    continue
                if direct is not None:
                    comp.direct = canonicalize_name(name) in direct
                result.components.append(comp)
        return result

    def _component(self, path: str, name: str, entry: dict[str, Any], scope: Scope, line: int | None,
                   ) -> Component | None:
        spec, url, props = _spec_of(entry)
        if not spec and url is None:
            return None
        hashes: list[tuple[str, str]] = []
        raw = entry.get("hashes")
        for h in raw if isinstance(raw, list) else ():
            parsed = parse_hash(h) if isinstance(h, str) else None
            if parsed and parsed not in hashes:
                hashes.append(parsed)
        if url is None:
            pin = exact_pin(spec)
            if pin:
                return component(ECO, name, pin, pypi_purl(name, pin), path=path, line=line, scope=scope,
                                 hashes=hashes, properties=props)
        version, purl, pinned, src = declared(name, spec, url=url)
        props.update(src)
        return component(ECO, name, version, purl, path=path, line=line, pinned=pinned, scope=scope,
                         hashes=hashes, properties=props)
