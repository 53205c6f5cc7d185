"""pnpm-lock.yaml, lockfile versions 5.x, 6.0, 7.0 and 9.0.

The versions share one model — ``importers`` (workspace projects → their direct dependencies) and
``packages`` (every installed package) — but spell package keys differently:

* 5.x ``/name/1.2.3`` with peers as ``_react@18.2.0+react-dom@18.2.0`` (or a hash);
* 6.0 ``/name@1.2.3`` with peers as ``(react@18.2.0)``;
* 7.0/9.0 ``name@1.2.3``; metadata in ``packages`` and the dependency graph in a separate ``snapshots``.

A dependency's reference is a version (with peer suffix), an alias key, a URL or ``link:``. 5.x/6.0 mark
``dev``/``optional`` per package; 9.0 dropped the flags, so scopes are propagated from the importers.
Peer variants of one version are one component. ``link:``/``file:`` directory packages are first-party.
"""

from __future__ import annotations

import re
from typing import Any

from ospo.engine.ecosystems.base import Extractor, Tree, component
from ospo.engine.ecosystems.npm._common import (
    integrity_hashes,
    npm_purl,
    read_json_object,
    sibling_path,
    split_descriptor,
)
from ospo.engine.ecosystems.npm._graph import LockGraph
from ospo.engine.model import Component, FileResult, ParseIssue, Scope
from ospo.engine.safeparse import ParseFailure, decode_text, line_index, load_yaml

_V5_KEY = re.compile(r"^/?((?:@[^/]+/)?[^/]+)/(\d[^/_]*)(?:_.*)?$")
_SECTION = re.compile(r"^([A-Za-z]\w*):", re.M)
_ENTRY_KEY = re.compile(r"""^  (?:'((?:[^']|'')*)'|"((?:[^"\\]|\\.)*)"|([^\s'"#][^\n]*?)):(?:[ \t]|$)""", re.M)
_IMPORTER_SECTIONS = (
    ("dependencies", Scope.RUNTIME),
    ("optionalDependencies", Scope.OPTIONAL),
    ("devDependencies", Scope.DEVELOPMENT),
)
_LOCAL = ("link:", "file:", "workspace:")


def _major(version: Any) -> int:
    m = re.match(r"\s*(\d+)", str(version)) if isinstance(version, str | int | float) else None
    return int(m.group(1)) if m else 0


def _strip_peers(key: str) -> str:
    """``name@1.0.0(react@18)(x@1)`` → ``name@1.0.0``: peer variants are the same installed package."""
    cut = key.find("(")
    return key[:cut] if cut > 0 else key


def _parse_key(key: str, major: int) -> tuple[str, str] | None:
    """(name, version-or-reference) of a package key, peer suffixes removed."""
    k = _strip_peers(key)
    if major and major < 6:
        m = _V5_KEY.match(k)
        if m:
            return m.group(1), m.group(2)
    k = k[1:] if k.startswith("/") else k
    name, ref = split_descriptor(k)
    if name and ref:
        return name, ref
    m = _V5_KEY.match(k)
    return (m.group(1), m.group(2)) if m else None


def _key_lines(text: str) -> dict[str, dict[str, int]]:
    """Line of each two-space-indented key, per top-level section (``packages``, ``snapshots``)."""
    line_of = line_index(text)
    sections = [(m.start(), m.group(1)) for m in _SECTION.finditer(text)]
    out: dict[str, dict[str, int]] = {}
    idx = 0
    current = ""
    for m in _ENTRY_KEY.finditer(text):
        while idx < len(sections) and sections[idx][0] <= m.start():
            current = sections[idx][1]
            idx += 1
        if current not in ("packages", "snapshots"):
            continue
        key = m.group(1).replace("''", "'") if m.group(1) is not None else (m.group(2) or m.group(3) or "")
        out.setdefault(current, {}).setdefault(key, line_of(m.start()))
    return out


def _ref_of(value: Any) -> str | None:
    """An importer/package dependency value: ``1.2.3`` (5.x) or ``{specifier, version}`` (6.0+)."""
    if isinstance(value, dict):
        value = value.get("version")
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return None
    return str(value)


class PnpmLockExtractor(Extractor):
    name = "npm-pnpm-lock"
    ecosystem = "npm"
    kind = "lockfile"
    filenames = frozenset({"pnpm-lock.yaml", "shrinkwrap.yaml"})

    def extract(self, path: str, data: bytes, tree: Tree) -> FileResult:
        doc = load_yaml(data)
        if not isinstance(doc, dict) or "lockfileVersion" not in doc:
            raise ParseFailure("not a pnpm lockfile (no lockfileVersion mapping)")
        major = _major(doc.get("lockfileVersion"))
        result = self.result(path)
        manifest = read_json_object(tree, sibling_path(path, "package.json"))
        if manifest is not None:
            pname, pversion = manifest.get("name"), manifest.get("version")
            if isinstance(pname, str) and pname:
                result.root = npm_purl(pname, pversion if isinstance(pversion, str) else None)
        packages = doc.get("packages")
        packages = packages if isinstance(packages, dict) else {}
        snapshots = doc.get("snapshots")
        snapshots = snapshots if isinstance(snapshots, dict) else None
        graph_src = snapshots if snapshots is not None else packages
        lines = _key_lines(decode_text(data))

        lg = LockGraph()
        skipped = 0
        for key, meta, line in self._nodes(packages, snapshots, lines):
            comp = self._component(path, key, meta, major, line)
            if comp is None:
                if not _is_local_key(key, meta):
                    skipped += 1
                continue
            lg.nodes[key] = comp
            if _flagged(meta):
                lg.flagged.add(key)
        if skipped:
            result.issues.append(ParseIssue(path, f"{skipped} package entr(y/ies) could not be read and were "
                                                  "skipped", severity="warning"))

        node_keys = set(lg.nodes)
        for key, entry in graph_src.items():
            if not isinstance(key, str) or not isinstance(entry, dict):
                continue
            for section in ("dependencies", "optionalDependencies"):
                deps = entry.get(section)
                if not isinstance(deps, dict):
                    continue
                for dep, value in deps.items():
                    ref = _ref_of(value)
                    target = _resolve(str(dep), ref, node_keys) if ref else None
                    if target:
                        lg.add_edge(key, target, section == "optionalDependencies")
                        _note_alias(lg.nodes[target], str(dep))

        importers = doc.get("importers")
        if not isinstance(importers, dict):
            importers = {".": doc}  # a single-project 5.x/6.0 lockfile keeps the sections at top level
        has_importer = False
        for importer in importers.values():
            if not isinstance(importer, dict):
                continue
            for section, scope in _IMPORTER_SECTIONS:
                deps = importer.get(section)
                if not isinstance(deps, dict):
                    continue
                has_importer = True
                for dep, value in deps.items():
                    ref = _ref_of(value)
                    target = _resolve(str(dep), ref, node_keys) if ref else None
                    if target:
                        lg.roots.append((target, scope))
                        _note_alias(lg.nodes[target], str(dep))
        lg.finish(result, direct_known=has_importer)
        return result

    @staticmethod
    def _nodes(packages: dict[Any, Any], snapshots: dict[Any, Any] | None, lines: dict[str, dict[str, int]],
               ) -> list[tuple[str, dict[str, Any], int | None]]:
        """(node key, package metadata, line) per installed package.

        Up to 6.0 every ``packages`` key is a node. From 7.0 the nodes are the ``snapshots`` keys (one per
        peer variant) and their metadata is under the peer-less key in ``packages``; a package without any
        snapshot (a hand-trimmed file) is still reported.
        """
        pkg_lines = lines.get("packages", {})
        out: list[tuple[str, dict[str, Any], int | None]] = []
        if snapshots is None:
            for key, meta in packages.items():
                if isinstance(key, str):
                    out.append((key, meta if isinstance(meta, dict) else {}, pkg_lines.get(key)))
            return out
        snap_lines = lines.get("snapshots", {})
        covered: set[str] = set()
        for key in snapshots:
            if not isinstance(key, str):
                continue
            base = _strip_peers(key)
            covered.add(base)
            meta = packages.get(base)
            out.append((key, meta if isinstance(meta, dict) else {}, pkg_lines.get(base) or snap_lines.get(key)))
        for key, meta in packages.items():
            if isinstance(key, str) and key not in covered:
                out.append((key, meta if isinstance(meta, dict) else {}, pkg_lines.get(key)))
        return out

    def _component(self, path: str, key: str, meta: dict[str, Any], major: int, line: int | None,
                   ) -> Component | None:
        parsed = _parse_key(key, major)
        name = meta.get("name") if isinstance(meta.get("name"), str) and meta.get("name") else None
        declared = meta.get("version")
        declared = str(declared) if isinstance(declared, str | int | float) and not isinstance(declared, bool) \
            else None
        resolution = meta.get("resolution")
        resolution = resolution if isinstance(resolution, dict) else {}
        if _is_local_key(key, meta):
            return None
        props: dict[str, str] = {}
        qualifiers: dict[str, str] | None = None
        ref = parsed[1] if parsed else key
        name = name or (parsed[0] if parsed else None)
        if not name:
            return None
        if ref[:1].isdigit() and not declared:
            version = ref
        else:
            version = declared if declared else (ref if ref[:1].isdigit() else None)
            source = _source(key, ref, resolution)
            if source:
                props["source"] = source
                qualifiers = {"vcs_url": source} if resolution.get("type") == "git" or "git" in source.split(":")[0] \
                    else {"download_url": source}
        if not version:
            commit = resolution.get("commit")
            version = commit if isinstance(commit, str) and commit else None
        if not version:
            return None
        tarball = resolution.get("tarball")
        if isinstance(tarball, str) and tarball and "source" not in props:
            props["resolved"] = tarball
        scope = Scope.RUNTIME
        if meta.get("dev") is True:
            scope = Scope.DEVELOPMENT
        elif meta.get("optional") is True:
            scope = Scope.OPTIONAL
        return component("npm", name, version, npm_purl(name, version, qualifiers), path=path, line=line,
                         scope=scope, hashes=integrity_hashes(resolution.get("integrity")), properties=props)


def _is_local_key(key: str, meta: dict[str, Any]) -> bool:
    resolution = meta.get("resolution")
    if isinstance(resolution, dict) and (resolution.get("directory") or resolution.get("type") == "directory"):
        return True
    bare = key[1:] if key.startswith("/") else key
    if bare.startswith(_LOCAL):
        return True
    _, ref = split_descriptor(bare)
    return ref.startswith(_LOCAL)


def _source(key: str, ref: str, resolution: dict[str, Any]) -> str | None:
    repo, commit = resolution.get("repo"), resolution.get("commit")
    if isinstance(repo, str) and repo:
        return f"{repo}#{commit}" if isinstance(commit, str) and commit else repo
    tarball = resolution.get("tarball")
    if isinstance(tarball, str) and "://" in tarball:
        return tarball
    if "://" in ref or ref.startswith(("git+", "github:")):
        return ref
    if not key.startswith("/") and "/" in key.split("@")[0]:
        return key  # 5.x/6.0 git keys: github.com/owner/repo/<commit>
    return None


def _note_alias(comp: Component, dep: str) -> None:
    """``string-width-cjs: string-width@4.2.3`` installs string-width under another name: keep that name."""
    if dep != comp.name and "source" not in comp.properties:
        comp.properties.setdefault("npm:alias", dep)


def _flagged(meta: dict[str, Any]) -> bool:
    return isinstance(meta.get("dev"), bool) or meta.get("optional") is True


def _resolve(name: str, ref: str, nodes: set[str]) -> str | None:
    """The node a dependency reference points to, whatever the lockfile version's key spelling."""
    if ref.startswith(_LOCAL):
        return None
    for candidate in (f"{name}@{ref}", f"/{name}@{ref}", f"/{name}/{ref}", ref, f"/{ref}"):
        if candidate in nodes:
            return candidate
    return None
