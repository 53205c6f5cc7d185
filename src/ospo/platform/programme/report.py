"""Monthly and annual programme reports: one Django template rendered to HTML, and the same HTML to PDF.

WeasyPrint renders the PDF from the very HTML the browser shows (inline SVG charts included), so there is one
layout to maintain and the charts in the PDF are the page's charts. It needs the Pango libraries from the
system (Debian: libpango-1.0-0 libpangoft2-1.0-0); it is imported only when a PDF is asked for.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Any

from django.db.models import Count
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ospo.programme import assessment as lib
from ospo.programme import cost as libcost
from ospo.programme import roadmap as libroadmap
from ospo.programme.validate import text_in

from . import charts, platformdata, services
from .models import OPEN_STATES, Assessment, ServiceRequest

PERIOD = re.compile(r"^(\d{4})(?:-(\d{2}))?$")
LANGS = {"en": "en", "es": "es", "pt-br": "pt-br", "pt-BR": "pt-br", "pt": "pt-br", "fr": "fr"}


class ReportError(ValueError):
    """A period or language the report does not know."""


def parse_period(period: str) -> tuple[dt.date, dt.date]:
    """``2026`` → the year; ``2026-03`` → the month (first and last day)."""
    m = PERIOD.match(period.strip())
    if not m:
        raise ReportError(period)
    year = int(m.group(1))
    if year < 1:
        raise ReportError(period)
    if m.group(2) is None:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    month = int(m.group(2))
    if not 1 <= month <= 12:
        raise ReportError(period)
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def django_language(lang: str) -> str:
    try:
        return LANGS[lang]
    except KeyError:
        raise ReportError(lang) from None


def build_context(period: str, start: dt.date, end: dt.date, lang: str) -> dict[str, Any]:
    """Everything the report shows, computed in ``lang`` (chart titles and library texts are translated)."""
    from .views import kpi_rows

    with translation.override(django_language(lang)):
        lg = translation.get_language()
        lib_lang = {"pt-br": "pt-BR"}.get(lg, lg)
        values = platformdata.kpi_values(None, start, end)
        rows = kpi_rows(values)
        per_agency, _total = platformdata.roll_up_by_agency(start, end)
        kpi_chart = charts.bars(_("Indicators against their targets (% of target)"),
                                [(r["title"], float(r["attainment"])) for r in rows if r["attainment"] is not None],
                                unit=" %")
        assessed = list(Assessment.objects.filter(assessed_on__gte=start, assessed_on__lte=end)
                        .order_by("assessed_on", "id"))
        a_rows, radar = [], ""
        for row in assessed:
            t = services.resolve_template(row.template_id)
            s = lib.score(row.to_library(), t) if t else None
            a_rows.append({"title": text_in(t.title, lib_lang) if t else row.template_id, "subject": row.subject_name,
                           "date": row.assessed_on, "score": None if s is None or s.overall is None
                           else f"{s.overall:.1f}", "signed": row.signed_off, "renew_by": row.renew_by})
            if t is not None and len(t.clusters) >= 3:
                radar = charts.radar(_("Latest %(template)s: scores by cluster") % {"template": text_in(t.title,
                                                                                                        lib_lang)},
                                     [text_in(cl.title, lib_lang) for cl in t.clusters],
                                     [(row.subject_name, [c.score for c in s.clusters])] if s else [])
        rm = platformdata.load_roadmap()
        prog = libroadmap.progress(rm)
        titles = {st.id: text_in(st.title, lib_lang) for st in rm.template.stages}
        roadmap_rows = [{"title": titles[p.stage], "done": p.done, "total": p.total, "percent": round(100 * p.ratio)}
                        for p in prog]
        roadmap_chart = charts.bars(_("Roadmap progress"), [(r["title"], float(r["percent"])) for r in roadmap_rows],
                                    maximum=100, unit=" %")
        start_dt = timezone.make_aware(dt.datetime.combine(start, dt.time.min))
        end_dt = timezone.make_aware(dt.datetime.combine(end, dt.time.max))
        opened = ServiceRequest.objects.filter(created_at__gte=start_dt, created_at__lte=end_dt)
        by_service = [(str(r["service__kind"]), r["n"]) for r in opened.values("service__kind").annotate(n=Count("id"))
                      .order_by("service__kind")]
        from .models import ServiceKind

        by_service = [(str(ServiceKind(k).label), n) for k, n in by_service]
        desk = {"opened": opened.count(),
                "resolved": ServiceRequest.objects.filter(resolved_at__gte=start_dt, resolved_at__lte=end_dt).count(),
                "overdue": ServiceRequest.objects.filter(state__in=[s.value for s in OPEN_STATES],
                                                         due_on__lt=min(end, timezone.localdate())).count(),
                "by_service": by_service}
        model = libcost.example_cost_model()
        return {
            "period": period, "start": start, "end": end, "lang": lg, "generated": timezone.localdate(),
            "kpis": rows, "kpi_chart": kpi_chart, "agencies": [(a.name, kpi_rows(v)) for a, v in per_agency],
            "assessments": a_rows, "radar": radar, "roadmap": roadmap_rows, "roadmap_chart": roadmap_chart,
            "current_stage": titles.get(libroadmap.current_stage(rm), ""), "desk": desk,
            "desk_chart": charts.bars(_("Requests opened by service"), [(k, float(n)) for k, n in by_service]),
            "cost": libcost.totals(model), "currency": model.currency,
            "monthly": (end - start).days < 40,
        }


def render_html(ctx: dict[str, Any], lang: str) -> str:
    with translation.override(django_language(lang)):
        return render_to_string("programme/report.html", ctx)


def render_pdf(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html, base_url=None).write_pdf()
