"""Helpers for the stored-inventory round-trip tests: the engine's documents for a repository, normalisation of
what legitimately differs (serial, timestamp, SPDX namespace), and the schema validators."""

from __future__ import annotations

import functools
import importlib.util
import json
from pathlib import Path
from typing import Any

from cyclonedx.schema import SchemaVersion
from cyclonedx.validation.json import JsonStrictValidator
from spdx_tools.spdx.parser.jsonlikedict.json_like_dict_parser import JsonLikeDictParser
from spdx_tools.spdx.validation.document_validator import validate_full_spdx_document

from ospo.engine.api import scan_input
from ospo.engine.model import ScanResult
from ospo.engine.sbom import cyclonedx, spdx
from ospo.platform.estate.models import Repository
from ospo.platform.scans.ingest import ingest
from ospo.platform.scans.models import Scan, ScanStatus
from ospo.platform.scans.tasks import engine_input, run_engine

CDX = JsonStrictValidator(SchemaVersion.V1_6)
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "inventory_graph"


def engine_result(repo: Repository) -> ScanResult:
    """What ``ospo scan`` reads for this repository: the same input and ref the platform's task hands over."""
    spec, options = engine_input(repo)
    return scan_input(spec, options)


def store(repo: Repository) -> Scan:
    scan = Scan.objects.create(repository=repo, status=ScanStatus.RUNNING)
    ingest(scan, run_engine(repo))
    return scan


def normal_cdx(text: str) -> dict[str, Any]:
    doc = json.loads(text)
    doc.pop("serialNumber")
    doc["metadata"].pop("timestamp")
    return doc


def normal_spdx(text: str) -> dict[str, Any]:
    doc = json.loads(text)
    doc.pop("documentNamespace")
    doc["creationInfo"].pop("created")
    return doc


def engine_documents(result: ScanResult) -> tuple[dict[str, Any], dict[str, Any]]:
    return normal_cdx(cyclonedx.to_json(result)), normal_spdx(spdx.to_json(result))


@functools.cache
def spdx_schema():  # type: ignore[no-untyped-def]
    """The official SPDX 2.3 JSON schema as shipped by lib4sbom (a dev requirement; tests/test_sbom_spdx.py reads
    it the same way)."""
    spec = importlib.util.find_spec("lib4sbom")
    assert spec is not None and spec.submodule_search_locations, "lib4sbom (dev requirement) is not installed"
    import jsonschema

    path = Path(next(iter(spec.submodule_search_locations))) / "schemas" / "spdx" / "2.3-schema.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    assert schema.get("title") == "SPDX 2.3"
    return jsonschema.Draft7Validator(schema)


def assert_valid_cdx(text: str) -> None:
    assert CDX.validate_str(text) is None


def assert_valid_spdx(text: str) -> None:
    doc = json.loads(text)
    messages = validate_full_spdx_document(JsonLikeDictParser().parse(doc))
    assert not messages, [m.validation_message for m in messages[:5]]
    errors = list(spdx_schema().iter_errors(doc))
    assert not errors, [e.message for e in errors[:5]]
