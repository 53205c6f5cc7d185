"""code.json (US federal source code inventory, code.gov metadata schema 2.0): read, validate, write.

Agencies publish one ``code.json`` listing their repositories under ``releases``; ospo reads and writes
the entry for one repository. Validation follows schema 2.0.0: required fields and their types, the
``usageType`` and ``status`` enums, license objects, dates. JSON goes through ``safeparse.load_json`` (size
cap, nesting limit); JSON has no positions worth reporting, so findings carry the key path and line 0.
"""

from __future__ import annotations

import json
from typing import Any

from ospo.engine.i18n import DEFAULT_LANGUAGE
from ospo.engine.model import ScanResult
from ospo.engine.publiccode import checks
from ospo.engine.publiccode.messages import CATALOG
from ospo.engine.publiccode.validate import Finding
from ospo.engine.safeparse import ParseFailure, load_json

SCHEMA_VERSION = "2.0.0"
REQUIRED = ("name", "repositoryURL", "description", "permissions", "laborHours", "tags", "contact")
USAGE_TYPES = ("openSource", "governmentWideReuse", "exemptByLaw", "exemptByNationalSecurity",
               "exemptByAgencySystem", "exemptByAgencyMission", "exemptByCIO", "exemptByPolicyDate")
STATUSES = ("Ideation", "Development", "Alpha", "Beta", "Release Candidate", "Production", "Archival")
STRING_FIELDS = ("name", "version", "organization", "description", "vcs", "disclaimerText", "homepageURL",
                 "downloadURL", "disclaimerURL", "repositoryURL")
URL_FIELDS = ("homepageURL", "downloadURL", "disclaimerURL")


def _f(key: str, code: str, lang: str, **params: object) -> Finding:
    return Finding(key, CATALOG.get(code, lang, **params), 0, 0, code)


def validate_release(entry: Any, lang: str = DEFAULT_LANGUAGE, prefix: str = "") -> list[Finding]:
    """Errors in one ``releases[]`` entry (an empty list means valid)."""
    out: list[Finding] = []
    if not isinstance(entry, dict):
        return [_f(prefix or "release", "wrong_type", lang, expected="an object")]

    def k(name: str) -> str:
        return f"{prefix}.{name}" if prefix else name

    for name in REQUIRED:
        if entry.get(name) in (None, ""):
            out.append(_f(k(name), "required", lang, field=name))
    for name in STRING_FIELDS:
        if name in entry and entry[name] is not None and not isinstance(entry[name], str):
            out.append(_f(k(name), "wrong_type", lang, expected="a string"))
    for name in URL_FIELDS:
        if isinstance(entry.get(name), str) and entry[name] and not checks.is_url(entry[name]):
            out.append(_f(k(name), "bad_url", lang, field=name))
    repo = entry.get("repositoryURL")
    if isinstance(repo, str) and repo and not checks.is_repo_url(repo):
        out.append(_f(k("repositoryURL"), "bad_url", lang, field="repositoryURL"))
    hours = entry.get("laborHours")
    if hours is not None and (isinstance(hours, bool) or not isinstance(hours, int | float) or hours < 0):
        out.append(_f(k("laborHours"), "wrong_type", lang, expected="a number >= 0"))
    for name in ("tags", "languages"):
        value = entry.get(name)
        if value is not None and (not isinstance(value, list) or not all(isinstance(x, str) for x in value)):
            out.append(_f(k(name), "wrong_type", lang, expected="a list of strings"))
    if entry.get("status") is not None and entry.get("status") not in STATUSES:
        out.append(_f(k("status"), "codejson_bad_status", lang, field="status", values=", ".join(STATUSES)))
    out += _permissions(entry.get("permissions"), k("permissions"), lang)
    contact = entry.get("contact")
    if contact is not None:
        if not isinstance(contact, dict):
            out.append(_f(k("contact"), "wrong_type", lang, expected="an object"))
        else:
            email = contact.get("email")
            if not isinstance(email, str) or not email:
                out.append(_f(k("contact.email"), "required", lang, field="email"))
            elif not checks.is_email(email.removeprefix("mailto:")):
                out.append(_f(k("contact.email"), "bad_email", lang, field="email"))
    date = entry.get("date")
    if date is not None:
        if not isinstance(date, dict):
            out.append(_f(k("date"), "wrong_type", lang, expected="an object"))
        else:
            for name in ("created", "lastModified", "metadataLastUpdated"):
                v = date.get(name)
                if v is not None and (not isinstance(v, str) or not checks.is_date(v[:10])):
                    out.append(_f(k(f"date.{name}"), "bad_date", lang, field=name))
    return out


def _permissions(perm: Any, key: str, lang: str) -> list[Finding]:
    if perm is None:
        return []
    if not isinstance(perm, dict):
        return [_f(key, "wrong_type", lang, expected="an object")]
    out: list[Finding] = []
    usage = perm.get("usageType")
    if usage is None:
        out.append(_f(f"{key}.usageType", "required", lang, field="usageType"))
    elif usage not in USAGE_TYPES:
        out.append(_f(f"{key}.usageType", "one_of", lang, field="usageType", values=", ".join(USAGE_TYPES)))
    elif usage.startswith("exempt") and not perm.get("exemptionText"):
        out.append(_f(f"{key}.exemptionText", "required", lang, field="exemptionText"))
    licenses = perm.get("licenses")
    if licenses is None:
        if usage in ("openSource", "governmentWideReuse"):
            out.append(_f(f"{key}.licenses", "required", lang, field="licenses"))
        return out
    if not isinstance(licenses, list):
        return [*out, _f(f"{key}.licenses", "wrong_type", lang, expected="a list")]
    for i, lic in enumerate(licenses):
        lk = f"{key}.licenses[{i}]"
        if not isinstance(lic, dict):
            out.append(_f(lk, "wrong_type", lang, expected="an object"))
            continue
        name = lic.get("name")
        if name is not None and not isinstance(name, str):
            out.append(_f(f"{lk}.name", "wrong_type", lang, expected="a string"))
        url = lic.get("URL")
        if url is not None and (not isinstance(url, str) or not checks.is_url(url)):
            out.append(_f(f"{lk}.URL", "bad_url", lang, field="URL"))
        if not name and not url:
            out.append(_f(f"{lk}.name", "required", lang, field="name"))
    return out


def read_code_json(data: bytes, lang: str = DEFAULT_LANGUAGE) -> tuple[list[dict], list[Finding]]:
    """A code.json document (or one release object) → (releases, findings). Never raises for bad input."""
    try:
        doc = load_json(data)
    except ParseFailure as exc:
        return [], [_f("", "unreadable", lang, detail=str(exc))]
    if isinstance(doc, dict) and "releases" in doc:
        findings: list[Finding] = []
        version = doc.get("version")
        if version is not None and not (isinstance(version, str) and version.startswith("2.")):
            findings.append(_f("version", "unsupported_version", lang, version=version, supported="2.0.0"))
        if not isinstance(doc.get("agency"), str) or not doc.get("agency"):
            findings.append(_f("agency", "required", lang, field="agency"))
        releases = doc["releases"]
        if not isinstance(releases, list):
            return [], [*findings, _f("releases", "wrong_type", lang, expected="a list")]
        for i, rel in enumerate(releases):
            findings += validate_release(rel, lang, f"releases[{i}]")
        return [r for r in releases if isinstance(r, dict)], findings
    if isinstance(doc, dict):
        return [doc], validate_release(doc, lang)
    return [], [_f("", "wrong_type", lang, expected="an object")]


def release_from_scan(scan: ScanResult | None, *, name: str, url: str, license: str | None, description: str,
                      email: str, organization: str | None = None, tags: list[str] | None = None,
                      labor_hours: float = 0, status: str = "Development",
                      languages: list[str] | None = None) -> dict[str, Any]:
    """One ``releases[]`` entry from what the scan knows; the caller supplies what no scan can know."""
    ecos = sorted({c.ecosystem for c in scan.components} | {f.ecosystem for f in scan.files}) if scan else []
    release: dict[str, Any] = {
        "name": name,
        "repositoryURL": url,
        "description": description,
        "permissions": {
            "licenses": [{"name": license, "URL": f"https://spdx.org/licenses/{license}.html"}] if license else [],
            "usageType": "openSource",
        },
        "laborHours": labor_hours,
        "tags": tags or ecos or [name],
        "contact": {"email": email},
        "status": status,
        "vcs": "git",
        "languages": languages or ecos,
    }
    if organization:
        release["organization"] = organization
    if scan is not None and scan.revision:
        release["version"] = scan.revision[:12]
    return release


def write_code_json(releases: list[dict[str, Any]], agency: str, method: str = "projects") -> str:
    doc = {"version": SCHEMA_VERSION, "agency": agency, "measurementType": {"method": method},
           "releases": releases}
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
