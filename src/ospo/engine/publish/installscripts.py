"""Install-time code: scripts a package manager runs on the installer's machine when the package is installed.

The method asks for "minimal install-time lifecycle scripts" because such a script runs with the installer's
rights before anyone reviews it — the usual path of supply-chain attacks. What is recognised, read statically
(nothing is executed; setup.py is parsed with :mod:`ast`, never imported):

* npm ``package.json``: ``scripts.preinstall``, ``scripts.install``, ``scripts.postinstall``; and a
  ``binding.gyp`` beside a package.json without an install script, for which npm runs ``node-gyp rebuild``
  implicitly. ``prepare`` is left out on purpose: it runs for git dependencies and local development only,
  and nearly every project using commit hooks declares one;
* setup.py ``cmdclass=``: replaced setuptools commands (install, build_py, egg_info, …) run arbitrary code when
  pip builds the package from source.
"""

from __future__ import annotations

import ast
import posixpath
import re
import warnings
from dataclasses import dataclass, field
from typing import Protocol

from ospo.engine.safeparse import ParseFailure, decode_text, load_json

NPM_INSTALL_SCRIPTS = ("preinstall", "install", "postinstall")
MAX_SETUP_PY_BYTES = 1024 * 1024


class Tree(Protocol):
    def paths(self) -> list[str]: ...

    def read(self, path: str) -> bytes | None: ...


@dataclass(slots=True, frozen=True)
class ScriptHit:
    path: str
    line: int | None
    script: str  # "postinstall", "cmdclass:install", "node-gyp rebuild (binding.gyp)"
    kind: str  # "npm" or "setup.py"


@dataclass(slots=True)
class InstallScripts:
    manifests: int = 0
    hits: list[ScriptHit] = field(default_factory=list)
    problems: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)


def _line_of_key(text: str, key: str) -> int | None:
    pattern = re.compile(r'"' + re.escape(key) + r'"\s*:')
    for n, line in enumerate(text.splitlines(), 1):
        if pattern.search(line):
            return n
    return None


def npm_install_scripts(data: bytes) -> list[tuple[str, int | None]]:
    """(script name, line) of the install-time scripts a package.json declares. Raises ParseFailure."""
    doc = load_json(data)
    if not isinstance(doc, dict):
        raise ParseFailure("package.json is not a JSON object")
    scripts = doc.get("scripts")
    if not isinstance(scripts, dict):
        return []
    text = decode_text(data)
    return [(name, _line_of_key(text, name)) for name in NPM_INSTALL_SCRIPTS
            if isinstance(scripts.get(name), str) and scripts[name].strip()]


def _keys(node: ast.AST) -> list[str]:
    if isinstance(node, ast.Dict):
        return [k.value for k in node.keys if isinstance(k, ast.Constant) and isinstance(k.value, str)] or ["?"]
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "dict":
        return [kw.arg for kw in node.keywords if kw.arg] or ["?"]
    return ["?"]  # a variable or an expression: some command is replaced, which one is not known statically


def setup_py_cmdclass(data: bytes) -> list[tuple[str, int]]:
    """(command name or "?", line) of the commands a setup.py replaces via ``cmdclass``. Raises ParseFailure."""
    if len(data) > MAX_SETUP_PY_BYTES:
        raise ParseFailure(f"file too large ({len(data):,} bytes; limit {MAX_SETUP_PY_BYTES:,})")
    text = decode_text(data)
    try:
        with warnings.catch_warnings():  # invalid escapes in hostile input warn; they are not our reader's business
            warnings.simplefilter("ignore")
            tree = ast.parse(text, filename="setup.py")
    except (SyntaxError, ValueError, RecursionError, MemoryError) as exc:
        raise ParseFailure(f"not valid Python: {type(exc).__name__}") from None
    out: list[tuple[str, int]] = []
    try:
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                for kw in node.keywords:
                    if kw.arg == "cmdclass":
                        out.extend((k, node.lineno) for k in _keys(kw.value))
            elif isinstance(node, ast.Assign):
                for target in node.targets:
                    if isinstance(target, ast.Name) and target.id == "cmdclass":
                        out.extend((k, node.lineno) for k in _keys(node.value))
    except RecursionError:
        raise ParseFailure("Python nested too deeply") from None
    return list(dict.fromkeys(out))


def find_install_scripts(tree: Tree) -> InstallScripts:
    """Every package.json and setup.py of the tree; an unreadable one is a problem on that file, not a crash."""
    out = InstallScripts()
    paths = tree.paths()
    path_set = set(paths)
    for path in paths:
        base = posixpath.basename(path)
        if base not in ("package.json", "setup.py"):
            continue
        out.manifests += 1
        data = tree.read(path)
        if data is None:
            out.problems.append((path, "unreadable"))
            continue
        try:
            if base == "package.json":
                found = npm_install_scripts(data)
                out.hits.extend(ScriptHit(path, line, name, "npm") for name, line in found)
                gyp = posixpath.join(posixpath.dirname(path), "binding.gyp")
                if gyp in path_set and not any(name == "install" for name, _ in found):
                    out.hits.append(ScriptHit(gyp, None, "node-gyp rebuild (binding.gyp)", "npm"))
            else:
                names = setup_py_cmdclass(data)
                out.hits.extend(ScriptHit(path, line, f"cmdclass:{name}", "setup.py") for name, line in names)
        except ParseFailure as exc:
            out.problems.append((path, str(exc)))
    return out
