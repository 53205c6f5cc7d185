"""CSV export of any list route: nested objects flattened to dotted columns, lists as JSON text.

Cells that a spreadsheet would run as a formula (starting with = + - @ or a control character) are prefixed with
an apostrophe: package names and paths come from untrusted repositories (CSV injection).
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from rest_framework.renderers import BaseRenderer

DANGEROUS_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def flatten(row: Any, prefix: str = "") -> dict[str, Any]:
    if not isinstance(row, dict):
        return {prefix or "value": row}
    out: dict[str, Any] = {}
    for key, value in row.items():
        name = f"{prefix}.{key}" if prefix else str(key)
        if isinstance(value, dict):
            out.update(flatten(value, name))
        else:
            out[name] = value
    return out


def cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        value = json.dumps(value, ensure_ascii=False, default=str)
    text = str(value)
    if text.startswith(DANGEROUS_START):
        return "'" + text
    return text


def to_csv(data: Any) -> str:
    if isinstance(data, dict) and isinstance(data.get("results"), list):
        data = data["results"]
    rows = [flatten(r) for r in (data if isinstance(data, list) else [data])]
    columns: list[str] = []
    seen: set[str] = set()
    for r in rows:
        for k in r:
            if k not in seen:
                seen.add(k)
                columns.append(k)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow([cell(c) for c in columns])
    for r in rows:
        writer.writerow([cell(r.get(c)) for c in columns])
    return buf.getvalue()


class CsvRenderer(BaseRenderer):
    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data: Any, accepted_media_type: str | None = None, renderer_context: Any = None) -> bytes:
        if data is None:
            return b""
        return to_csv(data).encode("utf-8")
