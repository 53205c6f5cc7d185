"""Reading filter and paging parameters from a request: tolerant of junk (a bad value is no filter, never a 500)."""

from __future__ import annotations

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.http import urlencode

MAX_QUERY = 200  # longer search text is cut: it cannot match anything stored and costs the database


def text(request: HttpRequest, name: str) -> str:
    """NUL is dropped: PostgreSQL refuses it in a text literal (a 500 otherwise)."""
    return request.GET.get(name, "").replace("\x00", "").strip()[:MAX_QUERY]


def choice(request: HttpRequest, name: str, allowed: set[str] | list[str]) -> str:
    value = request.GET.get(name, "")
    return value if value in allowed else ""


def page(request: HttpRequest, qs: QuerySet, size: int) -> Page:
    return Paginator(qs, size).get_page(request.GET.get("page"))


def keep(request: HttpRequest, *names: str) -> str:
    """The current filters as a query string (without ``page``), for the pager's links."""
    return urlencode({n: request.GET[n] for n in names if request.GET.get(n)})
