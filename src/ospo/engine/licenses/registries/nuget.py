"""NuGet: the package's own .nuspec from the flat container, ``/<id>/<version>/<id>.nuspec`` (lower-cased).
``<license type="expression">`` is an SPDX expression; ``type="file"`` points into the package (not
downloaded: reported as unknown); the deprecated ``<licenseUrl>`` is kept as written (normalisation maps the
common URLs). XML through defusedxml."""

from __future__ import annotations

import urllib.parse

from ospo.engine.licenses.registries import Answer, PackageRef
from ospo.engine.licenses.registries.http import HttpOptions, get
from ospo.engine.safeparse import ParseFailure, parse_xml

_NUGET_DEPRECATED_URL = "https://aka.ms/deprecateLicenseUrl"


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def parse_nuspec(body: bytes) -> str | None:
    root = parse_xml(body)
    if _local(root.tag) != "package":
        raise ParseFailure("NuGet: not a nuspec (<package> root expected)")
    metadata = next((el for el in root if _local(el.tag) == "metadata"), None)
    if metadata is None:
        raise ParseFailure("NuGet: nuspec without <metadata>")
    url = None
    for el in metadata:
        name = _local(el.tag)
        text = (el.text or "").strip()
        if name == "license" and el.get("type", "expression") == "expression" and text:
            return text
        if name == "licenseUrl" and text and text != _NUGET_DEPRECATED_URL:
            url = text
    return url


def fetch(ref: PackageRef, base: str, options: HttpOptions) -> Answer:
    pid, ver = urllib.parse.quote(ref.name.lower()), urllib.parse.quote(ref.version.lower())
    url = f"{base.rstrip('/')}/{pid}/{ver}/{pid}.nuspec"
    return Answer(parse_nuspec(get(url, options, accept="application/xml")), url)
