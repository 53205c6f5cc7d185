"""Maven Central: the version's POM, ``<base>/<group as path>/<artifact>/<version>/<artifact>-<version>.pom``.
Licenses are often declared only in a parent POM (``org.apache:apache`` declares Apache-2.0 for hundreds of
projects), so ``<parent>`` is followed up to :data:`MAX_PARENTS` levels. Several ``<license>`` elements are
a choice (dual licensing): joined with OR. XML through defusedxml."""

from __future__ import annotations

import urllib.parse

from ospo.engine.licenses.registries import Answer, PackageRef, any_of
from ospo.engine.licenses.registries.http import HttpOptions, get
from ospo.engine.safeparse import ParseFailure, parse_xml

MAX_PARENTS = 5


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def parse_pom(body: bytes) -> tuple[str | None, tuple[str, str, str] | None]:
    """(licenses as written or None, parent (group, artifact, version) or None)."""
    root = parse_xml(body)
    if _local(root.tag) != "project":
        raise ParseFailure("Maven: not a POM (<project> root expected)")
    names: list[str] = []
    parent = None
    for el in root:
        tag = _local(el.tag)
        if tag == "licenses":
            for lic in el:
                if _local(lic.tag) != "license":
                    continue
                fields = {_local(c.tag): (c.text or "").strip() for c in lic}
                value = fields.get("name") or fields.get("url")
                if value:
                    names.append(value)
        elif tag == "parent":
            fields = {_local(c.tag): (c.text or "").strip() for c in el}
            if fields.get("groupId") and fields.get("artifactId") and fields.get("version"):
                parent = (fields["groupId"], fields["artifactId"], fields["version"])
    return any_of(names), parent


def pom_url(base: str, group: str, artifact: str, version: str) -> str:
    q = urllib.parse.quote
    return f"{base.rstrip('/')}/{q(group.replace('.', '/'))}/{q(artifact)}/{q(version)}/{q(artifact)}-{q(version)}.pom"


def fetch(ref: PackageRef, base: str, options: HttpOptions) -> Answer:
    if not ref.namespace:
        raise ParseFailure("Maven: a groupId is needed")
    coords: tuple[str, str, str] | None = (ref.namespace, ref.name, ref.version)
    first = None
    seen: set[tuple[str, str, str]] = set()
    for _ in range(MAX_PARENTS + 1):
        if coords is None or coords in seen:
            break
        seen.add(coords)
        url = pom_url(base, *coords)
        first = first or url
        lic, coords = parse_pom(get(url, options, accept="application/xml"))
        if lic:
            return Answer(lic, url)
    return Answer(None, first or "")
