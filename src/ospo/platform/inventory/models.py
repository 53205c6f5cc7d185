"""The inventory: each package once (Component, by purl) and where it is used (Usage).

A Component is the same row for every repository that uses it, so "where used across the government" is one
index lookup. Its identity is the purl; ``purl_key`` (sha256 of the purl) carries the unique index because a purl
from hostile input may exceed a B-tree entry's size limit. What differs per repository — scope, direct or
transitive, the constraint as written, where it is declared and through which path it comes — lives on Usage.
"""

from __future__ import annotations

import hashlib

from django.db import models
from django.utils.translation import gettext_lazy as _


def purl_key(purl: str) -> str:
    return hashlib.sha256(purl.encode("utf-8", "surrogatepass")).hexdigest()


class Component(models.Model):
    purl = models.TextField("purl")
    purl_key = models.CharField(max_length=64, unique=True, editable=False)
    ecosystem = models.CharField(_("ecosystem"), max_length=50, db_index=True)
    name = models.CharField(_("name"), max_length=500, db_index=True)
    version = models.CharField(_("version"), max_length=300, blank=True, help_text="exact version when pinned")
    pinned = models.BooleanField(_("pinned"), default=True)
    license = models.CharField(_("declared license"), max_length=500, blank=True)
    first_seen = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("component")
        verbose_name_plural = _("components")

    def __str__(self) -> str:
        return self.purl

    def save(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        self.purl_key = purl_key(self.purl)
        super().save(*args, **kwargs)


class Usage(models.Model):
    repository = models.ForeignKey("estate.Repository", on_delete=models.CASCADE, related_name="usages")
    component = models.ForeignKey(Component, on_delete=models.PROTECT, related_name="usages")
    scope = models.CharField(_("scope"), max_length=20)
    direct = models.BooleanField(_("direct"), null=True)
    constraint = models.CharField(_("constraint"), max_length=500, blank=True,
                                  help_text="the version constraint as written, when not pinned")
    locations = models.JSONField(default=list, help_text='[{"path": …, "line": …}]')
    dependency_path = models.JSONField(default=list, help_text="purls from a direct dependency to this one")
    first_scan = models.ForeignKey("scans.Scan", on_delete=models.SET_NULL, null=True, related_name="+")
    changed_scan = models.ForeignKey("scans.Scan", on_delete=models.SET_NULL, null=True, related_name="+",
                                     help_text="the last scan that changed this row")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("usage")
        verbose_name_plural = _("usages")
        constraints = (models.UniqueConstraint(fields=["repository", "component"], name="usage_unique"),)
        indexes = (models.Index(fields=["component", "repository"]),)

    def __str__(self) -> str:
        return f"{self.repository} → {self.component}"
