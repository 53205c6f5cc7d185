"""Helpers shared by the PyPI extractors: purls, PEP 508 requirements, pins, scopes, hashes.

Every PyPI format ends up describing a dependency as a PEP 508 string or as a name plus a constraint;
keeping the interpretation in one place means ``foo==1.0`` is pinned the same way in a requirements file,
a pyproject and a Pipfile, and that a name is normalised once (PEP 503) for the purl.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name

from ospo.engine.ecosystems.base import hex_hash, make_purl
from ospo.engine.model import Component, Edge, FileResult, Scope

ECO = "pypi"

_NAME_OK = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?$")
_COMMIT = re.compile(r"^[0-9a-f]{7,40}$")
_TEST_GROUPS = frozenset({"test", "tests", "testing", "test-dependencies"})
_DEV_GROUPS = frozenset({"dev", "develop", "development", "dev-dependencies", "lint", "linting", "typing",
                         "docs", "doc", "documentation", "style", "format", "ci", "tox"})


def valid_name(name: object) -> bool:
    """A distribution name per PEP 508 (letters, digits and ``-_.`` inside)."""
    return isinstance(name, str) and _NAME_OK.match(name) is not None


def pypi_purl(name: str, version: str | None = None, qualifiers: dict[str, str] | None = None) -> str:
    """The purl with the PEP 503 normalised name (``Foo.Bar_baz`` → ``foo-bar-baz``)."""
    return make_purl(ECO, canonicalize_name(name), version, qualifiers=qualifiers)


def group_scope(group: str, default: Scope) -> Scope:
    """Scope for an extra / dependency group / Poetry group, by its (normalised) name."""
    g = canonicalize_name(group) if group else ""
    if g in _TEST_GROUPS or g.startswith("test"):
        return Scope.TEST
    if g in _DEV_GROUPS or g.startswith("dev"):
        return Scope.DEVELOPMENT
    return default


def exact_pin(spec: str) -> str | None:
    """The version a PEP 440 specifier set pins exactly (``==1.2``, ``===1.2``), else None.

    ``==1.*`` is a range, not a pin. ``==1.2,!=1.3`` still pins 1.2.
    """
    for part in spec.split(","):
        part = part.strip()
        if part.startswith("==="):
            value = part[3:].strip()
            return value or None
        if part.startswith("=="):
            value = part[2:].strip()
            if value and "*" not in value:
                return value
    return None


def vcs_rev(url: str) -> tuple[str, str | None]:
    """``git+https://host/x.git@v1#egg=x`` → (``git+https://host/x.git``, ``v1``)."""
    base = url.split("#", 1)[0]
    scheme_end = base.find("://")
    path_start = base.find("/", scheme_end + 3) if scheme_end >= 0 else 0
    at = base.rfind("@")
    if at > path_start >= 0 and at > scheme_end:
        return base[:at], base[at + 1 :] or None
    return base, None


_ARCHIVE_NAME = re.compile(r"([^/]+?)-(\d[^/-]*?)(?:-[^/]*)?\.(?:tar\.gz|tar\.bz2|zip|whl|tgz)$")


def archive_version(url: str, name: str) -> str | None:
    """Version in a direct-URL archive's file name (``pkg-1.2.0-py3-none-any.whl``) when it is ``name``'s."""
    m = _ARCHIVE_NAME.search(url.split("#", 1)[0].split("?", 1)[0])
    if m and canonicalize_name(m.group(1)) == canonicalize_name(name):
        return m.group(2)
    return None


def is_commit(rev: str | None) -> bool:
    return bool(rev) and _COMMIT.match(rev or "") is not None


def parse_hash(value: str) -> tuple[str, str] | None:
    """``sha256:abc…`` (pip, Poetry, uv, PDM, Pipenv) → ``("SHA-256", "abc…")``."""
    alg, sep, hexval = value.strip().partition(":")
    if not sep:
        alg, sep, hexval = value.strip().partition("=")
    return hex_hash(alg, hexval) if sep else None


@dataclass(slots=True)
class Req:
    """A PEP 508 requirement reduced to what an inventory needs."""

    name: str
    specifier: str = ""
    extras: list[str] = field(default_factory=list)
    marker: str | None = None
    url: str | None = None


def parse_pep508(text: str) -> Req | None:
    """Parse one PEP 508 string; None when it is not a valid requirement (callers decide what that means)."""
    try:
        req = Requirement(text)
    except (InvalidRequirement, ValueError, TypeError):
        return None
    except RecursionError:
        return None
    return Req(
        name=req.name,
        specifier=str(req.specifier),
        extras=sorted(req.extras),
        marker=str(req.marker) if req.marker else None,
        url=req.url,
    )


def is_local_url(url: str) -> bool:
    """``file:`` URLs and relative paths point into the repository: first-party code, not a component."""
    return url.startswith(("file:", ".", "/", "~")) or ("://" not in url and not url.startswith("git+"))


def declared(name: str, spec: str, *, url: str | None = None) -> tuple[str | None, str, bool, dict[str, str]]:
    """Decide version, purl, pinned and source properties for a name with a PEP 440 spec or a URL.

    Returns (version, purl, pinned, properties). A VCS URL pinned to a commit is pinned at that commit
    (with a ``vcs_url`` qualifier); a branch or tag is recorded as written, unpinned, because it can move.
    """
    props: dict[str, str] = {}
    if url:
        props["source"] = url
        if url.startswith(("git+", "hg+", "svn+", "bzr+")):
            base, rev = vcs_rev(url)
            if is_commit(rev):
                return rev, pypi_purl(name, rev, {"vcs_url": base}), True, props
            return rev, pypi_purl(name), False, props
        version = archive_version(url, name)
        if version:
            props["best-effort"] = "true"
            return version, pypi_purl(name, version), True, props
        return None, pypi_purl(name), False, props
    pin = exact_pin(spec)
    if pin:
        return pin, pypi_purl(name, pin), True, props
    return spec or None, pypi_purl(name), False, props


_POETRY_EXACT = re.compile(r"^(?:==?)?\s*(\d[0-9A-Za-z.!+_-]*)$")


def poetry_pin(spec: str) -> str | None:
    """Poetry constraints: a bare ``1.2.3``, ``=1.2.3`` and ``==1.2.3`` are exact; ``^``, ``~``, ranges are not."""
    m = _POETRY_EXACT.match(spec.strip())
    if not m or "*" in spec:
        return None
    return m.group(1)


def link_by_name(result: FileResult, nodes: list[tuple[Component, list[str]]], direct: set[str] | None) -> None:
    """Edges from each locked package to the packages it names, plus root → direct, and direct flags.

    Lockfiles name dependencies without versions; a name normally resolves to one locked package. When a
    lock holds several versions of a name (one per Python marker), the edge goes to each of them.
    """
    by_name: dict[str, list[str]] = {}
    for comp, _ in nodes:
        by_name.setdefault(canonicalize_name(comp.name), []).append(comp.purl)
    seen: set[tuple[str, str]] = set()
    for comp, deps in nodes:
        for dep in deps:
            for target in by_name.get(canonicalize_name(dep), ()):
                if target != comp.purl and (comp.purl, target) not in seen:
                    seen.add((comp.purl, target))
                    result.edges.append(Edge(comp.purl, target))
    if direct is None:
        return
    for comp, _ in nodes:
        comp.direct = canonicalize_name(comp.name) in direct
        if comp.direct and result.root and (result.root, comp.purl) not in seen:
            seen.add((result.root, comp.purl))
            result.edges.append(Edge(result.root, comp.purl))


def declared_unlocked(name: str, spec: str, *, url: str | None = None) -> tuple[str | None, str, bool, dict[str, str]]:
    """Like :func:`declared` for manifests that a lockfile resolves (pyproject, Pipfile).

    A VCS commit there is what the lock will record as ``source``, while the lock's purl carries the
    package's own version; keeping the manifest entry unpinned lets the merge fold it into the lock's entry
    instead of listing the package twice.
    """
    version, purl, pinned, props = declared(name, spec, url=url)
    if url and url.startswith(("git+", "hg+", "svn+", "bzr+")):
        return version, pypi_purl(name), False, props
    return version, purl, pinned, props


def add_declared(result: FileResult, text: str, line: int | None, scope: Scope, extra: str | None) -> None:
    """One PEP 508 requirement string of setup.cfg / setup.py → a direct component (or a warning) on ``result``."""
    from ospo.engine.ecosystems.base import component
    from ospo.engine.model import ParseIssue

    req = parse_pep508(text)
    if req is None:
        result.issues.append(ParseIssue(result.path, f"line {line}: not a requirement: {text[:80]!r}", "warning"))
        return
    if req.url and is_local_url(req.url):
        return
    version, purl, pinned, props = declared(req.name, req.specifier, url=req.url)
    if req.extras:
        props["extras"] = ",".join(req.extras)
    if req.marker:
        props["marker"] = req.marker
    if extra:
        props["extra"] = extra
    result.components.append(component("pypi", req.name, version, purl, path=result.path, line=line,
                                       pinned=pinned, scope=scope, direct=True, properties=props))
