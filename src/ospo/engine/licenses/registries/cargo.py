"""crates.io: ``/api/v1/crates/<name>/<version>`` → ``version.license`` (an SPDX expression; old crates use
"MIT/Apache-2.0", which normalisation reads as OR). crates.io requires a User-Agent, which http.get sends."""

from __future__ import annotations

import urllib.parse

from ospo.engine.licenses.registries import Answer, PackageRef
from ospo.engine.licenses.registries.http import HttpOptions, get
from ospo.engine.safeparse import ParseFailure, load_json


def parse_cargo(body: bytes) -> str | None:
    doc = load_json(body)
    version = doc.get("version") if isinstance(doc, dict) else None
    if not isinstance(version, dict):
        raise ParseFailure("crates.io: no 'version' object")
    lic = version.get("license")
    return lic.strip() if isinstance(lic, str) and lic.strip() else None


def fetch(ref: PackageRef, base: str, options: HttpOptions) -> Answer:
    url = f"{base.rstrip('/')}/api/v1/crates/{urllib.parse.quote(ref.name)}/{urllib.parse.quote(ref.version)}"
    return Answer(parse_cargo(get(url, options)), url)
