"""DRF permission class delegating to the access layer, so the API and the pages share one rulebook.

A view declares ``public`` (the anonymous may read; the queryset scope hides what they must not see) and
``action_rules`` (extra action names → the access Action they need, checked on the object or, for creates, in
the serializer). Reading a private route needs a role somewhere; objects outside the scope are 404.
"""

from __future__ import annotations

from typing import Any

from rest_framework.permissions import SAFE_METHODS, BasePermission

from ospo.platform.access.permissions import Action, can, grants


class ScopedAccess(BasePermission):
    def has_permission(self, request: Any, view: Any) -> bool:
        if request.method in SAFE_METHODS:
            if getattr(view, "public", False):
                return True
            return grants(request.user).anywhere(Action.VIEW)
        needed = getattr(view, "action_rules", {}).get(getattr(view, "action", None))
        if needed is None:
            return False
        return bool(request.user and request.user.is_authenticated) and can(request.user, needed)

    def has_object_permission(self, request: Any, view: Any, obj: Any) -> bool:
        if request.method in SAFE_METHODS:
            return can(request.user, Action.VIEW, obj)
        needed = getattr(view, "action_rules", {}).get(getattr(view, "action", None))
        return needed is not None and can(request.user, needed, obj)
