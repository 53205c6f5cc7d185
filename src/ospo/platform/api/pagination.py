"""Page-number pagination, and unpaginated exports (``?format=csv`` or ``?export=1``) capped at EXPORT_MAX rows."""

from __future__ import annotations

from typing import Any

from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

EXPORT_MAX = 100_000


def is_export(request: Any) -> bool:
    renderer = getattr(request, "accepted_renderer", None)
    return getattr(renderer, "format", "") == "csv" or request.query_params.get("export") in {"1", "true"}


class Pagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 1000

    def paginate_queryset(self, queryset: Any, request: Any, view: Any = None) -> list[Any] | None:
        if is_export(request):
            rows = list(queryset[:EXPORT_MAX + 1])
            self._export_truncated = len(rows) > EXPORT_MAX
            self._exporting = True
            return rows[:EXPORT_MAX]
        self._exporting = False
        return super().paginate_queryset(queryset, request, view)

    def get_paginated_response(self, data: Any) -> Response:
        if getattr(self, "_exporting", False):
            headers = {"X-Export-Truncated": "true"} if self._export_truncated else {}
            return Response(data, headers=headers)
        return super().get_paginated_response(data)
