"""setup.cfg: setuptools' declarative config ([options] install_requires, tests_require, extras_require).

Read with a small INI reader instead of ``configparser``: it keeps the line of every value (configparser
drops it), and it cannot fail on the duplicate sections or interpolation characters that real files have.
``install_requires = file: requirements.txt`` is followed through the tree.
"""

from __future__ import annotations

import posixpath
import re

from ospo.engine.ecosystems.base import Extractor, Tree, edge
from ospo.engine.ecosystems.pypi._common import (
    ECO,
    add_declared,
    group_scope,
    pypi_purl,
    valid_name,
)
from ospo.engine.model import FileResult, ParseIssue, Scope
from ospo.engine.safeparse import ParseFailure, decode_text

_SECTION = re.compile(r"^\[\s*([^\]]+?)\s*\]\s*$")
_KEY = re.compile(r"^([A-Za-z0-9_.\-][^=:]*?)\s*[=:]\s?(.*)$")

Values = dict[str, list[tuple[int, str]]]  # key → (line, text) for the first line and each continuation


def read_ini(text: str) -> dict[str, Values]:
    """Sections → keys → value lines. Continuations are the indented lines that follow a key."""
    sections: dict[str, Values] = {}
    current: Values | None = None
    key: str | None = None
    for i, raw in enumerate(text.splitlines(), 1):
        stripped = raw.strip()
        if not stripped or stripped.startswith(("#", ";")):
            continue
        if raw[:1] in (" ", "\t"):
            if current is not None and key is not None:
                current[key].append((i, stripped))
            continue
        m = _SECTION.match(stripped)
        if m:
            current = sections.setdefault(m.group(1).strip(), {})
            key = None
            continue
        m = _KEY.match(stripped)
        if m and current is not None:
            key = m.group(1).strip().lower().replace("-", "_")
            current[key] = [(i, m.group(2).strip())] if m.group(2).strip() else []
        else:
            key = None
    return sections


def _strip_comment(text: str) -> str:
    return re.sub(r"(?:^|\s)[#;].*$", "", text).strip()


class SetupCfgExtractor(Extractor):
    name = "pypi-setup-cfg"
    ecosystem = ECO
    kind = "manifest"
    filenames = frozenset({"setup.cfg"})

    def extract(self, path: str, data: bytes, tree: Tree) -> FileResult:
        sections = read_ini(decode_text(data))
        result = self.result(path)
        meta = sections.get("metadata", {})
        name = _first(meta.get("name"))
        version = _first(meta.get("version"))
        if name and valid_name(name):
            result.root = pypi_purl(name, version if version and not version.startswith(("attr:", "file:")) else None)
        options = sections.get("options", {})
        self._values(result, tree, options.get("install_requires"), Scope.RUNTIME, None)
        self._values(result, tree, options.get("tests_require"), Scope.TEST, None)
        for extra, values in sections.get("options.extras_require", {}).items():
            self._values(result, tree, values, group_scope(extra, Scope.OPTIONAL), extra)
        if result.root:
            result.edges.extend(edge(result.root, c.purl) for c in result.components)
        return result

    def _values(self, result: FileResult, tree: Tree, values: list[tuple[int, str]] | None, scope: Scope,
                extra: str | None) -> None:
        for line, raw in values or ():
            text = _strip_comment(raw)
            if not text:
                continue
            if text.startswith("file:"):
                self._file(result, tree, line, text[5:].strip(), scope)
                continue
            add_declared(result, text, line, scope, extra)

    def _file(self, result: FileResult, tree: Tree, line: int, target: str, scope: Scope) -> None:
        """``file: requirements.txt`` — read the listed files with the requirements parser."""
        from ospo.engine.ecosystems.pypi.requirements import RequirementsExtractor

        for rel in target.split(","):
            rel = rel.strip()
            if not rel:
                continue
            full = posixpath.normpath(posixpath.join(posixpath.dirname(result.path), rel))
            data = tree.read(full)
            if data is None:
                result.issues.append(ParseIssue(result.path, f"line {line}: {rel!r} not found in the tree",
                                                "warning"))
                continue
            try:
                sub = RequirementsExtractor().extract(full, data, tree)
            except ParseFailure as exc:
                result.issues.append(ParseIssue(result.path, f"line {line}: {rel!r}: {exc}", "warning"))
                continue
            for comp in sub.components:
                comp.scope = scope
            result.components.extend(sub.components)
            result.issues.extend(sub.issues)


def _first(values: list[tuple[int, str]] | None) -> str | None:
    return values[0][1] if values else None
