"""npm registry: ``/<name>/<version>`` (one version's manifest; scoped names are ``@scope%2fname``). ``license``
is a string (SPDX expression, or "SEE LICENSE IN …"); very old packages have ``licenses: [{type}]``."""

from __future__ import annotations

import urllib.parse

from ospo.engine.licenses.registries import Answer, PackageRef, any_of
from ospo.engine.licenses.registries.http import HttpOptions, get
from ospo.engine.safeparse import ParseFailure, load_json


def parse_npm(body: bytes) -> str | None:
    doc = load_json(body)
    if not isinstance(doc, dict):
        raise ParseFailure("npm: the version document is not an object")
    lic = doc.get("license")
    if isinstance(lic, str) and lic.strip():
        return lic.strip()
    if isinstance(lic, dict) and isinstance(lic.get("type"), str) and lic["type"].strip():
        return lic["type"].strip()
    old = doc.get("licenses")
    if isinstance(old, list):
        names = [x.get("type").strip() for x in old if isinstance(x, dict) and isinstance(x.get("type"), str)
                 and x.get("type").strip()]
        return any_of(names)
    return None


def fetch(ref: PackageRef, base: str, options: HttpOptions) -> Answer:
    name = f"{ref.namespace}/{ref.name}" if ref.namespace else ref.name
    url = f"{base.rstrip('/')}/{urllib.parse.quote(name, safe='@')}/{urllib.parse.quote(ref.version)}"
    return Answer(parse_npm(get(url, options)), url)
