"""Template helpers of the catalog pages."""

from __future__ import annotations

from typing import Any

from django import template

from ospo.platform.catalog.dpg_views import is_ospo_staff

register = template.Library()


@register.filter
def ospo_staff(user: Any) -> bool:
    """{% if user|ospo_staff %}: government-wide ``change`` (OSPO staff, admins)."""
    return is_ospo_staff(user)


@register.filter
def without(mapping: Any, key: str) -> list[tuple[Any, Any]]:
    """The items of a mapping except ``key`` (hand-entered vetting evidence without the engine's block)."""
    return [(k, v) for k, v in mapping.items() if k != key] if isinstance(mapping, dict) else []
