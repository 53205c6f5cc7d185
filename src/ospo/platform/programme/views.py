"""Programme pages. Server-rendered, no JavaScript; charts are inline SVG from :mod:`.charts`.

Access (see :mod:`.access`): programme pages need a government-wide role; service requests any role (agency
maintainers see their own requests only); the public dashboard and the service catalog are open to anonymous
visitors and show aggregates only.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ospo.engine.i18n import normalize_language
from ospo.programme import assessment as lib
from ospo.programme import canvas as libcanvas
from ospo.programme import cost as libcost
from ospo.programme import kpis as libkpis
from ospo.programme import research as libresearch
from ospo.programme import roadmap as libroadmap
from ospo.programme.validate import InvalidDocument, text_in

from . import charts, platformdata, services
from .access import any_role, is_programme_staff, programme_staff
from .models import (
    MAX_UPLOAD_BYTES,
    TRANSITIONS,
    Assessment,
    Canvas,
    EvidenceDocument,
    FundingEntry,
    Interview,
    KpiEntry,
    KpiSnapshot,
    KpiTarget,
    ProgrammeSettings,
    RequestAttachment,
    RequestComment,
    RequestState,
    Service,
    ServiceRequest,
)


def lang() -> str:
    """The library's language code for the active Django language (pt-br → pt-BR)."""
    return normalize_language(translation.get_language())


def _fmt(v: float | int | None) -> str:
    if v is None:
        return "–"
    return f"{v:,.1f}" if isinstance(v, float) else f"{v:,}"


def _upload_ok(request: HttpRequest, f: Any) -> bool:
    if f is None:
        return False
    if f.size > MAX_UPLOAD_BYTES:
        messages.error(request, _("The file is larger than %(mb)d MB; link to it instead.")
                       % {"mb": MAX_UPLOAD_BYTES // (1024 * 1024)})
        return False
    return True


@programme_staff
def index(request: HttpRequest) -> HttpResponse:
    rm = platformdata.load_roadmap()
    return render(request, "programme/index.html", {
        "assessments": Assessment.objects.count(), "canvases": Canvas.objects.count(),
        "interviews": Interview.objects.count(),
        "open_requests": ServiceRequest.objects.filter(state__in=[s.value for s in _open_states()]).count(),
        "stage": _stage_title(rm, libroadmap.current_stage(rm)),
    })


def _open_states() -> tuple[RequestState, ...]:
    from .models import OPEN_STATES

    return OPEN_STATES


# --- assessments ------------------------------------------------------------------------------------------------

def _score_view(row: Assessment) -> dict[str, Any]:
    a = row.to_library()
    t = services.resolve_template(a.template_id, a.template_version)
    if t is None:
        return {"a": a, "template": None}
    s = lib.score(a, t)
    lg = lang()
    clusters = [{"id": c.cluster, "title": text_in(cl.title, lg), "score": c.score, "score_s": _fmt(c.score),
                 "answered": c.answered, "applicable": c.applicable} for c, cl in zip(s.clusters, t.clusters,
                                                                                      strict=True)]
    return {"a": a, "template": t, "score": s, "overall_s": _fmt(s.overall), "clusters": clusters}


def _radar(rows: list[Assessment], title: str) -> str:
    """A radar over the clusters of the first row's template, one polygon per assessment."""
    t = services.resolve_template(rows[0].template_id)
    if t is None:
        return ""
    series = []
    for r in rows:
        s = lib.score(r.to_library(), t)
        series.append((f"{r.assessed_on.isoformat()}", [c.score for c in s.clusters]))
    axes = [text_in(cl.title, lang()) for cl in t.clusters]
    if len(axes) < 3:  # a radar needs three axes: fall back to the criteria
        axes = [text_in(c.title, lang()) for c in t.criteria]
        series = [(f"{r.assessed_on.isoformat()}", [_ratio(r.to_library(), c.id, t) for c in t.criteria])
                  for r in rows]
    return charts.radar(title, axes, series)


def _ratio(a: lib.Assessment, cid: str, t: Any) -> float | None:
    ans = a.answers.get(cid)
    return None if ans is None or ans.level is None else 100 * ans.level / t.scale.max_level


@programme_staff
def assessments(request: HttpRequest) -> HttpResponse:
    lg = lang()
    templates = [{"id": t.id, "title": text_in(t.title, lg), "version": t.version, "licence": t.licence,
                  "criteria": len(t.criteria), "subjects": t.subjects} for t in services.all_templates().values()]
    today = timezone.localdate()
    rows = Assessment.objects.all()[:500]
    from ospo.platform.estate.models import Repository

    return render(request, "programme/assessments.html", {
        "templates": templates, "rows": rows, "today": today,
        "due": [r for r in rows if r.renew_by and r.renew_by <= today + dt.timedelta(days=30)],
        "repositories": Repository.objects.filter(archived=False).order_by("name")[:500],
        "subject_kinds": ("ospo", "agency", "repository", "tender"),
    })


@programme_staff
@require_POST
def assessment_new(request: HttpRequest) -> HttpResponse:
    tid = request.POST.get("template", "")
    template = services.resolve_template(tid)
    kind = request.POST.get("subject_kind", "")
    name = request.POST.get("subject_name", "").strip()
    if template is None or kind not in template.subjects or not name:
        messages.error(request, _("Choose a template, a subject kind this template accepts, and a subject name."))
        return redirect("programme:assessments")
    try:
        day = dt.date.fromisoformat(request.POST.get("assessed_on") or timezone.localdate().isoformat())
    except ValueError:
        return HttpResponseBadRequest(_("Invalid date."))
    row = services.create_assessment(tid, lib.Subject(kind, name[:500], request.POST.get("subject_ref", "")[:2000]),
                                     day, request.user.get_username(), request.user)
    return redirect("programme:assessment", pk=row.pk)


@programme_staff
@require_POST
def assessment_import(request: HttpRequest) -> HttpResponse:
    f = request.FILES.get("file")
    if not _upload_ok(request, f):
        return redirect("programme:assessments")
    try:
        row = services.import_assessment(f.read(), request.user)
    except InvalidDocument as exc:
        for m in exc.messages(lang())[:20]:
            messages.error(request, m)
        return redirect("programme:assessments")
    messages.success(request, _("Assessment imported."))
    return redirect("programme:assessment", pk=row.pk)


@programme_staff
@require_POST
def assessment_readiness(request: HttpRequest) -> HttpResponse:
    from ospo.platform.estate.models import Repository

    repo = Repository.objects.filter(pk=request.POST.get("repository") or None).first()
    if repo is None:
        messages.error(request, _("Choose a repository."))
        return redirect("programme:assessments")
    row = services.prefill_repository(repo.location, timezone.localdate(), lang(), request.user,
                                      repository=repo, agency=repo.agency)
    messages.success(request, _("Readiness assessment pre-filled from the engine's results."))
    return redirect("programme:assessment", pk=row.pk)


@programme_staff
def assessment(request: HttpRequest, pk: int) -> HttpResponse:
    row = get_object_or_404(Assessment, pk=pk)
    ctx = _score_view(row)
    t = ctx["template"]
    lg = lang()
    hist = services.history(row)
    docs: dict[str, list[EvidenceDocument]] = {}
    for d in row.documents.all():
        docs.setdefault(d.criterion, []).append(d)
    criteria = []
    if t is not None:
        for cl in t.clusters:
            for c in cl.criteria:
                ans = ctx["a"].answers.get(c.id) or lib.Answer()
                criteria.append({"id": c.id, "cluster": text_in(cl.title, lg), "title": text_in(c.title, lg),
                                 "guidance": text_in(c.guidance, lg) if c.guidance else "",
                                 "evidence_kinds": c.evidence, "automatable": c.automatable, "answer": ans,
                                 "documents": docs.get(c.id, [])})
        ctx["levels"] = [{"level": lv.level, "label": text_in(lv.label, lg)} for lv in t.scale.levels]
        ctx["template_title"] = text_in(t.title, lg)
        previous = [h for h in hist if h.pk != row.pk and h.assessed_on <= row.assessed_on]
        radar_rows = ([previous[-1]] if previous else []) + [row]
        ctx["radar"] = _radar(radar_rows, _("Scores by cluster"))
        trend_points = [(h.assessed_on.isoformat(), lib.score(h.to_library(), t).overall) for h in hist]
        ctx["trend"] = charts.trend(_("Overall score over time"), trend_points) if len(hist) > 1 else ""
        ctx["trend_points"] = [(d, _fmt(v)) for d, v in trend_points]
    ctx.update({"row": row, "criteria": criteria, "history": hist, "today": timezone.localdate()})
    return render(request, "programme/assessment.html", ctx)


@programme_staff
@require_POST
def assessment_answer(request: HttpRequest, pk: int) -> HttpResponse:
    """Save the answer form: level or not applicable, notes, a link, an uploaded document per criterion."""
    row = get_object_or_404(Assessment, pk=pk)
    a = row.to_library()
    t = services.resolve_template(a.template_id)
    if t is None:
        raise Http404
    if a.sign_off is not None:
        messages.error(request, _("A signed-off assessment is final; start a new one to record changes."))
        return redirect("programme:assessment", pk=pk)
    for c in t.criteria:
        ans = a.answers.setdefault(c.id, lib.Answer())
        raw = request.POST.get(f"level-{c.id}")
        if raw is None:  # not in this form: leave the level alone, still take notes and evidence
            pass
        elif raw == "na":
            ans.level, ans.not_applicable = None, True
        elif raw == "":
            ans.level, ans.not_applicable = None, False
        else:
            try:
                level = int(raw)
            except ValueError:
                return HttpResponseBadRequest("level")
            if not 0 <= level <= t.scale.max_level:
                return HttpResponseBadRequest("level")
            if level != ans.level:
                ans.prefilled = False  # a person set it: no longer the engine's word
            ans.level, ans.not_applicable = level, False
        ans.notes = request.POST.get(f"notes-{c.id}", ans.notes)[:20000]
        link = request.POST.get(f"link-{c.id}", "").strip()
        if link:
            if not link.startswith(("https://", "http://")):
                messages.error(request, _("Links must start with http:// or https://."))
            else:
                ans.evidence.append(lib.EvidenceRef("link", link[:4000]))
        upload = request.FILES.get(f"file-{c.id}")
        if upload is not None and _upload_ok(request, upload):
            doc = EvidenceDocument.objects.create(assessment=row, criterion=c.id, file=upload,
                                                  name=upload.name[:255], size=upload.size, uploaded_by=request.user)
            ans.evidence.append(lib.EvidenceRef("document", f"document:{doc.pk}", doc.name))
    services.save_library(row, a)
    messages.success(request, _("Answers saved."))
    return redirect("programme:assessment", pk=pk)


@programme_staff
@require_POST
def assessment_signoff(request: HttpRequest, pk: int) -> HttpResponse:
    row = get_object_or_404(Assessment, pk=pk)
    a = row.to_library()
    if a.sign_off is None:
        a.sign_off = lib.SignOff(request.user.get_username(), timezone.localdate(),
                                 request.POST.get("note", "")[:2000])
        services.save_library(row, a)
        messages.success(request, _("Assessment signed off."))
    return redirect("programme:assessment", pk=pk)


@programme_staff
def assessment_export(request: HttpRequest, pk: int) -> HttpResponse:
    row = get_object_or_404(Assessment, pk=pk)
    resp = HttpResponse(services.export_assessment(row), content_type="application/json; charset=utf-8")
    resp["Content-Disposition"] = f'attachment; filename="{row.uid}.json"'
    return resp


@programme_staff
def assessment_compare(request: HttpRequest, pk: int, other: int) -> HttpResponse:
    before, after = get_object_or_404(Assessment, pk=pk), get_object_or_404(Assessment, pk=other)
    if before.assessed_on > after.assessed_on:
        before, after = after, before
    tb, ta = services.resolve_template(before.template_id), services.resolve_template(after.template_id)
    if tb is None or ta is None or before.template_id != after.template_id:
        return HttpResponseBadRequest(_("Only assessments made with the same template can be compared."))
    cmp = lib.compare(before.to_library(), after.to_library(), tb, ta)
    lg = lang()
    titles = {c.id: text_in(c.title, lg) for c in ta.criteria}
    cl_titles = {cl.id: text_in(cl.title, lg) for cl in ta.clusters}
    return render(request, "programme/compare.html", {
        "before": before, "after": after, "radar": _radar([before, after], _("Scores by cluster")),
        "criteria": [{"title": titles.get(d.criterion, d.criterion), "before": d.before, "after": d.after,
                      "delta": d.delta} for d in cmp.criteria],
        "clusters": [{"title": cl_titles.get(c, c), "before": _fmt(b), "after": _fmt(a)} for c, b, a in cmp.clusters],
        "overall": (_fmt(cmp.overall[0]), _fmt(cmp.overall[1])),
    })


@programme_staff
def evidence_document(request: HttpRequest, pk: int) -> FileResponse:
    doc = get_object_or_404(EvidenceDocument, pk=pk)
    return FileResponse(doc.file.open("rb"), as_attachment=True, filename=doc.name)


# --- canvas and research -----------------------------------------------------------------------------------------

@programme_staff
def canvases(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        title = request.POST.get("title", "").strip()
        if title:
            row = services.new_canvas(title[:300])
            return redirect("programme:canvas", pk=row.pk)
        messages.error(request, _("A canvas needs a title."))
    return render(request, "programme/canvases.html", {"rows": Canvas.objects.order_by("-updated_at")})


def _block_choices() -> list[tuple[str, str]]:
    return [(b, libcanvas.LABELS.get(b, lang())) for b in libcanvas.BLOCKS]


@programme_staff
def canvas(request: HttpRequest, pk: int) -> HttpResponse:
    row = get_object_or_404(Canvas, pk=pk)
    lg = lang()
    blocks = [{"id": b, "title": libcanvas.LABELS.get(b, lg),
               "items": [{**a, "status_label": libcanvas.LABELS.get(a["status"], lg),
                          "evidence": [{**e, "kind_label": libcanvas.LABELS.get(e["kind"], lg)
                                        if e.get("kind") in libcanvas.EVIDENCE_KINDS else e.get("kind", "")}
                                       for e in a.get("evidence", [])]}
                         for a in sorted(row.data["blocks"].get(b, []), key=lambda x: -x["priority"])]}
              for b in libcanvas.BLOCKS]
    versions = list(row.versions.order_by("-version"))
    changes = libcanvas.diff(versions[0].data, row.data) if versions else None
    return render(request, "programme/canvas.html", {
        "row": row, "blocks": blocks, "block_choices": _block_choices(), "versions": versions, "changes": changes,
        "statuses": [(s, libcanvas.LABELS.get(s, lg)) for s in libcanvas.STATUSES],
        "evidence_kinds": [(k, libcanvas.LABELS.get(k, lg)) for k in libcanvas.EVIDENCE_KINDS],
    })


def _evidence_from(request: HttpRequest) -> libcanvas.Evidence | None:
    kind, ref = request.POST.get("evidence_kind", ""), request.POST.get("evidence_ref", "").strip()
    if not ref:
        return None
    if kind not in libcanvas.EVIDENCE_KINDS:
        raise ValidationError("kind")
    return libcanvas.Evidence(kind, ref[:2000], request.POST.get("evidence_note", "")[:500])


@programme_staff
@require_POST
def canvas_assumption(request: HttpRequest, pk: int) -> HttpResponse:
    row = get_object_or_404(Canvas, pk=pk)
    statement = request.POST.get("statement", "").strip()
    try:
        priority = int(request.POST.get("priority") or 0)
        services.add_assumption(row, request.POST.get("block", ""), statement[:2000], priority, _evidence_from(request),
                                request.POST.get("status", "to-test"))
        messages.success(request, _("Assumption added."))
    except (ValueError, ValidationError):
        messages.error(request, _("The assumption was not added: check the block, the status and the evidence "
                                  "(a validated or invalidated assumption needs evidence)."))
    return redirect("programme:canvas", pk=pk)


@programme_staff
@require_POST
def canvas_status(request: HttpRequest, pk: int, aid: str) -> HttpResponse:
    row = get_object_or_404(Canvas, pk=pk)
    try:
        services.set_assumption_status(row, aid, request.POST.get("status", ""), _evidence_from(request))
        messages.success(request, _("Assumption updated."))
    except KeyError:
        raise Http404 from None
    except (ValueError, ValidationError):
        messages.error(request, _("A validated or invalidated assumption needs evidence."))
    return redirect("programme:canvas", pk=pk)


@programme_staff
@require_POST
def canvas_snapshot(request: HttpRequest, pk: int) -> HttpResponse:
    row = get_object_or_404(Canvas, pk=pk)
    v = services.snapshot_canvas(row, request.POST.get("note", "")[:500])
    messages.success(request, _("Version %(n)d saved.") % {"n": v.version})
    return redirect("programme:canvas", pk=pk)


@programme_staff
def canvas_print(request: HttpRequest, pk: int, version: int | None = None) -> HttpResponse:
    """The library's one-page printable HTML (self-contained; the browser prints it to A4 landscape)."""
    row = get_object_or_404(Canvas, pk=pk)
    if version is None:
        data, on = row.data, timezone.localdate()
    else:
        v = get_object_or_404(row.versions, version=version)
        data, on = v.data, v.taken_on
    return HttpResponse(libcanvas.render_html(libcanvas.canvas_from_dict(data), lang(), version, on))


def _csv(value: str) -> list[str]:
    return [p.strip()[:100] for p in value.split(",") if p.strip()][:50]


@programme_staff
def research(request: HttpRequest) -> HttpResponse:
    guide = libresearch.method_guide()
    lg = lang()
    if request.method == "POST":
        try:
            held = dt.date.fromisoformat(request.POST.get("held_on", ""))
        except ValueError:
            held = None
        group = request.POST.get("group", "")
        if held is None or group not in libresearch.GROUPS:
            messages.error(request, _("An interview needs a date and a stakeholder group."))
        else:
            quotes = []
            for line in request.POST.get("quotes", "").splitlines():
                theme, sep, text = line.partition(":")
                if sep and text.strip():
                    quotes.append({"theme": theme.strip()[:100], "text": text.strip()[:2000]})
            topics = [t for t in request.POST.getlist("topics") if t in {tp.id for tp in guide.topics}]
            Interview.objects.create(held_on=held, group=group, interviewee=request.POST.get("interviewee", "")[:200],
                                     notes=request.POST.get("notes", "")[:50000], topics=topics,
                                     tags=_csv(request.POST.get("tags", "")),
                                     themes=_csv(request.POST.get("themes", "")), quotes=quotes)
            messages.success(request, _("Interview recorded."))
            return redirect("programme:research")
    rows = list(Interview.objects.all()[:1000])
    syn = libresearch.synthesize([libresearch.Interview(str(r.pk), r.held_on, r.group, r.notes, r.topics, r.tags,
                                                        r.themes, [libresearch.Quote(q["text"], q["theme"])
                                                                   for q in r.quotes]) for r in rows], guide)
    topic_titles = {t.id: text_in(t.title, lg) for t in guide.topics}
    return render(request, "programme/research.html", {
        "rows": rows, "synthesis": syn, "groups": libresearch.GROUPS,
        "guide": [{"id": t.id, "title": text_in(t.title, lg), "questions": [text_in(q, lg) for q in t.questions]}
                  for t in guide.topics],
        "uncovered": [topic_titles.get(t, t) for t in syn.uncovered_topics],
        "themes_chart": charts.bars(_("Themes raised"), [(k, float(v)) for k, v in syn.theme_counts[:15]]),
    })


# --- roadmap -----------------------------------------------------------------------------------------------------

def _stage_title(rm: libroadmap.Roadmap, stage_id: str) -> str:
    return next((text_in(s.title, lang()) for s in rm.template.stages if s.id == stage_id), stage_id)


@programme_staff
def roadmap(request: HttpRequest) -> HttpResponse:
    rm = platformdata.load_roadmap()
    lg = lang()
    today = timezone.localdate()
    late = set(libroadmap.overdue(rm, today))
    prog = {p.stage: p for p in libroadmap.progress(rm)}
    stages = [{"id": s.id, "title": text_in(s.title, lg), "done": prog[s.id].done, "total": prog[s.id].total,
               "percent": round(100 * prog[s.id].ratio),
               "items": [{"id": it.id, "title": text_in(it.title, lg), "verify": it.verify,
                          "state": rm.state(it.id), "overdue": it.id in late} for it in s.items]}
              for s in rm.template.stages]
    return render(request, "programme/roadmap.html", {
        "stages": stages, "statuses": libroadmap.STATUSES, "current": _stage_title(rm, libroadmap.current_stage(rm)),
        "chart": charts.bars(_("Roadmap progress"), [(s["title"], float(s["percent"])) for s in stages],
                             maximum=100, unit=" %"),
    })


@programme_staff
@require_POST
def roadmap_item(request: HttpRequest, item_id: str) -> HttpResponse:
    rm = platformdata.load_roadmap()
    due = request.POST.get("due") or None
    try:
        libroadmap.set_status(rm, item_id, request.POST.get("status", ""), request.POST.get("owner", "")[:200],
                              dt.date.fromisoformat(due) if due else None)
    except KeyError:
        raise Http404 from None
    except ValueError:
        return HttpResponseBadRequest("status")
    platformdata.save_roadmap(rm)
    return redirect("programme:roadmap")


@programme_staff
@require_POST
def roadmap_verify(request: HttpRequest) -> HttpResponse:
    _rm, changed = platformdata.verify_roadmap()
    messages.success(request, _("Roadmap checked against the platform's data: %(n)d item(s) changed.")
                     % {"n": len(changed)})
    return redirect("programme:roadmap")


# --- service desk ------------------------------------------------------------------------------------------------

def service_catalog(request: HttpRequest) -> HttpResponse:
    """Public: what the OSPO offers and how fast (no request data is shown here)."""
    return render(request, "programme/services.html",
                  {"services": Service.objects.filter(active=True, public=True)})


@any_role
def request_new(request: HttpRequest, kind: str) -> HttpResponse:
    service = get_object_or_404(Service, kind=kind, active=True)
    if request.method == "POST":
        title = request.POST.get("title", "").strip()
        if not title:
            messages.error(request, _("A request needs a title."))
        else:
            req = services.create_request(service, title[:300], request.user, lang(),
                                          description=request.POST.get("description", "")[:50000],
                                          target=request.POST.get("target", "").strip()[:1000])
            messages.success(request, _("Request opened; due by %(date)s.") % {"date": req.due_on.isoformat()})
            return redirect("programme:request", pk=req.pk)
    return render(request, "programme/request_new.html", {"service": service})


@any_role
def requests_list(request: HttpRequest) -> HttpResponse:
    rows = ServiceRequest.objects.select_related("service", "assignee", "requester")
    if not is_programme_staff(request.user):  # agency people follow their own requests
        rows = rows.filter(requester=request.user)
    state = request.GET.get("state", "")
    if state == "open":
        rows = rows.filter(state__in=[s.value for s in _open_states()])
    elif state in RequestState.values:
        rows = rows.filter(state=state)
    today = timezone.localdate()
    return render(request, "programme/requests.html", {
        "rows": [(r, r.overdue(today)) for r in rows[:500]], "state": state, "states": RequestState.choices,
    })


@any_role
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    req = get_object_or_404(ServiceRequest.objects.select_related("service"), pk=pk)
    staff = is_programme_staff(request.user)
    if not staff and req.requester_id != request.user.pk:
        raise Http404
    if request.method == "POST" and not staff and request.POST.get("action") not in ("comment", "attach", "link"):
        raise PermissionDenied
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "comment" and request.POST.get("body", "").strip():
            RequestComment.objects.create(request=req, author=request.user, body=request.POST["body"][:20000])
        elif action == "attach":
            f = request.FILES.get("file")
            if _upload_ok(request, f):
                RequestAttachment.objects.create(request=req, file=f, name=f.name[:255], size=f.size,
                                                 uploaded_by=request.user)
        elif action == "link":
            link = request.POST.get("link", "").strip()
            if link.startswith(("https://", "http://", "/")):
                req.evidence_links = [*req.evidence_links, link[:2000]][:100]
                req.save(update_fields=["evidence_links"])
        elif action == "assign":
            user = get_user_model().objects.filter(pk=request.POST.get("assignee") or None).first()
            req.assignee = user
            req.save(update_fields=["assignee"])
        elif action == "state":
            try:
                services.transition(req, request.POST.get("state", ""))
            except services.WorkflowError:
                messages.error(request, _("This change of state is not allowed."))
        elif action == "vet" and req.target:
            from .vetting import attach_vetting

            attach_vetting(req, lang())
        return redirect("programme:request", pk=pk)
    return render(request, "programme/request.html", {
        "req": req, "overdue": req.overdue(), "next_states": [(s, RequestState(s).label)
                                                              for s in TRANSITIONS.get(req.state, ())],
        "users": get_user_model().objects.filter(is_active=True, is_staff=True).order_by("username")[:200],
        "comments": req.comments.select_related("author"), "attachments": req.attachments.all(),
    })


@any_role
def request_attachment(request: HttpRequest, pk: int) -> FileResponse:
    att = get_object_or_404(RequestAttachment, pk=pk)
    if not is_programme_staff(request.user) and att.request.requester_id != request.user.pk:
        raise Http404
    return FileResponse(att.file.open("rb"), as_attachment=True, filename=att.name)


# --- cost, KPIs, dashboard, reports ------------------------------------------------------------------------------

@programme_staff
def cost(request: HttpRequest) -> HttpResponse:
    model = libcost.example_cost_model()
    streams = {s.id for s in model.funding_streams}
    if request.method == "POST":
        year, stream = request.POST.get("year", ""), request.POST.get("stream", "")
        try:
            amount = int(request.POST.get("amount", ""))
        except ValueError:
            amount = -1
        if year not in libcost.YEARS or stream not in streams or amount < 0:
            messages.error(request, _("Choose a year, a funding stream and a whole, non-negative amount."))
        else:
            FundingEntry.objects.update_or_create(year=year, stream=stream, defaults={"amount": amount})
        return redirect("programme:cost")
    lg = lang()
    funding: dict[str, dict[str, int]] = {}
    for e in FundingEntry.objects.all():
        funding.setdefault(e.year, {})[e.stream] = int(e.amount)
    cov = libcost.coverage(model, funding)
    totals = libcost.totals(model)
    cats = []
    for c in model.categories:
        cats.append({"title": text_in(c.title, lg), "items": [
            {"title": text_in(it.title, lg), **{y: it.amounts.get(y) for y in libcost.YEARS}} for it in c.items],
            **{f"total_{y}": libcost.category_totals(model, y)[c.id] for y in libcost.YEARS}})
    stream_titles = {s.id: text_in(s.title, lg) for s in model.funding_streams}
    return render(request, "programme/cost.html", {
        "model": model, "categories": cats, "totals": totals, "coverage": [
            {"year": c.year, "funded": c.funded, "need": c.need, "ratio_low": _fmt(100 * c.ratio_low)
             if c.ratio_low is not None else "–", "ratio_high": _fmt(100 * c.ratio_high)
             if c.ratio_high is not None else "–", "gap_low": c.gap_low, "gap_high": c.gap_high,
             "shares": [(stream_titles.get(k, k), _fmt(100 * v)) for k, v in c.shares.items()]} for c in cov],
        "streams": [(s.id, stream_titles[s.id]) for s in model.funding_streams], "years": libcost.YEARS,
        "reconcile": libcost.reconcile(model),
    })


def kpi_rows(values: list[libkpis.KpiValue]) -> list[dict[str, Any]]:
    lg = lang()
    defs = {k.id: k for k in libkpis.method_kpis()}
    out = []
    for v in values:
        k = defs[v.id]
        note = ""
        if v.value is None and k.compute is not None and k.compute[1][0] in platformdata.NOTES:
            note = {"catalog": _("needs the reuse catalog (not installed)"),
                    "contributors": _("no contributor count yet: the published repositories are remote or not "
                                      "scanned")}[platformdata.NOTES[k.compute[1][0]]]
        att = v.attainment
        out.append({"id": v.id, "title": text_in(k.title, lg), "unit": k.unit, "source": k.source,
                    "direction": k.direction, "value": v.value, "value_s": _fmt(v.value), "target": v.target,
                    "target_s": _fmt(v.target), "attainment": None if att is None else round(100 * att),
                    "note": note})
    return out


@programme_staff
def kpis(request: HttpRequest) -> HttpResponse:
    from ospo.platform.estate.models import Agency

    if request.method == "POST":
        kpi = request.POST.get("kpi", "")
        known = {k.id: k for k in libkpis.method_kpis()}
        agency = Agency.objects.filter(pk=request.POST.get("agency") or None).first()
        try:
            value = float(request.POST.get("value", ""))
        except ValueError:
            value = None
        action = request.POST.get("action")
        if action == "snapshot":
            platformdata.take_snapshot()
        elif kpi not in known or value is None:
            messages.error(request, _("Choose an indicator and a number."))
        elif action == "target":
            KpiTarget.objects.update_or_create(kpi=kpi, agency=agency, defaults={"target": value})
        elif action == "entry" and known[kpi].source == "entered":
            try:
                period = dt.date.fromisoformat((request.POST.get("period") or "") + "-01")
            except ValueError:
                period = timezone.localdate().replace(day=1)
            KpiEntry.objects.create(kpi=kpi, agency=agency, period=period, value=value, entered_by=request.user)
        return redirect("programme:kpis")
    per_agency, total = platformdata.roll_up_by_agency()
    history = list(KpiSnapshot.objects.filter(agency__isnull=True).order_by("taken_on")[:120])
    rows = kpi_rows(total)
    trend_charts = []
    for r in rows:
        pts = [(s.taken_on.isoformat(), s.values.get(r["id"])) for s in history]
        if sum(1 for _, v in pts if v is not None) > 1:
            top = max(v for _, v in pts if v is not None) or 1
            trend_charts.append(charts.trend(r["title"], pts, maximum=100 if r["unit"] == "percent" else top * 1.2))
    return render(request, "programme/kpis.html", {
        "rows": rows, "agencies": [(a, kpi_rows(v)) for a, v in per_agency], "history": history,
        "all_agencies": Agency.objects.order_by("name"), "definitions": libkpis.method_kpis(),
        "entered": [k for k in libkpis.method_kpis() if k.source == "entered"], "trend_charts": trend_charts,
        "entries": KpiEntry.objects.select_related("agency")[:50],
    })


def dashboard(request: HttpRequest) -> HttpResponse:
    """Public: government-wide aggregates only (no repository, agency-internal finding or request detail)."""
    if not ProgrammeSettings.current().public_dashboard:
        raise Http404
    rm = platformdata.load_roadmap()
    prog = libroadmap.progress(rm)
    rows = kpi_rows(platformdata.kpi_values())
    return render(request, "programme/dashboard.html", {
        "rows": rows, "services": Service.objects.filter(active=True, public=True).count(),
        "stage": _stage_title(rm, libroadmap.current_stage(rm)),
        "roadmap_chart": charts.bars(_("Roadmap progress"), [(_stage_title(rm, p.stage), 100 * p.ratio)
                                                             for p in prog], maximum=100, unit=" %"),
    })


@programme_staff
def report(request: HttpRequest) -> HttpResponse:
    from .report import ReportError, build_context, parse_period, render_html, render_pdf

    period = request.GET.get("period", str(timezone.localdate().year))
    fmt = request.GET.get("format", "html")
    report_lang = request.GET.get("lang") or translation.get_language()
    try:
        start, end = parse_period(period)
    except ReportError:
        return HttpResponseBadRequest(_("The period is a year (2026) or a month (2026-03)."))
    ctx = build_context(period, start, end, report_lang)
    html = render_html(ctx, report_lang)
    if fmt == "pdf":
        resp = HttpResponse(render_pdf(html), content_type="application/pdf")
        resp["Content-Disposition"] = f'attachment; filename="ospo-report-{period}.pdf"'
        return resp
    return HttpResponse(html)
