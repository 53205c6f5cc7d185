"""Helpers shared by the npm-family extractors: purls, version specs, git/file/alias forms."""

from __future__ import annotations

import posixpath
import re
from typing import Any

from ospo.engine.ecosystems.base import Tree, make_purl, sri_to_hash
from ospo.engine.model import Scope
from ospo.engine.safeparse import ParseFailure, load_json

_EXACT = re.compile(r"^[=v]?\s*(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?)$")


def split_name(name: str) -> tuple[str | None, str]:
    """``@scope/pkg`` → ("@scope", "pkg"); ``pkg`` → (None, "pkg")."""
    if name.startswith("@") and "/" in name:
        scope, _, rest = name.partition("/")
        return scope, rest
    return None, name


def npm_purl(name: str, version: str | None = None, qualifiers: dict[str, str] | None = None) -> str:
    ns, base = split_name(name)
    return make_purl("npm", base, version, namespace=ns, qualifiers=qualifiers)


def exact_version(spec: str) -> str | None:
    """The version when a spec pins exactly one (``1.2.3``, ``=1.2.3``, ``v1.2.3``), else None."""
    m = _EXACT.match(spec.strip())
    return m.group(1) if m else None


def is_local(spec: str) -> bool:
    """Specs that point inside the repository (workspaces, files, links) — first-party, not components."""
    return spec.startswith(("file:", "link:", "workspace:", "portal:", "patch:")) or spec in {".", ""}


def is_remote_source(spec: str) -> bool:
    """Git, GitHub shorthand and tarball URL specs: pinned by a commit or URL, not by a registry version."""
    return (
        "://" in spec
        or spec.startswith(("git+", "git@", "github:", "gitlab:", "bitbucket:", "gist:"))
        or (re.match(r"^[\w.-]+/[\w.-]+(#.*)?$", spec) is not None and not spec.startswith("@"))
    )


def parse_alias(spec: str) -> tuple[str, str] | None:
    """``npm:real-name@^1.0`` → ("real-name", "^1.0")."""
    if not spec.startswith("npm:"):
        return None
    rest = spec[4:]
    at = rest.rfind("@")
    if at <= 0:
        return rest, ""
    return rest[:at], rest[at + 1 :]


# -- shared by the lockfile extractors (yarn, pnpm, bun) -----------------------------------------------

DEP_SECTIONS: tuple[tuple[str, Scope], ...] = (
    ("dependencies", Scope.RUNTIME),
    ("optionalDependencies", Scope.OPTIONAL),
    ("peerDependencies", Scope.OPTIONAL),
    ("devDependencies", Scope.DEVELOPMENT),
)

_RANK = {Scope.RUNTIME: 0, Scope.OPTIONAL: 1, Scope.DEVELOPMENT: 2}
_BY_RANK = (Scope.RUNTIME, Scope.OPTIONAL, Scope.DEVELOPMENT)


def split_descriptor(descriptor: str) -> tuple[str, str]:
    """``@scope/pkg@^1.0`` → ("@scope/pkg", "^1.0"); ``pkg@npm:other@1`` → ("pkg", "npm:other@1").

    The name ends at the first ``@`` after the first character: a scope's ``@`` comes first, and
    the range may contain more ``@`` (aliases, patch locators), so neither ``rfind`` nor ``split`` works.
    """
    at = descriptor.find("@", 1)
    if at < 0:
        return descriptor, ""
    return descriptor[:at], descriptor[at + 1 :]


def integrity_hashes(value: object) -> list[tuple[str, str]]:
    """Every SRI digest of an ``integrity`` string (several may be space-separated)."""
    if not isinstance(value, str):
        return []
    out = []
    for part in value.split():
        h = sri_to_hash(part)
        if h and h not in out:
            out.append(h)
    return out


def sibling_path(path: str, name: str) -> str:
    directory = posixpath.dirname(path)
    return f"{directory}/{name}" if directory else name


def read_json_object(tree: Tree, path: str) -> dict[str, Any] | None:
    """A sibling JSON manifest, or None when absent or unreadable: a lockfile must not fail for its manifest."""
    data = tree.read(path)
    if data is None:
        return None
    try:
        doc = load_json(data)
    except ParseFailure:
        return None
    return doc if isinstance(doc, dict) else None


def manifest_deps(doc: dict[str, Any]) -> list[tuple[str, str, Scope]]:
    """(name, spec, scope) for each dependency a package.json declares; the first section naming it wins."""
    out: list[tuple[str, str, Scope]] = []
    seen: set[str] = set()
    for section, scope in DEP_SECTIONS:
        deps = doc.get(section)
        if not isinstance(deps, dict):
            continue
        for name, spec in deps.items():
            if isinstance(name, str) and name and name not in seen:
                seen.add(name)
                out.append((name, spec if isinstance(spec, str) else "", scope))
    return out


def workspace_globs(doc: dict[str, Any]) -> list[str]:
    """The ``workspaces`` patterns of a package.json (array form, or yarn's ``{"packages": [...]}``)."""
    ws = doc.get("workspaces")
    if isinstance(ws, dict):
        ws = ws.get("packages")
    if not isinstance(ws, list):
        return []
    return [w.strip().rstrip("/") for w in ws if isinstance(w, str) and w.strip() and not w.startswith("!")]


def workspace_manifests(tree: Tree, root_dir: str, doc: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """(path, document) of every workspace member's package.json below ``root_dir``.

    Globs are matched against the tree's listing once (``packages/*``, ``apps/**``); members without a
    readable package.json are skipped. Why: yarn v1 and bun lockfiles do not record which member asked for
    what, and the members' manifests are what makes their dependencies direct.
    """
    globs = workspace_globs(doc)
    if not globs:
        return []
    prefix = f"{root_dir}/" if root_dir else ""
    patterns = [re.compile(_glob_to_regex(prefix + g + "/package.json")) for g in globs]
    found: list[tuple[str, dict[str, Any]]] = []
    for p in tree.paths():  # listed once per tree and cached by the sources
        if not p.endswith("/package.json") or "/node_modules/" in p or p == f"{prefix}package.json":
            continue
        if any(rx.fullmatch(p) for rx in patterns):
            member = read_json_object(tree, p)
            if member is not None:
                found.append((p, member))
    return found


def _glob_to_regex(glob: str) -> str:
    out = []
    i = 0
    while i < len(glob):
        c = glob[i]
        if glob.startswith("**/", i):
            out.append("(?:[^/]+/)*")
            i += 3
            continue
        if glob.startswith("**", i):
            out.append(".*")
            i += 2
            continue
        out.append("[^/]*" if c == "*" else "[^/]" if c == "?" else re.escape(c))
        i += 1
    return "".join(out)


def propagate_scopes(
    roots: list[tuple[str, Scope]], graph: dict[str, list[tuple[str, bool]]]
) -> dict[str, Scope]:
    """The broadest scope under which each node is reachable from the project's direct dependencies.

    ``graph[node]`` lists (target, optional_edge). A package reached from a runtime dependency is runtime,
    from an optional one (or over an optional edge) optional, and only from dev dependencies development.
    Ranks only grow along a path, so three FIFO buckets processed in order give each node its best rank in
    linear time. Lockfiles without dev flags (yarn, pnpm 9, bun) get their scopes this way.
    """
    best: dict[str, int] = {}
    buckets: list[list[str]] = [[], [], []]
    for node, scope in roots:
        r = _RANK.get(scope, 0)
        if best.get(node, 3) > r:
            best[node] = r
            buckets[r].append(node)
    for rank in range(3):
        queue = buckets[rank]
        i = 0
        while i < len(queue):
            node = queue[i]
            i += 1
            if best.get(node) != rank:
                continue  # reached later with a better rank already processed
            for target, optional in graph.get(node, ()):
                r = max(rank, 1) if optional else rank
                if best.get(target, 3) > r:
                    best[target] = r
                    buckets[r].append(target)
    return {node: _BY_RANK[r] for node, r in best.items()}
