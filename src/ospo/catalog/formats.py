"""Importers for Catalogi/SILL JSON, the DPG registry JSON, US code.json and Canada ORE-style YAML; detection.

Each reader is tolerant by design: registries change their field names between versions (SILL's CSV-era
``nom``/``fonction``, Catalogi's ``softwareName``/``softwareDescription``), so a reader accepts the known
spellings, keeps the source item whole in ``CatalogRecord.original`` and reports an item it cannot use as a
problem with its index — one bad item never stops the file. All parsing goes through ``engine.safeparse``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import PurePath
from typing import Any

from ospo.catalog.messages import CATALOG
from ospo.catalog.publiccode_io import read_publiccode
from ospo.catalog.record import CatalogRecord, ImportResult, Problem, function_categories, text, text_list
from ospo.engine.publiccode.codejson import read_code_json
from ospo.engine.safeparse import ParseFailure, load_json, load_yaml

MAX_ITEMS = 100_000
OSPO_JSON_MARK = "ospo-catalog"

# DPG Standard indicators (digitalpublicgoods.net standard, 9 indicators) as the registry names them.
DPG_INDICATORS = ("SDGs", "clearOwnership", "platformIndependence", "documentation", "NonPII", "privacy",
                  "standards", "doNoHarm", "license")


def _first(item: dict[str, Any], *keys: str, limit: int = 10_000) -> str:
    for k in keys:
        v = text(item.get(k), limit)
        if v:
            return v
    return ""


def _items(doc: Any, *containers: str) -> list[Any] | None:
    if isinstance(doc, list):
        return doc[:MAX_ITEMS]
    if isinstance(doc, dict):
        for c in containers:
            if isinstance(doc.get(c), list):
                return doc[c][:MAX_ITEMS]
    return None


def _lang_map(value: Any) -> dict[str, str]:
    """``{"en": …, "fr": …}`` or a plain string (taken as English)."""
    if isinstance(value, dict):
        return {k[:10]: text(v) for k, v in value.items() if isinstance(k, str) and text(v)}
    t = text(value)
    return {"en": t} if t else {}


def _join_licenses(licenses: list[Any], key: str) -> str:
    return " OR ".join(t for t in (text(lic.get(key), 100) for lic in licenses if isinstance(lic, dict)) if t)


def _shape(result: ImportResult, path: str, lang: str, what: str, expected: str) -> ImportResult:
    result.problems.append(Problem(path, "", CATALOG.get("wrong_shape", lang, what=what, expected=expected)))
    return result


def _unnamed(result: ImportResult, path: str, lang: str, i: int) -> None:
    result.problems.append(Problem(path, f"[{i}]", CATALOG.get("missing_name", lang, index=i), "warning"))


# --- Catalogi / SILL -----------------------------------------------------------------------------------------
def read_sill(doc: Any, path: str, lang: str = "en") -> ImportResult:
    result = ImportResult("sill")
    items = _items(doc, "softwares", "software", "items", "data")
    if items is None:
        return _shape(result, path, lang, "Catalogi/SILL JSON", "a list of software")
    for i, item in enumerate(items):
        if not isinstance(item, dict):
            _unnamed(result, path, lang, i)
            continue
        name = _first(item, "softwareName", "name", "nom", limit=300)
        if not name:
            _unnamed(result, path, lang, i)
            continue
        latest = item.get("latestVersion") if isinstance(item.get("latestVersion"), dict) else {}
        similar = item.get("similarSoftwares") or item.get("similarSoftware") or []
        alternatives = [text(s.get("softwareName") or s.get("name") or s.get("label")) if isinstance(s, dict)
                        else text(s) for s in similar] if isinstance(similar, list) else []
        users = item.get("userAndReferentCountByOrganization")
        used_by = [k[:300] for k in users if isinstance(k, str)] if isinstance(users, dict) else []
        desc = item.get("softwareDescription", item.get("description", item.get("fonction")))
        categories = text_list(item.get("categories")) + text_list(item.get("keywords"))
        result.records.append(CatalogRecord(
            name=name, source_format="sill", source_id=_first(item, "softwareId", "id", limit=100),
            description=_lang_map(desc) if not isinstance(desc, str) else ({"fr": desc[:10_000]} if desc else {}),
            url=_first(item, "codeRepositoryUrl", "repositoryUrl", "sourceUrl", limit=1000),
            landing_url=_first(item, "websiteUrl", "officialWebsiteUrl", "website", limit=1000),
            license=_first(item, "license", "licence", limit=500),
            version=text(latest.get("semVer"), 100) or _first(item, "version", limit=100),
            release_date=text(latest.get("publicationTime"), 40),
            categories=categories, function_categories=function_categories(categories),
            alternatives=[a for a in alternatives if a], used_by=used_by, original=item,
        ))
    return result


# --- DPG registry --------------------------------------------------------------------------------------------
def read_dpg(doc: Any, path: str, lang: str = "en") -> ImportResult:
    result = ImportResult("dpg")
    items = _items(doc, "dpgs", "results", "items", "data")
    if items is None:
        return _shape(result, path, lang, "DPG registry JSON", "a list of digital public goods")
    for i, item in enumerate(items):
        name = _first(item, "name", limit=300) if isinstance(item, dict) else ""
        if not name:
            _unnamed(result, path, lang, i)
            continue
        licenses = item.get("license") if isinstance(item.get("license"), list) else []
        spdx = _join_licenses(licenses, "spdx")
        repos = item.get("repositories") if isinstance(item.get("repositories"), list) else []
        orgs = item.get("organizations") if isinstance(item.get("organizations"), list) else []
        stage = _first(item, "stage", limit=40).lower()
        categories = text_list(item.get("sectors")) + text_list(item.get("type"))
        result.records.append(CatalogRecord(
            name=name, source_format="dpg", source_id=_first(item, "id", limit=100),
            description=_lang_map(item.get("description")), landing_url=_first(item, "website", limit=1000),
            url=next((text(r.get("url"), 1000) for r in repos if isinstance(r, dict) and text(r.get("url"))), ""),
            license=spdx, categories=categories, function_categories=function_categories(categories),
            organisation=next((text(o.get("name"), 300) for o in orgs if isinstance(o, dict) and o.get("name")), ""),
            dpg_status="dpg" if stage in ("dpg", "") else "nominee" if "nomin" in stage else stage[:20],
            dpg_indicators={k: item[k] for k in DPG_INDICATORS if k in item}, original=item,
        ))
    return result


# --- code.json -----------------------------------------------------------------------------------------------
def read_codejson(data: bytes, path: str, lang: str = "en") -> ImportResult:
    result = ImportResult("codejson")
    releases, findings = read_code_json(data, lang)
    for f in findings:
        result.problems.append(Problem(path, f.key, f.message, "warning"))
    for i, rel in enumerate(releases[:MAX_ITEMS]):
        name = _first(rel, "name", limit=300)
        if not name:
            _unnamed(result, path, lang, i)
            continue
        perm = rel.get("permissions") if isinstance(rel.get("permissions"), dict) else {}
        lics = perm.get("licenses") if isinstance(perm.get("licenses"), list) else []
        contact = rel.get("contact") if isinstance(rel.get("contact"), dict) else {}
        tags = text_list(rel.get("tags"))
        result.records.append(CatalogRecord(
            name=name, source_format="codejson", source_id=_first(rel, "repositoryURL", limit=1000) or name,
            description=_lang_map(rel.get("description")), url=_first(rel, "repositoryURL", limit=1000),
            landing_url=_first(rel, "homepageURL", limit=1000),
            license=_join_licenses(lics, "name"),
            version=_first(rel, "version", limit=100), development_status=_first(rel, "status", limit=40),
            categories=tags, function_categories=function_categories(tags), languages=text_list(rel.get("languages")),
            organisation=_first(rel, "organization", limit=300),
            contacts=[{"email": text(contact.get("email"), 300)}] if text(contact.get("email")) else [],
            original=rel,
        ))
    return result


# --- Canada ORE-style YAML -----------------------------------------------------------------------------------
def read_ore(doc: Any, path: str, lang: str = "en") -> ImportResult:
    """Open Resource Exchange entries: bilingual ``name``/``description`` maps, ``licences[].spdxID``."""
    result = ImportResult("ore")
    items = [doc] if isinstance(doc, dict) and "name" in doc else _items(doc, "software", "items")
    if items is None:
        return _shape(result, path, lang, "ORE YAML", "a mapping with name and description")
    for i, item in enumerate(items):
        names = _lang_map(item.get("name")) if isinstance(item, dict) else {}
        name = names.get("en") or names.get("fr") or next(iter(names.values()), "")
        if not name:
            _unnamed(result, path, lang, i)
            continue
        lics = item.get("licences", item.get("licenses"))
        lics = lics if isinstance(lics, list) else []
        tags = item.get("tags")
        tag_list = text_list(tags.get("en") or tags.get("fr")) if isinstance(tags, dict) else text_list(tags)
        homepage = _lang_map(item.get("homepageURL"))
        contact = item.get("contact") if isinstance(item.get("contact"), dict) else {}
        admins = item.get("administrations") if isinstance(item.get("administrations"), list) else []
        result.records.append(CatalogRecord(
            name=name[:300], source_format="ore", source_id=text(item.get("adminCode"), 100) or name[:300],
            description=_lang_map(item.get("description")), url=text(item.get("repositoryURL"), 1000),
            landing_url=homepage.get("en") or next(iter(homepage.values()), ""),
            license=_join_licenses(lics, "spdxID"),
            categories=tag_list + text_list(item.get("category")),
            function_categories=function_categories(tag_list + text_list(item.get("category"))),
            organisation=text(item.get("adminCode"), 300),
            contacts=[c] if (c := {k: text(v, 300) for k, v in contact.items() if isinstance(k, str) and text(v)})
            else [],
            used_by=[text(a.get("adminCode"), 300) for a in admins if isinstance(a, dict) and text(a.get("adminCode"))],
            original=item,
        ))
    return result


# --- our own JSON (export → import) ---------------------------------------------------------------------------
def read_ospo_json(doc: Any, path: str, lang: str = "en") -> ImportResult:
    result = ImportResult("json")
    fields = set(CatalogRecord.__slots__)  # type: ignore[attr-defined]
    for i, item in enumerate(doc.get("entries", [])[:MAX_ITEMS] if isinstance(doc.get("entries"), list) else []):
        if not isinstance(item, dict) or not text(item.get("name")) or not text(item.get("source_format")):
            _unnamed(result, path, lang, i)
            continue
        try:
            result.records.append(CatalogRecord(**{k: v for k, v in item.items() if k in fields}))
        except TypeError:
            _unnamed(result, path, lang, i)
    return result


def write_ospo_json(records: list[CatalogRecord]) -> str:
    return json.dumps({"format": OSPO_JSON_MARK, "version": 1, "entries": [r.as_dict() for r in records]},
                      ensure_ascii=False, indent=2) + "\n"


# --- detection -----------------------------------------------------------------------------------------------
def _json_kind(doc: Any) -> str | None:
    if isinstance(doc, dict):
        if doc.get("format") == OSPO_JSON_MARK:
            return "json"
        if "releases" in doc or "repositoryURL" in doc:
            return "codejson"
        for key, kind in (("softwares", "sill"), ("dpgs", "dpg")):
            if key in doc:
                return kind
    items = _items(doc, "items", "data", "results")
    sample = next((x for x in items or [] if isinstance(x, dict)), None)
    if sample is None:
        return None
    if {"softwareName", "softwareId", "nom", "fonction"} & sample.keys():
        return "sill"
    if {"stage", "SDGs", "clearOwnership", "repositories"} & sample.keys():
        return "dpg"
    if "repositoryURL" in sample:
        return "codejson"
    return None


def read_any(data: bytes, path: str, lang: str = "en", fmt: str | None = None) -> ImportResult:
    """Detect the format (unless ``fmt`` is given) from the name and content; never raises for bad input."""
    name = PurePath(path).name.lower()
    if fmt == "publiccode" or (fmt is None and name.startswith("publiccode.") and name.endswith((".yml", ".yaml"))):
        return read_publiccode(data, path, lang)
    if fmt == "codejson":
        return read_codejson(data, path, lang)
    is_yaml = name.endswith((".yml", ".yaml"))
    try:
        doc = load_yaml(data) if is_yaml or fmt == "ore" else load_json(data)
    except (ParseFailure, ValueError) as exc:
        result = ImportResult(fmt or "unknown")
        result.problems.append(Problem(path, "", CATALOG.get("unreadable", lang, detail=str(exc)[:300])))
        return result
    if is_yaml and fmt is None:
        if isinstance(doc, dict) and "publiccodeYmlVersion" in doc:
            return read_publiccode(data, path, lang)
        fmt = "ore"
    fmt = fmt or _json_kind(doc)
    readers: dict[str, Callable[[Any, str, str], ImportResult]] = {
        "sill": read_sill, "dpg": read_dpg, "ore": read_ore,
        "json": lambda d, p, lg: read_ospo_json(d if isinstance(d, dict) else {}, p, lg)}
    if fmt == "codejson":
        return read_codejson(data, path, lang)
    if fmt not in readers:
        result = ImportResult("unknown")
        result.problems.append(Problem(path, "", CATALOG.get("unknown_format", lang)))
        return result
    return readers[fmt](doc, path, lang)
