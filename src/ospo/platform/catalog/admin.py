from __future__ import annotations

from django.contrib import admin

from ospo.platform.catalog import models


class _Inline(admin.TabularInline):
    extra = 0


class ReferentInline(_Inline):
    model = models.Referent


class InstanceInline(_Inline):
    model = models.Instance


class AlternativeInline(_Inline):
    model = models.Alternative


class ProviderInline(_Inline):
    model = models.ServiceProvider


class SavingInline(_Inline):
    model = models.LicenceSaving


@admin.register(models.Entry)
class EntryAdmin(admin.ModelAdmin):
    list_display = ("name", "status", "category", "license", "publisher", "sloc")
    list_filter = ("status", "kind", "category", "source_format")
    search_fields = ("name", "description")
    raw_id_fields = ("repository",)
    inlines = (ReferentInline, InstanceInline, AlternativeInline, ProviderInline, SavingInline)


@admin.register(models.ReuseEdge)
class ReuseEdgeAdmin(admin.ModelAdmin):
    list_display = ("entry", "agency", "repository", "kind", "detail", "source", "observed_at")
    list_filter = ("kind", "detail")
    list_select_related = ("entry", "agency", "repository")


@admin.register(models.ReuseRequest)
class ReuseRequestAdmin(admin.ModelAdmin):
    list_display = ("entry", "requester", "owner", "status", "created_at")
    list_filter = ("status",)
