"""Authorization matrix: every URL pattern of the URL configuration × every role and the anonymous.

The patterns come from the resolver (pages, API, admin — whatever is mounted), the expectations from
``access_matrix_rules.RULES``. A route without a rule, a response that differs from its rule, or any 5xx fails.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import pytest
from access_helpers import ROLES, build_world, client_for
from access_matrix_rules import RULES, Rule
from django.urls import URLPattern, URLResolver, get_resolver

ARG = re.compile(r"<(?:(?P<conv>\w+):)?(?P<name>\w+)>")
REGEX_GROUP = re.compile(r"\(\?P<(?P<name>\w+)>(?P<body>[^()]*(?:\([^()]*\)[^()]*)*)\)")


@dataclass(frozen=True)
class Route:
    name: str  # qualified: namespace:name
    template: str  # path with <conv:name> / (?P<name>…) placeholders, without anchors


def _pattern_text(p: Any) -> str:
    return str(p.pattern)


def walk(patterns: list[Any], prefix: str = "", namespace: str = "") -> list[Route]:
    out: list[Route] = []
    for p in patterns:
        text = prefix + _pattern_text(p).lstrip("^").rstrip("$").replace("\\Z", "")
        if isinstance(p, URLResolver):
            ns = namespace
            if p.namespace:
                ns = f"{namespace}:{p.namespace}" if namespace else p.namespace
            out.extend(walk(p.url_patterns, text, ns))
        elif isinstance(p, URLPattern):
            name = p.name or getattr(p.callback, "__name__", "?")
            out.append(Route(f"{namespace}:{name}" if namespace else name, text))
    return out


def all_routes() -> list[Route]:
    seen, routes = set(), []
    for r in walk(get_resolver().url_patterns):
        if (r.name, r.template) not in seen:
            seen.add((r.name, r.template))
            routes.append(r)
    return routes


def rule_for(route: Route) -> Rule | None:
    return next((r for r in RULES if re.fullmatch(r.pattern, route.name)), None)


def _sample_id(world: Any, rule: Rule) -> str:
    if rule.sample == "admin_object" or not rule.sample:
        return str(world.users["admin"].pk)  # exists on every backend (PostgreSQL does not reset sequences)
    return str(getattr(world, rule.sample).pk)


def build_url(route: Route, world: Any, rule: Rule) -> str:
    params = dict(rule.params)

    def fill(name: str, conv: str | None, body: str = "") -> str:
        if name in params:
            return params[name]
        if name == "format":  # regex routes have the dot before the group; the converter route does not
            return "json" if body else ".json"
        if name == "app_label" and body:
            return body.split("|")[0]
        if name in {"pk", "object_id", "id", "content_type_id", "user_id"} or conv == "int":
            return _sample_id(world, rule)
        if name == "url":
            return "estate/agency/"
        raise AssertionError(f"no sample value for <{name}> in {route.name} — add one to the matrix test")

    url = REGEX_GROUP.sub(lambda m: fill(m["name"], None, m["body"].strip("()")), route.template)
    url = ARG.sub(lambda m: fill(m["name"], m["conv"]), url)
    url = url.replace("\\.", ".").replace("/?", "/").replace("\\", "")
    return "/" + url


def form_data(world: Any, rule: Rule) -> dict[str, str]:
    return {k: str(getattr(world, v[1:]).pk) if v.startswith("@") else v for k, v in rule.data}


def outcome(resp: Any) -> str:
    if resp.status_code >= 500:
        return f"error {resp.status_code}"
    if resp.status_code in {401, 403, 404}:
        return "deny"
    if resp.status_code in {301, 302} and "login" in resp.get("Location", ""):
        return "deny"
    if resp.status_code == 405:
        return "method not allowed"
    return "allow"


def test_every_route_has_a_rule():
    missing = [r.name for r in all_routes() if rule_for(r) is None]
    assert missing == [], f"routes without an authorization rule (add them to access_matrix_rules.py): {missing}"


def test_rules_table_covers_the_api_and_admin():
    names = {r.name for r in all_routes()}
    assert {"api:repository-list", "api:decision-detail", "api:schema", "admin:index"} <= names
    assert len([n for n in names if n.startswith("admin:")]) > 20


@pytest.mark.django_db
def test_authorization_matrix():
    world = build_world()
    clients = {role: client_for(role, world) for role in ROLES}
    mismatches, checked = [], 0
    for route in all_routes():
        rule = rule_for(route)
        if rule is None or rule.allowed is None:
            continue
        url = build_url(route, world, rule)
        for role in ROLES:
            resp = getattr(clients[role], rule.method)(url, form_data(world, rule)) if rule.data else \
                getattr(clients[role], rule.method)(url)
            got = outcome(resp)
            want = "allow" if role in rule.allowed else "deny"
            checked += 1
            if got != want:
                mismatches.append(f"{route.name} {rule.method.upper()} {url} as {role}: {got} "
                                  f"({resp.status_code}), expected {want}")
    assert checked > 500
    assert mismatches == [], "\n".join(mismatches)
