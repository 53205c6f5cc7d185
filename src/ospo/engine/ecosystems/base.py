"""The small interface every ecosystem extractor implements, and helpers they share.

An extractor answers two questions: does it want this path, and what does this file declare? It receives
the file's bytes and a read-only view of the tree (to follow ``-r`` includes, in-tree parent POMs, a
sibling lockfile). It must raise only :class:`~ospo.engine.safeparse.ParseFailure` for a bad file; the
scanner turns that into an issue attached to the file and goes on.
"""

from __future__ import annotations

import posixpath
from functools import lru_cache
from typing import Protocol

from packageurl import PackageURL

from ospo.engine.model import Component, Edge, FileResult, Location, Scope
from ospo.engine.safeparse import ParseFailure


class Tree(Protocol):
    """A read-only file tree: a directory, a git tree at a ref, … Paths are POSIX and relative."""

    def paths(self) -> list[str]: ...

    def read(self, path: str) -> bytes | None:
        """The file's bytes, or None when the path is absent, not a regular file or outside the tree."""
        ...


class Extractor:
    """Base class: subclasses set the class attributes and implement :meth:`wants` and :meth:`extract`."""

    name: str = ""  # stable identifier, e.g. "npm-package-lock"
    ecosystem: str = ""  # purl type, e.g. "npm", "pypi", "maven"
    kind: str = "manifest"  # "manifest" or "lockfile"
    filenames: frozenset[str] = frozenset()  # exact base names wanted; override wants() for patterns

    def wants(self, path: str) -> bool:
        return posixpath.basename(path) in self.filenames

    def extract(self, path: str, data: bytes, tree: Tree) -> FileResult:
        raise NotImplementedError

    # -- helpers for subclasses ------------------------------------------------------------------
    def result(self, path: str) -> FileResult:
        return FileResult(path=path, ecosystem=self.ecosystem, extractor=self.name, kind=self.kind)


def make_purl(
    ptype: str,
    name: str,
    version: str | None = None,
    namespace: str | None = None,
    qualifiers: dict[str, str] | None = None,
    subpath: str | None = None,
) -> str:
    """Build a canonical purl string (packageurl-python does the per-type normalisation and encoding).

    An empty or unusable name is a property of the file, not a bug: it raises ParseFailure, which the scanner
    reports against the file, instead of packageurl's ValueError, which would be an internal error.
    """
    if not name or not name.strip():
        raise ParseFailure("a package entry has an empty name")
    frozen = tuple(sorted(qualifiers.items())) if qualifiers else None
    try:
        return _cached_build(ptype, name, version or None, namespace or None, frozen, subpath or None)
    except ValueError as exc:
        raise ParseFailure(f"cannot build a package URL for {name!r}: {exc}") from None


@lru_cache(maxsize=65536)
def _cached_build(ptype: str, name: str, version: str | None, namespace: str | None,
                  qualifiers: tuple[tuple[str, str], ...] | None, subpath: str | None) -> str:
    """The same package recurs in a manifest, its lockfile and across repositories: build each purl once."""
    return _build(ptype, name, version, namespace, dict(qualifiers) if qualifiers else None, subpath)


def _build(ptype: str, name: str, version: str | None, namespace: str | None, qualifiers: dict[str, str] | None,
           subpath: str | None) -> str:
    return PackageURL(
        type=ptype,
        namespace=namespace or None,
        name=name,
        version=version or None,
        qualifiers=qualifiers or None,
        subpath=subpath or None,
    ).to_string()


def component(
    ecosystem: str,
    name: str,
    version: str | None,
    purl: str,
    *,
    path: str,
    line: int | None = None,
    pinned: bool = True,
    scope: Scope = Scope.RUNTIME,
    direct: bool | None = None,
    license: str | None = None,
    hashes: list[tuple[str, str]] | None = None,
    properties: dict[str, str] | None = None,
) -> Component:
    """Shorthand used by extractors so that every component is built the same way."""
    return Component(
        ecosystem=ecosystem,
        name=name,
        version=version or None,
        purl=purl,
        pinned=pinned and bool(version),
        scope=scope,
        direct=direct,
        license=license or None,
        hashes=hashes or [],
        locations=[Location(path, line)],
        properties=properties or {},
    )


def edge(source: str, target: str) -> Edge:
    return Edge(source, target)


# Subresource-integrity (npm, yarn, pnpm, bun) and "alg:hex" (pip, composer) both reduce to (ALG, hex).
_SRI_ALGS = {"sha1": "SHA-1", "sha256": "SHA-256", "sha384": "SHA-384", "sha512": "SHA-512", "md5": "MD5"}


def sri_to_hash(integrity: str) -> tuple[str, str] | None:
    """``sha512-<base64>`` → ``("SHA-512", hex)``; None for anything else."""
    import base64
    import binascii

    alg, sep, b64 = integrity.strip().partition("-")
    if not sep or alg.lower() not in _SRI_ALGS:
        return None
    try:
        raw = base64.b64decode(b64, validate=True)
    except (binascii.Error, ValueError):
        return None
    return (_SRI_ALGS[alg.lower()], raw.hex())


def hex_hash(alg: str, value: str) -> tuple[str, str] | None:
    """``("sha256", "ab…")`` → ``("SHA-256", "ab…")`` when the value is hex of the right length."""
    lengths = {"MD5": 32, "SHA-1": 40, "SHA-256": 64, "SHA-384": 96, "SHA-512": 128}
    name = _SRI_ALGS.get(alg.lower().replace("-", ""))
    value = value.strip().lower()
    if name and len(value) == lengths[name] and all(c in "0123456789abcdef" for c in value):
        return (name, value)
    return None
