"""Findings pages, included from ospo.platform.urls under ``findings/``."""

from __future__ import annotations

from django.urls import path

from ospo.platform.findings import views

app_name = "findings"
urlpatterns = [
    path("", views.finding_list, name="list"),
    path("vex/<str:fmt>.json", views.export_vex, name="export_vex"),
    path("<str:kind>/<int:pk>/", views.finding_detail, name="detail"),
    path("<str:kind>/<int:pk>/triage/", views.triage, name="triage"),
    path("<str:kind>/<int:pk>/waiver/", views.waiver, name="waiver"),
]
