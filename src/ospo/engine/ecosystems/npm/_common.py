"""Helpers shared by the npm-family extractors: purls, version specs, git/file/alias forms."""

from __future__ import annotations

import re

from ospo.engine.ecosystems.base import make_purl

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
