"""pip requirements files: ``requirements*.txt``, ``requirements/*.txt``, ``*.in``, ``constraints*.txt``.

The format is pip's, not PEP 508 alone: options lines, ``-r``/``-c`` includes, ``-e`` editables, per-line
``--hash`` options on backslash-continued lines, and pip-compile / ``uv pip compile`` ``# via`` comments
that say who asked for each package. Those comments tell apart direct requirements (``via -r x.in``) from
transitive ones and give the edges for free, so they are read. A file pulled in with ``-c`` only
constrains: its pins fix the versions of requirements declared elsewhere, it declares nothing itself.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field

from packaging.utils import canonicalize_name

from ospo.engine.ecosystems.base import Extractor, Tree, component, edge
from ospo.engine.ecosystems.pypi._common import (
    ECO,
    declared,
    is_local_url,
    parse_hash,
    parse_pep508,
    pypi_purl,
    valid_name,
    vcs_rev,
)
from ospo.engine.model import Component, FileResult, ParseIssue, Scope
from ospo.engine.safeparse import ParseFailure, decode_text

MAX_INCLUDE_DEPTH = 10
_COMMENT = re.compile(r"(?:^|\s)#.*$")
_EGG = re.compile(r"[#&]egg=([A-Za-z0-9][A-Za-z0-9._-]*)")
_ARCHIVE = re.compile(r"/([A-Za-z0-9][A-Za-z0-9._]*?)-(\d[^/-]*?)(?:-[^/]*)?\.(?:tar\.gz|tar\.bz2|zip|whl|tgz)$")
_ARCHIVES = (".tar.gz", ".tar.bz2", ".zip", ".whl", ".tgz")
_VCS_SCHEMES = ("git+", "hg+", "svn+", "bzr+")
_INCLUDE_OPTS = {"-r": "r", "--requirement": "r", "-c": "c", "--constraint": "c"}
_EDITABLE_OPTS = ("-e", "--editable")
_TOKEN = re.compile(r"[^a-z0-9]+")
_TEST_WORDS = frozenset({"test", "tests", "testing"})
_DEV_WORDS = frozenset({"dev", "develop", "development", "lint", "linting", "doc", "docs", "ci", "typing"})


def _looks_like_path(text: str) -> bool:
    """pip's test: a requirement that is a path (has a separator, starts with a dot, or is an archive)."""
    if "://" in text and not text.startswith("file:"):
        return False
    return text.startswith((".", "/", "~", "file:")) or "/" in text or "\\" in text or text.endswith(_ARCHIVES)


def file_scope(path: str) -> Scope:
    """Scope implied by a requirements file's name: ``requirements-dev.txt`` is for developers."""
    words = set(_TOKEN.split(posixpath.basename(path).lower()))
    if words & _TEST_WORDS:
        return Scope.TEST
    if words & _DEV_WORDS:
        return Scope.DEVELOPMENT
    return Scope.RUNTIME


@dataclass(slots=True)
class _Pin:
    version: str
    where: str
    hashes: list[tuple[str, str]]


@dataclass(slots=True)
class _State:
    tree: Tree
    result: FileResult
    visited: set[str] = field(default_factory=set)
    constraints: dict[str, _Pin] = field(default_factory=dict)


def _logical_lines(text: str) -> list[tuple[int, str]]:
    """Join backslash continuations and drop comments; each logical line keeps its first line number."""
    out: list[tuple[int, str]] = []
    buf: list[str] = []
    start = 0
    for i, raw in enumerate(text.splitlines(), 1):
        stripped = raw.strip()
        if stripped.startswith("#"):
            # A comment ends a continuation (pip does the same).
            if buf:
                out.append((start, " ".join(buf)))
                buf = []
            continue
        line = _COMMENT.sub("", raw).rstrip()
        if not buf:
            start = i
        if line.endswith("\\"):
            buf.append(line[:-1].strip())
            continue
        buf.append(line.strip())
        out.append((start, " ".join(p for p in buf if p)))
        buf = []
    if buf:
        out.append((start, " ".join(p for p in buf if p)))
    return out


def _via_comments(text: str) -> dict[int, list[str]]:
    """pip-compile annotations: line of the requirement they follow → the ``via`` entries."""
    vias: dict[int, list[str]] = {}
    owner: int | None = None
    in_via = False
    for i, raw in enumerate(text.splitlines(), 1):
        stripped = raw.strip()
        if not stripped:
            continue
        if not stripped.startswith("#"):
            if not raw[:1].isspace():  # a new requirement (hash continuation lines are indented)
                owner = i
            in_via = False
            continue
        body = stripped[1:].strip()
        if owner is None:
            continue
        if body.startswith("via"):
            rest = body[3:].strip()
            in_via = True
            vias.setdefault(owner, [])
            if rest:
                vias[owner].append(rest)
        elif in_via and raw.startswith((" ", "\t")) and body:
            vias[owner].append(body)
        else:
            in_via = False
    return vias


def _split_options(line: str) -> tuple[str, list[str]]:
    """pip's rule: the requirement is every token before the first one that starts with ``-``."""
    tokens = line.split()
    for i, tok in enumerate(tokens):
        if i and tok.startswith("-"):
            return " ".join(tokens[:i]), tokens[i:]
    return line, []


def _hashes(options: list[str]) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    i = 0
    while i < len(options):
        tok = options[i]
        value = None
        if tok.startswith("--hash="):
            value = tok[7:]
        elif tok == "--hash" and i + 1 < len(options):
            value = options[i + 1]
            i += 1
        if value:
            h = parse_hash(value)
            if h and h not in out:
                out.append(h)
        i += 1
    return out


def _option_arg(line: str) -> tuple[str, str]:
    """``-r x``, ``-rx``, ``--requirement=x``, ``--requirement x`` → (option, argument)."""
    if line.startswith("--"):
        opt, sep, arg = line.partition("=")
        if not sep:
            opt, _, arg = line.partition(" ")
        return opt.strip(), arg.strip()
    opt, arg = line[:2], line[2:].strip()
    return opt, arg.lstrip("=").strip()


class RequirementsExtractor(Extractor):
    name = "pypi-requirements"
    ecosystem = ECO
    kind = "manifest"

    def wants(self, path: str) -> bool:
        base = posixpath.basename(path).lower()
        if not base.endswith((".txt", ".in")):
            return False
        if "requirements" in base or base.startswith("constraints"):
            return True
        return posixpath.basename(posixpath.dirname(path)).lower() in {"requirements", "reqs"}

    def extract(self, path: str, data: bytes, tree: Tree) -> FileResult:
        text = decode_text(data)
        result = self.result(path)
        state = _State(tree=tree, result=result)
        state.visited.add(path)
        self._parse(state, path, text, 0, constraint=False)
        self._apply_constraints(state)
        return result

    # -- one file --------------------------------------------------------------------------------
    def _parse(self, state: _State, path: str, text: str, depth: int, *, constraint: bool) -> None:
        scope = file_scope(path)
        vias = _via_comments(text)
        compiled = bool(vias)
        comps: list[tuple[Component, int]] = []
        for lineno, line in _logical_lines(text):
            if not line:
                continue
            if line.startswith("-"):
                opt, arg = _option_arg(line)
                kind = _INCLUDE_OPTS.get(opt)
                if kind:
                    self._include(state, path, lineno, arg, depth, constraint=constraint or kind == "c")
                elif opt in _EDITABLE_OPTS:
                    comp = self._editable(path, lineno, arg, scope)
                    if comp is not None and not constraint:
                        comps.append((comp, lineno))
                continue  # index, find-links, binary and other global options do not declare packages
            req_text, options = _split_options(line)
            comp = self._requirement(state, path, lineno, req_text, _hashes(options), scope)
            if comp is None:
                continue
            if constraint:
                if comp.pinned and comp.version:
                    state.constraints.setdefault(
                        canonicalize_name(comp.name), _Pin(comp.version, f"{path}:{lineno}", comp.hashes))
                continue
            comps.append((comp, lineno))
        if constraint:
            return
        by_name = {canonicalize_name(c.name): c for c, _ in comps}
        for comp, lineno in comps:
            entries = vias.get(lineno)
            if compiled:
                comp.direct = bool(entries) and any(e.startswith("-r") or e.endswith(")") for e in entries)
                for entry in entries or ():
                    if entry.startswith("-") or entry.endswith(")"):
                        continue
                    parent = by_name.get(canonicalize_name(entry.split()[0]))
                    if parent is not None:
                        state.result.edges.append(edge(parent.purl, comp.purl))
            else:
                comp.direct = True
            state.result.components.append(comp)

    def _include(self, state: _State, path: str, lineno: int, arg: str, depth: int, *, constraint: bool) -> None:
        if not arg or "://" in arg or arg.startswith("/"):
            state.result.issues.append(ParseIssue(
                path, f"line {lineno}: include {arg!r} is outside the tree; not followed", "warning"))
            return
        target = posixpath.normpath(posixpath.join(posixpath.dirname(path), arg))
        if target in state.visited:
            return  # cycle, or already read through another include
        if depth >= MAX_INCLUDE_DEPTH:
            state.result.issues.append(ParseIssue(path, f"line {lineno}: includes nested too deeply", "warning"))
            return
        data = state.tree.read(target)
        if data is None:
            state.result.issues.append(ParseIssue(
                path, f"line {lineno}: included file {arg!r} not found in the tree", "warning"))
            return
        state.visited.add(target)
        try:
            text = decode_text(data)
        except ParseFailure as exc:  # a bad include is a warning on the including file
            state.result.issues.append(ParseIssue(path, f"line {lineno}: cannot read {arg!r}: {exc}", "warning"))
            return
        self._parse(state, target, text, depth + 1, constraint=constraint)

    def _editable(self, path: str, lineno: int, arg: str, scope: Scope) -> Component | None:
        """``-e git+https://…@rev#egg=name`` is a component; ``-e .`` or ``-e ./lib`` is the project itself."""
        arg = arg.strip().strip("'\"")
        if is_local_url(arg) and not arg.startswith("git+"):
            return None
        m = _EGG.search(arg)
        if not m:
            return None
        name = m.group(1)
        version, purl, pinned, props = declared(name, "", url=arg.split("#", 1)[0])
        props["editable"] = "true"
        return component(ECO, name, version, purl, path=path, line=lineno, pinned=pinned, scope=scope,
                         properties=props)

    def _requirement(self, state: _State, path: str, lineno: int, text: str, hashes: list[tuple[str, str]],
                     scope: Scope) -> Component | None:
        text = text.strip()
        props: dict[str, str] = {}
        req = parse_pep508(text)
        if req is None:
            return self._url_requirement(state, path, lineno, text, hashes, scope)
        version, purl, pinned, src = declared(req.name, req.specifier, url=req.url)
        if req.url and is_local_url(req.url):
            return None
        props.update(src)
        if req.extras:
            props["extras"] = ",".join(req.extras)
        if req.marker:
            props["marker"] = req.marker
        return component(ECO, req.name, version, purl, path=path, line=lineno, pinned=pinned, scope=scope,
                         hashes=hashes, properties=props)

    def _url_requirement(self, state: _State, path: str, lineno: int, text: str, hashes: list[tuple[str, str]],
                         scope: Scope) -> Component | None:
        """Bare URLs and paths: ``git+https://…#egg=x``, ``https://…/x-1.0.tar.gz``, ``./pkg``."""
        m = _EGG.search(text)
        url = text.split("#", 1)[0]
        if m:
            version, purl, pinned, props = declared(m.group(1), "", url=url)
            return component(ECO, m.group(1), version, purl, path=path, line=lineno, pinned=pinned, scope=scope,
                             hashes=hashes, properties=props)
        if url.startswith(_VCS_SCHEMES):
            # No #egg=: pip learns the name by building the checkout. The repository name is a guess.
            repo = vcs_rev(url)[0].rstrip("/").rsplit("/", 1)[-1].removesuffix(".git")
            if valid_name(repo):
                # The name is a guess, so the identity is not claimed as pinned even at a commit.
                version, _, _, props = declared(repo, "", url=url)
                props["best-effort"] = "true"
                return component(ECO, repo, version, pypi_purl(repo), path=path, line=lineno, pinned=False,
                                 scope=scope, hashes=hashes, properties=props)
        if "://" in url and not url.startswith("file:"):
            a = _ARCHIVE.search(url)
            if a and valid_name(a.group(1)):
                name, version = a.group(1), a.group(2)
                return component(ECO, name, version, pypi_purl(name, version), path=path, line=lineno,
                                 scope=scope, hashes=hashes,
                                 properties={"source": url, "best-effort": "true"})
        if _looks_like_path(url):
            return None  # a local directory or archive: first-party
        state.result.issues.append(ParseIssue(path, f"line {lineno}: not a requirement: {text[:80]!r}", "warning"))
        return None

    def _apply_constraints(self, state: _State) -> None:
        """Constraint pins fix the version of requirements that only gave a range."""
        if not state.constraints:
            return
        for comp in state.result.components:
            if comp.pinned:
                continue
            pin = state.constraints.get(canonicalize_name(comp.name))
            if pin is None or "source" in comp.properties:
                continue
            comp.version, comp.pinned = pin.version, True
            comp.purl = pypi_purl(comp.name, pin.version)
            comp.properties["constraint"] = pin.where
            for h in pin.hashes:
                if h not in comp.hashes:
                    comp.hashes.append(h)
