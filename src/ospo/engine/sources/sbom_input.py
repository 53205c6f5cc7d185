"""An SBOM file as an input: CycloneDX (JSON 1.2–1.7, XML) or SPDX 2.2/2.3 (JSON, tag-value).

Why read SBOMs at all: a supplier or a build pipeline may hand the office an SBOM instead of source, and
the platform must inventory, check licenses and compare it exactly like a scanned repository. The file
becomes a :class:`ScanResult` with one FileResult (so issues travel the same way), components located at
the SBOM's file name, and the edges the document gives.

The format is recognised from the content, not the file name: JSON with ``bomFormat``/``$schema`` is
CycloneDX, JSON with ``spdxVersion`` is SPDX, XML in a ``http://cyclonedx.org/schema/bom/1.x`` namespace is
CycloneDX, text starting with ``SPDXVersion:`` is SPDX tag-value. Anything else is a ScanResult with an
issue. All parsing goes through :mod:`ospo.engine.safeparse` (size cap, defusedxml, nesting guards).
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from ospo.engine.model import FileResult, ParseIssue, ScanResult
from ospo.engine.safeparse import MAX_FILE_BYTES, ParseFailure, check_size, decode_text, load_json, parse_xml
from ospo.engine.sources._sbom_cyclonedx import is_cyclonedx_json, is_cyclonedx_xml, read_cyclonedx, xml_to_json_shape
from ospo.engine.sources._sbom_spdx import is_spdx_json, is_spdx_tag_value, read_spdx, tag_value_to_json_shape

NOT_AN_SBOM = "not a CycloneDX (JSON/XML) or SPDX (JSON/tag-value) document"


def read_sbom(data: bytes, location: str) -> FileResult:
    """Read one SBOM's bytes. Raises only ParseFailure (bad or unrecognised document)."""
    check_size(data)
    fr = FileResult(path=location, ecosystem="sbom", extractor="sbom", kind="lockfile")
    head = data[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = decode_text(data[:256]).lstrip()[:16].encode()
    if head.startswith((b"{", b"[")):
        doc = load_json(data)
        if is_cyclonedx_json(doc):
            fr.extractor = "sbom-cyclonedx-json"
            read_cyclonedx(doc, fr, location)
        elif is_spdx_json(doc):
            fr.extractor = "sbom-spdx-json"
            read_spdx(doc, fr, location)
        else:
            raise ParseFailure(f"JSON but {NOT_AN_SBOM}")
        return fr
    if head.startswith(b"<"):
        root = parse_xml(data)
        if not is_cyclonedx_xml(root):
            tag = getattr(root, "tag", "?")
            raise ParseFailure(f"XML root {str(tag)[:120]!r} is {NOT_AN_SBOM} (SPDX RDF/XML is not read)")
        fr.extractor = "sbom-cyclonedx-xml"
        read_cyclonedx(xml_to_json_shape(root), fr, location)
        return fr
    text = decode_text(data)
    if is_spdx_tag_value(text):
        fr.extractor = "sbom-spdx-tag-value"
        doc, lines = tag_value_to_json_shape(text, fr)
        read_spdx(doc, fr, location, lines)
        return fr
    raise ParseFailure(NOT_AN_SBOM)


def _read_capped(path: Path) -> bytes:
    with open(path, "rb") as fh:
        data = fh.read(MAX_FILE_BYTES + 1)
    check_size(data)
    return data


def scan_sbom_file(path: Path | str, name: str) -> ScanResult:
    """Inventory one SBOM file. Never raises for a bad file: the problem is an issue of the result."""
    started = time.perf_counter()
    path = Path(path)
    location = path.name
    result = ScanResult(name=name, source=os.fspath(path))
    try:
        data = _read_capped(path)
        fr = read_sbom(data, location)
    except OSError as exc:
        result.issues.append(ParseIssue(location, f"cannot read file: {exc.strerror or exc}"))
        return result
    except ParseFailure as exc:
        result.issues.append(ParseIssue(location, str(exc)))
        return result
    except RecursionError:
        result.issues.append(ParseIssue(location, "document nested too deeply"))
        return result
    result.files.append(fr)
    result.components = sorted(fr.components, key=lambda c: (c.ecosystem, c.name, c.version or "", c.purl))
    result.edges = list(fr.edges)
    result.duration_s = time.perf_counter() - started
    return result
