"""Pages. Later parts add agency, component, scan, search pages here (and their authorization rules)."""

from __future__ import annotations

from django.urls import path

from ospo.platform.web import views

app_name = "web"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("repositories/<int:pk>/", views.repository, name="repository"),
]
