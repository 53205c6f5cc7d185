"""Package.swift: the ``.package(...)`` dependencies of a Swift package, read with regexes (never run).

Forms: ``url:`` with ``from:`` / ``.upToNextMajor(from:)`` / ``.upToNextMinor(from:)`` / ``"1.0.0"..<"2.0.0"`` /
``"1.0.0"..."1.2.0"`` (ranges: unpinned, constraint as written), ``exact:`` / ``.exact("…")`` (pinned),
``branch:`` / ``revision:`` (a branch is unpinned; a revision is an immutable commit: pinned);
``id: "scope.name"`` registry packages; ``path:`` local packages (first-party: skipped). No root: a package
has a name but no public identity (host/owner) in its manifest, and the purl-spec requires one.
"""

from __future__ import annotations

import re

from ospo.engine.ecosystems.base import Extractor, Tree, component
from ospo.engine.ecosystems.swift._common import swift_purl, url_coordinates
from ospo.engine.model import FileResult
from ospo.engine.safeparse import decode_text, line_index

_PACKAGE = re.compile(r"\.package\s*\(")
_STR = r'"((?:[^"\\\n]|\\.)*)"'
_URL = re.compile(r"\burl\s*:\s*" + _STR)
_ID = re.compile(r"\bid\s*:\s*" + _STR)
_EXACT = re.compile(r"(?:\bexact\s*:\s*|\.exact\s*\(\s*)" + _STR)
_FROM = re.compile(r"\bfrom\s*:\s*" + _STR)
_NEXT = re.compile(r"\.upTo(Next(?:Major|Minor))\s*\(\s*from\s*:\s*" + _STR)
_RANGE = re.compile(_STR + r"\s*(\.\.<|\.\.\.)\s*" + _STR)
_BRANCH = re.compile(r"\bbranch\s*:\s*" + _STR)
_REVISION = re.compile(r"\brevision\s*:\s*" + _STR)
# Strings first, so that "https://…" is not taken for a // comment.
_COMMENT = re.compile(r'"(?:[^"\\\n]|\\.)*"|//[^\n]*|/\*.*?\*/', re.S)


def _call_span(text: str, start: int) -> int:
    """Index just past the parenthesis closing the call opened at ``start`` (bounded scan)."""
    depth, i, n = 0, start, min(len(text), start + 4000)
    in_str = False
    while i < n:
        c = text[i]
        if in_str:
            if c == "\\":
                i += 1
            elif c == '"':
                in_str = False
        elif c == '"':
            in_str = True
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return n


class PackageSwiftExtractor(Extractor):
    name = "swift-package-swift"
    ecosystem = "swift"
    kind = "manifest"
    filenames = frozenset({"Package.swift"})

    def extract(self, path: str, data: bytes, tree: Tree) -> FileResult:
        raw = decode_text(data)
        # Blank comments out but keep offsets, so that line numbers stay right.
        text = _COMMENT.sub(lambda m: m.group(0) if m.group(0)[0] == '"' else re.sub(r"[^\n]", " ", m.group(0)), raw)
        line_of = line_index(text)
        result = self.result(path)
        for m in _PACKAGE.finditer(text):
            call = text[m.end() - 1 : _call_span(text, m.end() - 1)]
            url, pid = _URL.search(call), _ID.search(call)
            if url:
                coords = url_coordinates(url.group(1))
                if coords is None:
                    continue
                namespace, name = coords
                props = {"source": url.group(1)}
            elif pid and "." in pid.group(1).strip(".") and not pid.group(1).endswith("."):
                # registry identities are case-insensitive; Package.resolved writes them lower-cased
                namespace, _, name = pid.group(1).lower().partition(".")
                props = {"registry-id": pid.group(1)}
            else:
                continue  # path: local package
            version, pinned = None, False
            if exact := _EXACT.search(call):
                version, pinned = exact.group(1), True
            elif nxt := _NEXT.search(call):
                version = f".upTo{nxt.group(1)}(from: {nxt.group(2)})"
            elif rng := _RANGE.search(call):
                version = f"{rng.group(1)}{rng.group(2)}{rng.group(3)}"
            elif frm := _FROM.search(call):
                version = f"from: {frm.group(1)}"
            elif br := _BRANCH.search(call):
                props["branch"] = br.group(1)
                version = f"branch: {br.group(1)}"
            elif rev := _REVISION.search(call):
                props["revision"] = rev.group(1)
                version = rev.group(1)
            if "revision" in props and not pinned:
                pinned = True  # a commit is immutable
            comp = component(
                "swift", f"{namespace}/{name}", version, swift_purl(namespace, name, version if pinned else None),
                path=path, line=line_of(m.start()), pinned=pinned, direct=True, properties=props,
            )
            result.components.append(comp)
        return result
