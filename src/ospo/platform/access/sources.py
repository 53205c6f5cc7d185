"""Who may register which source: one rule for the source page and ``POST /api/sources/``.

A source is read by the workers on the server: a local path — or a ``file://`` git URL, which is the same thing
spelled differently — reads the server's own file system, so only administrators may register one. Everyone
else registers network locations (https, ssh, git) of their own agencies.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from ospo.platform.access.permissions import Action, can
from ospo.platform.estate.locations import reads_server_files
from ospo.platform.estate.models import SourceKind

__all__ = ["reads_server_files", "source_errors"]


def source_errors(user: Any, agency: Any, kind: str, location: str) -> dict[str, str]:
    """Field → message for what ``user`` may not register (empty: allowed)."""
    errors: dict[str, str] = {}
    if agency is None or not can(user, Action.ADD_SOURCE, agency):
        errors["agency"] = _("You may not add sources to this agency.")
    if reads_server_files(kind, location) and not can(user, Action.ADMINISTER):
        errors["kind" if kind == SourceKind.LOCAL else "location"] = _("Only administrators may add local paths.")
    return errors
