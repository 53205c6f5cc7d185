"""Scans: one row per attempt to inventory one repository, and EstateScan grouping many.

The Scan row is also the queue entry of the embedded worker pool (status ``queued`` + ``not_before``), so the
queue is in the database and survives restarts; Celery carries only the scan id. ``heartbeat_at`` lets a
periodic check requeue a scan whose worker died (stale claim).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ScanStatus(models.TextChoices):
    QUEUED = "queued", _("queued")
    RUNNING = "running", _("running")
    SUCCEEDED = "succeeded", _("succeeded")
    FAILED = "failed", _("failed")


class EstateScan(models.Model):
    """A request to scan many repositories at once; its progress is the count of its scans by status."""

    label = models.CharField(max_length=200, blank=True)
    requested_at = models.DateTimeField(auto_now_add=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)

    class Meta:
        verbose_name = _("estate scan")
        verbose_name_plural = _("estate scans")

    def __str__(self) -> str:
        return self.label or f"#{self.pk}"

    def progress(self) -> dict[str, int]:
        counts = dict.fromkeys(ScanStatus.values, 0)
        for row in self.scans.values("status").annotate(n=models.Count("id")):
            counts[row["status"]] = row["n"]
        return counts


class Scan(models.Model):
    repository = models.ForeignKey("estate.Repository", on_delete=models.CASCADE, related_name="scans")
    estate_scan = models.ForeignKey(EstateScan, on_delete=models.SET_NULL, null=True, blank=True, related_name="scans")
    status = models.CharField(_("status"), max_length=10, choices=ScanStatus.choices, default=ScanStatus.QUEUED)
    requested_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    not_before = models.DateTimeField(null=True, blank=True, help_text="retry back-off: not claimed before")
    attempts = models.PositiveSmallIntegerField(default=0)
    worker = models.CharField(max_length=200, blank=True, help_text="who holds the claim")
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    engine_version = models.CharField(max_length=50, blank=True)
    revision = models.CharField(max_length=64, blank=True)
    tree_hash = models.CharField(max_length=64, blank=True)
    unchanged = models.BooleanField(default=False, help_text="same tree hash as the stored inventory: no writes")
    component_count = models.PositiveIntegerField(default=0)
    duration_s = models.FloatField(default=0.0)
    errors = models.JSONField(default=list, help_text="the engine's issues: [{path, message, severity}]")
    failure = models.TextField(blank=True, help_text="why the scan failed (after its last attempt)")

    class Meta:
        verbose_name = _("scan")
        verbose_name_plural = _("scans")
        indexes = (
            models.Index(fields=["status", "not_before"]),
            models.Index(fields=["repository", "-requested_at"]),
        )

    def __str__(self) -> str:
        return f"{self.repository} #{self.pk} ({self.status})"


class ScanScope(models.TextChoices):
    """Which repositories a finished discovery queues a scan of."""

    ALL = "all", _("every repository found")
    NEW = "new", _("new repositories only")
    NONE = "none", _("none")


class DiscoveryJob(models.Model):
    """One request to list a source's repositories: queued, claimed and retried like a Scan, by the same workers.

    Listing a forge organisation with thousands of repositories takes many paginated, rate-limited requests — too
    long for a web request — so "Discover now", the API and the scheduler only insert this row; a worker runs it.
    At most one job per source is queued or running (a partial unique constraint: a second click, or two clicks
    racing on two web processes, find the first job). The job keeps the counts and the error shown on the source
    page; the token is read by the worker at the moment of use and is in none of these fields.
    """

    source = models.ForeignKey("estate.Source", on_delete=models.CASCADE, related_name="discovery_jobs")
    status = models.CharField(_("status"), max_length=10, choices=ScanStatus.choices, default=ScanStatus.QUEUED)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="the audit log's actor; empty when scheduled",
    )
    scheduled = models.BooleanField(default=False, help_text="requested by the rescan schedule, not a person")
    queue_scans = models.CharField(max_length=4, choices=ScanScope.choices, default=ScanScope.ALL)
    requested_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    not_before = models.DateTimeField(null=True, blank=True, help_text="retry back-off: not claimed before")
    attempts = models.PositiveSmallIntegerField(default=0)
    worker = models.CharField(max_length=200, blank=True, help_text="who holds the claim")
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    found = models.PositiveIntegerField(default=0, help_text="repositories the source holds (archived ones too)")
    added = models.PositiveIntegerField(default=0, help_text="repositories seen for the first time")
    removed = models.PositiveIntegerField(default=0, help_text="repositories gone from the source: archived")
    scans = models.JSONField(default=list, help_text="ids of the scans this job queued")
    error_code = models.CharField(
        max_length=20, blank=True, help_text="unauthorized, forbidden, not_found, rate_limited, server_error, …"
    )
    error = models.TextField(blank=True, help_text="the last failure (no token), also while a retry is pending")

    class Meta:
        verbose_name = _("discovery")
        verbose_name_plural = _("discoveries")
        indexes = (models.Index(fields=["status", "not_before"]),)
        constraints = (
            models.UniqueConstraint(
                fields=["source"],
                condition=models.Q(status__in=["queued", "running"]),
                name="discoveryjob_one_active_per_source",
            ),
        )

    def __str__(self) -> str:
        return f"{self.source} #{self.pk} ({self.status})"

    @property
    def duration_s(self) -> float | None:
        if self.started_at is None or self.finished_at is None:
            return None
        return (self.finished_at - self.started_at).total_seconds()
