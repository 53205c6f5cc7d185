"""SBOM downloads from the stored inventory: valid CycloneDX 1.6 and SPDX 2.3, faithful to what was scanned."""

from __future__ import annotations

import json

import pytest
from cyclonedx.schema import SchemaVersion
from cyclonedx.validation.json import JsonStrictValidator
from django.urls import reverse
from pages_helpers import build
from spdx_tools.spdx.parser.jsonlikedict.json_like_dict_parser import JsonLikeDictParser
from spdx_tools.spdx.validation.document_validator import validate_full_spdx_document

from ospo.engine.api import ScanOptions, scan_input
from ospo.platform.inventory.models import Usage
from ospo.platform.web import sbom

pytestmark = pytest.mark.django_db
CDX = JsonStrictValidator(SchemaVersion.V1_6)


@pytest.fixture
def estate_pages(local_source):  # type: ignore[no-untyped-def]
    return build(local_source)


def download(client, name: str, pk: int):  # type: ignore[no-untyped-def]
    resp = client.get(reverse(name, args=[pk]))
    assert resp.status_code == 200
    assert resp["Content-Disposition"].startswith("attachment; filename=")
    return resp.content.decode()


def test_cyclonedx_download_is_valid_and_matches_the_engine(admin_client, estate_pages):
    text = download(admin_client, "web:sbom_cyclonedx", estate_pages.webapp.pk)
    assert CDX.validate_str(text) is None
    doc = json.loads(text)
    engine = scan_input(estate_pages.webapp.location, ScanOptions(ref="HEAD"))
    assert {c["purl"] for c in doc["components"]} == {c.purl for c in engine.components}
    deps = {d["ref"]: set(d["dependsOn"]) for d in doc["dependencies"]}
    express = next(c.purl for c in engine.components if c.name == "express")
    body = next(c.purl for c in engine.components if c.name == "body-parser")
    assert body in deps[express]
    root = deps[f"ospo:root:{estate_pages.webapp.name}"]
    assert root == {c.purl for c in engine.components if c.direct}
    jest = next(c for c in doc["components"] if c["name"] == "jest")
    assert jest["scope"] == "excluded" and {"name": "ospo:scope", "value": "development"} in jest["properties"]
    assert next(c for c in doc["components"] if c["name"] == "express")["licenses"][0]["license"]["id"] == "MIT"
    # the same stored inventory downloads the same document
    assert download(admin_client, "web:sbom_cyclonedx", estate_pages.webapp.pk) == text


def test_spdx_download_is_valid(admin_client, estate_pages):
    for repo in (estate_pages.webapp, estate_pages.api):
        text = download(admin_client, "web:sbom_spdx", repo.pk)
        doc = json.loads(text)
        messages = validate_full_spdx_document(JsonLikeDictParser().parse(doc))
        assert not messages, [m.validation_message for m in messages[:5]]
        names = {p["name"] for p in doc["packages"]}
        stored = set(Usage.objects.filter(repository=repo).values_list("component__name", flat=True))
        assert names == stored | {repo.name}
    rels = {(r["spdxElementId"], r["relationshipType"]) for r in json.loads(
        download(admin_client, "web:sbom_spdx", estate_pages.webapp.pk))["relationships"]}
    assert any(t == "DEPENDS_ON" for _, t in rels) and any(t == "DEV_DEPENDENCY_OF" for _, t in rels)


def test_hostile_stored_rows_still_give_valid_documents(admin_client, estate_pages):
    """Rows edited by hand or by an older version: junk paths and locations are skipped, never a 500."""
    u = Usage.objects.filter(repository=estate_pages.webapp, component__name="bytes").get()
    u.dependency_path = ["pkg:npm/nowhere@1", 7, None, u.component.purl]
    u.locations = [{"path": "x", "line": "NaN"}, "junk", {"line": 3}]
    u.scope = "weird"
    u.save()
    assert CDX.validate_str(download(admin_client, "web:sbom_cyclonedx", estate_pages.webapp.pk)) is None
    doc = json.loads(download(admin_client, "web:sbom_spdx", estate_pages.webapp.pk))
    assert not validate_full_spdx_document(JsonLikeDictParser().parse(doc))


def test_public_download_of_a_published_repository_has_no_scan_issues(client, estate_pages):
    scan = estate_pages.webapp.scans.get()
    scan.errors = [{"path": "secret/internal.lock", "message": "cannot parse", "severity": "error"}]
    scan.save()
    assert "secret/internal.lock" not in download(client, "web:sbom_cyclonedx", estate_pages.webapp.pk)
    assert "secret/internal.lock" in sbom.cyclonedx_json(estate_pages.webapp)


def test_filename_is_safe(estate_pages):
    estate_pages.webapp.name = '../evil"\r\nname'
    assert sbom.filename(estate_pages.webapp, "spdx") == "evil---name.spdx.json"


def test_public_download_does_not_reveal_the_server_path(client, estate_pages):
    repo = estate_pages.webapp
    private = sbom.cyclonedx_json(repo)
    public = download(client, "web:sbom_cyclonedx", repo.pk)
    source = next(p["value"] for p in json.loads(private)["metadata"]["component"]["properties"]
                  if p["name"] == "ospo:source")
    public_source = next(p["value"] for p in json.loads(public)["metadata"]["component"]["properties"]
                         if p["name"] == "ospo:source")
    assert public_source in {repo.web_url, repo.name}
    if source.startswith("/"):
        assert source not in public
