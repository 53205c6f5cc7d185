"""Roles, tokens and the audit log in the admin site. The audit log is read-only: nobody edits history."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.utils.translation import gettext as _

from ospo.platform.access import tokens
from ospo.platform.access.models import ApiToken, AuditEntry, RoleMembership


@admin.register(RoleMembership)
class RoleMembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "role", "agency", "created_at")
    list_filter = ("role", "agency")
    search_fields = ("user__username",)
    autocomplete_fields = ()


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("name", "user", "prefix", "created_at", "last_used_at", "expires_at", "revoked")
    list_filter = ("revoked",)
    fields = ("user", "name", "expires_at", "revoked", "prefix", "created_at", "last_used_at")
    readonly_fields = ("prefix", "created_at", "last_used_at")

    def save_model(self, request: Any, obj: ApiToken, form: Any, change: bool) -> None:
        if change:
            super().save_model(request, obj, form, change)
            return
        issued = tokens.issue(obj.user, obj.name, obj.expires_at)
        obj.pk, obj.prefix, obj.key_hash = issued.token.pk, issued.token.prefix, issued.token.key_hash
        messages.warning(request, _("The token is shown only once: %(token)s") % {"token": issued.value})


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ("at", "actor_name", "action", "model", "object_repr")
    list_filter = ("action", "model")
    search_fields = ("actor_name", "object_repr", "object_id")
    readonly_fields = ("at", "actor", "actor_name", "action", "model", "object_id", "object_repr", "agency_id",
                       "before", "after")

    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False


# One sign-in form for everyone: the admin site's login page sends to the site's (which has the site's layout, a
# heading, the language switch and single sign-on), keeping ``next``; staff come back to the admin afterwards.
from ospo.platform.access import signin  # noqa: E402

admin.site.login = signin.admin_login  # type: ignore[method-assign]
