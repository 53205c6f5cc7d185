"""Who may use the programme pages, on top of ``ospo.platform.access`` (roles and grants).

Programme management (assessments, canvas, research, roadmap, cost, KPIs, reports, handling requests) is the
work of government-wide roles — OSPO staff, reviewers, admins: people with ``view`` everywhere. Anyone with a
role (agency maintainers too) may open service requests and follow their own. The public dashboard and the
service catalog need nothing.
"""

from __future__ import annotations

from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from ospo.platform.access.permissions import Action, grants


def is_programme_staff(user: Any) -> bool:
    return Action.VIEW in grants(user).everywhere


def has_role(user: Any) -> bool:
    return bool(grants(user).roles)


def _guard(test: Any) -> Any:
    def decorator(view: Any) -> Any:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not test(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


programme_staff = _guard(is_programme_staff)
any_role = _guard(has_role)
