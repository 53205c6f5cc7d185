"""The programme in the platform: pages, assessments, canvas, roadmap verification, service desk, KPIs, reports."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from ospo.platform.programme import charts, platformdata, services
from ospo.platform.programme.messages import CATALOG
from ospo.platform.programme.models import (
    Assessment,
    Canvas,
    KpiEntry,
    KpiTarget,
    ProgrammeSettings,
    RoadmapItem,
    Service,
    ServiceRequest,
)
from ospo.platform.programme.report import ReportError, parse_period
from ospo.programme import assessment as lib
from ospo.programme.templates import get_template

from fuzzing import FUZZ_SETTINGS

FIX = Path(__file__).resolve().parent.parent / "fixtures" / "programme_platform"
pytestmark = pytest.mark.django_db


def _client(client, django_user_model, role: str | None, agency=None):  # type: ignore[no-untyped-def]
    from ospo.platform.access.models import RoleMembership

    user = django_user_model.objects.create_user(f"u-{role}", password="pw-123456789")
    if role:
        RoleMembership.objects.create(user=user, role=role, agency=agency)
    client.force_login(user)
    return client, user


@pytest.fixture
def staff(client, django_user_model):  # type: ignore[no-untyped-def]
    return _client(client, django_user_model, "staff")[0]


def _upload(client, name: str):  # type: ignore[no-untyped-def]
    data = (FIX / name).read_bytes()
    resp = client.post(reverse("programme:assessment_import"), {"file": SimpleUploadedFile(name, data)})
    assert resp.status_code == 302, resp
    return Assessment.objects.get(uid=json.loads(data)["id"]), data


# --- assessments ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "overall", "clusters"), [
    ("health-check-2025.json", 100 * 23 / 45, [70.0, 60.0, 20.0]),
    ("readiness.json", 100 * 39 / 50, [80.0, 75.0, 80.0]),
    ("tender.json", 100 * 28 / 45, [75.0, 50.0, 100 * 8 / 15]),
])
def test_instruments_import_score_export_reimport_identically(staff, name, overall, clusters):
    row, data = _upload(staff, name)
    t = get_template(row.template_id)
    s = lib.score(row.to_library(), t)
    assert s.overall == pytest.approx(overall)
    assert [c.score for c in s.clusters] == pytest.approx(clusters)
    exported = staff.get(reverse("programme:assessment_export", args=[row.pk]))
    assert exported.status_code == 200 and exported.content == data  # what came in goes out, byte for byte
    row.delete()
    again, _ = _upload(staff, name)  # re-import the export: identical again
    assert staff.get(reverse("programme:assessment_export", args=[again.pk])).content == data
    page = staff.get(reverse("programme:assessment", args=[again.pk]))
    assert page.status_code == 200 and f"{overall:.1f}".encode() in page.content


def test_import_refuses_invalid_document_with_paths(staff):
    doc = json.loads((FIX / "tender.json").read_bytes())
    doc["answers"]["oss-allowed"]["level"] = 9
    resp = staff.post(reverse("programme:assessment_import"),
                      {"file": SimpleUploadedFile("bad.json", json.dumps(doc).encode())}, follow=True)
    assert not Assessment.objects.exists()
    assert b"answers.oss-allowed.level" in resp.content


def test_answer_form_evidence_signoff_and_radar_trend(staff):
    before, _ = _upload(staff, "health-check-2025.json")
    row, _ = _upload(staff, "health-check-2026.json")
    url = reverse("programme:assessment_answer", args=[row.pk])
    big = SimpleUploadedFile("big.pdf", b"x" * (10 * 1024 * 1024 + 1))
    staff.post(url, {"level-integrated-strategy": "3", "notes-integrated-strategy": "estrategia",
                     "link-integrated-strategy": "https://example.org/plan", "file-formal-mandate": big,
                     "file-oss-policies": SimpleUploadedFile("politica.pdf", b"%PDF-1.4 policy")})
    a = Assessment.objects.get(pk=row.pk).to_library()
    ans = a.answers["integrated-strategy"]
    assert ans.level == 3 and ans.notes == "estrategia" and ans.evidence[0].ref == "https://example.org/plan"
    assert [e.kind for e in a.answers["oss-policies"].evidence] == ["document"]
    assert a.answers["formal-mandate"].evidence == []  # over the size cap: refused
    doc = row.documents.get()
    assert staff.get(reverse("programme:evidence_document", args=[doc.pk])).getvalue() == b"%PDF-1.4 policy"
    page = staff.get(reverse("programme:assessment", args=[row.pk])).content.decode()
    assert page.count('role="img"') == 2 and "<title>" in page  # radar (2025 vs 2026) and trend
    assert "2025-03-10" in page and "2026-03-12" in page
    cmp = staff.get(reverse("programme:assessment_compare", args=[before.pk, row.pk])).content.decode()
    assert 'class="chart radar"' in cmp and "51.1" in cmp
    staff.post(reverse("programme:assessment_signoff", args=[row.pk]), {"note": "ok"})
    staff.post(url, {"level-integrated-strategy": "0"})
    a = Assessment.objects.get(pk=row.pk).to_library()
    assert a.sign_off is not None and a.answers["integrated-strategy"].level == 3  # final once signed


def test_readiness_prefilled_from_engine(staff, local_source):
    repo = local_source.repositories.get(name="webapp")
    resp = staff.post(reverse("programme:assessment_readiness"), {"repository": repo.pk})
    row = Assessment.objects.get()
    assert resp.status_code == 302 and row.repository == repo and row.template_id == "pre-publication-readiness"
    a, t = row.to_library(), get_template("pre-publication-readiness")
    assert t.automatable
    for c in t.automatable:  # every automatable criterion carries the engine's word
        assert a.answers[c.id].prefilled
        assert a.answers[c.id].evidence and all(e.kind == "engine-result" for e in a.answers[c.id].evidence)
    assert not any(a.answers[c.id].prefilled for c in t.criteria if not c.automatable)


# --- canvas and research ------------------------------------------------------------------------------------------

def test_canvas_assumptions_evidence_versions_print(staff):
    staff.post(reverse("programme:canvases"), {"title": "OSPO nacional"})
    row = Canvas.objects.get()
    url = reverse("programme:canvas_assumption", args=[row.pk])
    staff.post(url, {"block": "beneficiaries", "statement": "Las agencias quieren reutilizar", "status": "validated"})
    assert not row.data["blocks"]["beneficiaries"]  # validated without evidence: refused by the library
    staff.post(url, {"block": "beneficiaries", "statement": "Las agencias quieren reutilizar", "status": "validated",
                     "evidence_kind": "interview", "evidence_ref": "entrevista-3"})
    row.refresh_from_db()
    item = row.data["blocks"]["beneficiaries"][0]
    assert item["status"] == "validated" and item["evidence"][0]["ref"] == "entrevista-3"
    staff.post(reverse("programme:canvas_snapshot", args=[row.pk]), {"note": "v1"})
    staff.post(reverse("programme:canvas_status", args=[row.pk, item["id"]]), {"status": "invalidated"})
    page = staff.get(reverse("programme:canvas", args=[row.pk])).content.decode()
    assert "1 changed status" in page
    printed = staff.get(reverse("programme:canvas_version_print", args=[row.pk, 1])).content.decode()
    assert "Las agencias quieren reutilizar" in printed and "validated" in printed and "<script" not in printed


def test_research_synthesis(staff):
    for themes in ("compras, seguridad", "compras"):
        staff.post(reverse("programme:research"), {"held_on": "2026-04-01", "group": "procurement-legal",
                                                   "themes": themes, "quotes": "compras: no sabemos cómo licitar"})
    page = staff.get(reverse("programme:research")).content.decode()
    assert "no sabemos cómo licitar" in page and "<td class=\"num\">2</td>" in page


# --- roadmap --------------------------------------------------------------------------------------------------------

def test_roadmap_verified_from_platform_data(staff, estate):
    from ospo.platform.estate.models import Source, SourceKind

    assert platformdata.verify("central-repository-registered") is False
    assert platformdata.verify("service-catalog-published") is True  # the six default services
    assert platformdata.verify("recommended-license-list") is False
    RoadmapItem.objects.create(item_id="central-repository", status="done")  # claimed, but no data yet
    _rm, _changed = platformdata.verify_roadmap()
    keyed = {it.verify: it.id for s in _rm.template.stages for it in s.items if it.verify}
    central = keyed["central-repository-registered"]
    assert RoadmapItem.objects.get(item_id=central).status != "done"
    Source.objects.create(agency=estate, kind=SourceKind.GIT, location="https://git.example.org/x.git")
    st = ProgrammeSettings.current()
    st.license_policy = "version: 1\noutbound: [EUPL-1.2, MIT]\n"
    st.save()
    staff.post(reverse("programme:roadmap_verify"))
    assert RoadmapItem.objects.get(item_id=central).status == "done"
    assert RoadmapItem.objects.get(item_id=keyed["service-catalog-published"]).verified is True
    if "recommended-license-list" in keyed:
        assert RoadmapItem.objects.get(item_id=keyed["recommended-license-list"]).status == "done"
    Service.objects.update(public=False)
    platformdata.verify_roadmap()
    assert RoadmapItem.objects.get(item_id=keyed["service-catalog-published"]).status == "in-progress"


# --- service desk --------------------------------------------------------------------------------------------------

def test_service_request_workflow_sla_and_visibility(client, django_user_model, estate):
    maint, user = _client(client, django_user_model, "maintainer", estate)
    service = Service.objects.get(kind="license-review")
    assert maint.get(reverse("programme:services")).status_code == 200
    maint.post(reverse("programme:request_new", args=["license-review"]), {"title": "Revisar GPL"})
    req = ServiceRequest.objects.get()
    assert req.requester == user and req.due_on == timezone.localdate() + dt.timedelta(days=service.sla_days)
    assert not req.overdue()
    maint.post(reverse("programme:request", args=[req.pk]), {"action": "comment", "body": "¿Novedades?"})
    assert req.comments.count() == 1
    maint.post(reverse("programme:request", args=[req.pk]), {"action": "state", "state": "resolved"})
    req.refresh_from_db()
    assert req.state == "new"  # a requester does not move the workflow
    with pytest.raises(services.WorkflowError):
        services.transition(req, "resolved")
    services.transition(req, "triaged")
    services.transition(req, "in-progress")
    ServiceRequest.objects.filter(pk=req.pk).update(due_on=timezone.localdate() - dt.timedelta(days=1))
    req.refresh_from_db()
    assert req.overdue()
    services.transition(req, "resolved")
    assert not req.overdue() and req.resolved_at is not None
    other = ServiceRequest.objects.create(service=service, title="ajena", requester=None)
    assert maint.get(reverse("programme:request", args=[other.pk])).status_code == 404
    assert [r.title for r, _ in maint.get(reverse("programme:requests")).context["rows"]] == ["Revisar GPL"]
    assert maint.get(reverse("programme:assessments")).status_code == 403


def test_adoption_vetting_report_attached(staff, local_source):
    repo = local_source.repositories.get(name="webapp")
    staff.post(reverse("programme:request_new", args=["adoption-vetting"]),
               {"title": "Adoptar webapp", "target": repo.location})
    req = ServiceRequest.objects.get()
    rep = req.vetting_report
    assert rep["schema"] == "ospo.vetting-report/1" and rep["target"] == repo.location
    assert rep["inventory"]["components"] > 0 and rep["licenses"]["decisions"]
    assert rep["hygiene"]["checks"] and "vulnerabilities" in rep
    page = staff.get(reverse("programme:request", args=[req.pk])).content.decode()
    assert "Vetting report" in page
    staff.post(reverse("programme:request_new", args=["adoption-vetting"]), {"title": "x", "target": "/etc"})
    refused = ServiceRequest.objects.get(title="x")
    assert refused.vetting_report is None and refused.vetting_error == "refused-target"


# --- KPIs and dashboard ----------------------------------------------------------------------------------------------

def _small_estate():  # type: ignore[no-untyped-def]
    from ospo.platform.estate.models import Agency, Government, Repository, Source, SourceKind
    from ospo.platform.findings.models import LicenseFinding, VulnerabilityFinding

    gov = Government.objects.create(name="R")
    now = timezone.now()
    out = {}
    for slug, n, published in (("big", 8, 3), ("small", 2, 1)):
        ag = Agency.objects.create(government=gov, name=slug, slug=slug)
        src = Source.objects.create(agency=ag, kind=SourceKind.GIT, location=f"https://x/{slug}")
        repos = [Repository.objects.create(source=src, name=f"{slug}{i}", location=f"https://x/{slug}/{i}",
                                           inventory_updated_at=now, published=i < published) for i in range(n)]
        out[slug] = (ag, repos)
    Repository.objects.create(source=out["big"][0].sources.get(), name="never", location="https://x/never")
    bad = out["small"][1][0]  # one of two small-agency repositories breaks the policy
    LicenseFinding.objects.create(repository=bad, fingerprint="l1", verdict="denied", title="GPL", first_seen=now,
                                  last_seen=now)
    b0 = out["big"][1][0]
    VulnerabilityFinding.objects.create(repository=b0, fingerprint="v1", severity="critical", title="c1",
                                        advisory_id="A1", first_seen=now, last_seen=now)
    for fp, days in (("v2", 4), ("v3", 10)):
        VulnerabilityFinding.objects.create(repository=b0, fingerprint=fp, severity="critical", title=fp,
                                            advisory_id=fp, status="fixed", first_seen=now - dt.timedelta(days=days),
                                            last_seen=now, fixed_at=now)
    return out


def test_kpis_from_small_estate_and_roll_up(staff):
    agencies = _small_estate()
    KpiTarget.objects.create(kpi="repositories-inventoried", target=20)
    KpiEntry.objects.create(kpi="trainings", agency=agencies["big"][0], period=dt.date(2026, 1, 1), value=2)
    KpiEntry.objects.create(kpi="trainings", period=dt.date(2026, 2, 1), value=3)
    vals = {v.id: v for v in platformdata.kpi_values()}
    assert vals["repositories-inventoried"].value == 10 and vals["repositories-inventoried"].attainment == 0.5
    assert vals["compliant-share"].value == pytest.approx(90.0)  # 9 of 10, not the mean of 100 % and 50 %
    assert vals["open-critical-vulnerabilities"].value == 1
    assert vals["time-to-fix"].value == 7  # median of 4 and 10 days
    assert vals["projects-published"].value == 4
    assert vals["reuse"].value == 0 and vals["cost-avoided"].value == 0  # the catalog is installed, no reuse yet
    assert vals["contributors"].value is None  # published repositories are remote and never scanned: unknown
    per_agency, total = platformdata.roll_up_by_agency()
    by_name = {a.name: {v.id: v.value for v in vals_} for a, vals_ in per_agency}
    assert by_name["small"]["compliant-share"] == pytest.approx(50.0)
    assert {v.id: v.value for v in total}["compliant-share"] == pytest.approx(90.0)
    assert {v.id: v.value for v in total}["trainings"] == 5  # government entry + agency entry
    page = staff.get(reverse("programme:kpis")).content.decode()
    assert "90" in page and "no contributor count yet" in page
    assert platformdata.take_snapshot() == 3


def test_public_dashboard_is_anonymous_and_aggregate(client):
    _small_estate()
    resp = client.get(reverse("programme:dashboard"))
    assert resp.status_code == 200
    body = resp.content.decode()
    assert "Repositories inventoried" in body and "big0" not in body and "GPL" not in body
    assert client.get(reverse("programme:services")).status_code == 200
    assert client.get(reverse("programme:kpis")).status_code == 302  # to the login page
    st = ProgrammeSettings.current()
    st.public_dashboard = False
    st.save()
    assert client.get(reverse("programme:dashboard")).status_code == 404


# --- pages in English and Spanish ----------------------------------------------------------------------------------

PAGES = ("index", "assessments", "canvases", "research", "roadmap", "services", "requests", "cost", "kpis",
         "dashboard", "report")


@pytest.mark.parametrize("lang", ["en", "es"])
def test_pages_render(staff, lang):
    _upload(staff, "health-check-2025.json")
    staff.cookies["django_language"] = lang
    for name in PAGES:
        resp = staff.get(reverse(f"programme:{name}"))
        assert resp.status_code == 200, name
    body = staff.get(reverse("programme:roadmap")).content.decode()
    assert ("Hoja de ruta" in body) == (lang == "es")


# --- reports ----------------------------------------------------------------------------------------------------------

def test_report_html_in_spanish(staff):
    _small_estate()
    _upload(staff, "health-check-2026.json")
    from ospo.platform.programme.report import build_context, render_html

    html = render_html(build_context("2026", *parse_period("2026"), "es"), "es")
    assert 'lang="es"' in html and "Informe anual" in html and "Repositorios inventariados" in html
    assert html.count('role="img"') >= 2


@pytest.mark.skipif(shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None,
                    reason="poppler-utils not installed")
def test_report_pdf_text_and_chart_pixels(staff, tmp_path):
    pytest.importorskip("weasyprint")
    from PIL import Image

    from ospo.commands.report import cmd_report

    _small_estate()
    _upload(staff, "health-check-2026.json")
    out = tmp_path / "r.pdf"

    class Args:
        period, lang, format, output = "2026", "es", "pdf", str(out)

    assert cmd_report(Args, None) == 0  # type: ignore[arg-type]
    text = subprocess.run(["pdftotext", str(out), "-"], check=True, capture_output=True, text=True).stdout
    assert "Informe anual" in text and "Repositorios inventariados" in text and "Hoja de ruta" in text
    subprocess.run(["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "2", str(out), str(tmp_path / "p")], check=True)
    chart_colours = {(0x1a, 0x3d, 0x6d), (0xa3, 0x3a, 0x00), (0x1d, 0x5e, 0x2e)}
    found = 0
    for png in sorted(tmp_path.glob("p-*.png")):
        img = Image.open(png).convert("RGB")
        found += sum(n for n, rgb in img.getcolors(1 << 20) if any(
            all(abs(a - b) < 12 for a, b in zip(rgb, c, strict=True)) for c in chart_colours))
    assert found > 200  # bars drawn in the palette's colours, not just text


def test_report_command_html_and_bad_period(tmp_path, capsys):
    from ospo.commands.report import cmd_report

    class Args:
        period, lang, format, output = "2026-13", "fr", "html", str(tmp_path / "r.html")

    assert cmd_report(Args, None) == 2  # type: ignore[arg-type]
    assert "Période non valide" in capsys.readouterr().err
    Args.period = "2026-03"
    assert cmd_report(Args, None) == 0  # type: ignore[arg-type]
    assert 'lang="fr"' in (tmp_path / "r.html").read_text()


def test_messages_complete():
    assert CATALOG.missing() == []


# --- charts and parsers -----------------------------------------------------------------------------------------------

def test_charts_accessible_and_escaped():
    svg = charts.radar("Puntajes <b>", ["a", "b", "c<script>"], [("2026", [100.0, None, 50.0])])
    assert svg.startswith("<svg") and 'role="img"' in svg and "<title>Puntajes &lt;b&gt;</title>" in svg
    assert "<script>" not in svg and "b –" in svg
    assert "c&lt;script&gt; 50.0" in svg  # a missing value is said, not hidden
    assert charts.radar("x", ["a", "b"], [("s", [1, 2])]) == ""  # two axes are not a radar
    assert "<polyline" in charts.trend("t", [("2025", 10.0), ("2026", None), ("2027", 30.0)])


@FUZZ_SETTINGS
@given(st.one_of(st.text(max_size=20), st.from_regex(r"\A[0-9]{4}(-[0-9]{2})?\Z")))
def test_parse_period_fuzz(text):
    try:
        start, end = parse_period(text)
    except ReportError:
        return
    assert start <= end and start.year == end.year and (end - start).days in (27, 28, 29, 30, 364, 365)
