"""``{% agency_sources agency %}``: the agency page's sources section, for the people who may see them.

A tag rather than more context in the agency view, so the section (its query and its permission checks) stays
with the source pages; the public gets nothing — sources are private (access rules).
"""

from __future__ import annotations

from typing import Any

from django import template

from ospo.platform.access.permissions import Action, can, visible_sources

register = template.Library()


@register.inclusion_tag("ospo/_agency_sources.html", takes_context=True)
def agency_sources(context: dict[str, Any], agency: Any) -> dict[str, Any]:
    user = context["request"].user
    sources = list(visible_sources(user).filter(agency=agency).order_by("kind", "location"))
    may_add = can(user, Action.ADD_SOURCE, agency)
    return {"agency": agency, "sources": sources, "may_add": may_add, "shown": bool(sources) or may_add}
