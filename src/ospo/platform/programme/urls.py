"""Programme routes, mounted under /programme/ by ``ospo.platform.urls``."""

from __future__ import annotations

from django.urls import path

from . import views

app_name = "programme"
urlpatterns = [
    path("", views.index, name="index"),
    path("assessments/", views.assessments, name="assessments"),
    path("assessments/new/", views.assessment_new, name="assessment_new"),
    path("assessments/import/", views.assessment_import, name="assessment_import"),
    path("assessments/readiness/", views.assessment_readiness, name="assessment_readiness"),
    path("assessments/<int:pk>/", views.assessment, name="assessment"),
    path("assessments/<int:pk>/answer/", views.assessment_answer, name="assessment_answer"),
    path("assessments/<int:pk>/sign-off/", views.assessment_signoff, name="assessment_signoff"),
    path("assessments/<int:pk>/export/", views.assessment_export, name="assessment_export"),
    path("assessments/<int:pk>/compare/<int:other>/", views.assessment_compare, name="assessment_compare"),
    path("evidence/<int:pk>/", views.evidence_document, name="evidence_document"),
    path("canvas/", views.canvases, name="canvases"),
    path("canvas/<int:pk>/", views.canvas, name="canvas"),
    path("canvas/<int:pk>/assumptions/", views.canvas_assumption, name="canvas_assumption"),
    path("canvas/<int:pk>/assumptions/<slug:aid>/", views.canvas_status, name="canvas_status"),
    path("canvas/<int:pk>/snapshot/", views.canvas_snapshot, name="canvas_snapshot"),
    path("canvas/<int:pk>/print/", views.canvas_print, name="canvas_print"),
    path("canvas/<int:pk>/versions/<int:version>/print/", views.canvas_print, name="canvas_version_print"),
    path("research/", views.research, name="research"),
    path("roadmap/", views.roadmap, name="roadmap"),
    path("roadmap/verify/", views.roadmap_verify, name="roadmap_verify"),
    path("roadmap/items/<slug:item_id>/", views.roadmap_item, name="roadmap_item"),
    path("services/", views.service_catalog, name="services"),
    path("services/<slug:kind>/request/", views.request_new, name="request_new"),
    path("requests/", views.requests_list, name="requests"),
    path("requests/<int:pk>/", views.request_detail, name="request"),
    path("attachments/<int:pk>/", views.request_attachment, name="request_attachment"),
    path("cost/", views.cost, name="cost"),
    path("kpis/", views.kpis, name="kpis"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("report/", views.report, name="report"),
]
