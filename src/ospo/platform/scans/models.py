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
    estate_scan = models.ForeignKey(EstateScan, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="scans")
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
