"""Who may register which source: one rule for the source page and ``POST /api/sources/``.

A source is read by the workers on the server: a local path — or a ``file://`` git URL, which is the same thing
spelled differently — reads the server's own file system, so only administrators may register one. Everyone
else registers network locations (https, ssh, git) of their own agencies.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from ospo.platform.access.permissions import Action, can
from ospo.platform.estate.models import SourceKind

NETWORK_SCHEMES = ("https://", "http://", "ssh://", "git://")


def reads_server_files(kind: str, location: str) -> bool:
    """Would this source make the workers read the server's file system?"""
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


def source_errors(user: Any, agency: Any, kind: str, location: str) -> dict[str, str]:
    """Field → message for what ``user`` may not register (empty: allowed)."""
    errors: dict[str, str] = {}
    if agency is None or not can(user, Action.ADD_SOURCE, agency):
        errors["agency"] = _("You may not add sources to this agency.")
    if reads_server_files(kind, location) and not can(user, Action.ADMINISTER):
        errors["kind" if kind == SourceKind.LOCAL else "location"] = _("Only administrators may add local paths.")
    return errors
