"""Models (token references, constraints, findings), admin registration, pages, messages, commands."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from ospo.platform.estate.models import Repository, Source, SourceKind
from ospo.platform.estate.secrets import SecretUnavailable, resolve, validate_reference
from ospo.platform.findings.models import (
    Decision,
    FindingStatus,
    HygieneFinding,
    LicenseFinding,
    Severity,
    VulnerabilityFinding,
)
from ospo.platform.inventory.models import Component
from ospo.platform.messages import CATALOG

ROOT = Path(__file__).resolve().parents[2]
OUR_APPS = ("estate", "scans", "inventory", "findings")


@pytest.mark.parametrize("ref", ["ghp_abcdefghijklmnopqrstuvwxyz0123456789", "glpat-xxxxxxxxxxxxxxxxxxxx",
                                 "env:ghp_abcdefghijklmnopqrstuvwxyz012345", "a" * 40, "plain", "env:",
                                 "env:1BAD", "store:../etc/passwd", "vault:x"])
def test_token_references_refuse_tokens_and_junk(ref):
    with pytest.raises(ValidationError):
        validate_reference(ref)


def test_token_references_resolve_from_env_and_store(monkeypatch, settings, tmp_path):
    monkeypatch.setenv("OSPO_T", "value-1")
    settings.OSPO_SECRET_STORE_DIR = tmp_path
    (tmp_path / "gitlab.gov").write_text("value-2\n")
    assert resolve("env:OSPO_T") == "value-1"
    assert resolve("store:gitlab.gov") == "value-2"
    assert resolve("") is None
    with pytest.raises(SecretUnavailable):
        resolve("store:missing")


@pytest.mark.django_db
def test_source_never_saves_a_token_in_clear(estate):
    with pytest.raises(ValidationError):
        Source.objects.create(agency=estate, kind=SourceKind.GITHUB, location="gov",
                              token_ref="ghp_abcdefghijklmnopqrstuvwxyz0123456789")
    assert not Source.objects.exists()


@pytest.mark.django_db
def test_repository_takes_its_agency_from_the_source_and_is_unique(estate):
    source = Source.objects.create(agency=estate, kind=SourceKind.GIT, location="https://x/y.git")
    repo = Repository.objects.create(source=source, name="y", location="https://x/y.git")
    assert repo.agency == estate
    with pytest.raises(IntegrityError), transaction.atomic():
        Repository.objects.create(source=source, name="y2", location="https://x/y.git")


@pytest.mark.django_db
def test_component_is_unique_by_purl():
    Component.objects.create(purl="pkg:npm/a@1", ecosystem="npm", name="a", version="1")
    with pytest.raises(IntegrityError), transaction.atomic():
        Component.objects.create(purl="pkg:npm/a@1", ecosystem="npm", name="a", version="1")


@pytest.mark.django_db
def test_findings_share_one_shape_and_dedupe_by_fingerprint(estate, django_user_model):
    source = Source.objects.create(agency=estate, kind=SourceKind.GIT, location="https://x/y.git")
    repo = Repository.objects.create(source=source, name="y", location="https://x/y.git")
    comp = Component.objects.create(purl="pkg:npm/a@1", ecosystem="npm", name="a", version="1")
    now = timezone.now()
    reviewer = django_user_model.objects.create(username="reviewer")
    waiver = Decision.objects.create(kind="waiver", finding_kind="license", scope_component=comp,
                                     rationale="internal use only", decided_by=reviewer)
    common = {"repository": repo, "component": comp, "first_seen": now, "last_seen": now, "title": "t"}
    lic = LicenseFinding.objects.create(fingerprint="l1", expression="AGPL-3.0-only", category="network_copyleft",
                                        severity=Severity.HIGH, status=FindingStatus.WAIVED, decision=waiver,
                                        **common)
    vuln = VulnerabilityFinding.objects.create(fingerprint="v1", advisory_id="GHSA-x", fixed_in="1.0.1", **common)
    hyg = HygieneFinding.objects.create(fingerprint="h1", check_id="lockfile", score=3.0, **common)
    assert (lic.kind, vuln.kind, hyg.kind) == ("license", "vulnerability", "hygiene")
    assert vuln.status == FindingStatus.OPEN and vuln.vex_state == "in_triage"
    with pytest.raises(IntegrityError), transaction.atomic():
        VulnerabilityFinding.objects.create(fingerprint="v1", advisory_id="GHSA-x", **common)


def test_every_model_has_an_admin():
    models = [m for label in OUR_APPS for m in apps.get_app_config(label).get_models()]
    assert len(models) >= 12
    assert [m.__name__ for m in models if not admin.site.is_registered(m)] == []


@pytest.mark.django_db
def test_admin_changelists_render(admin_client):
    for label in OUR_APPS:
        for model in apps.get_app_config(label).get_models():
            url = reverse(f"admin:{label}_{model._meta.model_name}_changelist")
            assert admin_client.get(url).status_code == 200, url


@pytest.mark.django_db
def test_private_pages_need_login(client):
    # the public sees aggregate figures (overview); scans need a role (see test_pages_views.py for the rest)
    assert client.get(reverse("web:overview")).status_code == 200
    resp = client.get(reverse("web:scans"))
    assert resp.status_code == 302 and "/accounts/login/" in resp["Location"]


@pytest.mark.django_db
def test_overview_and_repository_pages_show_the_inventory(admin_client, local_source):
    from ospo.platform.scans import queue, tasks

    repo = local_source.repositories.get(name="webapp")
    (scan,) = queue.enqueue([repo])
    queue.claim_next("w")
    tasks.scan_repository(scan.pk, worker="w")
    page = admin_client.get(reverse("web:overview")).content.decode()
    assert 'id="count-repositories">2<' in page and 'id="count-components">4<' in page
    page = admin_client.get(reverse("web:repository", args=[repo.pk])).content.decode()
    for name in ("express", "body-parser", "bytes", "jest"):
        assert f"<td>{name}</td>" in page
    filtered = admin_client.get(reverse("web:repository", args=[repo.pk]), {"ecosystem": "pypi"}).content.decode()
    assert "<td>express</td>" not in filtered


@pytest.mark.django_db
def test_language_choice_persists_and_pages_are_translated(admin_client):
    resp = admin_client.post(reverse("set_language"), {"language": "es", "next": "/"})
    assert resp.status_code == 302
    page = admin_client.get(reverse("web:overview")).content.decode()
    assert '<html lang="es">' in page and "Resumen del patrimonio" in page


def test_command_messages_exist_in_four_languages():
    assert CATALOG.missing() == []


@pytest.mark.parametrize("lang", ["es", "pt_BR", "fr"])
def test_template_translations_are_complete(lang):
    po = ROOT / "src" / "ospo" / "platform" / "locale" / lang / "LC_MESSAGES" / "django.po"
    text = po.read_text(encoding="utf-8")
    entries = [e for e in text.split("\n\n")[1:] if "msgid" in e]
    assert entries, po
    untranslated = [e for e in entries if e.rstrip().endswith('msgstr ""') or "#, fuzzy" in e]
    assert untranslated == []
    assert (po.with_suffix(".mo")).is_file()


def test_engine_commands_do_not_import_django():
    code = "import sys, ospo.cli; ospo.cli.build_parser(); print('django' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_demo_command_creates_admin_estate_and_scans(tmp_path):
    env = {**os.environ, "OSPO_DATA_DIR": str(tmp_path), "OSPO_LANG": "en"}
    env.pop("DATABASE_URL", None)
    env.pop("DJANGO_SETTINGS_MODULE", None)
    ospo = Path(sys.executable).parent / "ospo"
    run = subprocess.run([str(ospo), "demo", "--workers", "2"], capture_output=True, text=True, env=env, timeout=300)
    assert run.returncode == 0, run.stderr
    assert "user: admin  password: " in run.stdout
    password = (tmp_path / "admin_password").read_text().strip()
    assert password in run.stdout and oct((tmp_path / "admin_password").stat().st_mode & 0o777) == "0o600"
    assert " 0 failed" in run.stdout and (tmp_path / "ospo.sqlite3").is_file()
    again = subprocess.run([str(ospo), "demo", "--workers", "2"], capture_output=True, text=True, env=env, timeout=300)
    assert again.returncode == 0 and "Administrator account — user: admin" in again.stdout
