"""Sources from the pages: add one to an agency, read it, and "Discover now".

Agency maintainers (their own agencies), OSPO staff and admins register sources here rather than in the admin
site. The form asks where the token is (``env:VARIABLE`` or ``store:KEY``), never the token. "Discover now" is
a POST (CSRF-protected) that queues a discovery job and returns at once
(:func:`ospo.platform.scans.discover.request_discovery`, shared with ``POST /api/sources/{id}/discover/``; a
second press while one is queued or running queues nothing): a worker lists the repositories — a forge
organisation can take many rate-limited requests — and queues their scans. The source page follows the job
("discovering…", then what was found, or the forge's error) and then the scans, with the scans pages' live
progress (a ``<meta http-equiv="refresh">`` while anything is queued or running — no JavaScript needed).
"""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from ospo.platform.access.permissions import visible_sources
from ospo.platform.access.sources import source_errors
from ospo.platform.estate.models import Source, SourceKind
from ospo.platform.scans.models import DiscoveryJob, Scan, ScanStatus
from ospo.platform.web import scope
from ospo.platform.web.scan_views import ACTIVE, REFRESH_S, _progress

RECENT_SCANS = 50


class SourceForm(forms.ModelForm):
    api_url = forms.URLField(
        label=Source._meta.get_field("api_url").verbose_name, required=False, assume_scheme="https"
    )

    class Meta:
        model = Source
        fields = ("agency", "kind", "location", "api_url", "token_ref", "subdirectories")
        help_texts: ClassVar[dict[str, Any]] = {
            "location": gettext_lazy(
                "A git URL (https://, ssh:// or git://), or the organisation or group name on the forge."
            ),
            "api_url": gettext_lazy("Only for a self-hosted GitLab, Gitea or GitHub Enterprise."),
            "token_ref": gettext_lazy(
                "Where the access token is, never the token itself: env:VARIABLE (an "
                "environment variable of the workers) or store:KEY (the secret store). "
                "Empty for public repositories."
            ),
            "subdirectories": gettext_lazy("Local paths only."),
        }

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["agency"].queryset = scope.agencies_for(user, scope.Action.ADD_SOURCE).order_by("name")
        self.fields["agency"].empty_label = None
        if not scope.can(user, scope.Action.ADMINISTER):  # local paths read the server: administrators only
            self.fields["kind"].choices = [c for c in self.fields["kind"].choices if c[0] != SourceKind.LOCAL]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        errors = source_errors(self.user, data.get("agency"), data.get("kind", ""), data.get("location", ""))
        for name, message in errors.items():
            self.add_error(name, message)
        return data


@scope.login_or_forbid
def source_add(request: HttpRequest) -> HttpResponse:
    if not scope.can(request.user, scope.Action.ADD_SOURCE):
        scope.require_role(request)  # the anonymous are sent to the login page
        raise PermissionDenied
    initial = {}
    agency = request.GET.get("agency", "")
    if agency.isdigit():
        initial["agency"] = int(agency)
    form = SourceForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        source = form.save()  # the audit log records the creation (signals), with this user as the actor
        messages.success(request, _("Source added. Press “Discover now” to find its repositories and scan them."))
        return redirect("web:source", pk=source.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "ospo/source_form.html", {"form": form}, status=status)


@scope.login_or_forbid
def source(request: HttpRequest, pk: int) -> HttpResponse:
    scope.require_role(request)
    obj = get_object_or_404(visible_sources(request.user).select_related("agency"), pk=pk)
    repositories = obj.repositories.filter(archived=False).order_by("name")
    recent = list(
        Scan.objects.filter(repository__source=obj)
        .select_related("repository")
        .order_by("-requested_at", "-pk")[:RECENT_SCANS]
    )
    latest: dict[int, Scan] = {}
    for s in recent:
        latest.setdefault(s.repository_id, s)
    counts = dict.fromkeys(ScanStatus.values, 0)
    for s in latest.values():
        counts[s.status] += 1
    progress = _progress(counts)
    job = obj.discovery_jobs.order_by("-requested_at", "-pk").first()
    active = any(s.status in ACTIVE for s in latest.values()) or (job is not None and job.status in ACTIVE)
    return render(
        request,
        "ospo/source.html",
        {
            "source": obj,
            "repositories": repositories,
            "page": recent,
            "progress": progress,
            "refresh": REFRESH_S if active else None,
            "can_discover": scope.can(request.user, scope.Action.SCAN, obj),
            "job": job,
            "job_summary": job_summary(job) if job is not None and job.status == ScanStatus.SUCCEEDED else "",
            "job_reason": job_reason(job) if job is not None else "",
        },
    )


def job_summary(job: DiscoveryJob) -> str:
    """ "3 repositories found · 1 new · 0 archived · 3 scans queued", in the page's language."""
    current = job.found
    return " · ".join(
        (
            ngettext("%(n)d repository found", "%(n)d repositories found", current) % {"n": current},
            ngettext("%(n)d new", "%(n)d new", job.added) % {"n": job.added},
            ngettext("%(n)d archived", "%(n)d archived", job.removed) % {"n": job.removed},
            ngettext("%(n)d scan queued", "%(n)d scans queued", len(job.scans)) % {"n": len(job.scans)},
        )
    )


def job_reason(job: DiscoveryJob) -> str:
    from ospo.platform.scans.discover import ERROR_MESSAGES

    return str(ERROR_MESSAGES.get(job.error_code, "")) if job.error_code else ""


@scope.login_or_forbid
@require_POST
def source_discover(request: HttpRequest, pk: int) -> HttpResponse:
    from ospo.platform.scans.discover import request_discovery

    scope.require_role(request)
    obj = get_object_or_404(visible_sources(request.user), pk=pk)
    if not scope.can(request.user, scope.Action.SCAN, obj):
        raise PermissionDenied
    _job, created = request_discovery(obj, request.user)
    if created:
        messages.success(request, _("Discovery queued: this page shows the repositories found, then their scans."))
    else:
        messages.info(request, _("A discovery of this source is already queued or running."))
    return redirect("web:source", pk=obj.pk)
