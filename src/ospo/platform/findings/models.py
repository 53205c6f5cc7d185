"""Findings: license, vulnerability and hygiene results share one shape.

Every finding belongs to a repository (and usually a component), has a kind, a severity, a status, first/last
seen (timestamps and scans) and a ``fingerprint`` — a stable key computed by the engine that produced it — so a
rescan updates ``last_seen`` instead of creating a duplicate, and a finding not seen again becomes ``fixed``.
Human decisions are :class:`Decision` rows (a triage or a waiver), linked from findings; a decision may cover one
finding or, by scope, the same issue everywhere (a component, an advisory), so it persists across scans (VEX).

The concrete tables exist now so that the engines of issues 3 (license), 4 (vulnerability) and 5 (hygiene) are
wired in by writing rows, not by migrating the shape; engine-specific details go to their own columns and
``details`` (JSON) for the rest.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Severity(models.TextChoices):
    CRITICAL = "critical", _("critical")
    HIGH = "high", _("high")
    MEDIUM = "medium", _("medium")
    LOW = "low", _("low")
    INFO = "info", _("information")
    UNKNOWN = "unknown", _("unknown")


# Most urgent first: the order of every findings list. A value outside the choices sorts after all of them.
SEVERITY_ORDER: tuple[str, ...] = ("critical", "high", "medium", "low", "info", "unknown")
SEVERITY_RANK_OTHER = 9


def severity_rank_expression() -> models.Case:
    """The rank of ``severity`` as SQL: what the stored ``severity_rank`` column is generated from."""
    return models.Case(
        *[models.When(severity=s, then=models.Value(i)) for i, s in enumerate(SEVERITY_ORDER)],
        default=models.Value(SEVERITY_RANK_OTHER),
        output_field=models.SmallIntegerField(),
    )


class FindingStatus(models.TextChoices):
    OPEN = "open", _("open")
    TRIAGED = "triaged", _("triaged")
    WAIVED = "waived", _("waived")
    FIXED = "fixed", _("fixed")


class FindingKind(models.TextChoices):
    LICENSE = "license", _("license")
    VULNERABILITY = "vulnerability", _("vulnerability")
    HYGIENE = "hygiene", _("hygiene")


class DecisionKind(models.TextChoices):
    TRIAGE = "triage", _("triage")
    WAIVER = "waiver", _("waiver")


class VexState(models.TextChoices):
    """CycloneDX/OpenVEX analysis states (issue 4's triage)."""

    IN_TRIAGE = "in_triage", _("in triage")
    AFFECTED = "affected", _("affected")
    NOT_AFFECTED = "not_affected", _("not affected")
    FIXED = "fixed", _("fixed")
    FALSE_POSITIVE = "false_positive", _("false positive")


class Decision(models.Model):
    """A reviewer's decision on a finding, or on every finding matching its scope (component/advisory/rule).

    ``scope_*`` fields empty mean "only the findings linked to it". Waivers may expire; the audit log (later)
    records who changed what.
    """

    kind = models.CharField(_("kind"), max_length=10, choices=DecisionKind.choices)
    finding_kind = models.CharField(max_length=15, choices=FindingKind.choices)
    scope_repository = models.ForeignKey(
        "estate.Repository", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    scope_component = models.ForeignKey(
        "inventory.Component", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    scope_rule = models.CharField(
        max_length=200, blank=True, help_text="advisory id, license expression or hygiene check the decision covers"
    )
    vex_state = models.CharField(max_length=20, choices=VexState.choices, blank=True)
    justification = models.CharField(max_length=100, blank=True, help_text="e.g. VEX not-affected justification")
    rationale = models.TextField(_("rationale"))
    owner = models.CharField(
        _("owner"),
        max_length=200,
        blank=True,
        help_text="who answers for a waiver (a person or a team), not necessarily its author",
    )
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.scope_rule or self.pk}"


class Finding(models.Model):
    """The shape every finding shares. Concrete models set KIND."""

    KIND: str = ""

    repository = models.ForeignKey("estate.Repository", on_delete=models.CASCADE, related_name="+")
    component = models.ForeignKey(
        "inventory.Component", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    fingerprint = models.CharField(max_length=64, help_text="stable key from the engine: same issue, same key")
    severity = models.CharField(_("severity"), max_length=10, choices=Severity.choices, default=Severity.UNKNOWN)
    status = models.CharField(_("status"), max_length=10, choices=FindingStatus.choices, default=FindingStatus.OPEN)
    title = models.CharField(_("title"), max_length=500)
    details = models.JSONField(default=dict, blank=True)
    path = models.CharField(max_length=1000, blank=True, help_text="file where it was found, if any")
    line = models.PositiveIntegerField(null=True, blank=True)
    first_seen = models.DateTimeField(_("first seen"))
    last_seen = models.DateTimeField(_("last seen"))
    first_scan = models.ForeignKey("scans.Scan", on_delete=models.SET_NULL, null=True, related_name="+")
    last_scan = models.ForeignKey("scans.Scan", on_delete=models.SET_NULL, null=True, related_name="+")
    fixed_at = models.DateTimeField(null=True, blank=True)
    decision = models.ForeignKey(Decision, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    # Why a stored, generated column: the findings list sorts the whole estate's findings by urgency, and a sort
    # on a CASE over ``severity`` cannot use an index (20,000 rows sorted on every page view). The database
    # computes it from ``severity`` on every write — bulk writes included — so it can never disagree with it,
    # and the migration that adds it fills existing rows.
    severity_rank = models.GeneratedField(
        expression=severity_rank_expression(), output_field=models.SmallIntegerField(), db_persist=True
    )

    class Meta:
        abstract = True

    @property
    def kind(self) -> str:
        return self.KIND

    def __str__(self) -> str:
        return self.title


class LicenseCategory(models.TextChoices):
    PERMISSIVE = "permissive", _("permissive")
    WEAK_COPYLEFT = "weak_copyleft", _("weak copyleft")
    STRONG_COPYLEFT = "strong_copyleft", _("strong copyleft")
    NETWORK_COPYLEFT = "network_copyleft", _("network copyleft")
    PUBLIC_DOMAIN = "public_domain", _("public domain")
    SOURCE_AVAILABLE = "source_available", _("source-available / non-free")
    PROPRIETARY = "proprietary", _("proprietary")
    UNKNOWN = "unknown", _("unknown")


class LicenseFinding(Finding):
    """A license the policy denies or wants reviewed, an incompatibility, or a declared/detected disagreement."""

    KIND = FindingKind.LICENSE

    expression = models.CharField(_("license expression"), max_length=1000, blank=True)
    category = models.CharField(max_length=20, choices=LicenseCategory.choices, default=LicenseCategory.UNKNOWN)
    verdict = models.CharField(max_length=20, blank=True, help_text="allowed / review / denied / incompatible")
    rule = models.CharField(max_length=200, blank=True, help_text="the policy rule that decided")
    context = models.CharField(max_length=20, blank=True, help_text="internal / network / distributed / published")
    via = models.JSONField(default=list, blank=True, help_text="purls from the direct dependency that brings it")

    class Meta(Finding.Meta):
        verbose_name = _("license finding")
        verbose_name_plural = _("license findings")
        constraints = (models.UniqueConstraint(fields=["repository", "fingerprint"], name="licensefinding_unique"),)
        indexes = (
            models.Index(fields=["status", "severity"], name="licfinding_status_sev"),
            models.Index(fields=["severity_rank", "-last_seen", "id"], name="licfinding_rank_seen"),
        )


class VulnerabilityFinding(Finding):
    KIND = FindingKind.VULNERABILITY

    advisory_id = models.CharField(_("advisory"), max_length=100, db_index=True)
    aliases = models.JSONField(default=list, blank=True)
    cvss_vector = models.CharField(max_length=300, blank=True)
    cvss_score = models.FloatField(null=True, blank=True)
    affected_version = models.CharField(max_length=300, blank=True)
    fixed_in = models.CharField(_("fixed in"), max_length=300, blank=True, help_text="smallest fixed version")
    vex_state = models.CharField(max_length=20, choices=VexState.choices, default=VexState.IN_TRIAGE)

    class Meta(Finding.Meta):
        verbose_name = _("vulnerability finding")
        verbose_name_plural = _("vulnerability findings")
        constraints = (models.UniqueConstraint(fields=["repository", "fingerprint"], name="vulnfinding_unique"),)
        indexes = (
            models.Index(fields=["status", "severity"], name="vulnfinding_status_sev"),
            models.Index(fields=["severity_rank", "-last_seen", "id"], name="vulnfinding_rank_seen"),
        )


class HygieneFinding(Finding):
    """A failed or partial hygiene/security-baseline check, or a secret (fingerprint only, never the value)."""

    KIND = FindingKind.HYGIENE

    check_id = models.CharField(_("check"), max_length=100, db_index=True)
    score = models.FloatField(null=True, blank=True, help_text="0-10, as the check scored it")
    commit = models.CharField(max_length=64, blank=True)
    remediation_key = models.CharField(max_length=200, blank=True, help_text="i18n catalog key of the remedy")

    class Meta(Finding.Meta):
        verbose_name = _("hygiene finding")
        verbose_name_plural = _("hygiene findings")
        constraints = (models.UniqueConstraint(fields=["repository", "fingerprint"], name="hygienefinding_unique"),)
        indexes = (
            models.Index(fields=["status", "severity"], name="hygfinding_status_sev"),
            models.Index(fields=["severity_rank", "-last_seen", "id"], name="hygfinding_rank_seen"),
        )


class FindingsRun(models.Model):
    """What the engines did for one scan: which ran, which failed and why, and the vulnerability data's freshness.

    One row per scan whose engines ran (an unchanged repository whose inputs are the same is skipped and writes
    nothing). Why a row of its own and not columns on Scan: the scans app owns Scan; this keeps the findings
    wiring in one app. ``inputs`` is the digest of everything the findings depend on besides decisions (tree hash,
    vulnerability data generation, policy, engines): equal digest + unchanged tree → nothing to do.
    """

    scan = models.OneToOneField("scans.Scan", on_delete=models.CASCADE, primary_key=True, related_name="findings_run")
    repository = models.ForeignKey("estate.Repository", on_delete=models.CASCADE, related_name="+")
    finished_at = models.DateTimeField(_("finished at"))
    inputs = models.CharField(max_length=64, help_text="digest of the engines' inputs")
    engines = models.JSONField(default=list, help_text="engines that ran")
    failures = models.JSONField(default=dict, help_text="engine → error message (the others still ran)")
    vulndb = models.JSONField(default=dict, help_text="freshness of the vulnerability data used (engine Freshness)")
    policy = models.CharField(max_length=1000, blank=True, help_text="license policy file used (or the default)")
    counts = models.JSONField(default=dict, help_text="written/updated/fixed rows per kind")

    class Meta:
        verbose_name = _("findings run")
        verbose_name_plural = _("findings runs")
        indexes = (models.Index(fields=["repository", "-finished_at"], name="findingsrun_repo_time"),)

    def __str__(self) -> str:
        return f"{self.repository} #{self.scan_id}"
