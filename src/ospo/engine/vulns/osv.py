"""OSV record loading and validation: one hostile-proof gate between advisory files and the database.

Why a gate: the matcher reads ``affected[].ranges[].events`` and friends on a hot path and must be able to trust
their types; an advisory file is third-party input (a JSON value may be any type, YAML adds datetimes, bytes and
sets). So every record is checked here once, on import, and either comes out as a plain JSON-compatible dict
whose matcher-relevant fields have the types the OSV schema (https://ossf.github.io/osv-schema/) gives them, or
raises :class:`ParseFailure` with the reason. Fields the matcher does not use are kept as they were (after
conversion to JSON types) so that the stored record is the full advisory.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from ospo.engine.safeparse import ParseFailure, load_json, load_yaml
from ospo.engine.vulns.names import normalize_name, purl_type_for

MAX_ID = 255
MAX_NAME = 1024
MAX_JSON_DEPTH = 64  # the OSV schema is at most ~6 deep; anything far deeper is hostile or broken
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:+/\-]*$")
_EVENT_KEYS = frozenset({"introduced", "fixed", "last_affected", "limit"})
_RANGE_TYPES = frozenset({"ECOSYSTEM", "SEMVER", "GIT"})


@dataclass(frozen=True, slots=True)
class AffectedKey:
    """One index row: which (ecosystem, package) an advisory names."""

    osv_ecosystem: str
    purl_type: str | None
    name: str  # normalised with names.normalize_name when the purl type is known


@dataclass(frozen=True, slots=True)
class OsvRecord:
    """A validated advisory: the columns the database indexes plus the full record."""

    id: str
    modified: str  # normalised UTC timestamp, fixed width: compares correctly as text
    published: str | None
    withdrawn: str | None
    summary: str | None
    aliases: tuple[str, ...]
    affected: tuple[AffectedKey, ...]
    record: dict[str, Any]
    json_text: str
    sha256: str


def normalize_timestamp(value: Any, field: str) -> str:
    """RFC 3339 text (or a YAML datetime/date) → ``YYYY-MM-DDTHH:MM:SS.ffffffZ`` in UTC.

    Fixed width so that text comparison in any SQL database orders timestamps correctly.
    """
    if isinstance(value, datetime):
        dt = value
    elif isinstance(value, date):
        dt = datetime(value.year, value.month, value.day)
    elif isinstance(value, str):
        text = value.strip()
        if not text or len(text) > 64:
            raise ParseFailure(f"{field}: not an RFC 3339 timestamp: {value[:40]!r}")
        if text.endswith(("z", "Z")):
            text = text[:-1] + "+00:00"
        text = re.sub(r"(\.\d{6})\d+", r"\1", text)  # nanoseconds are legal RFC 3339, not for fromisoformat
        try:
            dt = datetime.fromisoformat(text)
        except ValueError:
            raise ParseFailure(f"{field}: not an RFC 3339 timestamp: {value[:40]!r}") from None
    else:
        raise ParseFailure(f"{field}: expected a timestamp string, got {type(value).__name__}")
    dt = dt.replace(tzinfo=UTC) if dt.tzinfo is None else dt.astimezone(UTC)
    return dt.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def to_json_value(value: Any, depth: int = 0) -> Any:
    """Convert a YAML-loaded value to JSON types. Datetimes become RFC 3339 text; bytes and sets are refused."""
    if depth > MAX_JSON_DEPTH:
        raise ParseFailure("record nested too deeply")
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise ParseFailure("record contains a non-finite number")
        return value
    if isinstance(value, datetime):
        dt = value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
        return dt.isoformat().replace("+00:00", "Z")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for k, v in value.items():
            if not isinstance(k, str | int | float | bool) or k is None:
                raise ParseFailure(f"record has a mapping key of type {type(k).__name__}")
            out[str(k)] = to_json_value(v, depth + 1)
        return out
    if isinstance(value, list):
        return [to_json_value(v, depth + 1) for v in value]
    raise ParseFailure(f"record contains a value of type {type(value).__name__}")


def _opt_str(doc: dict[str, Any], key: str, limit: int = 1_000_000) -> str | None:
    value = doc.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise ParseFailure(f"{key}: expected a string, got {type(value).__name__}")
    if len(value) > limit:
        raise ParseFailure(f"{key}: longer than {limit:,} characters")
    return value


def _str_list(value: Any, field: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise ParseFailure(f"{field}: expected a list, got {type(value).__name__}")
    for i, item in enumerate(value):
        if not isinstance(item, str):
            raise ParseFailure(f"{field}[{i}]: expected a string, got {type(item).__name__}")
    return value


def _opt_dict(value: Any, field: str) -> None:
    if value is not None and not isinstance(value, dict):
        raise ParseFailure(f"{field}: expected an object, got {type(value).__name__}")


def _check_ranges(ranges: Any, where: str) -> None:
    if ranges is None:
        return
    if not isinstance(ranges, list):
        raise ParseFailure(f"{where}.ranges: expected a list, got {type(ranges).__name__}")
    for r_i, rng in enumerate(ranges):
        at = f"{where}.ranges[{r_i}]"
        if not isinstance(rng, dict):
            raise ParseFailure(f"{at}: expected an object, got {type(rng).__name__}")
        rtype = rng.get("type")
        if not isinstance(rtype, str) or rtype not in _RANGE_TYPES:
            raise ParseFailure(f"{at}.type: expected one of ECOSYSTEM/SEMVER/GIT, got {str(rtype)[:30]!r}")
        events = rng.get("events")
        if not isinstance(events, list) or not events:
            raise ParseFailure(f"{at}.events: expected a non-empty list")
        for e_i, event in enumerate(events):
            if not isinstance(event, dict) or len(event) != 1:
                raise ParseFailure(f"{at}.events[{e_i}]: expected an object with exactly one event")
            (kind, version), = event.items()
            if kind not in _EVENT_KEYS:
                raise ParseFailure(f"{at}.events[{e_i}]: unknown event {str(kind)[:30]!r}")
            if not isinstance(version, str) or not version:
                raise ParseFailure(f"{at}.events[{e_i}].{kind}: expected a non-empty version string")
        if rtype == "GIT" and rng.get("repo") is not None and not isinstance(rng.get("repo"), str):
            raise ParseFailure(f"{at}.repo: expected a string")
        _opt_dict(rng.get("database_specific"), f"{at}.database_specific")


def _check_affected(affected: Any) -> list[AffectedKey]:
    if affected is None:
        return []
    if not isinstance(affected, list):
        raise ParseFailure(f"affected: expected a list, got {type(affected).__name__}")
    keys: list[AffectedKey] = []
    seen: set[AffectedKey] = set()
    for a_i, entry in enumerate(affected):
        where = f"affected[{a_i}]"
        if not isinstance(entry, dict):
            raise ParseFailure(f"{where}: expected an object, got {type(entry).__name__}")
        package = entry.get("package")
        if package is not None:
            if not isinstance(package, dict):
                raise ParseFailure(f"{where}.package: expected an object")
            eco, name = package.get("ecosystem"), package.get("name")
            if not isinstance(eco, str) or not eco.strip():
                raise ParseFailure(f"{where}.package.ecosystem: expected a non-empty string")
            if not isinstance(name, str) or not name.strip() or len(name) > MAX_NAME:
                raise ParseFailure(f"{where}.package.name: expected a non-empty string")
            if package.get("purl") is not None and not isinstance(package.get("purl"), str):
                raise ParseFailure(f"{where}.package.purl: expected a string")
            ptype = purl_type_for(eco)
            key = AffectedKey(eco, ptype, normalize_name(ptype, name) if ptype else name.strip())
            if key not in seen:
                seen.add(key)
                keys.append(key)
        _check_ranges(entry.get("ranges"), where)
        _str_list(entry.get("versions"), f"{where}.versions")
        _opt_dict(entry.get("ecosystem_specific"), f"{where}.ecosystem_specific")
        _opt_dict(entry.get("database_specific"), f"{where}.database_specific")
        _check_severity(entry.get("severity"), f"{where}.severity")
    return keys


def _check_severity(severity: Any, field: str) -> None:
    if severity is None:
        return
    if not isinstance(severity, list):
        raise ParseFailure(f"{field}: expected a list")
    for i, item in enumerate(severity):
        if not isinstance(item, dict) or not isinstance(item.get("type"), str) or not isinstance(
            item.get("score"), str
        ):
            raise ParseFailure(f"{field}[{i}]: expected an object with string type and score")


def validate(doc: Any, source: str | None = None) -> OsvRecord:
    """Check one OSV document (already loaded) and return the record. Raises ParseFailure with the reason."""
    if not isinstance(doc, dict):
        raise ParseFailure(f"an OSV record is an object, got {type(doc).__name__}")
    doc = to_json_value(doc)
    rid = doc.get("id")
    if not isinstance(rid, str) or not rid:
        raise ParseFailure("id: missing or not a string")
    if len(rid) > MAX_ID or not _ID.match(rid):
        raise ParseFailure(f"id: not a valid advisory identifier: {rid[:60]!r}")
    if "modified" not in doc:
        raise ParseFailure(f"{rid}: modified: missing (required by the OSV schema)")
    try:
        modified = normalize_timestamp(doc["modified"], "modified")
        published = normalize_timestamp(doc["published"], "published") if doc.get("published") else None
        withdrawn = normalize_timestamp(doc["withdrawn"], "withdrawn") if doc.get("withdrawn") else None
        summary = _opt_str(doc, "summary")
        _opt_str(doc, "details")
        _opt_str(doc, "schema_version", 40)
        aliases = _str_list(doc.get("aliases"), "aliases")
        _str_list(doc.get("related"), "related")
        _str_list(doc.get("upstream"), "upstream")
        affected = _check_affected(doc.get("affected"))
        _check_severity(doc.get("severity"), "severity")
        refs = doc.get("references")
        if refs is not None and (
            not isinstance(refs, list) or not all(isinstance(r, dict) and isinstance(r.get("url"), str) for r in refs)
        ):
            raise ParseFailure("references: expected a list of objects with a url")
        _opt_dict(doc.get("database_specific"), "database_specific")
    except ParseFailure as exc:
        raise ParseFailure(f"{rid}: {exc}") from None
    text = json.dumps(doc, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    alias_set = tuple(dict.fromkeys(a for a in aliases if a and a != rid))
    return OsvRecord(
        id=rid, modified=modified, published=published, withdrawn=withdrawn, summary=summary,
        aliases=alias_set, affected=tuple(affected), record=doc, json_text=text,
        sha256=hashlib.sha256(text.encode()).hexdigest(),
    )


def load_document(data: bytes, filename: str) -> Any:
    """Parse a file's bytes as JSON or YAML, chosen by its name (YAML also reads JSON, but far slower)."""
    lower = filename.lower()
    if lower.endswith((".yaml", ".yml")):
        return load_yaml(data)
    return load_json(data)


def load_record(data: bytes, filename: str = "record.json") -> OsvRecord:
    """Parse and validate one OSV file. Raises ParseFailure (and nothing else) for a bad file."""
    try:
        return validate(load_document(data, filename))
    except RecursionError:
        raise ParseFailure("record nested too deeply") from None
