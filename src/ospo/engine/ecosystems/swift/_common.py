"""Swift package identities: a repository URL → ``pkg:swift/<host>/<owner>/<repo>`` (purl-spec ``swift``)."""

from __future__ import annotations

import re

from ospo.engine.ecosystems.base import make_purl

_SCP = re.compile(r"^(?:[\w.-]+@)?([\w.-]+):(?!//)(.+)$")  # git@github.com:owner/repo.git


def url_coordinates(url: str) -> tuple[str, str] | None:
    """``https://github.com/Alamofire/Alamofire.git`` → ("github.com/Alamofire", "Alamofire")."""
    url = url.strip()
    if "://" in url:
        rest = url.split("://", 1)[1]
        rest = rest.split("@", 1)[1] if "@" in rest.split("/", 1)[0] else rest
    else:
        m = _SCP.match(url)
        if not m:
            return None
        rest = f"{m.group(1)}/{m.group(2)}"
    rest = rest.split("?", 1)[0].split("#", 1)[0].rstrip("/")
    if rest.endswith(".git"):
        rest = rest[:-4]
    host_path, _, name = rest.rpartition("/")
    if not host_path or not name:
        return None
    host, _, path = host_path.partition("/")
    host = host.lower().split(":", 1)[0]
    namespace = f"{host}/{path}" if path else host
    return namespace, name


def swift_purl(namespace: str, name: str, version: str | None = None) -> str:
    return make_purl("swift", name, version, namespace=namespace)
