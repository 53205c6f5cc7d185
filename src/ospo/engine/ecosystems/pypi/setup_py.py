"""setup.py, read statically: the ``setup(...)`` call's literal dependency lists. Nothing is executed.

``ast`` parses the file; ``install_requires``, ``extras_require`` and ``tests_require`` are read when they
are literals, module-level names bound to literals, or ``+`` concatenations of those. Anything computed
(reading a file, a comprehension, ``**kwargs``) cannot be known without running the file, so it becomes a
warning instead of a guess.
"""

from __future__ import annotations

import ast
import warnings
from typing import Any

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

_KEYWORDS = {"install_requires": Scope.RUNTIME, "tests_require": Scope.TEST}
_MAX_RESOLVE = 8


class _Dynamic(Exception):
    """A value that only running the file would give."""


class SetupPyExtractor(Extractor):
    name = "pypi-setup-py"
    ecosystem = ECO
    kind = "manifest"
    filenames = frozenset({"setup.py"})

    def extract(self, path: str, data: bytes, tree: Tree) -> FileResult:
        text = decode_text(data)
        try:
            with warnings.catch_warnings():  # invalid escapes etc. are the file's business, not the scan's
                warnings.simplefilter("ignore")
                module = ast.parse(text, filename=path)
        except SyntaxError as exc:
            raise ParseFailure(f"invalid Python at line {exc.lineno}: {exc.msg}") from None
        except (ValueError, RecursionError, MemoryError, OverflowError) as exc:
            raise ParseFailure(f"cannot parse Python: {type(exc).__name__}") from None
        result = self.result(path)
        names = _module_bindings(module)
        calls = [n for n in ast.walk(module) if isinstance(n, ast.Call) and _is_setup(n.func)]
        if not calls:
            return result
        for call in calls:
            self._call(result, call, names)
        if result.root:
            result.edges.extend(edge(result.root, c.purl) for c in result.components)
        return result

    def _call(self, result: FileResult, call: ast.Call, names: dict[str, ast.expr]) -> None:
        kwargs = {kw.arg: kw.value for kw in call.keywords if kw.arg}
        if any(kw.arg is None for kw in call.keywords):
            result.issues.append(ParseIssue(result.path, f"line {call.lineno}: setup(**…) arguments are dynamic; "
                                            "only the literal keywords were read", "warning"))
        name = _string(kwargs.get("name"), names)
        version = _string(kwargs.get("version"), names)
        if name and valid_name(name) and not result.root:
            result.root = pypi_purl(name, version)
        for key, scope in _KEYWORDS.items():
            if key in kwargs:
                self._list(result, key, kwargs[key], names, scope, None)
        if "extras_require" in kwargs:
            try:
                extras = _resolve(kwargs["extras_require"], names, 0)
                if not isinstance(extras, ast.Dict):
                    raise _Dynamic
                pairs = list(zip(extras.keys, extras.values, strict=True))
            except _Dynamic:
                self._dynamic(result, "extras_require", kwargs["extras_require"])
                pairs = []
            for k, v in pairs:
                extra = _string(k, names)
                if extra is None:
                    self._dynamic(result, "extras_require", v)
                    continue
                self._list(result, f"extras_require[{extra!r}]", v, names, group_scope(extra, Scope.OPTIONAL), extra)
        for typo in ("extra_require", "install_require", "test_require"):
            if typo in kwargs:
                result.issues.append(ParseIssue(result.path, f"line {kwargs[typo].lineno}: setup() keyword {typo!r} "
                                                "is not a setuptools option and is ignored by pip", "warning"))

    def _list(self, result: FileResult, label: str, node: ast.expr, names: dict[str, ast.expr], scope: Scope,
              extra: str | None) -> None:
        try:
            items = _string_items(node, names, 0)
        except _Dynamic:
            self._dynamic(result, label, node)
            return
        for line, text in items:
            add_declared(result, text.strip(), line, scope, extra)

    def _dynamic(self, result: FileResult, label: str, node: Any) -> None:
        line = getattr(node, "lineno", None)
        where = f"line {line}: " if line else ""
        result.issues.append(ParseIssue(result.path, f"{where}{label} is computed at run time; not read "
                                        "(setup.py is never executed)", "warning"))


def _is_setup(func: ast.expr) -> bool:
    return (isinstance(func, ast.Name) and func.id == "setup") or (
        isinstance(func, ast.Attribute) and func.attr == "setup")


def _module_bindings(module: ast.Module) -> dict[str, ast.expr]:
    """Module-level ``NAME = <expr>`` (the last binding wins, as it would at the ``setup()`` call)."""
    out: dict[str, ast.expr] = {}
    for stmt in module.body:
        if isinstance(stmt, ast.Assign):
            for target in stmt.targets:
                if isinstance(target, ast.Name):
                    out[target.id] = stmt.value
        elif isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name) and stmt.value is not None:
            out[stmt.target.id] = stmt.value
    return out


def _resolve(node: ast.expr, names: dict[str, ast.expr], depth: int) -> ast.expr:
    while isinstance(node, ast.Name):
        if depth > _MAX_RESOLVE or node.id not in names:
            raise _Dynamic
        node = names[node.id]
        depth += 1
    return node


def _string(node: ast.expr | None, names: dict[str, ast.expr]) -> str | None:
    if node is None:
        return None
    try:
        node = _resolve(node, names, 0)
    except _Dynamic:
        return None
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _string_items(node: ast.expr, names: dict[str, ast.expr], depth: int) -> list[tuple[int, str]]:
    """Strings of a literal list/tuple/set, a name bound to one, or ``a + b`` of those; else _Dynamic."""
    if depth > _MAX_RESOLVE:
        raise _Dynamic
    node = _resolve(node, names, depth)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _string_items(node.left, names, depth + 1) + _string_items(node.right, names, depth + 1)
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        # A single string is accepted by setuptools: one requirement per line.
        return [(node.lineno + i, s) for i, s in enumerate(node.value.splitlines()) if s.strip()
                and not s.strip().startswith("#")]
    if not isinstance(node, ast.List | ast.Tuple | ast.Set):
        raise _Dynamic
    out: list[tuple[int, str]] = []
    for elt in node.elts:
        if isinstance(elt, ast.Constant) and isinstance(elt.value, str):
            out.append((elt.lineno, elt.value))
        elif isinstance(elt, ast.Starred):
            out.extend(_string_items(elt.value, names, depth + 1))
        else:
            raise _Dynamic
    return out
