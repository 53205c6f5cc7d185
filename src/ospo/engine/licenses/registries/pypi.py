"""PyPI JSON API: ``/pypi/<name>/<version>/json``; PEP 639 ``license_expression`` first, then ``license``, then
the ``License ::`` trove classifiers (many packages put a whole license text in ``license``: that is skipped
for the classifiers, which name the license)."""

from __future__ import annotations

import urllib.parse

from ospo.engine.licenses.registries import Answer, PackageRef, any_of
from ospo.engine.licenses.registries.http import HttpOptions, get
from ospo.engine.safeparse import ParseFailure, load_json

MAX_DECLARATION = 200  # longer "license" values are pasted texts, not names


def parse_pypi(body: bytes) -> str | None:
    doc = load_json(body)
    info = doc.get("info") if isinstance(doc, dict) else None
    if not isinstance(info, dict):
        raise ParseFailure("PyPI: no 'info' object")
    expr = info.get("license_expression")
    if isinstance(expr, str) and expr.strip():
        return expr.strip()
    lic = info.get("license")
    if isinstance(lic, str) and lic.strip() and len(lic.strip()) <= MAX_DECLARATION and "\n" not in lic.strip():
        return lic.strip()
    classifiers = info.get("classifiers")
    names = [c.rsplit("::", 1)[1].strip() for c in classifiers if isinstance(c, str)
             and c.startswith("License ::") and c.count("::") >= 2 and c.strip() != "License :: OSI Approved"] \
        if isinstance(classifiers, list) else []
    return any_of(names)


def fetch(ref: PackageRef, base: str, options: HttpOptions) -> Answer:
    url = f"{base.rstrip('/')}/pypi/{urllib.parse.quote(ref.name)}/{urllib.parse.quote(ref.version)}/json"
    return Answer(parse_pypi(get(url, options)), url)
