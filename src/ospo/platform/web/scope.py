"""What a user may see on the pages: a thin adapter over the access app, so every page asks the same questions.

The rules themselves live in :mod:`ospo.platform.access.permissions` (one place, shared with the API). What the
pages add: ``private_repositories`` — the repositories whose scans and findings the user may see (a maintainer
sees published repositories of other agencies, but not their findings) — and ``require_role`` for pages that
only role holders may open (scans).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest

from ospo.platform.access.permissions import (
    Action,
    agencies_for,
    can,
    grants,
    private_scope,
    sees_everything,
    visible_agencies,
    visible_components,
    visible_estate_scans,
    visible_findings,
    visible_repositories,
    visible_scans,
)
from ospo.platform.access.views import LoginNeeded, login_or_forbid
from ospo.platform.estate.models import Repository

__all__ = ["Action", "agencies_for", "can", "has_role", "login_or_forbid", "private_repositories", "require_role",
           "sees_everything", "visible_agencies", "visible_components", "visible_estate_scans", "visible_findings",
           "visible_repositories", "visible_scans"]


def has_role(user: Any) -> bool:
    """Holds a role somewhere: may see scans and findings (of the agencies the role covers)."""
    return grants(user).anywhere(Action.VIEW)


def require_role(request: HttpRequest) -> None:
    if has_role(request.user):
        return
    if not request.user.is_authenticated:
        raise LoginNeeded
    raise PermissionDenied


def private_repositories(user: Any) -> QuerySet[Repository]:
    return private_scope(Repository.objects.all(), user, "agency_id")
