from __future__ import annotations

from django.contrib import admin

from ospo.platform.estate import models


@admin.register(models.Government)
class GovernmentAdmin(admin.ModelAdmin):
    list_display = ("name", "country")


@admin.register(models.Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ("name", "official_id", "parent", "government")
    list_filter = ("government",)
    search_fields = ("name", "official_id")
    prepopulated_fields = {"slug": ("name",)}  # noqa: RUF012


@admin.register(models.Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ("name", "agency")
    list_filter = ("agency",)
    prepopulated_fields = {"slug": ("name",)}  # noqa: RUF012


@admin.register(models.Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ("location", "kind", "agency", "enabled", "discovered_at", "token_ref")
    list_filter = ("kind", "enabled", "agency")


@admin.register(models.Repository)
class RepositoryAdmin(admin.ModelAdmin):
    list_display = ("name", "agency", "default_branch", "published", "inventory_updated_at")
    list_filter = ("agency", "published", "archived")
    search_fields = ("name", "location")
    readonly_fields = ("last_tree_hash", "inventory_updated_at")
