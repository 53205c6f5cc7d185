"""Roles, permissions, API tokens, single sign-on and the audit log (issue 6, part C).

Every page and API route asks :func:`ospo.platform.access.permissions.can` or scopes its queryset with the
``visible_*`` helpers, so the rules live in one place and the authorization-matrix test checks them all.
"""

from typing import Any

_EXPORTS = frozenset({
    "Action", "can", "grants", "sees_everything", "visible_agencies", "visible_repositories", "visible_sources",
    "visible_scans", "visible_estate_scans", "visible_usages", "visible_components", "visible_findings",
    "visible_decisions", "agencies_for", "decision_action",
})


def __getattr__(name: str) -> Any:
    """``from ospo.platform.access import can`` without importing models while the app registry loads."""
    if name in _EXPORTS:
        from ospo.platform.access import permissions

        return getattr(permissions, name)
    raise AttributeError(name)
