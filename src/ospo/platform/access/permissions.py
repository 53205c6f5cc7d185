"""The one permission layer: ``can(user, action, obj)`` and the ``visible_*`` queryset scopes.

Pages and API routes call these and nothing else, so "who may do what" is decided here once. The rules:

* OSPO admin (a superuser or an ``admin`` membership): everything.
* OSPO staff: see every agency; add and change sources, trigger scans, triage — everywhere.
* agency maintainer: the same within their agency (and its child agencies).
* reviewer: see, triage and take legal/security decisions (waivers) — everywhere, or in one agency.
* public (anonymous, or a signed-in user without a role): agencies, published repositories with their
  inventory, and aggregate statistics. Never sources, scans, findings, decisions or the audit log — an
  untriaged vulnerability of a published repository is not public information.

An object outside a user's scope is answered 404 by the views (scoped querysets), so its existence does not leak.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from django.db.models import Exists, Model, OuterRef, Q, QuerySet

from ospo.platform.access.models import Role, RoleMembership
from ospo.platform.estate.models import Agency, Repository, Source, Team
from ospo.platform.findings.models import Decision, DecisionKind, Finding
from ospo.platform.inventory.models import Component, Usage
from ospo.platform.scans.models import DiscoveryJob, EstateScan, Scan


class Action(StrEnum):
    VIEW = "view"
    ADD_SOURCE = "add_source"  # on an Agency
    CHANGE = "change"  # a Source's or Repository's configuration
    SCAN = "scan"  # trigger a scan of a Repository (or every repository of a Source)
    TRIAGE = "triage"  # a triage decision on findings of a Repository
    DECIDE = "decide"  # a legal/security decision: a waiver
    VIEW_AUDIT = "view_audit"
    ADMINISTER = "administer"  # roles, tokens of others, the admin site


ALL_ACTIONS = frozenset(Action)
RIGHTS: dict[str, frozenset[Action]] = {
    Role.ADMIN: ALL_ACTIONS,
    Role.STAFF: frozenset(
        {Action.VIEW, Action.ADD_SOURCE, Action.CHANGE, Action.SCAN, Action.TRIAGE, Action.VIEW_AUDIT}
    ),
    Role.MAINTAINER: frozenset({Action.VIEW, Action.ADD_SOURCE, Action.CHANGE, Action.SCAN, Action.TRIAGE}),
    Role.REVIEWER: frozenset({Action.VIEW, Action.TRIAGE, Action.DECIDE}),
}


@dataclass(frozen=True)
class Grants:
    """What one user may do: actions valid everywhere, and actions valid in a set of agencies."""

    everywhere: frozenset[Action] = frozenset()
    agencies: dict[Action, frozenset[int]] = field(default_factory=dict)
    roles: frozenset[str] = frozenset()

    def allows(self, action: Action, agency_id: int | None) -> bool:
        if action in self.everywhere:
            return True
        return agency_id is not None and agency_id in self.agencies.get(action, frozenset())

    def scope(self, action: Action) -> frozenset[int] | None:
        """None: every agency. Otherwise the agency ids (possibly empty)."""
        if action in self.everywhere:
            return None
        return self.agencies.get(action, frozenset())

    def anywhere(self, action: Action) -> bool:
        return action in self.everywhere or bool(self.agencies.get(action))


PUBLIC = Grants()


def _children() -> dict[int | None, list[int]]:
    children: dict[int | None, list[int]] = defaultdict(list)
    for pk, parent in Agency.objects.values_list("id", "parent_id"):
        children[parent].append(pk)
    return children


def _descendants(roots: set[int], children: dict[int | None, list[int]]) -> set[int]:
    seen: set[int] = set()
    stack = list(roots)
    while stack:
        pk = stack.pop()
        if pk not in seen:
            seen.add(pk)
            stack.extend(children.get(pk, ()))
    return seen


def grants(user: Any) -> Grants:
    """The user's grants, computed once per user object (a request's user lives one request)."""
    if user is None or not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        return PUBLIC
    cached = getattr(user, "_ospo_grants", None)
    if cached is not None:
        return cached
    everywhere: set[Action] = set(ALL_ACTIONS) if user.is_superuser else set()
    scoped: dict[Action, set[int]] = defaultdict(set)
    roles = {Role.ADMIN} if user.is_superuser else set()
    rows = list(RoleMembership.objects.filter(user=user).values_list("role", "agency_id"))
    children = _children() if any(a is not None for _, a in rows) else {}
    for role, agency_id in rows:
        roles.add(role)
        actions = RIGHTS.get(role, frozenset())
        if agency_id is None:
            everywhere |= actions
        else:
            covered = _descendants({agency_id}, children)
            for action in actions:
                scoped[action] |= covered
    result = Grants(frozenset(everywhere), {a: frozenset(ids) for a, ids in scoped.items()}, frozenset(roles))
    user._ospo_grants = result
    return result


def forget(user: Any) -> None:
    """Drop the cached grants (after a membership change in the same request or test)."""
    if hasattr(user, "_ospo_grants"):
        del user._ospo_grants


# --- object → agency -----------------------------------------------------------------------------------------


def _agency_and_published(obj: Model) -> tuple[int | None, bool]:
    if isinstance(obj, Agency):
        return obj.pk, False
    if isinstance(obj, Repository):
        return obj.agency_id, obj.published
    if isinstance(obj, (Source, Team)):
        return obj.agency_id, False
    if isinstance(obj, DiscoveryJob):  # a source's discovery: private like the source
        return obj.source.agency_id, False
    if isinstance(obj, (Scan, Usage, Finding)):
        repo = obj.repository
        return repo.agency_id, repo.published
    if isinstance(obj, Decision):
        repo = obj.scope_repository
        return (repo.agency_id, False) if repo is not None else (None, False)
    return None, False


def can(user: Any, action: Action | str, obj: Model | None = None) -> bool:
    """May ``user`` do ``action`` on ``obj``? Without ``obj``: somewhere (e.g. to show a form or a button)."""
    action = Action(action)
    g = grants(user)
    if obj is None:
        return action == Action.VIEW or g.anywhere(action)
    if action == Action.VIEW:
        if isinstance(obj, Agency):
            return True  # the register of public bodies is public
        if isinstance(obj, Component):
            return visible_components(user).filter(pk=obj.pk).exists()
        if isinstance(obj, EstateScan):
            return Action.VIEW in g.everywhere
        agency_id, published = _agency_and_published(obj)
        if published and isinstance(obj, (Repository, Usage)):
            return True
        if isinstance(obj, Decision) and agency_id is None:
            return g.anywhere(Action.VIEW)  # a government-wide decision: anyone with a role sees it
        return g.allows(action, agency_id)
    if isinstance(obj, Decision):
        agency_id, _ = _agency_and_published(obj)
        needed = Action.DECIDE if obj.kind == DecisionKind.WAIVER else Action.TRIAGE
        return g.allows(needed, agency_id) if agency_id is not None else needed in g.everywhere
    agency_id, _ = _agency_and_published(obj)
    return g.allows(action, agency_id)


def decision_action(kind: str) -> Action:
    """A waiver is a legal/security decision (reviewers); a triage may be made by maintainers too."""
    return Action.DECIDE if kind == DecisionKind.WAIVER else Action.TRIAGE


# --- queryset scopes -----------------------------------------------------------------------------------------


def _agency_filter(user: Any, action: Action, field_name: str) -> Q | None:
    """None: no restriction. Otherwise a Q on ``field_name`` (an agency id field)."""
    scope = grants(user).scope(action)
    if scope is None:
        return None
    return Q(**{f"{field_name}__in": sorted(scope)})


def visible_agencies(user: Any) -> QuerySet[Agency]:
    return Agency.objects.all()


def agencies_for(user: Any, action: Action) -> QuerySet[Agency]:
    """Agencies where the user may do ``action`` (e.g. the choices of a source form)."""
    q = _agency_filter(user, action, "pk")
    return Agency.objects.all() if q is None else Agency.objects.filter(q)


def visible_repositories(user: Any) -> QuerySet[Repository]:
    q = _agency_filter(user, Action.VIEW, "agency_id")
    return Repository.objects.all() if q is None else Repository.objects.filter(q | Q(published=True))


def private_scope(qs: QuerySet, user: Any, field_name: str) -> QuerySet:
    """Rows reachable only through a role (sources, scans, findings): none for the public."""
    q = _agency_filter(user, Action.VIEW, field_name)
    return qs if q is None else qs.filter(q)


def visible_sources(user: Any) -> QuerySet[Source]:
    return private_scope(Source.objects.all(), user, "agency_id")


def visible_discovery_jobs(user: Any) -> QuerySet[DiscoveryJob]:
    return private_scope(DiscoveryJob.objects.all(), user, "source__agency_id")


def visible_scans(user: Any) -> QuerySet[Scan]:
    return private_scope(Scan.objects.all(), user, "repository__agency_id")


def visible_estate_scans(user: Any) -> QuerySet[EstateScan]:
    return EstateScan.objects.all() if Action.VIEW in grants(user).everywhere else EstateScan.objects.none()


def visible_usages(user: Any) -> QuerySet[Usage]:
    q = _agency_filter(user, Action.VIEW, "repository__agency_id")
    return Usage.objects.all() if q is None else Usage.objects.filter(q | Q(repository__published=True))


def visible_components(user: Any) -> QuerySet[Component]:
    """Components used by at least one repository the user sees (all of them for government-wide roles)."""
    if grants(user).scope(Action.VIEW) is None:
        return Component.objects.all()
    used = visible_usages(user).filter(component=OuterRef("pk"))
    return Component.objects.filter(Exists(used))


def visible_findings(model: type[Finding], user: Any) -> QuerySet:
    return private_scope(model.objects.all(), user, "repository__agency_id")


def visible_decisions(user: Any) -> QuerySet[Decision]:
    g = grants(user)
    scope = g.scope(Action.VIEW)
    if scope is None:
        return Decision.objects.all()
    if not scope:
        return Decision.objects.none()
    return Decision.objects.filter(Q(scope_repository__agency_id__in=sorted(scope)) | Q(scope_repository__isnull=True))


def sees_everything(user: Any) -> bool:
    """No repository is hidden from ``user`` (pages may count whole tables, which is faster)."""
    return grants(user).scope(Action.VIEW) is None
