"""Exporters: publiccode.yml, code.json, our JSON, CSV, and a DPG nomination draft.

An entry imported from a format is exported to that format from the document it came with (lossless); otherwise
the export is built from the record's fields. The DPG nomination draft lists the nine DPG Standard indicators
with what the catalog knows as evidence, and ``null`` where a person must answer.
"""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any

from ospo.catalog.formats import DPG_INDICATORS, write_ospo_json
from ospo.catalog.publiccode_io import dump_publiccode, publiccode_from_record
from ospo.catalog.record import CatalogRecord
from ospo.engine.publiccode.codejson import write_code_json

CSV_COLUMNS = ("name", "source_format", "source_id", "url", "landing_url", "license", "version",
               "development_status", "function_categories", "organisation", "description")


def safe_filename(name: str, index: int) -> str:
    """A file name that cannot leave the output directory, unique by index."""
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip(".-")[:80] or "entry"
    return f"{index:05d}-{stem}"


def export_publiccode(record: CatalogRecord) -> str:
    return dump_publiccode(publiccode_from_record(record))


def codejson_release(record: CatalogRecord) -> dict[str, Any]:
    if record.source_format == "codejson" and isinstance(record.original, dict):
        return record.original
    return {
        "name": record.name, "repositoryURL": record.url, "description": record.summary(),
        "permissions": {"licenses": [{"name": lic} for lic in re.split(r"\s+OR\s+", record.license) if lic],
                        "usageType": "openSource"},
        "laborHours": 0, "tags": record.categories or [record.name],
        "contact": {"email": next((c["email"] for c in record.contacts if c.get("email")), "")},
        **({"version": record.version} if record.version else {}),
        **({"homepageURL": record.landing_url} if record.landing_url else {}),
        **({"organization": record.organisation} if record.organisation else {}),
    }


def export_codejson(records: list[CatalogRecord], agency: str) -> str:
    return write_code_json([codejson_release(r) for r in records], agency)


def export_json(records: list[CatalogRecord]) -> str:
    return write_ospo_json(records)


def export_csv(records: list[CatalogRecord]) -> str:
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow(CSV_COLUMNS)
    for r in records:
        row = [getattr(r, c) if c not in ("function_categories", "description") else "" for c in CSV_COLUMNS]
        row[CSV_COLUMNS.index("function_categories")] = ";".join(r.function_categories)
        row[CSV_COLUMNS.index("description")] = r.summary()
        # a cell starting with = + - @ is a formula in spreadsheets: neutralise it (CSV injection)
        w.writerow([f"'{v}" if isinstance(v, str) and v[:1] in "=+-@\t\r" else v for v in row])
    return out.getvalue()


def dpg_nomination(record: CatalogRecord, evidence: dict[str, Any] | None = None) -> str:
    """A draft for the DPG Alliance nomination form: known answers filled, the rest ``null`` with a hint."""
    evidence = evidence or {}
    indicators: dict[str, Any] = {k: record.dpg_indicators.get(k) for k in DPG_INDICATORS}
    if indicators["license"] is None and record.license:
        indicators["license"] = {"spdx": record.license, "evidence": "declared license in the catalog"}
    for k, v in evidence.items():
        if k in indicators and indicators[k] is None:
            indicators[k] = v
    draft = {
        "name": record.name, "description": record.summary(), "website": record.landing_url,
        "repositories": [{"name": "main", "url": record.url}] if record.url else [],
        "organizations": [{"name": record.organisation, "website": record.organisation_uri}]
        if record.organisation else [],
        "type": ["software"], "stage": "nominee", "indicators": indicators,
        "to_complete": sorted(k for k, v in indicators.items() if v is None),
    }
    return json.dumps(draft, ensure_ascii=False, indent=2) + "\n"
