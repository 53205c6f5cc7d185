"""Container image references (``[registry/]path[:tag][@digest]``) → docker purls and components.

Shared by every file that names an image: Dockerfiles, compose files, GitLab CI, GitHub Actions
(``docker://`` steps, job containers and services).

The purl follows the purl-spec ``docker`` type: Docker Hub is the default repository; the namespace is
the user/organisation path (official images, ``library/x``, have none, as in the spec's
``pkg:docker/cassandra@latest``); any other registry goes into the ``repository_url`` qualifier. The
version is the digest when one is given (the spec prefers it: tags move), otherwise the tag. A tag other
than ``latest`` counts as pinned — the file names one exact version even if a registry can move it — and
``latest`` or no tag is unpinned. Both facts are kept in properties ("tag", "digest") so that hygiene
checks can tell a digest pin from a tag.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from ospo.engine.ecosystems.base import component, hex_hash, make_purl
from ospo.engine.model import Component, Scope

_HUB_HOSTS = frozenset({"docker.io", "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com"})
_DIGEST = re.compile(r"^(sha256|sha384|sha512):([0-9a-fA-F]{32,128})$")
_PATH_PART = re.compile(r"^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$")
_TAG = re.compile(r"^[\w][\w.-]{0,127}$")
# ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?err}, $VAR
_VAR = re.compile(r"\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+=])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))")


class ImageRef:
    """A parsed image reference. ``registry`` is None for Docker Hub."""

    __slots__ = ("digest", "path", "registry", "tag")

    def __init__(self, registry: str | None, path: str, tag: str | None, digest: str | None) -> None:
        self.registry, self.path, self.tag, self.digest = registry, path, tag, digest

    @property
    def display(self) -> str:
        """``registry/path`` as a human writes it (Docker Hub without host, official images without library/)."""
        return f"{self.registry}/{self.path}" if self.registry else self.path


def substitute(text: str, values: Mapping[str, str]) -> tuple[str, bool]:
    """Expand ``$VAR``/``${VAR:-default}`` from ``values`` (then defaults). Returns (text, fully_resolved)."""
    resolved = True

    def repl(m: re.Match[str]) -> str:
        nonlocal resolved
        name = m.group(1) or m.group(4)
        op, default = m.group(2), m.group(3)
        value = values.get(name)
        if op in ("-", ":-"):
            if value is None or (op == ":-" and value == ""):
                return default or ""
            return value
        if op in ("+", ":+"):
            return (default or "") if value else ""
        if value is None:
            resolved = False
            return m.group(0)
        return value

    if "$" not in text:
        return text, True
    return _VAR.sub(repl, text), resolved


def parse_image(ref: str) -> ImageRef | None:
    """Parse an image reference; None when it is not one (contains spaces, unresolved variables, …)."""
    ref = ref.strip()
    if not ref or "$" in ref or any(c.isspace() for c in ref) or len(ref) > 512:
        return None
    digest = None
    if "@" in ref:
        ref, _, digest = ref.partition("@")
        if not _DIGEST.match(digest):
            return None
        digest = digest.lower()
    registry = None
    first, sep, rest = ref.partition("/")
    if sep and ("." in first or ":" in first or first == "localhost"):
        registry, ref = first.lower(), rest
    tag = None
    slash = ref.rfind("/")
    colon = ref.rfind(":")
    if colon > slash:
        ref, tag = ref[:colon], ref[colon + 1 :]
        if not _TAG.match(tag):
            return None
    parts = ref.split("/")
    if not ref or not all(_PATH_PART.match(p) for p in parts):
        return None
    if registry in _HUB_HOSTS:
        registry = None
    if registry is None and len(parts) == 2 and parts[0] == "library":
        ref = parts[1]
    return ImageRef(registry, ref, tag, digest)


def image_purl(img: ImageRef, version: str | None) -> str:
    namespace, _, name = img.path.rpartition("/")
    qualifiers = {"repository_url": img.registry} if img.registry else None
    return make_purl("docker", name, version, namespace=namespace or None, qualifiers=qualifiers)


def image_component(
    raw: str,
    *,
    path: str,
    line: int | None,
    scope: Scope = Scope.RUNTIME,
    direct: bool | None = True,
    properties: dict[str, str] | None = None,
) -> Component | None:
    """A docker component for the reference ``raw``, or None when ``raw`` is not an image reference."""
    img = parse_image(raw)
    if img is None:
        return None
    props = dict(properties or {})
    hashes: list[tuple[str, str]] = []
    if img.tag:
        props["tag"] = img.tag
    if img.digest:
        alg, _, hexd = img.digest.partition(":")
        h = hex_hash(alg, hexd)
        if h:
            hashes.append(h)
        props["digest"] = img.digest
        version: str | None = img.digest
        pinned = True
    elif img.tag and img.tag != "latest":
        version, pinned = img.tag, True
    else:
        version, pinned = img.tag or "latest", False
    purl = image_purl(img, version if pinned else None)
    return component(
        "docker", img.display, version, purl, path=path, line=line, pinned=pinned, scope=scope,
        direct=direct, hashes=hashes, properties=props,
    )
