from __future__ import annotations

from django.urls import path

from ospo.platform.catalog import dpg_views, views

app_name = "catalog"
urlpatterns = [
    path("", views.catalog, name="list"),
    path("entries/<int:pk>/", views.entry, name="entry"),
    path("entries/<int:pk>/declare-use/", views.declare_use, name="declare_use"),
    path("entries/<int:pk>/request-reuse/", views.request_reuse, name="request_reuse"),
    path("entries/<int:pk>/export/<str:fmt>/", views.export_entry, name="export_entry"),
    path("entries/<int:pk>/dpg/", dpg_views.dpg_indicators, name="dpg"),
    path("requests/<int:pk>/transition/", views.transition, name="transition"),
    path("reuse/", views.reuse_graph, name="graph"),
    path("duplicates/", views.duplicates, name="duplicates"),
    path("contribute/", views.contribute, name="contribute"),
    path("value/", views.value, name="value"),
    path("kpis.json", views.kpis, name="kpis"),
    path("export.<str:fmt>", views.export_all, name="export"),
]
