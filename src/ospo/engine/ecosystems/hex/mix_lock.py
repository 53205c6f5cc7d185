"""mix.lock: every Hex package (and git dependency) Mix resolved, with checksums and dependency edges.

Entries, keyed by the application name:

* ``{:hex, :pkg, "1.2.3", "inner", [:mix], [deps], "hexpm", "outer"}`` — current format. ``outer`` is the
  SHA-256 of the package tarball (what Hex verifies downloads with) → the component's SHA-256 hash;
  ``inner`` (hash of the contents) is kept as a property. The repo ``hexpm:org`` is a private organisation
  (purl namespace); another repo name is kept as the ``hex-repo`` property.
* ``{:hex, :pkg, "1.2.3", "checksum"}`` and the 6-element form — older Mix; the one checksum is kept.
* ``{:git, "url", "sha", [branch: …]}`` — pinned to the commit (version = commit, ``vcs_url`` qualifier).

Each deps item ``{:app, "~> 1.0", [hex: :pkg, repo: "hexpm", optional: false]}`` is an edge to that
app's entry. The file is read with a small tokenizer (see ``_terms``), never evaluated.
"""

from __future__ import annotations

from typing import Any

from ospo.engine.ecosystems.base import Extractor, Tree, component, edge, hex_hash, make_purl
from ospo.engine.ecosystems.hex._terms import Atom, Located, read_term
from ospo.engine.model import Component, FileResult, ParseIssue
from ospo.engine.safeparse import ParseFailure, decode_text


def _hex_component(path: str, app: str, entry: tuple[Any, ...], line: int) -> Component | None:
    if len(entry) < 3 or not isinstance(entry[1], str) or not entry[1].strip() or not isinstance(entry[2], str) \
            or not entry[2]:
        return None
    pkg, version = str(entry[1]), entry[2]
    props: dict[str, str] = {}
    hashes: list[tuple[str, str]] = []
    inner = entry[3] if len(entry) > 3 and isinstance(entry[3], str) else None
    outer = entry[7] if len(entry) > 7 and isinstance(entry[7], str) else None
    repo = entry[6] if len(entry) > 6 and isinstance(entry[6], str) else "hexpm"
    if outer:
        h = hex_hash("sha256", outer)
        if h:
            hashes.append(h)
        if inner:
            props["inner-checksum"] = inner
    elif inner:
        h = hex_hash("sha256", inner)
        if h:
            hashes.append(h)
    namespace = None
    if repo.startswith("hexpm:"):
        namespace = repo.split(":", 1)[1]
    elif repo != "hexpm":
        props["hex-repo"] = repo
    if pkg != app:
        props["app"] = app
    purl = make_purl("hex", pkg, version, namespace=namespace)
    return component("hex", pkg, version, purl, path=path, line=line, hashes=hashes, properties=props)


def _git_component(path: str, app: str, entry: tuple[Any, ...], line: int) -> Component | None:
    if len(entry) < 3 or not isinstance(entry[1], str) or not isinstance(entry[2], str) or not entry[2]:
        return None
    url, commit = entry[1], entry[2]
    props = {"source": url}
    if len(entry) > 3 and isinstance(entry[3], list):
        for opt in entry[3]:
            if isinstance(opt, tuple) and len(opt) == 2 and opt[0] in ("branch", "tag", "ref") \
                    and isinstance(opt[1], str):
                props[str(opt[0])] = opt[1]
    purl = make_purl("hex", app, commit, qualifiers={"vcs_url": url})
    return component("hex", app, commit, purl, path=path, line=line, properties=props)


class MixLockExtractor(Extractor):
    name = "hex-mix-lock"
    ecosystem = "hex"
    kind = "lockfile"
    filenames = frozenset({"mix.lock"})

    def extract(self, path: str, data: bytes, tree: Tree) -> FileResult:
        term = read_term(decode_text(data))
        if not isinstance(term, dict):
            raise ParseFailure("mix.lock is not a map")
        result = self.result(path)
        by_app: dict[str, Component] = {}
        deps_of: list[tuple[str, list[Any]]] = []
        for located, entry in term.items():
            if not isinstance(located, Located):
                continue
            app = located.key
            if not isinstance(app, str) or not app.strip() or not isinstance(entry, tuple) or not entry:
                result.issues.append(ParseIssue(path, f"line {located.line}: entry is not a lock tuple", "warning"))
                continue
            if entry[0] == Atom("hex"):
                comp = _hex_component(path, app, entry, located.line)
                if comp and len(entry) > 5 and isinstance(entry[5], list):
                    deps_of.append((comp.purl, entry[5]))
            elif entry[0] == Atom("git"):
                comp = _git_component(path, app, entry, located.line)
            else:
                comp = None
            if comp is None:
                result.issues.append(ParseIssue(path, f"line {located.line}: unrecognised entry for {app}",
                                                "warning"))
                continue
            by_app[app] = comp
            result.components.append(comp)
        for src, deps in deps_of:
            for dep in deps:
                if isinstance(dep, tuple) and dep and isinstance(dep[0], str) and dep[0] in by_app:
                    result.edges.append(edge(src, by_app[dep[0]].purl))
        return result
