from __future__ import annotations

from django.contrib import admin

from . import models


@admin.register(models.Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    list_display = ("uid", "template_id", "subject_name", "assessed_on", "renew_by", "signed_off")
    list_filter = ("template_id", "subject_kind", "signed_off")
    search_fields = ("uid", "subject_name")


@admin.register(models.ServiceRequest)
class ServiceRequestAdmin(admin.ModelAdmin):
    list_display = ("title", "service", "state", "assignee", "due_on", "created_at")
    list_filter = ("service", "state")
    search_fields = ("title",)


@admin.register(models.Service)
class ServiceAdmin(admin.ModelAdmin):
    list_display = ("kind", "sla_days", "active", "public")


for m in (models.EvidenceDocument, models.Canvas, models.CanvasVersion, models.Interview, models.RoadmapItem,
          models.ProgrammeSettings, models.RequestComment, models.RequestAttachment, models.FundingEntry,
          models.KpiTarget, models.KpiEntry, models.KpiSnapshot):
    admin.site.register(m)
