"""yarn.lock: classic (v1, yarn's own indented format) and Berry (v2+, YAML with ``__metadata``).

Both map descriptors (``name@range`` as some manifest wrote it) to one resolved package. Edges come from
each entry's ``dependencies`` resolved through that descriptor map. Neither format records dev vs runtime:
scopes are propagated from the sibling package.json (and, for classic workspaces, the members' manifests);
Berry lists its workspaces as entries of their own, so their ``dependencies`` are the direct dependencies.
Workspace, ``file:``, ``link:`` and ``portal:`` packages are the repository's own code, not components, but
their dependencies are installed and kept.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

from ospo.engine.ecosystems.base import Extractor, Tree, component, hex_hash
from ospo.engine.ecosystems.npm._common import (
    integrity_hashes,
    is_local,
    is_remote_source,
    manifest_deps,
    npm_purl,
    read_json_object,
    sibling_path,
    split_descriptor,
    workspace_manifests,
)
from ospo.engine.ecosystems.npm._graph import LockGraph
from ospo.engine.model import Component, FileResult, ParseIssue, Scope
from ospo.engine.safeparse import ParseFailure, decode_text, line_index, load_yaml

_BERRY = re.compile(r"^__metadata:", re.M)
_TOKEN = re.compile(r'"((?:[^"\\]|\\.)*)"|([^\s"]+)')
_HEADER_PART = re.compile(r'\s*(?:"((?:[^"\\]|\\.)*)"|([^,"]+?))\s*(?:,|$)')
_TOP_KEY = re.compile(r'^(?:"((?:[^"\\]|\\.)*)"|([^\s#"][^\n]*?)):[ \t]*$', re.M)
_LOCAL_PROTOCOLS = ("workspace:", "file:", "link:", "portal:", "exec:")


def _unescape(s: str) -> str:
    return s.replace('\\"', '"').replace("\\\\", "\\") if "\\" in s else s


# -- classic (v1) ------------------------------------------------------------------------------------


@dataclass
class _Entry:
    descriptors: list[str]
    line: int
    fields: dict[str, str] = field(default_factory=dict)
    blocks: dict[str, dict[str, str]] = field(default_factory=dict)


def _parse_classic(text: str, path: str, issues: list[ParseIssue]) -> list[_Entry]:
    """Hand-written reader for yarn's v1 format: header lines at column 0, fields and blocks indented."""
    entries: list[_Entry] = []
    cur: _Entry | None = None
    block: dict[str, str] | None = None
    field_indent = -1
    bad_lines = 0
    first_bad = 0
    for lineno, raw in enumerate(text.splitlines(), 1):
        stripped = raw.strip()
        if not stripped or stripped.startswith("#"):
            continue
        indent = len(raw) - len(raw.lstrip(" \t"))
        if indent == 0:
            block, field_indent = None, -1
            if not stripped.endswith(":"):
                cur = None
                bad_lines += 1
                first_bad = first_bad or lineno
                continue
            descs = []
            for m in _HEADER_PART.finditer(stripped[:-1]):
                d = _unescape(m.group(1)) if m.group(1) is not None else (m.group(2) or "").strip()
                if d:
                    descs.append(d)
            cur = _Entry(descs, lineno) if descs else None
            if cur is not None:
                entries.append(cur)
            continue
        if cur is None:
            continue
        tokens = [_unescape(m.group(1)) if m.group(1) is not None else m.group(2) for m in _TOKEN.finditer(stripped)]
        if not tokens:
            continue
        if field_indent < 0:
            field_indent = indent
        key = tokens[0][:-1] if len(tokens) > 1 and tokens[0].endswith(":") else tokens[0]
        if indent > field_indent and block is not None:
            if len(tokens) >= 2:
                block[key] = tokens[1]
            continue
        if len(tokens) == 1 and stripped.endswith(":"):
            block = cur.blocks.setdefault(tokens[0][:-1], {})
            continue
        block = None
        if len(tokens) >= 2:
            cur.fields[key] = tokens[1]
    if bad_lines:
        issues.append(ParseIssue(path, f"{bad_lines} unreadable line(s) skipped, first at line {first_bad}",
                                 severity="warning"))
    return entries


# -- shared --------------------------------------------------------------------------------------------


def _remote_qualifiers(source: str, vcs: bool = False) -> dict[str, str]:
    if vcs or source.startswith(("git+", "git:", "git@", "github:", "gitlab:", "bitbucket:")) or ".git#" in source \
            or source.endswith(".git") or "#commit=" in source:
        return {"vcs_url": source}
    return {"download_url": source}


def _make(path: str, name: str, version: str, line: int, *, alias: str | None = None,
          source: str | None = None, resolved: str | None = None,
          hashes: list[tuple[str, str]] | None = None, props: dict[str, str] | None = None,
          vcs: bool = False) -> Component:
    properties = dict(props or {})
    qualifiers = None
    if alias and alias != name:
        properties["npm:alias"] = alias
    if source:
        properties["source"] = source
        qualifiers = _remote_qualifiers(source, vcs)
    if resolved:
        properties["resolved"] = resolved
    return component("npm", name, version, npm_purl(name, version, qualifiers), path=path, line=line,
                     hashes=hashes, properties=properties)


class YarnLockExtractor(Extractor):
    name = "npm-yarn-lock"
    ecosystem = "npm"
    kind = "lockfile"
    filenames = frozenset({"yarn.lock"})

    def extract(self, path: str, data: bytes, tree: Tree) -> FileResult:
        text = decode_text(data)
        result = self.result(path)
        manifest = read_json_object(tree, sibling_path(path, "package.json"))
        if manifest is not None:
            pname, pversion = manifest.get("name"), manifest.get("version")
            if isinstance(pname, str) and pname:
                result.root = npm_purl(pname, pversion if isinstance(pversion, str) else None)
        if _BERRY.search(text):
            self._berry(path, text, data, tree, manifest, result)
        else:
            self._classic(path, text, tree, manifest, result)
        return result

    # -- classic -------------------------------------------------------------------------------------
    def _classic(self, path: str, text: str, tree: Tree, manifest: dict[str, Any] | None,
                 result: FileResult) -> None:
        entries = _parse_classic(text, path, result.issues)
        if not entries:
            if any(ln.strip() and not ln.lstrip().startswith("#") for ln in text.splitlines()):
                raise ParseFailure("no yarn.lock entries found (expected 'name@range:' headers)")
            return
        lg = LockGraph()
        by_desc: dict[str, str] = {}
        missing_version = 0
        for idx, entry in enumerate(entries):
            node = str(idx)
            for d in entry.descriptors:
                by_desc.setdefault(d, node)
            dep_name, rng = split_descriptor(entry.descriptors[0])
            version = entry.fields.get("version")
            if is_local(rng):
                continue  # the repository's own package; its dependencies stay in the graph
            if not version:
                missing_version += 1
                continue
            real_name, alias = dep_name, None
            if rng.startswith("npm:"):
                real_name, _ = split_descriptor(rng[4:])
                alias = dep_name
            resolved = entry.fields.get("resolved") or None
            hashes = integrity_hashes(entry.fields.get("integrity"))
            source = None
            source_is_vcs = False
            if is_remote_source(rng):
                source = resolved or rng
                resolved = None
                if not rng.startswith(("http:", "https:")) or ".git" in rng:
                    source_is_vcs = True
            elif resolved and "#" in resolved:
                sha1 = hex_hash("sha1", resolved.rpartition("#")[2])
                if sha1 and sha1 not in hashes:
                    hashes.append(sha1)
            lg.nodes[node] = _make(path, real_name or dep_name, version, entry.line, alias=alias,
                                   source=source, resolved=resolved, hashes=hashes, vcs=source_is_vcs)
        if missing_version:
            result.issues.append(ParseIssue(path, f"{missing_version} entr(y/ies) without a version skipped",
                                            severity="warning"))
        referenced: set[str] = set()
        for idx, entry in enumerate(entries):
            for section in ("dependencies", "optionalDependencies"):
                for dep, rng in entry.blocks.get(section, {}).items():
                    target = by_desc.get(f"{dep}@{rng}")
                    if target is not None:
                        lg.add_edge(str(idx), target, section == "optionalDependencies")
                        referenced.add(target)
        direct_known = False
        if manifest is not None:
            direct_known = True
            root_dir = posixpath.dirname(path)
            members = [manifest] + [doc for _, doc in workspace_manifests(tree, root_dir, manifest)]
            for doc in members:
                for dep, spec, scope in manifest_deps(doc):
                    target = by_desc.get(f"{dep}@{spec}")
                    if target is not None:
                        lg.roots.append((target, scope))
        # Nothing in the lock asks for these: some manifest does (a member we could not see, or the root).
        known = {n for n, _ in lg.roots}
        for idx in range(len(entries)):
            node = str(idx)
            if node not in referenced and node not in known:
                lg.roots.append((node, Scope.RUNTIME))
        lg.finish(result, direct_known=direct_known)

    # -- berry ---------------------------------------------------------------------------------------
    def _berry(self, path: str, text: str, data: bytes, tree: Tree, manifest: dict[str, Any] | None,
               result: FileResult) -> None:
        doc = load_yaml(data)
        if not isinstance(doc, dict) or not isinstance(doc.get("__metadata"), dict):
            raise ParseFailure("yarn Berry lockfile without a __metadata mapping")
        lines: dict[str, int] = {}
        line_of = line_index(text)
        for m in _TOP_KEY.finditer(text):
            key = _unescape(m.group(1)) if m.group(1) is not None else (m.group(2) or "").strip()
            lines.setdefault(key, line_of(m.start()))
        lg = LockGraph()
        by_desc: dict[str, str] = {}
        workspaces: dict[str, str] = {}  # node → workspace path
        entries: list[tuple[str, dict[str, Any]]] = []
        skipped = 0
        for key, entry in doc.items():
            if key == "__metadata":
                continue
            if not isinstance(key, str) or not isinstance(entry, dict):
                skipped += 1
                continue
            node = key
            entries.append((node, entry))
            for d in key.split(","):
                if d.strip():
                    by_desc.setdefault(d.strip(), node)
            resolution = entry.get("resolution")
            if not isinstance(resolution, str) or "@" not in resolution[1:]:
                skipped += 1
                continue
            comp = self._berry_component(path, key, entry, resolution, lines.get(key) or 0, workspaces)
            if comp is not None:
                lg.nodes[node] = comp
        if skipped:
            result.issues.append(ParseIssue(path, f"{skipped} entr(y/ies) without a usable resolution skipped",
                                            severity="warning"))
        for node, entry in entries:
            # A patch entry wraps the package it patches: installing one installs the other's code.
            patched = re.search(r"@patch:(.*?)#", node)
            if patched:
                inner = by_desc.get(unquote(patched.group(1)))
                if inner is not None:
                    lg.add_edge(node, inner)
            for section in ("dependencies", "optionalDependencies"):
                deps = entry.get(section)
                if not isinstance(deps, dict):
                    continue
                meta = entry.get("dependenciesMeta")
                for dep, rng in deps.items():
                    if not isinstance(dep, str) or not isinstance(rng, str | int | float):
                        continue
                    rng = str(rng)
                    target = by_desc.get(f"{dep}@{rng}") or by_desc.get(f"{dep}@npm:{rng}")
                    if target is None:
                        continue
                    optional = section == "optionalDependencies" or _meta_optional(meta, dep)
                    lg.add_edge(node, target, optional)
        base = posixpath.dirname(path)
        for node, ws_path in workspaces.items():
            ws_manifest = manifest if ws_path in (".", "") else read_json_object(
                tree, posixpath.normpath(posixpath.join(base, ws_path, "package.json")))
            scopes = {n: s for n, _, s in manifest_deps(ws_manifest)} if ws_manifest else {}
            for target, optional in lg.graph.get(node, ()):
                dep_name = _node_name(target)
                scope = scopes.get(dep_name, Scope.OPTIONAL if optional else Scope.RUNTIME)
                lg.roots.append((target, scope))
            if ws_path in (".", "") and not result.root:
                name = split_descriptor(node.split(",")[0].strip())[0]
                version = doc[node].get("version") if isinstance(doc.get(node), dict) else None
                result.root = npm_purl(name, version if isinstance(version, str) else None)
        lg.finish(result, direct_known=bool(workspaces))

    def _berry_component(self, path: str, key: str, entry: dict[str, Any], resolution: str, line: int,
                         workspaces: dict[str, str]) -> Component | None:
        name, ref = split_descriptor(resolution)
        props: dict[str, str] = {}
        if ref.startswith("patch:"):
            # patch:lodash@npm%3A4.17.21#./patches/x.patch::… — the patched package is the inner locator.
            inner = unquote(ref[6:].split("#", 1)[0])
            name, ref = split_descriptor(inner)
            props["yarn:patched"] = "true"
        if ref.startswith("workspace:"):
            workspaces[key] = ref[len("workspace:"):] or "."
            return None
        if ref.startswith(_LOCAL_PROTOCOLS):
            return None
        version = entry.get("version")
        version = str(version) if isinstance(version, str | int | float) and not isinstance(version, bool) else None
        checksum = entry.get("checksum")
        if isinstance(checksum, str) and checksum:
            # The checksum is of yarn's cache zip, not of the published tarball: informative, not a hash of
            # the component, so it stays a property.
            props["yarn:checksum"] = checksum
        alias_name = split_descriptor(key.split(",")[0].strip())[0]
        if ref.startswith("npm:"):
            version = ref[4:] or version
            if not version:
                return None
            return _make(path, name, version, line, alias=alias_name, props=props)
        if not version:
            return None
        return _make(path, name, version, line, alias=alias_name, source=ref, props=props)


def _node_name(node: str) -> str:
    return split_descriptor(node.split(",")[0].strip())[0]


def _meta_optional(meta: Any, dep: str) -> bool:
    if not isinstance(meta, dict):
        return False
    m = meta.get(dep)
    return isinstance(m, dict) and m.get("optional") is True
