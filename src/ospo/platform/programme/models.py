"""Storage for the programme: each model holds what the library's dataclasses hold, nothing it computes.

Assessments keep the library's own JSON document (``ospo.assessment/1``) as the source of truth, with a few
columns copied out of it for lists and filters: export is then the library's serialiser over exactly what was
imported, so a round trip is byte-identical. Scores are never stored; they are computed by
:func:`ospo.programme.assessment.score` when shown, so a template fix re-scores history consistently.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils.translation import gettext_lazy as _

from ospo.programme import assessment as lib
from ospo.programme.cost import YEARS
from ospo.programme.research import GROUPS
from ospo.programme.roadmap import STATUSES as ROADMAP_STATUSES
from ospo.programme.templates import SUBJECT_KINDS

MAX_UPLOAD_BYTES = 10 * 1024 * 1024  # evidence documents and attachments: beyond this, a link is the right tool


def storage() -> FileSystemStorage:
    """Uploads live in the data directory, never under a web-served MEDIA_ROOT: views check access first.

    A callable keeps the machine's data directory out of the migrations.
    """
    return FileSystemStorage(location=str(settings.DATA_DIR / "programme-files"))


# --- assessments ------------------------------------------------------------------------------------------------

class Assessment(models.Model):
    uid = models.CharField(_("identifier"), max_length=64, unique=True)
    template_id = models.CharField(_("template"), max_length=64, db_index=True)
    template_version = models.CharField(max_length=40)
    subject_kind = models.CharField(_("subject kind"), max_length=12, choices=[(k, k) for k in SUBJECT_KINDS])
    subject_name = models.CharField(_("subject"), max_length=500)
    subject_ref = models.CharField(_("subject reference"), max_length=2000, blank=True)
    agency = models.ForeignKey("estate.Agency", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    repository = models.ForeignKey("estate.Repository", on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    assessed_on = models.DateField(_("assessed on"))
    renew_by = models.DateField(_("renew by"), null=True, blank=True)
    signed_off = models.BooleanField(_("signed off"), default=False)
    document = models.JSONField(help_text="the library's ospo.assessment/1 document (source of truth)")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        ordering = ("-assessed_on", "-id")
        indexes = (models.Index(fields=["template_id", "subject_name", "assessed_on"]),)

    def __str__(self) -> str:
        return f"{self.template_id}: {self.subject_name} ({self.assessed_on})"

    def to_library(self) -> lib.Assessment:
        """The stored document through the library's validator (a stored document is always valid)."""
        return lib.assessment_from_data(self.document, source=f"assessment {self.uid}")

    def set_from_library(self, a: lib.Assessment) -> None:
        self.document = lib.assessment_to_dict(a)
        self.uid, self.template_id, self.template_version = a.id, a.template_id, a.template_version
        self.subject_kind, self.subject_name, self.subject_ref = a.subject.kind, a.subject.name, a.subject.ref
        self.assessed_on, self.renew_by, self.signed_off = a.assessed_on, a.renew_by, a.sign_off is not None


class EvidenceDocument(models.Model):
    """A document uploaded as evidence for one criterion; referenced from the answer as ``document`` evidence."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="documents")
    criterion = models.CharField(max_length=64)
    file = models.FileField(storage=storage, upload_to="evidence/%Y/%m/", max_length=300)
    name = models.CharField(max_length=255)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("evidence document")
        verbose_name_plural = _("evidence documents")

    def __str__(self) -> str:
        return self.name


# --- canvas and research ----------------------------------------------------------------------------------------

class Canvas(models.Model):
    title = models.CharField(_("title"), max_length=300)
    data = models.JSONField(help_text="canvas_to_dict of the library's Canvas")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("canvas")
        verbose_name_plural = _("canvases")

    def __str__(self) -> str:
        return self.title


class CanvasVersion(models.Model):
    canvas = models.ForeignKey(Canvas, on_delete=models.CASCADE, related_name="versions")
    version = models.PositiveIntegerField()
    taken_on = models.DateField()
    note = models.CharField(max_length=500, blank=True)
    data = models.JSONField()

    class Meta:
        verbose_name = _("canvas version")
        verbose_name_plural = _("canvas versions")
        ordering = ("canvas", "version")
        constraints = (models.UniqueConstraint(fields=["canvas", "version"], name="canvas_unique_version"),)

    def __str__(self) -> str:
        return f"{self.canvas} v{self.version}"


class Interview(models.Model):
    held_on = models.DateField(_("held on"))
    group = models.CharField(_("stakeholder group"), max_length=30, choices=[(g, g) for g in GROUPS])
    interviewee = models.CharField(_("interviewee (role or pseudonym)"), max_length=200, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    topics = models.JSONField(default=list, blank=True)
    tags = models.JSONField(default=list, blank=True)
    themes = models.JSONField(default=list, blank=True)
    quotes = models.JSONField(default=list, blank=True, help_text='[{"text": …, "theme": …}]')
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("interview")
        verbose_name_plural = _("interviews")
        ordering = ("-held_on", "-id")

    def __str__(self) -> str:
        return f"{self.held_on} {self.group}"


# --- roadmap -----------------------------------------------------------------------------------------------------

class RoadmapItem(models.Model):
    """The state of one item of the method's roadmap (the items themselves are the library's data)."""

    item_id = models.CharField(max_length=64, unique=True)
    status = models.CharField(_("status"), max_length=12, choices=[(s, s) for s in ROADMAP_STATUSES], default="todo")
    owner = models.CharField(_("owner"), max_length=200, blank=True)
    due = models.DateField(_("due date"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    verified = models.BooleanField(null=True, blank=True)
    verified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("roadmap item")
        verbose_name_plural = _("roadmap items")

    def __str__(self) -> str:
        return self.item_id


class ProgrammeSettings(models.Model):
    """One row: what the OSPO publishes about itself (feeds roadmap verification and the public pages)."""

    mission = models.TextField(_("mission"), blank=True)
    contact = models.CharField(_("contact"), max_length=300, blank=True)
    public_page_published = models.BooleanField(_("public page published"), default=False)
    public_dashboard = models.BooleanField(_("public dashboard enabled"), default=True)
    publication_guide_url = models.URLField(_("publication guide"), blank=True, max_length=1000)
    license_policy = models.TextField(_("licence policy (YAML)"), blank=True,
                                      help_text="the ospo check policy in force; its outbound list is the "
                                                "recommended-licence list")
    security_review_required = models.BooleanField(_("security review required for publication and adoption"),
                                                   default=False)

    class Meta:
        verbose_name = _("programme settings")
        verbose_name_plural = _("programme settings")

    def __str__(self) -> str:
        return "programme settings"

    @classmethod
    def current(cls) -> ProgrammeSettings:
        obj = cls.objects.order_by("id").first()
        return obj if obj is not None else cls.objects.create()


# --- service desk ------------------------------------------------------------------------------------------------

class ServiceKind(models.TextChoices):
    LICENSE_REVIEW = "license-review", _("License compliance review")
    PROCUREMENT = "procurement", _("Procurement advisory")
    PUBLICATION = "publication", _("Publication support")
    ADOPTION_VETTING = "adoption-vetting", _("Adoption vetting of an external open-source project")
    SECURITY_REVIEW = "security-review", _("Security review")
    TRAINING = "training", _("Training")


class Service(models.Model):
    kind = models.CharField(_("kind"), max_length=20, choices=ServiceKind.choices, unique=True)
    description = models.TextField(_("description"), blank=True)
    sla_days = models.PositiveIntegerField(_("service level (days)"), default=10)
    active = models.BooleanField(_("active"), default=True)
    public = models.BooleanField(_("listed in the public catalog"), default=True)

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")
        ordering = ("kind",)

    def __str__(self) -> str:
        return str(self.get_kind_display())


class RequestState(models.TextChoices):
    NEW = "new", _("new")
    TRIAGED = "triaged", _("triaged")
    IN_PROGRESS = "in-progress", _("in progress")
    WAITING = "waiting", _("waiting for requester")
    RESOLVED = "resolved", _("resolved")
    CLOSED = "closed", _("closed")
    REJECTED = "rejected", _("rejected")


OPEN_STATES = (RequestState.NEW, RequestState.TRIAGED, RequestState.IN_PROGRESS, RequestState.WAITING)
TRANSITIONS: dict[str, tuple[str, ...]] = {  # the workflow: anything else is refused
    "new": ("triaged", "in-progress", "rejected"),
    "triaged": ("in-progress", "waiting", "rejected"),
    "in-progress": ("waiting", "resolved", "rejected"),
    "waiting": ("in-progress", "resolved", "closed"),
    "resolved": ("closed", "in-progress"),
    "closed": (),
    "rejected": (),
}


class ServiceRequest(models.Model):
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="requests")
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    requester = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="+")
    agency = models.ForeignKey("estate.Agency", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    assignee = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="+", verbose_name=_("assignee"))
    state = models.CharField(_("state"), max_length=12, choices=RequestState.choices, default=RequestState.NEW)
    target = models.CharField(_("software (repository URL or registered path)"), max_length=1000, blank=True)
    evidence_links = models.JSONField(default=list, blank=True, help_text="links to engine evidence (pages, SARIF)")
    vetting_report = models.JSONField(null=True, blank=True)
    vetting_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    due_on = models.DateField(_("due date"))
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("service request")
        verbose_name_plural = _("service requests")
        ordering = ("-created_at",)

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        if self.due_on is None:  # the service level decides the due date at creation, once
            self.due_on = dt.date.today() + dt.timedelta(days=self.service.sla_days)
        super().save(*args, **kwargs)

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    def overdue(self, today: dt.date | None = None) -> bool:
        return self.is_open and self.due_on < (today or dt.date.today())


class RequestComment(models.Model):
    request = models.ForeignKey(ServiceRequest, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    body = models.TextField(_("comment"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("created_at",)
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self) -> str:
        return self.body[:60]


class RequestAttachment(models.Model):
    request = models.ForeignKey(ServiceRequest, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(storage=storage, upload_to="requests/%Y/%m/", max_length=300)
    name = models.CharField(max_length=255)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.name


# --- cost and KPIs ----------------------------------------------------------------------------------------------

class FundingEntry(models.Model):
    year = models.CharField(_("year"), max_length=5, choices=[(y, y) for y in YEARS])
    stream = models.CharField(_("funding stream"), max_length=64)
    amount = models.PositiveBigIntegerField(_("amount"))
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("funding entry")
        verbose_name_plural = _("funding entries")
        constraints = (models.UniqueConstraint(fields=["year", "stream"], name="funding_unique_year_stream"),)

    def __str__(self) -> str:
        return f"{self.year} {self.stream}"


class KpiTarget(models.Model):
    kpi = models.CharField(max_length=64)
    agency = models.ForeignKey("estate.Agency", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    target = models.FloatField(_("target"))

    class Meta:
        verbose_name = _("KPI target")
        verbose_name_plural = _("KPI targets")
        constraints = (  # one target per KPI for the whole government, one per KPI and agency
            models.UniqueConstraint(fields=["kpi"], condition=models.Q(agency__isnull=True), name="kpi_target_global"),
            models.UniqueConstraint(fields=["kpi", "agency"], condition=models.Q(agency__isnull=False),
                                    name="kpi_target_agency"),
        )

    def __str__(self) -> str:
        return f"{self.kpi} → {self.target}"


class KpiEntry(models.Model):
    """A value entered by hand (trainings, events) for one month, for the whole OSPO or one agency."""

    kpi = models.CharField(max_length=64)
    agency = models.ForeignKey("estate.Agency", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    period = models.DateField(_("month"), help_text="first day of the month")
    value = models.FloatField(_("value"))
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        verbose_name = _("KPI entry")
        verbose_name_plural = _("KPI entries")
        ordering = ("-period",)

    def __str__(self) -> str:
        return f"{self.kpi} {self.period}: {self.value}"


class KpiSnapshot(models.Model):
    """The KPI values as computed at a moment: the history a trend needs (computed values change with data)."""

    taken_on = models.DateField(db_index=True)
    agency = models.ForeignKey("estate.Agency", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    values = models.JSONField(help_text="{kpi id: value or null}")

    class Meta:
        verbose_name = _("KPI snapshot")
        verbose_name_plural = _("KPI snapshots")
        ordering = ("-taken_on",)

    def __str__(self) -> str:
        return f"KPIs {self.taken_on}"
