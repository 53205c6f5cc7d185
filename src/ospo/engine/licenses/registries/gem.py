"""RubyGems: ``/api/v2/rubygems/<name>/versions/<version>.json`` → ``licenses`` (a list; RubyGems documents
several licenses as a choice, so they are joined with OR, as the gemspec extractor does)."""

from __future__ import annotations

import urllib.parse

from ospo.engine.licenses.registries import Answer, PackageRef, any_of
from ospo.engine.licenses.registries.http import HttpOptions, get
from ospo.engine.safeparse import ParseFailure, load_json


def parse_gem(body: bytes) -> str | None:
    doc = load_json(body)
    if not isinstance(doc, dict):
        raise ParseFailure("RubyGems: the version document is not an object")
    lic = doc.get("licenses")
    if isinstance(lic, str) and lic.strip():
        return lic.strip()
    if isinstance(lic, list):
        names = [x.strip() for x in lic if isinstance(x, str) and x.strip()]
        return any_of(names)
    return None


def fetch(ref: PackageRef, base: str, options: HttpOptions) -> Answer:
    url = (f"{base.rstrip('/')}/api/v2/rubygems/{urllib.parse.quote(ref.name)}/versions/"
           f"{urllib.parse.quote(ref.version)}.json")
    return Answer(parse_gem(get(url, options)), url)
