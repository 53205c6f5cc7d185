"""End to end in a real headless Chromium, in Spanish: an OSPO admin switches the interface to Spanish, creates a
Mission Model Canvas, adds a validated assumption with its evidence (an interview), starts an institutionalization
health check, answers it and sees the radar chart of its clusters. The platform runs in-process (live server);
the Spanish texts the test expects come from the platform's and the library's own catalogs, never typed in here.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.utils import translation
from e2e_harness import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ADMIN, PASSWORD = "ospo-programa", "e2e-Correct-Horse-8"
TEMPLATE = "institutionalization-health-check"


@pytest.fixture
def admin_account(transactional_db: Any, django_user_model: Any) -> Any:
    return django_user_model.objects.create_superuser(ADMIN, "programa@example.invalid", PASSWORD)


def es(text: str) -> str:
    """The Spanish of a platform message, from the compiled catalog (fails when it is missing)."""
    with translation.override("es"):
        out = translation.gettext(text)
    assert out != text, f"no Spanish translation for {text!r}"
    return out


def test_canvas_assumption_with_evidence_health_check_and_radar_in_spanish(
        page: Any, live_server: Any, admin_account: Any) -> None:
    from ospo.platform.programme.models import Assessment, Canvas
    from ospo.programme import assessment as lib
    from ospo.programme import canvas as libcanvas
    from ospo.programme.templates import get_template
    from ospo.programme.validate import text_in

    base = live_server.url
    login(page, base, ADMIN, PASSWORD, next_path="/programme/")

    # 1. Spanish, chosen in the header: it holds on the programme pages from then on.
    page.select_option("#language", "es")
    with page.expect_navigation():
        page.locator("form.lang button[type=submit]").click()
    assert page.locator("html").get_attribute("lang") == "es"

    # 2. A canvas: the form is in Spanish; creating it opens its page with the nine blocks.
    page.goto(f"{base}/programme/canvas/")
    assert page.locator("html").get_attribute("lang") == "es"
    page.get_by_label(es("Title")).fill("OSPO nacional 2026")
    with page.expect_navigation():
        page.get_by_role("button", name=es("Create canvas")).click()
    assert re.search(r"/programme/canvas/\d+/$", page.url), page.url
    canvas_url = page.url
    row = Canvas.objects.get(title="OSPO nacional 2026")
    assert page.locator("h1").inner_text().startswith(es("Mission Model Canvas"))
    for block in libcanvas.BLOCKS:
        assert page.locator(f"#b-{block}").inner_text() == libcanvas.LABELS.get(block, "es")

    # 3. An assumption, validated by an interview: the form offers Spanish block, status and evidence labels.
    statement = "Las agencias reutilizan el portal de trámites si hay soporte compartido"
    interview = "Entrevista con la Agencia de Gobierno Digital, marzo de 2026"
    form = page.locator("section[aria-labelledby=h-add] form")
    form.locator("#block").select_option(label=libcanvas.LABELS.get("beneficiaries", "es"))
    form.locator("#statement").fill(statement)
    form.locator("#priority").fill("2")
    form.locator("#status").select_option(label=libcanvas.LABELS.get("validated", "es"))
    form.locator("#evidence_kind").select_option(label=libcanvas.LABELS.get("interview", "es"))
    form.locator("#evidence_ref").fill(interview)
    form.locator("#evidence_note").fill("tres directores de TI")
    with page.expect_navigation():
        form.get_by_role("button", name=es("Add")).click()
    assert page.url == canvas_url
    assert page.get_by_text(es("Assumption added.")).count() == 1
    item = page.locator("section[aria-labelledby=b-beneficiaries] > ul > li").filter(has_text=statement)
    assert item.count() == 1
    assert item.locator(".badge").inner_text() == libcanvas.LABELS.get("validated", "es")
    evidence = item.locator("ul li").first.inner_text()
    assert evidence.startswith(es("Evidence")) and libcanvas.LABELS.get("interview", "es") in evidence
    assert interview in evidence and "tres directores de TI" in evidence
    stored = Canvas.objects.get(pk=row.pk).data["blocks"]["beneficiaries"]
    assert [(a["statement"], a["status"], [(e["kind"], e["ref"]) for e in a["evidence"]]) for a in stored] == [
        (statement, "validated", [("interview", interview)])]

    # 4. A health check of the OSPO: started from the assessments page, answered criterion by criterion.
    t = get_template(TEMPLATE)
    assert t is not None and len(t.clusters) >= 3  # a radar needs three axes
    page.goto(f"{base}/programme/assessments/")
    page.locator("#template").select_option(TEMPLATE)
    page.locator("#subject_kind").select_option("ospo")
    page.locator("#subject_name").fill("OSPO nacional")
    page.locator("#assessed_on").fill("2026-03-12")
    with page.expect_navigation():
        page.get_by_role("button", name=es("Start")).click()
    assert re.search(r"/programme/assessments/\d+/$", page.url), page.url
    assert page.locator("h1").inner_text().startswith(text_in(t.title, "es"))
    levels = {}
    for i, c in enumerate(t.criteria):  # a different level per criterion, so the clusters differ
        levels[c.id] = (i * 2 + 1) % (t.scale.max_level + 1)
        page.locator(f"#level-{c.id}").select_option(str(levels[c.id]))
    first = t.criteria[0].id
    page.locator(f"#notes-{first}").fill("Resolución ministerial vigente")
    page.locator(f"#link-{first}").fill("https://example.gob/resolucion-12")
    with page.expect_navigation():
        page.get_by_role("button", name=es("Save answers")).click()
    assert page.get_by_text(es("Answers saved.")).count() == 1
    saved = Assessment.objects.get(subject_name="OSPO nacional").to_library()
    assert {cid: a.level for cid, a in saved.answers.items()} == levels
    assert saved.answers[first].evidence[0].ref == "https://example.gob/resolucion-12"

    # 5. The radar: an accessible SVG titled in Spanish, one axis per cluster, the scores in its description
    #    and in the table beside it — the same scores the library computes from the stored answers.
    radar = page.locator("svg.chart.radar")
    assert radar.count() == 1 and radar.is_visible()
    box = radar.bounding_box()
    assert box is not None and box["width"] > 200 and box["height"] > 200
    assert radar.get_attribute("role") == "img"
    assert radar.locator(":scope > title").text_content() == es("Scores by cluster")
    assert radar.locator("polygon title").text_content() == "2026-03-12"  # the series: this assessment's date
    desc = radar.locator(":scope > desc").text_content() or ""
    scores = lib.score(saved, t)
    assert radar.locator("polygon").count() == 4 + 1  # four rings and this assessment's polygon
    for cl, sc in zip(t.clusters, scores.clusters, strict=True):
        title = text_in(cl.title, "es")
        assert title in desc, title
        cell = page.locator("table", has=page.locator("caption", has_text=es("Scores by cluster"))).locator(
            "tr", has=page.locator("th", has_text=title)).locator("td").first
        assert float(cell.inner_text().replace(",", ".")) == pytest.approx(sc.score, abs=0.05)
    labels = [radar.locator("text").nth(i).text_content() or "" for i in range(radar.locator("text").count())]
    n = len(t.clusters)  # the axis labels, in Spanish, then the legend naming the series
    assert all(lbl.rstrip("…") in text_in(cl.title, "es") for lbl, cl in zip(labels[:n], t.clusters, strict=True))
    assert labels[n:] == ["2026-03-12"]
