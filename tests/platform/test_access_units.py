"""Access layer: role scopes, API tokens (hashed, header parsing fuzzed), audit entries, OIDC configuration,
and the API's write rules (create source, trigger scan, decisions) and CSV export."""

from __future__ import annotations

import json

import pytest
from access_helpers import api_client_for, build_world
from hypothesis import given, settings
from hypothesis import strategies as st

from ospo.platform.access import audit, tokens
from ospo.platform.access.models import ApiToken, AuditEntry
from ospo.platform.access.oidc import DiscoveryError, configure, parse_discovery
from ospo.platform.access.permissions import Action, can, visible_components, visible_repositories
from ospo.platform.api.renderers import to_csv

FUZZ = settings(max_examples=1000, deadline=None)


@pytest.mark.django_db
def test_role_scopes():
    w = build_world()
    names = lambda u: sorted(visible_repositories(u).values_list("name", flat=True))  # noqa: E731
    assert names(None) == ["open-budget"]
    assert names(w.users["public"]) == ["open-budget"]
    assert names(w.users["maintainer_a"]) == ["beds", "open-budget", "records"]  # child agency included
    assert names(w.users["maintainer_b"]) == ["open-budget", "tax"]
    assert len(names(w.users["staff"])) == 4
    assert list(visible_components(None)) == [w.component_public]
    assert can(w.users["maintainer_a"], Action.ADD_SOURCE, w.child_a)
    assert not can(w.users["maintainer_a"], Action.ADD_SOURCE, w.agency_b)
    assert not can(w.users["reviewer"], Action.SCAN, w.repo_a) and can(w.users["reviewer"], Action.DECIDE, w.repo_a)
    assert not can(w.users["maintainer_a"], Action.DECIDE, w.repo_a)
    assert not can(None, Action.VIEW, w.vuln_a) and not can(w.users["maintainer_b"], Action.VIEW, w.vuln_a)


@pytest.mark.django_db
def test_api_tokens_are_hashed_and_revocable():
    w = build_world()
    issued = tokens.issue(w.users["maintainer_a"], "ci")
    row = ApiToken.objects.get()
    assert issued.value not in (row.key_hash, row.prefix) and row.key_hash == tokens.hash_token(issued.value)
    from rest_framework.test import APIClient

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {issued.value}")
    assert client.get("/api/repositories/").json()["count"] == 3
    row.revoked = True
    row.save()
    assert client.get("/api/repositories/").status_code == 401
    client.credentials(HTTP_AUTHORIZATION="Bearer ospo_" + "x" * 43)
    assert client.get("/api/repositories/").status_code == 401


@FUZZ
@given(st.one_of(st.text(max_size=120), st.binary(max_size=120),
                 st.builds(lambda s: "Bearer ospo_" + s, st.text(max_size=60))))
def test_authorization_header_parser_never_raises(header):
    value = tokens.parse_authorization(header)
    assert value is None or tokens.TOKEN_RE.fullmatch(value)


@FUZZ
@given(st.one_of(st.binary(max_size=300), st.dictionaries(st.sampled_from(
    ["issuer", "authorization_endpoint", "token_endpoint", "jwks_uri", "userinfo_endpoint"]),
    st.one_of(st.text(max_size=40), st.just("https://id.example"), st.integers(), st.none()))
    .map(lambda d: json.dumps(d).encode())))
def test_discovery_parser_accepts_or_raises_discovery_error(data):
    try:
        out = parse_discovery(data, "https://id.example")
    except DiscoveryError:
        return
    assert all(v.startswith(("https://", "http://")) for v in out.values())


def test_oidc_disabled_unless_configured_and_discovery_used():
    assert not configure({}).enabled
    doc = json.dumps({"issuer": "https://id.example/realm", "authorization_endpoint": "https://id.example/a",
                      "token_endpoint": "https://id.example/t", "jwks_uri": "https://id.example/k",
                      "userinfo_endpoint": "https://id.example/u"}).encode()
    seen = []
    conf = configure({"OSPO_OIDC_ISSUER": "https://id.example/realm", "OSPO_OIDC_CLIENT_ID": "ospo"},
                     fetch=lambda url: seen.append(url) or doc)
    assert conf.enabled and seen == ["https://id.example/realm/.well-known/openid-configuration"]
    assert conf.settings["OIDC_OP_TOKEN_ENDPOINT"] == "https://id.example/t"

    def down(url: str) -> bytes:
        raise OSError("unreachable")

    off = configure({"OSPO_OIDC_ISSUER": "https://id.example/realm", "OSPO_OIDC_CLIENT_ID": "ospo"}, fetch=down)
    assert not off.enabled and "unreachable" in off.reason


@pytest.mark.django_db
def test_api_writes_follow_the_rules_and_are_audited():
    w = build_world()
    maint = api_client_for("maintainer_a", w)
    ok = maint.post("/api/sources/", {"agency": w.agency_a.pk, "kind": "github", "location": "health-gov"},
                    format="json")
    assert ok.status_code == 201, ok.content
    assert maint.post("/api/sources/", {"agency": w.agency_b.pk, "kind": "github", "location": "x"},
                      format="json").status_code == 400
    assert maint.post("/api/sources/", {"agency": w.agency_a.pk, "kind": "local", "location": "/etc"},
                      format="json").status_code == 400
    assert maint.post(f"/api/repositories/{w.repo_a.pk}/scan/").status_code == 202
    assert maint.post(f"/api/repositories/{w.repo_b.pk}/scan/").status_code == 404
    body = {"kind": "waiver", "finding_kind": "vulnerability", "scope_repository": w.repo_a.pk,
            "rationale": "accepted risk", "findings": [w.vuln_a.pk]}
    assert maint.post("/api/decisions/", body, format="json").status_code == 400  # waivers: reviewers
    reviewer = api_client_for("reviewer", w)
    resp = reviewer.post("/api/decisions/", body, format="json")
    assert resp.status_code == 201, resp.content
    w.vuln_a.refresh_from_db()
    assert w.vuln_a.status == "waived" and w.vuln_a.decision_id == resp.json()["id"]
    entry = AuditEntry.objects.filter(model="findings.vulnerabilityfinding").get()
    assert entry.actor_name == "reviewer" and entry.before["status"] == "open" and entry.after["status"] == "waived"
    assert AuditEntry.objects.filter(model="estate.source", action="create", actor_name="maint-a").exists()


@pytest.mark.django_db
def test_audit_outside_requests_and_csv_export():
    w = build_world()
    with audit.acting_as(w.users["admin"]):
        w.repo_a.published = True
        w.repo_a.last_tree_hash = "abc"
        w.repo_a.save()
    entry = AuditEntry.objects.get(model="estate.repository", action="update")
    assert entry.before == {"published": False} and entry.after == {"published": True}
    csv_text = api_client_for("staff", w).get("/api/components/", {"format": "csv"}).content.decode()
    assert csv_text.splitlines()[0].startswith("id,purl,") and "pkg:npm/secret-lib@1.0.0" in csv_text
    assert to_csv([{"name": "=cmd()", "x": {"y": [1]}}]).splitlines() == ["name,x.y", "'=cmd(),[1]"]
