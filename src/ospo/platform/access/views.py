"""Helpers for page views: answer "sign in" to the anonymous and "forbidden" to the signed-in.

Pages scope their querysets with the ``visible_*`` functions (404 for what the user must not see) and call
:func:`require` before acting, so a page and the API route for the same thing agree.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Model
from django.http import HttpRequest

from ospo.platform.access.permissions import Action, can


class LoginNeeded(Exception):
    pass


def require(request: HttpRequest, action: Action | str, obj: Model | None = None) -> None:
    """Raise PermissionDenied (signed in) or LoginNeeded (anonymous) unless ``can(user, action, obj)``."""
    if can(request.user, action, obj):
        return
    if not request.user.is_authenticated:
        raise LoginNeeded
    raise PermissionDenied


def login_or_forbid(view: Any) -> Any:
    """Decorator turning LoginNeeded into a redirect to the login page (keeps ``next``)."""
    from functools import wraps

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        try:
            return view(request, *args, **kwargs)
        except LoginNeeded:
            return redirect_to_login(request.get_full_path())

    return wrapper
