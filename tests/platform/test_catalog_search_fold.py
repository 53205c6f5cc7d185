"""Catalog search (issue 7): accent-insensitive words in es/pt/fr, paging over the lazy id list, the total and the
facets computed by the database — the same answers on SQLite and PostgreSQL (``.ci/run`` runs this on both)."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from django.apps import apps as django_apps
from django.core.cache import cache

from ospo.catalog.searchtext import fold, query_words
from ospo.platform.catalog import search
from ospo.platform.catalog.models import Entry
from ospo.platform.estate.models import Agency, Government


@pytest.fixture
def gov(db):  # type: ignore[no-untyped-def]
    cache.clear()
    return Government.objects.create(name="República", country="UY")


def names(params: dict[str, str]) -> list[str]:
    ids, _ = search.search_entries(params, use_cache=False)
    by_pk = Entry.objects.in_bulk(ids)
    return [by_pk[pk].name for pk in ids]


def test_fold_removes_diacritics_and_case_only():
    assert fold("Gestión ÉDUCATION Educação Pùblica") == "gestion education educacao publica"
    assert fold("Œuvre Straße") == "oeuvre strasse"
    assert query_words("  Gestión   de  Expedientes ") == ["gestion", "de", "expedientes"]
    assert query_words(" ".join(f"w{i}" for i in range(20))) == [f"w{i}" for i in range(8)]


def test_accented_and_unaccented_words_find_each_other(gov):
    Entry.objects.create(name="Gestión de expedientes", description="Trámites municipales", license="MIT")
    Entry.objects.create(name="gestion-des-dossiers", description="Démarches en ligne pour les mairies")
    Entry.objects.create(name="Educação aberta", description="Plataforma de ensino público")
    Entry.objects.create(name="Case tracker", description="manages cases")
    assert names({"q": "gestion"}) == ["Gestión de expedientes", "gestion-des-dossiers"]
    assert names({"q": "GESTIÓN"}) == ["Gestión de expedientes", "gestion-des-dossiers"]
    assert names({"q": "educacao"}) == ["Educação aberta"]
    assert names({"q": "publico ensino"}) == ["Educação aberta"]
    assert names({"q": "démarches mairies"}) == ["gestion-des-dossiers"]
    assert names({"q": "tramites"}) == ["Gestión de expedientes"]
    assert names({"q": "gestión expedientes dossiers"}) == []  # every word must match
    # the REST filter and the CSV/JSON export use the same folded words
    assert [e.name for e in search.filtered({"q": "Educacão"})] == ["Educação aberta"]


def test_page_shows_one_slice_and_the_total_within_selections(gov, client):
    a, b = (Agency.objects.create(government=gov, name=f"Agencia {k}", slug=k) for k in "ab")
    for i in range(130):
        Entry.objects.create(
            name=f"sistema-{i:03d}",
            description="gestión" if i % 2 else "gestion",
            license="MIT" if i % 3 else "EUPL-1.2",
            publisher=a if i % 5 else b,
            language="Go" if i % 7 else "Python",
        )
    Entry.objects.create(name="otro", description="nada")
    expected = [f"sistema-{i:03d}" for i in range(130) if i % 3 and i % 5]  # MIT and Agencia a
    params = {"q": "gestion", "license": "MIT", "agency": "Agencia a"}
    assert names(params) == expected
    _, facets = search.search_entries(params, use_cache=False)
    # each facet within the other selections
    assert {f["value"]: f["n"] for f in facets["license"]} == {
        "MIT": sum(1 for i in range(130) if i % 3 and i % 5),
        "EUPL-1.2": sum(1 for i in range(130) if i % 3 == 0 and i % 5),
    }
    assert {f["value"]: f["n"] for f in facets["agency"]} == dict(
        Counter("Agencia a" if i % 5 else "Agencia b" for i in range(130) if i % 3)
    )
    assert {f["value"]: f["n"] for f in facets["language"]} == dict(
        Counter("Go" if i % 7 else "Python" for i in range(130) if i % 3 and i % 5)
    )
    for page, want in ((1, expected[:50]), (2, expected[50:])):
        html = client.get("/catalog/", {**params, "page": page}).content.decode()
        assert re.search(r'id="result-count">\s*(\d+)', html).group(1) == str(len(expected))
        shown = re.findall(r">(sistema-\d{3})</a>", html)
        assert shown == want
    # an agency name no agency has: nothing, and its facet lists nothing selected
    assert names({"q": "gestion", "agency": "Agencia z"}) == []
    html = client.get("/catalog/", {"q": "gestion", "agency": "Agencia z"}).content.decode()
    assert re.search(r'id="result-count">\s*0', html)


def test_facet_block_follows_the_language_and_the_catalog(gov, client):
    Entry.objects.create(name="Gestión", license="MIT")
    en = client.get("/catalog/", {"q": "gestion"}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    es = client.get("/catalog/", {"q": "gestion"}, HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "MIT</a> (1)" in en and "MIT</a> (1)" in es
    heading = re.compile(r'id="facet-license">([^<]+)<')
    assert heading.search(en).group(1) == "License" and heading.search(es).group(1) != "License"
    Entry.objects.create(name="gestion bis", license="MIT")
    again = client.get("/catalog/", {"q": "gestion"}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "MIT</a> (2)" in again  # a new entry changes the generation: the cached block is not reused


def test_migration_refolds_stored_search_text(gov):
    import importlib

    migration = importlib.import_module("ospo.platform.catalog.migrations.0004_fold_search_text")
    e = Entry.objects.create(name="Gestión Pública", description="Educação")
    Entry.objects.filter(pk=e.pk).update(search_text="gestión pública educação")  # as stored before folding
    assert names({"q": "gestion"}) == []
    migration.forwards(django_apps, None)
    assert names({"q": "gestion publica educacao"}) == ["Gestión Pública"]


def test_rows_show_the_translated_status_and_a_cut_description(gov, client):
    Entry.objects.create(name="Largo", description="x" * 170, status="recommended")
    Entry.objects.create(name="Corto", description="breve", status="deprecated", status_reason="old")
    en = client.get("/catalog/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    es = client.get("/catalog/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert f"<small>{'x' * 159}…</small>" in en and "<small>breve</small>" in en
    assert "<td>recommended</td>" in en and "<td>deprecated</td>" in en
    assert "<td>recommended</td>" not in es and "<td>deprecated</td>" not in es  # Spanish labels
