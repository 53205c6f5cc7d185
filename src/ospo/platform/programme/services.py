"""Operations the views (and tests, and the admin) share: assessments in and out, canvas edits, the desk workflow.

Each one goes through the library for the logic (validation, scoring, canvas rules) and only adds storage.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.db import transaction
from django.utils import timezone

from ospo.programme import assessment as lib
from ospo.programme import canvas as libcanvas
from ospo.programme.prefill import prefill_readiness
from ospo.programme.templates import Template, get_template, shipped_templates

from .models import (
    TRANSITIONS,
    Assessment,
    Canvas,
    CanvasVersion,
    RequestState,
    Service,
    ServiceKind,
    ServiceRequest,
)


class WorkflowError(ValueError):
    """A state change the workflow does not allow."""


# --- assessments --------------------------------------------------------------------------------------------------

def resolve_template(template_id: str, version: str | None = None) -> Template | None:
    """Templates are the shipped ones (a template registry with older versions is left for later)."""
    return get_template(template_id)


def create_assessment(template_id: str, subject: lib.Subject, assessed_on: dt.date, assessor: str = "",
                      user: Any = None, **extra: Any) -> Assessment:
    template = get_template(template_id)
    if template is None:
        raise LookupError(template_id)
    a = lib.new_assessment(template, subject, assessed_on, f"{template_id[:20]}-{uuid.uuid4().hex[:12]}", assessor)
    row = Assessment(created_by=user if getattr(user, "is_authenticated", False) else None, **extra)
    row.set_from_library(a)
    row.save()
    return row


def import_assessment(data: bytes, user: Any = None, **extra: Any) -> Assessment:
    """A results JSON file → a stored assessment (InvalidDocument with every problem when it does not validate)."""
    a = lib.load_assessment(data, source="upload")
    row = Assessment.objects.filter(uid=a.id).first() or Assessment(
        created_by=user if getattr(user, "is_authenticated", False) else None, **extra)
    row.set_from_library(a)
    row.save()
    return row


def export_assessment(row: Assessment) -> str:
    return lib.dumps(lib.assessment_to_dict(row.to_library()))


def save_library(row: Assessment, a: lib.Assessment) -> None:
    row.set_from_library(a)
    row.save()


def prefill_repository(repo_path: str, assessed_on: dt.date, lang: str, user: Any = None, **extra: Any
                       ) -> Assessment:
    """A readiness assessment of a repository with its automatable criteria filled by the engine."""
    from django.conf import settings

    a = prefill_readiness(repo_path, lang=lang, assessed_on=assessed_on,
                          assessment_id=f"readiness-{uuid.uuid4().hex[:12]}",
                          vulndb=getattr(settings, "OSPO_VULNDB", "") or None)  # the findings' database
    row = Assessment(created_by=user if getattr(user, "is_authenticated", False) else None, **extra)
    row.set_from_library(a)
    row.save()
    return row


def history(row: Assessment) -> list[Assessment]:
    """Assessments of the same subject with the same template, oldest first: what trend and compare use."""
    return list(Assessment.objects.filter(template_id=row.template_id, subject_kind=row.subject_kind,
                                          subject_name=row.subject_name).order_by("assessed_on", "id"))


def all_templates() -> dict[str, Template]:
    return shipped_templates()


# --- canvas -------------------------------------------------------------------------------------------------------

def new_canvas(title: str) -> Canvas:
    c = libcanvas.Canvas(uuid.uuid4().hex[:12], title)
    return Canvas.objects.create(title=title, data=libcanvas.canvas_to_dict(c))


def add_assumption(row: Canvas, block: str, statement: str, priority: int = 0,
                   evidence: libcanvas.Evidence | None = None, status: str = "to-test") -> str:
    """Add through the library (block and status checked there); evidence first, so a validated one may carry it."""
    c = libcanvas.canvas_from_dict(row.data)
    existing = {a.id for items in c.blocks.values() for a in items}
    n = len(existing) + 1
    while f"a{n}" in existing:
        n += 1
    aid = f"a{n}"
    libcanvas.add_assumption(c, block, libcanvas.Assumption(aid, statement, "to-test", priority,
                                                           [evidence] if evidence else []))
    if status != "to-test":
        libcanvas.set_status(c, aid, status)
    row.data = libcanvas.canvas_to_dict(c)
    row.save(update_fields=["data", "updated_at"])
    return aid


def set_assumption_status(row: Canvas, assumption_id: str, status: str,
                          evidence: libcanvas.Evidence | None = None) -> None:
    c = libcanvas.canvas_from_dict(row.data)
    libcanvas.set_status(c, assumption_id, status, evidence)
    row.data = libcanvas.canvas_to_dict(c)
    row.save(update_fields=["data", "updated_at"])


def snapshot_canvas(row: Canvas, note: str = "") -> CanvasVersion:
    with transaction.atomic():
        last = row.versions.order_by("-version").first()
        return CanvasVersion.objects.create(canvas=row, version=(last.version + 1) if last else 1,
                                            taken_on=timezone.localdate(), note=note, data=row.data)


# --- service desk -------------------------------------------------------------------------------------------------

def create_request(service: Service, title: str, user: Any = None, lang: str = "en", **fields: Any
                   ) -> ServiceRequest:
    """Open a request; an adoption-vetting request gets the engine's vetting report attached straight away."""
    from .vetting import attach_vetting

    req = ServiceRequest.objects.create(service=service, title=title,
                                        requester=user if getattr(user, "is_authenticated", False) else None,
                                        **fields)
    if service.kind == ServiceKind.ADOPTION_VETTING and req.target:
        attach_vetting(req, lang)
    return req


def transition(req: ServiceRequest, state: str) -> None:
    if state not in TRANSITIONS.get(req.state, ()):
        raise WorkflowError(f"{req.state} → {state}")
    req.state = state
    if state == RequestState.RESOLVED:
        req.resolved_at = timezone.now()
    elif state == RequestState.IN_PROGRESS:
        req.resolved_at = None
    req.save(update_fields=["state", "resolved_at"])
