"""Catalog entries, their vetting and ecosystem, the reuse graph (with provenance) and reuse requests.

An entry is software from outside or a solution an agency publishes. What it *is* comes from imports
(``record``: the neutral record with the source document, so exports lose nothing) and OSPO editing; what it is
*worth* comes from measurement (SLOC → COCOMO II, parameters stored on the entry and shown next to the figure)
and from reuse edges. Every edge says where it comes from (``source``) and when (``observed_at``): a declared
use (an agency confirms), a detected use (inventory or git history) or a deployment (an instance).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ospo.catalog.record import FUNCTION_CATEGORIES
from ospo.catalog.searchtext import entry_text


class EntryStatus(models.TextChoices):
    CANDIDATE = "candidate", _("candidate")
    UNDER_REVIEW = "under_review", _("under review")
    RECOMMENDED = "recommended", _("recommended")
    OBSERVATION = "observation", _("observation")
    DEPRECATED = "deprecated", _("deprecated")


class EntryKind(models.TextChoices):
    EXTERNAL = "external", _("software from outside")
    AGENCY = "agency", _("published by an agency")


CATEGORY_CHOICES = [(c, c) for c in FUNCTION_CATEGORIES]


class Entry(models.Model):
    name = models.CharField(_("name"), max_length=300)
    kind = models.CharField(_("kind"), max_length=10, choices=EntryKind.choices, default=EntryKind.EXTERNAL)
    status = models.CharField(
        _("status"), max_length=15, choices=EntryStatus.choices, default=EntryStatus.CANDIDATE, db_index=True
    )
    status_reason = models.TextField(_("status reason"), blank=True, help_text="required when deprecated")
    category = models.CharField(
        _("function category"), max_length=40, choices=CATEGORY_CHOICES, blank=True, db_index=True
    )
    description = models.TextField(_("description"), blank=True)
    url = models.CharField(_("repository URL"), max_length=1000, blank=True)
    landing_url = models.CharField(_("website"), max_length=1000, blank=True)
    license = models.CharField(_("license"), max_length=500, blank=True, db_index=True)
    language = models.CharField(_("programming language"), max_length=50, blank=True, db_index=True)
    publisher = models.ForeignKey(
        "estate.Agency",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="published_entries",
        verbose_name=_("publishing agency"),
    )
    repository = models.ForeignKey(
        "estate.Repository",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="catalog_entries",
        help_text="the estate repository of its code",
    )
    package_keys = models.JSONField(
        default=list, blank=True, help_text="purls without version that are this entry's code (detection)"
    )
    source_format = models.CharField(max_length=20, blank=True)
    source_id = models.CharField(max_length=1000, blank=True)
    record = models.JSONField(default=dict, help_text="the imported record, source document included")
    dpg_status = models.CharField(_("DPG status"), max_length=20, blank=True)
    vetting = models.JSONField(
        default=dict, blank=True, help_text="evidence from engine results: license, vulnerabilities, baseline, …"
    )
    sloc = models.PositiveIntegerField(_("source lines"), null=True, blank=True)
    sloc_by_language = models.JSONField(default=dict, blank=True)
    sloc_measured_at = models.DateTimeField(null=True, blank=True)
    sloc_revision = models.CharField(max_length=64, blank=True, help_text="the commit whose tree was measured")
    cocomo = models.JSONField(
        _("COCOMO II parameters"),
        default=dict,
        blank=True,
        help_text="overrides of the COCOMO II parameters; empty = nominal",
    )
    search_text = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("catalog entry")
        verbose_name_plural = _("catalog entries")
        ordering = ("name",)
        indexes = (
            models.Index(fields=["source_format", "source_id"]),
            # the search's cache generation reads max(updated_at); the result order is (name, id)
            models.Index(fields=["updated_at"], name="catalog_entry_updated"),
            models.Index(fields=["name", "id"], name="catalog_entry_name_id"),
        )

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        self.search_text = entry_text(self.name, self.description, self.license, self.category)
        super().save(*args, **kwargs)


class Referent(models.Model):
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="referents")
    agency = models.ForeignKey("estate.Agency", on_delete=models.CASCADE, related_name="+")
    contact = models.CharField(_("contact"), max_length=300, blank=True)
    email = models.EmailField(blank=True)

    class Meta:
        verbose_name = _("referent")
        verbose_name_plural = _("referents")


class Instance(models.Model):
    """A deployment: one agency runs the entry (deployment use in the reuse graph)."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="instances")
    agency = models.ForeignKey("estate.Agency", on_delete=models.CASCADE, related_name="+")
    url = models.CharField(max_length=1000, blank=True)
    environment = models.CharField(max_length=50, blank=True)
    deployed_at = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = _("instance")
        verbose_name_plural = _("instances")


class Alternative(models.Model):
    """Another product doing the same job; a proprietary one it replaces carries its yearly licence cost."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="alternatives")
    name = models.CharField(_("name"), max_length=300)
    proprietary = models.BooleanField(_("proprietary"), default=False)
    annual_licence_cost = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)

    class Meta:
        verbose_name = _("alternative")
        verbose_name_plural = _("alternatives")


class ServiceProvider(models.Model):
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="providers")
    name = models.CharField(_("name"), max_length=300)
    website = models.CharField(max_length=1000, blank=True)
    country = models.CharField(max_length=2, blank=True)

    class Meta:
        verbose_name = _("service provider")
        verbose_name_plural = _("service providers")


class LicenceSaving(models.Model):
    """Savings from a replaced proprietary licence, entered by the OSPO for one agency."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="savings")
    agency = models.ForeignKey("estate.Agency", on_delete=models.CASCADE, related_name="+")
    amount = models.DecimalField(max_digits=14, decimal_places=2)
    note = models.CharField(max_length=500, blank=True)
    entered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("licence saving")
        verbose_name_plural = _("licence savings")


class EdgeKind(models.TextChoices):
    DECLARED = "declared", _("declared use")
    DETECTED = "detected", _("detected use")
    DEPLOYMENT = "deployment", _("deployment")


class ReuseEdge(models.Model):
    """Agency (and repository) → entry, with provenance: which source said so, and when."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="edges")
    agency = models.ForeignKey("estate.Agency", on_delete=models.CASCADE, related_name="reuse_edges")
    repository = models.ForeignKey(
        "estate.Repository", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=EdgeKind.choices)
    detail = models.CharField(_("how"), max_length=20, blank=True, help_text="depends, fork, vendors, instance…")
    source = models.CharField(_("source"), max_length=1000, help_text="what established the edge")
    observed_at = models.DateTimeField(_("date"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("reuse edge")
        verbose_name_plural = _("reuse edges")
        constraints = (
            models.UniqueConstraint(
                fields=["entry", "agency", "repository", "kind", "detail"],
                name="reuseedge_unique_repo",
                condition=models.Q(repository__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["entry", "agency", "kind", "detail"],
                name="reuseedge_unique_agency",
                condition=models.Q(repository__isnull=True),
            ),
        )


class RequestStatus(models.TextChoices):
    REQUESTED = "requested", _("requested")
    ACCEPTED = "accepted", _("accepted")
    DECLINED = "declined", _("declined")
    IN_USE = "in_use", _("in use")


# requested → accepted | declined; accepted → in use
TRANSITIONS = {
    RequestStatus.REQUESTED: {RequestStatus.ACCEPTED, RequestStatus.DECLINED},
    RequestStatus.ACCEPTED: {RequestStatus.IN_USE},
}


class ReuseRequest(models.Model):
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="requests")
    requester = models.ForeignKey("estate.Agency", on_delete=models.CASCADE, related_name="+")
    owner = models.ForeignKey("estate.Agency", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    message = models.TextField(_("message"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=RequestStatus.choices, default=RequestStatus.REQUESTED
    )
    history = models.JSONField(default=list, help_text='[{"status": …, "at": …, "by": …}]')
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("reuse request")
        verbose_name_plural = _("reuse requests")
