"""The audit log: every decision and configuration change, with who, when, what object, before and after.

Written by model signals, so a change made through a page, the API, the admin site or a shell is recorded the
same way. The actor comes from a context variable that the middleware (pages, admin) and the API views (token
and session authentication happen inside DRF) set; ``acting_as`` sets it for commands.

Engine-driven updates are not configuration changes: for findings only the decision fields are audited, for
repositories only their settings (not ``last_tree_hash`` and friends that every scan rewrites).
"""

from __future__ import annotations

import contextvars
import datetime
import decimal
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from django.db.models import Model
from django.db.models.signals import post_delete, post_save, pre_save
from django.http import HttpRequest, HttpResponse

_actor: contextvars.ContextVar[Any] = contextvars.ContextVar("ospo_audit_actor", default=None)

# model label → the fields whose change is audited (None: every concrete field)
AUDITED: dict[str, frozenset[str] | None] = {
    "estate.government": None,
    "estate.agency": None,
    "estate.team": None,
    "estate.source": None,
    "estate.repository": frozenset({"name", "location", "web_url", "default_branch", "archived", "published",
                                   "scan_interval_hours", "agency", "team", "source"}),
    "findings.decision": None,
    "findings.licensefinding": frozenset({"status", "decision"}),
    "findings.vulnerabilityfinding": frozenset({"status", "decision", "vex_state"}),
    "findings.hygienefinding": frozenset({"status", "decision"}),
    "access.rolemembership": None,
    "access.apitoken": frozenset({"user", "name", "prefix", "expires_at", "revoked"}),  # never the hash
    "auth.user": frozenset({"username", "is_active", "is_staff", "is_superuser", "email"}),
}


def set_actor(user: Any) -> contextvars.Token:
    return _actor.set(user if getattr(user, "is_authenticated", False) else None)


@contextmanager
def acting_as(user: Any) -> Iterator[None]:
    token = set_actor(user)
    try:
        yield
    finally:
        _actor.reset(token)


class AuditMiddleware:
    """Makes the signed-in user the actor of every change made while answering the request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = set_actor(getattr(request, "user", None))
        try:
            return self.get_response(request)
        finally:
            _actor.reset(token)


def _jsonable(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, (decimal.Decimal, uuid.UUID)):
        return str(value)
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    return str(value)


def snapshot(obj: Model, fields: frozenset[str] | None) -> dict[str, Any]:
    out = {}
    for f in obj._meta.concrete_fields:
        if fields is not None and f.name not in fields:
            continue
        if f.name in {"password", "key_hash"}:
            continue
        out[f.name] = _jsonable(getattr(obj, f.attname))
    return out


def _agency_of(obj: Model) -> int | None:
    label = obj._meta.label_lower
    if label == "estate.agency":
        return obj.pk
    for attr in ("agency_id",):
        if hasattr(obj, attr):
            return getattr(obj, attr)
    repo_id = getattr(obj, "repository_id", None) or getattr(obj, "scope_repository_id", None)
    if repo_id:
        from ospo.platform.estate.models import Repository

        return Repository.objects.filter(pk=repo_id).values_list("agency_id", flat=True).first()
    return None


def record(action: str, obj: Model, before: dict | None, after: dict | None) -> None:
    from ospo.platform.access.models import AuditEntry

    actor = _actor.get()
    AuditEntry.objects.create(
        actor=actor, actor_name=(actor.get_username() if actor is not None else "")[:150], action=action,
        model=obj._meta.label_lower, object_id=str(obj.pk), object_repr=str(obj)[:300], agency_id=_agency_of(obj),
        before=before, after=after,
    )


def _pre_save(sender: type[Model], instance: Model, raw: bool = False, **_: Any) -> None:
    if raw or instance.pk is None:
        instance._audit_before = None
        return
    fields = AUDITED[sender._meta.label_lower]
    old = sender._default_manager.filter(pk=instance.pk).first()
    instance._audit_before = snapshot(old, fields) if old is not None else None


def _post_save(sender: type[Model], instance: Model, created: bool, raw: bool = False, **_: Any) -> None:
    if raw:
        return
    fields = AUDITED[sender._meta.label_lower]
    after = snapshot(instance, fields)
    before = getattr(instance, "_audit_before", None)
    if created or before is None:
        if sender._meta.label_lower.startswith("findings.") and sender._meta.model_name != "decision":
            return  # the engine created it; not a human decision
        record("create", instance, None, after)
        return
    changed = {k for k in after if after[k] != before.get(k)}
    if changed:
        record("update", instance, {k: before.get(k) for k in sorted(changed)}, {k: after[k] for k in sorted(changed)})


def _post_delete(sender: type[Model], instance: Model, **_: Any) -> None:
    if sender._meta.label_lower.startswith("findings.") and sender._meta.model_name != "decision":
        return  # findings go with their repository, whose deletion is recorded
    record("delete", instance, snapshot(instance, AUDITED[sender._meta.label_lower]), None)


def connect_signals() -> None:
    from django.apps import apps

    for label in AUDITED:
        model = apps.get_model(label)
        uid = f"ospo-audit-{label}"
        pre_save.connect(_pre_save, sender=model, dispatch_uid=uid + "-pre")
        post_save.connect(_post_save, sender=model, dispatch_uid=uid + "-post")
        post_delete.connect(_post_delete, sender=model, dispatch_uid=uid + "-del")
