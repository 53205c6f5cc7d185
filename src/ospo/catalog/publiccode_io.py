"""publiccode.yml in and out, without loss.

Reading goes through the engine's position-aware safe YAML reader (``engine.publiccode.yamlnodes``: YAML 1.2
core schema like the reference parser, alias-bomb and size caps, no constructors), so ``releaseDate: 2024-01-31``
stays a string and nothing executes. The whole mapping is kept (``CatalogRecord.publiccode``) after the
deprecated keys that have a replacement are moved to it (:func:`normalize`); the export writes that mapping back,
quoting every string a YAML 1.2 reader would otherwise turn into a number, boolean or null.
"""

from __future__ import annotations

import copy
from typing import Any

import yaml

from ospo.catalog.messages import CATALOG
from ospo.catalog.record import CatalogRecord, ImportResult, Problem, function_categories, text, text_list
from ospo.engine.publiccode.yamlnodes import YNode, read_yaml_nodes
from ospo.engine.safeparse import ParseFailure

FORMAT = "publiccode"
ITALIAN_PA_URN = "urn:x-italian-pa:"


def plain(node: YNode | None) -> Any:
    """YNode → plain Python (dict/list/str/int/float/bool/None), scalars typed by the YAML 1.2 core schema."""
    if node is None:
        return None
    if node.type == "map":
        return {k: plain(v) for k, v in node.value.items()}
    if node.type == "seq":
        return [plain(v) for v in node.value]
    if node.type == "str":
        return node.raw
    return node.value


def normalize(doc: dict[str, Any]) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """Move deprecated keys to their replacement when the replacement is absent; returns (doc, [(old, new)]).

    Keys deprecated without a replacement (inputTypes, genericName, authorsFile, it.conforme…) are kept as they
    are: dropping them would lose data. A deprecated key whose replacement is already set is kept too.
    """
    doc = copy.deepcopy(doc)
    moves: list[tuple[str, str]] = []
    if "monochromeLogo" in doc and "logo" not in doc:
        doc["logo"] = doc.pop("monochromeLogo")
        moves.append(("monochromeLogo", "logo"))
    legal = doc.get("legal") if isinstance(doc.get("legal"), dict) else {}
    org = doc.get("organisation")
    for section in ("IT", "it"):
        it = doc.get(section)
        riuso = it.get("riuso") if isinstance(it, dict) else None
        code = riuso.get("codiceIPA") if isinstance(riuso, dict) else None
        if isinstance(code, str) and code and org is None:
            org = doc["organisation"] = {"uri": ITALIAN_PA_URN + code}
            del riuso["codiceIPA"]
            if not riuso:
                del it["riuso"]
            moves.append((f"{section}.riuso.codiceIPA", "organisation.uri"))
    if isinstance(org, dict) and "name" not in org and isinstance(legal.get("repoOwner"), str):
        org["name"] = legal.pop("repoOwner")
        moves.append(("legal.repoOwner", "organisation.name"))
    return doc, moves


def record_from_publiccode(doc: dict[str, Any], source_id: str = "") -> CatalogRecord:
    desc = doc.get("description") if isinstance(doc.get("description"), dict) else {}
    short = {lang: text(d.get("shortDescription")) for lang, d in desc.items() if isinstance(d, dict)}
    long = {lang: text(d.get("longDescription"), 20_000) for lang, d in desc.items() if isinstance(d, dict)}
    legal = doc.get("legal") if isinstance(doc.get("legal"), dict) else {}
    org = doc.get("organisation") if isinstance(doc.get("organisation"), dict) else {}
    maint = doc.get("maintenance") if isinstance(doc.get("maintenance"), dict) else {}
    contacts = [{k: text(v) for k, v in c.items() if text(v)} for c in maint.get("contacts") or []
                if isinstance(c, dict)] if isinstance(maint.get("contacts"), list) else []
    categories = text_list(doc.get("categories"))
    return CatalogRecord(
        name=text(doc.get("name"), 300), source_format=FORMAT, source_id=source_id or text(doc.get("url"), 1000),
        description={k: v for k, v in short.items() if v}, long_description={k: v for k, v in long.items() if v},
        url=text(doc.get("url"), 1000), landing_url=text(doc.get("landingURL"), 1000),
        license=text(legal.get("license"), 500), version=text(doc.get("softwareVersion"), 100),
        release_date=text(doc.get("releaseDate"), 40), development_status=text(doc.get("developmentStatus"), 40),
        software_type=text(doc.get("softwareType"), 60), categories=categories,
        function_categories=function_categories(categories), platforms=text_list(doc.get("platforms")),
        organisation=text(org.get("name") or legal.get("repoOwner") or legal.get("mainCopyrightOwner"), 300),
        organisation_uri=text(org.get("uri"), 1000), contacts=contacts, used_by=text_list(doc.get("usedBy")),
        publiccode=doc,
    )


def read_publiccode(data: bytes, path: str = "publiccode.yml", lang: str = "en") -> ImportResult:
    """One publiccode.yml → an ImportResult with one record, or problems. Never raises for bad input."""
    result = ImportResult(FORMAT)
    try:
        root = read_yaml_nodes(data)
    except (ParseFailure, ValueError) as exc:  # ValueError: an integer beyond Python's digit limit
        result.problems.append(Problem(path, "", CATALOG.get("unreadable", lang, detail=str(exc)[:300])))
        return result
    if root is None or root.type != "map":
        result.problems.append(Problem(path, "", CATALOG.get("wrong_shape", lang, what="publiccode.yml",
                                                             expected="a mapping")))
        return result
    doc, moves = normalize(plain(root))
    for old, new in moves:
        result.notes.append(Problem(path, old, CATALOG.get("normalized", lang, old=old, new=new), "info"))
    record = record_from_publiccode(doc)
    if not record.name:
        result.problems.append(Problem(path, "name", CATALOG.get("missing_name", lang, index=0)))
        return result
    result.records.append(record)
    return result


# --- export ------------------------------------------------------------------------------------------------
def _resolves_to_non_string(value: str) -> bool:
    """Would a YAML 1.2 core (or 1.1) reader turn this plain scalar into something other than a string?"""
    node = read_yaml_nodes(b"v: " + value.encode("utf-8")) if value and "\n" not in value else None
    return node is None or node.type != "map" or node.value["v"].type != "str" or node.value["v"].raw != value


class _Dumper(yaml.SafeDumper):
    pass


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    if "\n" in value and all(c.isprintable() or c in "\n\t" for c in value) and not value.endswith((" ", "\t")):
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    try:
        plain_ok = not _resolves_to_non_string(value)
    except (ParseFailure, ValueError):
        plain_ok = False
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=None if plain_ok else '"')


_Dumper.add_representer(str, _str)


def dump_publiccode(doc: dict[str, Any]) -> str:
    return yaml.dump(doc, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=4096, default_flow_style=False)


def publiccode_from_record(record: CatalogRecord) -> dict[str, Any]:
    """The mapping to export: the stored one when the entry came from a publiccode.yml, else built from fields."""
    if record.publiccode is not None:
        return record.publiccode
    desc = {lang: {"shortDescription": d[:150]} for lang, d in record.description.items()} or {
        "en": {"shortDescription": record.name}}
    for lang, d in record.long_description.items():
        desc.setdefault(lang, {})["longDescription"] = d
    doc: dict[str, Any] = {
        "publiccodeYmlVersion": "0.4", "name": record.name, "url": record.url,
        "platforms": record.platforms or ["web"], "categories": record.categories,
        "developmentStatus": record.development_status or "stable",
        "softwareType": record.software_type or "standalone/web",
        "description": desc, "legal": {"license": record.license},
        "maintenance": {"type": "community", "contacts": record.contacts or [{"name": record.organisation or "-"}]},
        "localisation": {"localisationReady": False, "availableLanguages": sorted(record.description) or ["en"]},
    }
    for key, value in (("landingURL", record.landing_url), ("softwareVersion", record.version),
                       ("releaseDate", record.release_date), ("usedBy", record.used_by)):
        if value:
            doc[key] = value
    if record.organisation_uri:
        doc["organisation"] = {"uri": record.organisation_uri, "name": record.organisation}
    return doc
