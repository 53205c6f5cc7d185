"""Language selection and catalogs."""

from __future__ import annotations

import pytest

from ospo.engine.i18n import Catalog, normalize_language


@pytest.mark.parametrize(("raw", "expected"), [
    ("es_AR.UTF-8", "es"), ("pt_BR", "pt-BR"), ("pt", "pt-BR"), ("fr-CA", "fr"), ("de", "en"), (None, "en"),
    ("en_GB.UTF-8", "en"), ("pt-PT", "pt-BR"),
])
def test_normalize_language(raw, expected):
    assert normalize_language(raw) == expected


def test_catalog_falls_back_to_english_and_formats():
    cat = Catalog({"hi": {"en": "Hello {name}", "es": "Hola {name}", "pt-BR": "", "fr": "Bonjour {name}"}})
    assert cat.get("hi", "es", name="Ana") == "Hola Ana"
    assert cat.get("hi", "pt-BR", name="Ana") == "Hello Ana"
    assert cat.missing() == [("hi", "pt-BR")]
    assert cat.get("unknown", "fr") == "unknown"
