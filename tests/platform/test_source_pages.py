"""Sources from the pages and the API: the add form (own agencies only, no token in clear, no server paths for
non-admins), "Discover now" (discovery + scans through the queue, object-level rights, audit log) and
``POST /api/sources/{id}/discover/`` with the same rules."""

from __future__ import annotations

import pytest
from access_helpers import api_client_for, build_world, client_for
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():  # type: ignore[no-untyped-def]
    return build_world()


def _add(client, **fields):  # type: ignore[no-untyped-def]
    data = {"kind": "git", "location": "https://git.example/new.git", "api_url": "", "token_ref": ""}
    data.update({k: str(v) for k, v in fields.items()})
    return client.post(reverse("web:source_add"), data)


def test_a_maintainer_adds_a_source_to_their_agency_and_it_is_audited(world):
    from ospo.platform.access.models import AuditEntry
    from ospo.platform.estate.models import Source

    client = client_for("maintainer_a", world)
    form = client.get(reverse("web:source_add"), {"agency": world.agency_a.pk}).content.decode()
    assert f'<option value="{world.agency_b.pk}"' not in form  # only the agencies the user may add to
    assert '<option value="local"' not in form  # local paths: administrators only
    resp = _add(client, agency=world.agency_a.pk, token_ref="env:HEALTH_GIT_TOKEN")
    assert resp.status_code == 302
    source = Source.objects.get(location="https://git.example/new.git")
    assert resp["Location"] == reverse("web:source", args=[source.pk])
    assert source.agency_id == world.agency_a.pk and source.token_ref == "env:HEALTH_GIT_TOKEN"
    entry = AuditEntry.objects.get(model="estate.source", object_id=str(source.pk), action="create")
    assert entry.actor_name == "maint-a" and entry.agency_id == world.agency_a.pk


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"token_ref": "ghp_abcdefghijklmnopqrstuvwxyz0123456789"}, "token_ref"),  # a token pasted in clear
        ({"location": "file:///etc"}, "location"),  # a git URL that reads the server's files
        ({"location": "/srv/git/app"}, "location"),
        ({"kind": "local", "location": "/srv"}, "kind"),
    ],
)
def test_the_form_refuses_tokens_in_clear_and_server_paths(world, fields, field):
    from ospo.platform.estate.models import Source

    before = Source.objects.count()
    resp = _add(client_for("maintainer_a", world), agency=world.agency_a.pk, **fields)
    assert resp.status_code == 400
    assert resp.context["form"].errors.get(field), resp.context["form"].errors
    assert 'role="alert"' in resp.content.decode()
    assert Source.objects.count() == before


def test_a_maintainer_cannot_add_to_another_agency(world):
    from ospo.platform.estate.models import Source

    resp = _add(client_for("maintainer_b", world), agency=world.agency_a.pk)
    assert resp.status_code == 400 and "agency" in resp.context["form"].errors
    assert not Source.objects.filter(location="https://git.example/new.git").exists()


def test_an_admin_may_add_a_local_path(world, tmp_path):
    resp = _add(client_for("admin", world), agency=world.agency_b.pk, kind="local", location=tmp_path)
    assert resp.status_code == 302


def test_discover_now_finds_repositories_queues_scans_and_shows_progress(world, tmp_path):
    from platform_git import make_git_repo

    from ospo.platform.access.models import AuditEntry
    from ospo.platform.estate.models import Source
    from ospo.platform.scans.models import Scan

    make_git_repo(tmp_path / "one", "webapp")
    make_git_repo(tmp_path / "two", "api")
    source = Source.objects.create(agency=world.agency_a, kind="local", location=str(tmp_path))
    client = client_for("maintainer_a", world)
    page = client.get(reverse("web:source", args=[source.pk])).content.decode()
    assert "No repository discovered yet." in page and reverse("web:source_discover", args=[source.pk]) in page
    assert client.get(reverse("web:source_discover", args=[source.pk])).status_code == 405  # POST only
    resp = client.post(reverse("web:source_discover", args=[source.pk]), follow=True)
    page = resp.content.decode()
    scans = Scan.objects.filter(repository__source=source)
    assert sorted(scans.values_list("repository__name", flat=True)) == ["one", "two"]
    assert set(scans.values_list("status", flat=True)) == {"queued"}
    assert "2 repositories found · 2 scans queued" in page
    assert 'http-equiv="refresh"' in page and "0 of 2 repositories scanned" in page
    entry = AuditEntry.objects.get(model="estate.source", object_id=str(source.pk), action="discover")
    assert entry.actor_name == "maint-a" and entry.after["repositories"] == 2
    assert sorted(entry.after["scans"]) == sorted(scans.values_list("pk", flat=True))
    # pressed again while they are queued: no second scan of the same repository
    client.post(reverse("web:source_discover", args=[source.pk]))
    assert scans.count() == 2


def test_discovery_failure_is_shown_not_fatal(world, tmp_path):
    from ospo.platform.estate.models import Source

    source = Source.objects.create(agency=world.agency_a, kind="local", location=str(tmp_path / "missing"))
    resp = client_for("staff", world).post(reverse("web:source_discover", args=[source.pk]), follow=True)
    assert resp.status_code == 200
    page = resp.content.decode()
    assert "Discovery failed" in page and 'id="discovery-error"' in page


def test_object_level_rules_on_discover(world):
    url = reverse("web:source_discover", args=[world.source_a.pk])
    assert client_for("maintainer_b", world).post(url).status_code == 404  # another agency's: not even seen
    assert client_for("reviewer", world).post(url).status_code == 403  # sees it, may not scan
    assert client_for("public", world).post(url).status_code == 403
    assert "/accounts/login/" in client_for("anonymous", world).post(url)["Location"]


def test_agency_page_lists_sources_only_for_role_holders(world):
    url = reverse("web:agency", args=[world.agency_a.pk])
    mine = client_for("maintainer_a", world).get(url).content.decode()
    assert reverse("web:source", args=[world.source_a.pk]) in mine and 'id="add-source"' in mine
    reviewer = client_for("reviewer", world).get(url).content.decode()
    assert reverse("web:source", args=[world.source_a.pk]) in reviewer and 'id="add-source"' not in reviewer
    public = client_for("public", world).get(url).content.decode()
    assert 'id="h-sources"' not in public


def test_api_discover_has_the_same_rules(world, tmp_path):
    from platform_git import make_git_repo

    from ospo.platform.estate.models import Source

    make_git_repo(tmp_path / "svc", "api")
    source = Source.objects.create(agency=world.agency_a, kind="local", location=str(tmp_path))
    url = f"/api/sources/{source.pk}/discover/"
    assert api_client_for("maintainer_b", world).post(url).status_code == 404
    assert api_client_for("reviewer", world).post(url).status_code == 403
    assert api_client_for("anonymous", world).post(url).status_code in {401, 403}
    resp = api_client_for("maintainer_a", world).post(url)
    assert resp.status_code == 202
    (repo_id,) = resp.json()["repositories"]
    assert len(resp.json()["scans"]) == 1 and resp.json()["error"] == ""
    assert Source.objects.get(pk=source.pk).repositories.get().pk == repo_id
    source.location = str(tmp_path / "gone")
    source.save()
    resp = api_client_for("staff", world).post(url)
    assert resp.status_code == 409 and "not a directory" in resp.json()["error"]


def test_api_create_refuses_file_urls_for_non_admins(world):
    client = api_client_for("maintainer_a", world)
    resp = client.post(
        "/api/sources/", {"agency": world.agency_a.pk, "kind": "git", "location": "file:///etc"}, format="json"
    )
    assert resp.status_code == 400 and "location" in resp.json()


def test_openapi_documents_the_discover_action(client):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    op = schema["paths"]["/api/sources/{id}/discover/"]["post"]
    assert {"202", "409"} <= set(op["responses"])
