"""Role memberships, hashed API tokens and the audit log.

A user's rights are the union of their memberships. ``agency`` empty means "every agency" (OSPO staff, a central
reviewer); set, it covers that agency and its descendants (a ministry's directorates). Django superusers are
OSPO admins without a membership row, so the account ``ospo demo`` creates is an admin.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "admin", _("OSPO admin")
    STAFF = "staff", _("OSPO staff")
    MAINTAINER = "maintainer", _("agency maintainer")
    REVIEWER = "reviewer", _("reviewer")


class RoleMembership(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="ospo_roles")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    agency = models.ForeignKey("estate.Agency", on_delete=models.CASCADE, null=True, blank=True,
                               related_name="memberships", help_text="empty: every agency")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("role membership")
        verbose_name_plural = _("role memberships")
        constraints = (
            models.UniqueConstraint(fields=["user", "role", "agency"], name="rolemembership_unique"),
            models.UniqueConstraint(fields=["user", "role"], condition=models.Q(agency__isnull=True),
                                    name="rolemembership_unique_global"),
            # a maintainer is always someone's maintainer: "own agency" needs an agency
            models.CheckConstraint(condition=~models.Q(role="maintainer", agency__isnull=True),
                                   name="rolemembership_maintainer_agency"),
        )

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()}" + (f" ({self.agency})" if self.agency_id else "")


class ApiToken(models.Model):
    """A bearer token for the REST API. Only its SHA-256 is stored; the clear value is shown once at creation.

    The secret is 32 random bytes, so a plain hash (not a slow password hash) is the right tool: nothing to
    brute-force, and the lookup stays one indexed query per request.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="ospo_api_tokens")
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(max_length=12, editable=False, help_text="first characters, to recognise it")
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    revoked = models.BooleanField(_("revoked"), default=False)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class AuditEntry(models.Model):
    """Who changed what, when, from which state to which. Written by signals; never edited."""

    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="+")
    actor_name = models.CharField(_("who"), max_length=150, blank=True, help_text="kept if the user is deleted")
    action = models.CharField(_("action"), max_length=10)  # create / update / delete
    model = models.CharField(_("object type"), max_length=100, db_index=True)
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField(_("object"), max_length=300)
    agency_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        ordering = ("-at", "-id")
        indexes = (models.Index(fields=["model", "object_id"]),)

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name or '-'} {self.action} {self.object_repr}"
