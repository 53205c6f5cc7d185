"""Catalog pages name repositories only to users who may see them (issue 6 roles on issue 7 pages).

The catalog entries are public; reuse edges, duplicate pairs and the contribute-back ranking come from the
inventory, where a private repository of another agency is invisible (404 elsewhere). These tests pin that the
catalog pages do not reveal what the inventory pages hide.
"""

from __future__ import annotations

import pytest
from access_helpers import build_world, client_for
from django.urls import reverse
from django.utils import timezone

from ospo.platform.catalog.models import EdgeKind, ReuseEdge


@pytest.fixture
def world_with_edges(db):  # type: ignore[no-untyped-def]
    world = build_world()
    now = timezone.now()
    # agency A's private repository reuses the entry; agency B declared use (agency level, no repository)
    ReuseEdge.objects.create(entry=world.entry, agency=world.agency_a, repository=world.repo_a,
                             kind=EdgeKind.DETECTED, detail="depends", source="usage 1", observed_at=now)
    ReuseEdge.objects.create(entry=world.entry, agency=world.agency_b, kind=EdgeKind.DECLARED, detail="declared",
                             source="declared by maint-b", observed_at=now)
    return world


def edge_table(html: str) -> str:
    start = html.index('id="edges"')
    return html[start:html.index("</table>", start)]


@pytest.mark.parametrize("role, sees_repo", [("maintainer_a", True), ("reviewer", True), ("admin", True),
                                             ("maintainer_b", False)])
def test_entry_page_edges_only_name_visible_repositories(world_with_edges, role, sees_repo):
    w = world_with_edges
    html = client_for(role, w).get(reverse("catalog:entry", args=[w.entry.pk])).content.decode()
    edges = edge_table(html)
    assert ("records" in edges) is sees_repo  # repo_a's name
    assert "Finance" in edges  # the agency-level edge of B stays visible to every role


def test_entry_page_without_role_shows_no_edges(world_with_edges):
    w = world_with_edges
    for role in ("anonymous", "public"):
        html = client_for(role, w).get(reverse("catalog:entry", args=[w.entry.pk])).content.decode()
        assert 'id="edges"' not in html and "Health records" in html


@pytest.mark.parametrize("role, n_edges", [("maintainer_a", 2), ("staff", 2), ("maintainer_b", 1)])
def test_reuse_graph_hides_edges_on_invisible_repositories(world_with_edges, role, n_edges):
    resp = client_for(role, world_with_edges).get(reverse("catalog:graph"))
    assert resp.status_code == 200
    assert len(resp.context["page"].object_list) == n_edges


def test_duplicates_show_only_pairs_of_visible_repositories(world_with_edges, monkeypatch):
    from ospo.catalog.duplication import DuplicateCandidate
    from ospo.platform.catalog import services

    w = world_with_edges
    pairs = [DuplicateCandidate(a=str(w.repo_a.pk), b=str(w.repo_child.pk), score=0.9, similarity={"dependencies": 0.9},
                                shared_dependencies=["pkg:pypi/requests"], shared_words=[]),
             DuplicateCandidate(a=str(w.repo_a.pk), b=str(w.repo_b.pk), score=0.8, similarity={"dependencies": 0.8},
                                shared_dependencies=["pkg:pypi/requests"], shared_words=[])]
    monkeypatch.setattr(services, "duplicates", lambda *a, **k: pairs)

    def shown(role: str) -> set[tuple[int, int]]:
        resp = client_for(role, w).get(reverse("catalog:duplicates"))
        assert resp.status_code == 200
        return {(r["a_pk"], r["b_pk"]) for r in resp.context["rows"]}

    both = {(w.repo_a.pk, w.repo_child.pk), (w.repo_a.pk, w.repo_b.pk)}
    assert shown("staff") == both
    assert shown("maintainer_a") == {(w.repo_a.pk, w.repo_child.pk)}  # A and its child, not B's private repo
    assert shown("maintainer_b") == set()


def test_contribute_ranking_is_for_government_wide_roles(world_with_edges):
    w = world_with_edges
    assert client_for("maintainer_a", w).get(reverse("catalog:contribute")).status_code == 403
    resp = client_for("reviewer", w).get(reverse("catalog:contribute"))
    assert resp.status_code == 200
    assert "secret-lib" in resp.content.decode()  # agency B's private dependency: visible to a global role only


def test_transition_checks_the_right_before_the_state(world_with_edges):
    w = world_with_edges
    url = reverse("catalog:transition", args=[w.reuse_request.pk])
    # "in use" is the requester's (B) move: B has the right, so only then is the state checked (requested: 400)
    assert client_for("maintainer_b", w).post(url, {"status": "in_use"}).status_code == 400
    assert client_for("maintainer_b", w).post(url, {"status": "accepted"}).status_code == 403
    assert client_for("maintainer_a", w).post(url, {"status": "nonsense"}).status_code == 400
    assert client_for("maintainer_a", w).post(url, {"status": "accepted"}).status_code == 302
    w.reuse_request.refresh_from_db()
    assert w.reuse_request.status == "accepted"
    assert client_for("maintainer_b", w).post(url, {"status": "declined"}).status_code == 403  # not the owner
    assert client_for("maintainer_a", w).post(url, {"status": "declined"}).status_code == 400  # accepted: final
