"""Packagist p2 metadata: ``/p2/<vendor>/<name>.json``. Its version list is *minified*: each entry only holds
the fields that changed since the previous one, and ``"__unset"`` removes a field (Composer's
MetadataMinifier). So the list is expanded in order before the wanted version's ``license`` is read. A
license array means any of them (Composer's documentation): joined with OR."""

from __future__ import annotations

import urllib.parse

from ospo.engine.licenses.registries import Answer, PackageRef, any_of
from ospo.engine.licenses.registries.http import HttpOptions, get
from ospo.engine.safeparse import ParseFailure, load_json


def _bare(version: str) -> str:
    return version.strip().lower().removeprefix("v")


def parse_packagist(body: bytes, package: str, version: str) -> str | None:
    doc = load_json(body)
    packages = doc.get("packages") if isinstance(doc, dict) else None
    if not isinstance(packages, dict):
        raise ParseFailure("Packagist: no 'packages' object")
    versions = packages.get(package)
    if not isinstance(versions, list):
        raise ParseFailure(f"Packagist: no versions for {package}")
    minified = doc.get("minified") == "composer/2.0"
    current: dict = {}
    wanted = _bare(version)
    for entry in versions:
        if not isinstance(entry, dict):
            continue
        if minified:
            for k, v in entry.items():
                if v == "__unset":
                    current.pop(k, None)
                else:
                    current[k] = v
            full = current
        else:
            full = entry
        names = (full.get("version"), full.get("version_normalized"))
        if any(isinstance(n, str) and _bare(n) == wanted for n in names):
            lic = full.get("license")
            if isinstance(lic, str) and lic.strip():
                return lic.strip()
            if isinstance(lic, list):
                items = [x.strip() for x in lic if isinstance(x, str) and x.strip()]
                return any_of(items)
            return None
    raise ParseFailure(f"Packagist: version {version} of {package} not listed")


def fetch(ref: PackageRef, base: str, options: HttpOptions) -> Answer:
    package = f"{ref.namespace}/{ref.name}" if ref.namespace else ref.name
    url = f"{base.rstrip('/')}/p2/{urllib.parse.quote(package.lower())}.json"
    return Answer(parse_packagist(get(url, options), package.lower(), ref.version), url)
