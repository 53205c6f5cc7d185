"""Which repository locations the workers may read from this server's own file system.

Why one rule in the estate app: a location is read by the scan task (``scans.tasks.engine_input``), the findings
engines (``findings.engines``) and the source forms (``access.sources``). A local path — or a ``file://`` git URL,
the same thing spelled differently — reads the server's disk, so only a location an administrator registered may
be one. A forge's answer is not such a registration: an organisation's API (whose URL a maintainer may choose)
could return ``/srv/other-agency`` or ``file:///etc`` as a repository's clone URL, which would otherwise let a
maintainer read any path the workers can.
"""

from __future__ import annotations

from typing import Any

from ospo.platform.estate.models import SourceKind

NETWORK_SCHEMES = ("https://", "http://", "ssh://", "git://")


def reads_server_files(kind: str, location: str) -> bool:
    """Would a source of this kind at this location make the workers read the server's file system?"""
    if kind == SourceKind.LOCAL:
        return True
    if kind == SourceKind.GIT:
        loc = location.strip().lower()
        if loc.startswith(NETWORK_SCHEMES):
            return False
        if "://" in loc or loc.startswith(("file:", "/", ".", "~")):
            return True  # file://, other transports, bare paths
        return ":" not in loc.split("/", 1)[0]  # scp-like "user@host:path" is ssh; anything else is a path
    return False


def is_network_location(url: str) -> bool:
    """A repository URL a forge may hand us: a network transport, never a path on this server."""
    return bool(url) and not reads_server_files(SourceKind.GIT, url)


def location_trusted(repo: Any) -> bool:
    """May the workers read ``repo.location`` as it stands? Local sources and a git source's own URL were
    registered (administrators only when they read the server's disk); anything a forge returned must be a
    network location."""
    source = repo.source
    if source.kind == SourceKind.LOCAL:
        return True
    if source.kind == SourceKind.GIT and repo.location == source.location:
        return True
    return is_network_location(repo.location)
