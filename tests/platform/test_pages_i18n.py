"""Languages on the pages: every string the page templates and views mark is translated in es, pt-BR and fr
(checked against the compiled catalogs, so a forgotten compilemessages fails too), and pages render translated."""

from __future__ import annotations

import gettext
import re
from pathlib import Path

import pytest
from django.urls import reverse
from pages_helpers import build

WEB = Path(__file__).resolve().parents[2] / "src" / "ospo" / "platform" / "web"
LOCALE = WEB.parent / "locale"
TRANS = re.compile(r"""{%\s*trans\s+(?:"([^"]+)"|'([^']+)')""")
BLOCK = re.compile(r"{%\s*blocktrans\b(.*?)%}(.*?){%\s*endblocktrans\s*%}", re.S)
VAR = re.compile(r"{{\s*(\w+)\s*}}")
PY = re.compile(r"""\b_\("([^"]+)"\)""")


def page_messages() -> tuple[set[str], set[str]]:
    """(singular msgids, plural msgids) marked in the pages' templates and Python modules."""
    single: set[str] = set()
    plural: set[str] = set()
    for tpl in (WEB / "templates").rglob("*.html"):
        text = tpl.read_text(encoding="utf-8")
        single |= {a or b for a, b in TRANS.findall(text)}
        single |= set(PY.findall(text))  # {{ value|default:_("…") }}
        for args, body in BLOCK.findall(text):
            body = VAR.sub(r"%(\1)s", body)
            if "count" in args.split():
                plural.add(body.split("{% plural %}")[0])
            else:
                single.add(body)
    for module in WEB.glob("*.py"):
        single |= set(PY.findall(module.read_text(encoding="utf-8")))
    return single, plural


def test_the_extraction_sees_the_pages_strings():
    single, plural = page_messages()
    assert {"Download CycloneDX 1.6 (JSON)", "Where used", "Components per ecosystem",
            "This page refreshes every %(refresh)s seconds."} <= single
    assert "%(n)s repository" in plural and len(single) > 80


@pytest.mark.parametrize("lang", ["es", "pt_BR", "fr"])
def test_every_page_string_is_translated(lang):
    with (LOCALE / lang / "LC_MESSAGES" / "django.mo").open("rb") as f:
        catalog = gettext.GNUTranslations(f)._catalog  # type: ignore[attr-defined]
    single, plural = page_messages()
    missing = sorted(m for m in single if not catalog.get(m))
    missing += sorted(m for m in plural if not catalog.get((m, 0)) or not catalog.get((m, 1)))
    assert missing == []


@pytest.mark.django_db
def test_pages_render_in_spanish_and_the_choice_persists(admin_client, local_source):
    estate = build(local_source)
    resp = admin_client.post(reverse("set_language"), {"language": "es", "next": "/"})
    assert resp.status_code == 302
    pages = {
        "overview": ("web:overview", [], ["Resumen del patrimonio", "Categorías de licencia", "Tendencias",
                                          "<title>Componentes por ecosistema</title>", "permisiva"]),
        "agency": ("web:agency", [estate.parent.pk], ["Organismos dependientes",
                                                      "Las cifras incluyen los organismos dependientes."]),
        "repository": ("web:repository", [estate.webapp.pk], ["Descargar CycloneDX 1.6 (JSON)", "Ruta de dependencia",
                                                              "a través de 2 paquetes"]),
        "scans": ("web:scans", [], ["Análisis de repositorios"]),
        "search": ("web:search", [], ["Repositorio, componente (nombre o purl) u organismo"]),
    }
    for name, (route, args, expected) in pages.items():
        page = admin_client.get(reverse(route, args=args)).content.decode()
        assert '<html lang="es">' in page, name
        for text in expected:
            assert text in page, (name, text)
    page = admin_client.get(reverse("web:overview")).content.decode()  # the choice persisted
    assert "Resumen del patrimonio" in page


@pytest.mark.django_db
def test_pages_render_in_portuguese_and_french(admin_client, local_source):
    estate = build(local_source)
    for code, text in (("pt-br", "Onde é usado"), ("fr", "Où il est utilisé")):
        admin_client.post(reverse("set_language"), {"language": code, "next": "/"})
        express = estate.webapp.usages.get(component__name="express").component
        page = admin_client.get(reverse("web:component", args=[express.pk])).content.decode()
        assert text in page and f'<html lang="{code}">' in page
