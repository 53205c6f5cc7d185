from __future__ import annotations

from django.contrib import admin

from ospo.platform.scans import models


@admin.register(models.EstateScan)
class EstateScanAdmin(admin.ModelAdmin):
    list_display = ("__str__", "requested_at", "requested_by")


@admin.register(models.Scan)
class ScanAdmin(admin.ModelAdmin):
    list_display = ("repository", "status", "requested_at", "finished_at", "attempts", "unchanged", "component_count")
    list_filter = ("status", "unchanged")
    search_fields = ("repository__name",)
    list_select_related = ("repository",)
    readonly_fields = tuple(f.name for f in models.Scan._meta.fields if f.name != "id")


@admin.register(models.DiscoveryJob)
class DiscoveryJobAdmin(admin.ModelAdmin):
    """Read-only, like scans: the workers write these rows; a hand edit would break the one-active-job rule."""

    list_display = ("source", "status", "scheduled", "requested_at", "finished_at", "attempts", "found", "error_code")
    list_filter = ("status", "scheduled", "error_code")
    search_fields = ("source__location",)
    list_select_related = ("source",)
    readonly_fields = tuple(f.name for f in models.DiscoveryJob._meta.fields if f.name != "id")
