"""bun.lock (bun ≥ 1.1.39 text lockfile, JSONC) and bun.lockb (the older binary lockfile).

``workspaces`` maps each workspace path to its manifest's dependency sections (direct dependencies);
``packages`` maps an install path (``lru-cache`` hoisted, ``parent/lru-cache`` nested, names joined by
``/``, scoped names keep theirs) to an array whose first member is ``name@reference``:

* registry: ``["name@1.2.3", "<registry or ''>", {deps…}, "sha512-…"]``
* git/github: ``["name@github:owner/repo#sha", {deps…}, "<bun tag>"]``
* tarball URL: ``["name@https://…/x.tgz", {deps…}]``
* workspace/link/file/root: the repository's own code, not components.

A dependency resolves like Node's ``require``: the nested path first, then each ancestor, then the top.
bun.lockb is a binary format we do not decode; it gets a warning unless a bun.lock sits beside it.
"""

from __future__ import annotations

import re
from typing import Any

from ospo.engine.ecosystems._jsonlines import KeyLines
from ospo.engine.ecosystems.base import Extractor, Tree, component
from ospo.engine.ecosystems.npm._common import (
    integrity_hashes,
    is_remote_source,
    npm_purl,
    sibling_path,
    split_descriptor,
)
from ospo.engine.ecosystems.npm._graph import LockGraph
from ospo.engine.model import Component, FileResult, ParseIssue, Scope
from ospo.engine.safeparse import ParseFailure, decode_text, load_json

# Strings are kept as they are; comments and commas before a closing bracket are dropped.
_JSONC = re.compile(r'"(?:[^"\\\n]|\\.)*"|//[^\n]*|/\*.*?\*/|,(?=\s*[}\]])', re.S)
_LOCAL = ("workspace:", "link:", "file:", "root:", "portal:")
_WS_SECTIONS = (
    ("dependencies", Scope.RUNTIME),
    ("optionalDependencies", Scope.OPTIONAL),
    ("peerDependencies", Scope.OPTIONAL),
    ("devDependencies", Scope.DEVELOPMENT),
)


def jsonc_to_json(text: str) -> str:
    """Make bun's JSONC (trailing commas, comments) plain JSON in one regex pass; strings are untouched."""
    return _JSONC.sub(lambda m: m.group(0) if m.group(0).startswith('"') else "", text)


def _segments(key: str) -> list[str]:
    """``a/@s/b/c`` → ["a", "@s/b", "c"]: an install path is package names joined by ``/``."""
    parts = key.split("/")
    out: list[str] = []
    i = 0
    while i < len(parts):
        if parts[i].startswith("@") and i + 1 < len(parts):
            out.append(f"{parts[i]}/{parts[i + 1]}")
            i += 2
        else:
            out.append(parts[i])
            i += 1
    return out


def _resolve(from_segments: list[str], dep: str, keys: set[str]) -> str | None:
    for depth in range(len(from_segments), -1, -1):
        candidate = "/".join([*from_segments[:depth], dep])
        if candidate in keys:
            return candidate
    return None


class BunLockExtractor(Extractor):
    name = "npm-bun-lock"
    ecosystem = "npm"
    kind = "lockfile"
    filenames = frozenset({"bun.lock"})

    def extract(self, path: str, data: bytes, tree: Tree) -> FileResult:
        text = decode_text(data)
        doc = load_json(jsonc_to_json(text).encode())
        if not isinstance(doc, dict) or "lockfileVersion" not in doc:
            raise ParseFailure("not a bun.lock (no lockfileVersion object)")
        packages = doc.get("packages")
        packages = packages if isinstance(packages, dict) else {}
        workspaces = doc.get("workspaces")
        workspaces = workspaces if isinstance(workspaces, dict) else {}
        result = self.result(path)
        root_ws = workspaces.get("")
        if isinstance(root_ws, dict) and isinstance(root_ws.get("name"), str) and root_ws["name"]:
            version = root_ws.get("version")
            result.root = npm_purl(root_ws["name"], version if isinstance(version, str) else None)

        lines = KeyLines(text)
        after = lines.offset("packages") or 0
        lg = LockGraph()
        infos: dict[str, dict[str, Any]] = {}
        skipped = 0
        for key, entry in packages.items():
            if not isinstance(entry, list) or not entry or not isinstance(entry[0], str) or not key:
                skipped += 1
                continue
            name, ref = split_descriptor(entry[0])
            if not name or not ref:
                skipped += 1
                continue
            info = next((e for e in entry[1:3] if isinstance(e, dict)), {})
            infos[key] = info
            if ref.startswith(_LOCAL):
                continue
            comp = self._component(path, key, name, ref, entry, lines.line(key, after))
            if comp is None:
                skipped += 1
                continue
            lg.nodes[key] = comp
        if skipped:
            result.issues.append(ParseIssue(path, f"{skipped} package entr(y/ies) could not be read and were "
                                                  "skipped", severity="warning"))

        keys = set(infos)
        for key, info in infos.items():
            segs = _segments(key)
            for section in ("dependencies", "optionalDependencies"):
                deps = info.get(section)
                if not isinstance(deps, dict):
                    continue
                for dep in deps:
                    target = _resolve(segs, str(dep), keys)
                    if target and target != key:
                        lg.add_edge(key, target, section == "optionalDependencies")

        for ws_path, ws in workspaces.items():
            if not isinstance(ws, dict):
                continue
            # A member's non-hoisted copies live under its package name: "member-name/dep".
            prefix = [ws["name"]] if ws_path and isinstance(ws.get("name"), str) and ws["name"] else []
            seen: set[str] = set()
            for section, scope in _WS_SECTIONS:
                deps = ws.get(section)
                if not isinstance(deps, dict):
                    continue
                for dep in deps:
                    if dep in seen:
                        continue
                    seen.add(dep)
                    target = _resolve(prefix, str(dep), keys)
                    if target:
                        lg.roots.append((target, scope))
        lg.finish(result, direct_known=bool(workspaces))
        return result

    def _component(self, path: str, key: str, name: str, ref: str, entry: list[Any], line: int | None,
                   ) -> Component | None:
        props: dict[str, str] = {}
        alias = _segments(key)[-1]
        if alias != name:
            props["npm:alias"] = alias
        if is_remote_source(ref) or ref.startswith(("git+", "github:", "http")):
            # Pinned by commit or URL, not by a registry version.
            props["source"] = ref
            url, _, commit = ref.partition("#")
            if "://" in ref and not ref.startswith("git") and "#" not in ref:
                return component("npm", name, ref, npm_purl(name, None, {"download_url": ref}), path=path,
                                 line=line, pinned=False, properties=props)
            version = commit or None
            return component("npm", name, version, npm_purl(name, version, {"vcs_url": url}), path=path,
                             line=line, pinned=bool(version), properties=props)
        registry = entry[1] if len(entry) > 1 and isinstance(entry[1], str) else ""
        if registry:
            props["registry"] = registry
        integrity = entry[3] if len(entry) > 3 else None
        return component("npm", name, ref, npm_purl(name, ref), path=path, line=line,
                         hashes=integrity_hashes(integrity), properties=props)


class BunLockbExtractor(Extractor):
    """The binary lockfile: reported, never guessed at. A text bun.lock beside it says everything."""

    name = "npm-bun-lockb"
    ecosystem = "npm"
    kind = "lockfile"
    filenames = frozenset({"bun.lockb"})

    def extract(self, path: str, data: bytes, tree: Tree) -> FileResult:
        result = self.result(path)
        if tree.read(sibling_path(path, "bun.lock")) is None:
            result.issues.append(ParseIssue(
                path, "bun.lockb is bun's binary lockfile and cannot be read; run `bun install "
                      "--save-text-lockfile` to write a bun.lock", severity="warning"))
        return result
