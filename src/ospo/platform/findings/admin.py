from __future__ import annotations

from django.contrib import admin

from ospo.platform.findings import models


@admin.register(models.Decision)
class DecisionAdmin(admin.ModelAdmin):
    list_display = ("kind", "finding_kind", "scope_rule", "decided_by", "decided_at", "expires_at")
    list_filter = ("kind", "finding_kind")


class FindingAdmin(admin.ModelAdmin):
    list_display = ("title", "repository", "severity", "status", "first_seen", "last_seen")
    list_filter = ("severity", "status")
    search_fields = ("title", "repository__name")
    raw_id_fields = ("component", "first_scan", "last_scan", "decision")


@admin.register(models.FindingsRun)
class FindingsRunAdmin(admin.ModelAdmin):
    list_display = ("scan", "repository", "finished_at", "inputs")
    raw_id_fields = ("scan", "repository")


admin.site.register(models.LicenseFinding, FindingAdmin)
admin.site.register(models.VulnerabilityFinding, FindingAdmin)
admin.site.register(models.HygieneFinding, FindingAdmin)
