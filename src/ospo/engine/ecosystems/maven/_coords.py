"""Maven coordinates shared by the Maven and Gradle extractors: purls and "is this version exact?".

Both build tools resolve artifacts from the same repositories, so a component is the same purl whichever
file names it: ``pkg:maven/<groupId>/<artifactId>@<version>`` with ``type``/``classifier`` qualifiers only when
they differ from the plain jar (the purl spec's defaults).
"""

from __future__ import annotations

import re

from ospo.engine.ecosystems.base import make_purl

# A concrete version: no range syntax, no property left, no dynamic selector. Maven and Gradle versions are
# free-form (1.2.3, 2.0.0.RELEASE, 33.7.0-jre, v1r4t5), so "exact" means "one literal token".
_LITERAL = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9._+~-]*$")
_DYNAMIC = frozenset({"latest", "release", "latest.release", "latest.integration", "latest.milestone"})


def is_exact(version: str | None) -> bool:
    """True when ``version`` names exactly one release (not a range, ``1.+``, ``LATEST`` or ``${prop}``)."""
    if not version or version.endswith("+"):
        return False  # Gradle's dynamic "1.+" / "1.0+"
    return _LITERAL.match(version) is not None and version.lower() not in _DYNAMIC


def maven_purl(group: str, artifact: str, version: str | None = None, *, type_: str | None = None,
               classifier: str | None = None) -> str:
    qualifiers: dict[str, str] = {}
    if type_ and type_ != "jar":
        qualifiers["type"] = type_
    if classifier:
        qualifiers["classifier"] = classifier
    return make_purl("maven", artifact, version, namespace=group, qualifiers=qualifiers)


_COORD_PART = re.compile(r"^[A-Za-z0-9_.\-]+$")


def valid_coord_part(value: str) -> bool:
    """groupId / artifactId must be plain tokens; anything else is an unresolved expression or garbage."""
    return bool(value) and _COORD_PART.match(value) is not None
