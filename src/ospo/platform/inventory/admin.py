from __future__ import annotations

from django.contrib import admin

from ospo.platform.inventory import models


@admin.register(models.Component)
class ComponentAdmin(admin.ModelAdmin):
    list_display = ("purl", "ecosystem", "name", "version", "pinned")
    list_filter = ("ecosystem", "pinned")
    search_fields = ("name", "purl")


@admin.register(models.Usage)
class UsageAdmin(admin.ModelAdmin):
    list_display = ("repository", "component", "scope", "direct")
    list_filter = ("scope", "direct")
    search_fields = ("component__name", "repository__name")
    list_select_related = ("repository", "component")
    raw_id_fields = ("component", "first_scan", "changed_scan")


@admin.register(models.RepositoryGraph)
class RepositoryGraphAdmin(admin.ModelAdmin):
    """Read-only in practice: the graph is the engine's, rewritten by the next changed scan."""

    list_display = ("repository", "tree_hash", "updated_at")
    search_fields = ("repository__name",)
    list_select_related = ("repository",)
    raw_id_fields = ("repository",)
    exclude = ("nodes", "edges")  # can be megabytes: never rendered into a form


@admin.register(models.InventoryGeneration)
class InventoryGenerationAdmin(admin.ModelAdmin):
    """The ingest's counter of inventory changes (the pages' cached figures are keyed by it). Changing it by hand
    only makes the pages recompute their figures once."""

    list_display = ("id", "value")
