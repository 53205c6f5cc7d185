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
