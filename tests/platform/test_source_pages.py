"""Sources from the pages and the API: the add form (own agencies only, no token in clear, no server paths for
non-admins), "Discover now" (a discovery job queued at once, run by a worker, then the scans; object-level rights,
audit log) and ``POST /api/sources/{id}/discover/`` with the same rules. The job is run here in-process by
:func:`discover_source`, the function the workers call (the pool and Celery are in test_discovery_jobs.py)."""

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


def _run_discovery(source):  # type: ignore[no-untyped-def]
    from ospo.platform.scans.discover import discover_source

    job = source.discovery_jobs.get(status="queued")
    discover_source(job.pk, worker="test-worker")
    job.refresh_from_db()
    return job


def test_discover_now_queues_a_job_then_shows_what_was_found_and_the_scans(world, tmp_path):
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
    assert 'id="discovery-status"' not in page and 'http-equiv="refresh"' not in page
    assert client.get(reverse("web:source_discover", args=[source.pk])).status_code == 405  # POST only
    resp = client.post(reverse("web:source_discover", args=[source.pk]), follow=True)
    page = resp.content.decode()
    # the request only queued the job: nothing listed, nothing scanned yet, the page follows the job
    assert not source.repositories.exists() and not Scan.objects.filter(repository__source=source).exists()
    assert "Discovery queued: this page shows" in page and "Discovery queued…" in page
    assert 'class="status-queued"' in page and 'http-equiv="refresh"' in page
    # pressed again while it is queued: the same job, nothing more
    page = client.post(reverse("web:source_discover", args=[source.pk]), follow=True).content.decode()
    assert "already queued or running" in page and source.discovery_jobs.count() == 1
    job = _run_discovery(source)
    assert job.status == "succeeded" and (job.found, job.added, job.removed) == (2, 2, 0)
    assert job.started_at <= job.finished_at and job.attempts == 1 and job.requested_by.username == "maint-a"
    scans = Scan.objects.filter(repository__source=source)
    assert sorted(scans.values_list("repository__name", flat=True)) == ["one", "two"]
    assert set(scans.values_list("status", flat=True)) == {"queued"} and sorted(job.scans) == sorted(
        scans.values_list("pk", flat=True)
    )
    page = client.get(reverse("web:source", args=[source.pk])).content.decode()
    assert "2 repositories found · 2 new · 0 archived · 2 scans queued" in page and 'class="status-succeeded"' in page
    assert 'http-equiv="refresh"' in page and "0 of 2 repositories scanned" in page  # now following the scans
    entry = AuditEntry.objects.get(model="estate.source", object_id=str(source.pk), action="discover")
    assert entry.actor_name == "maint-a" and entry.after["repositories"] == 2 and entry.after["error"] == ""
    assert sorted(entry.after["scans"]) == sorted(scans.values_list("pk", flat=True))
    # pressed again once it is done: a new job, but no second scan of a repository already queued
    client.post(reverse("web:source_discover", args=[source.pk]))
    job2 = _run_discovery(source)
    assert job2.pk != job.pk and job2.status == "succeeded" and job2.scans == [] and job2.added == 0
    assert scans.count() == 2


def test_discovery_failure_is_shown_translated_not_fatal(world, tmp_path):
    from django.utils import translation
    from django.utils.html import escape

    from ospo.platform.estate.models import Source

    source = Source.objects.create(agency=world.agency_a, kind="local", location=str(tmp_path / "missing"))
    client = client_for("staff", world)
    assert client.post(reverse("web:source_discover", args=[source.pk])).status_code == 302
    job = _run_discovery(source)
    assert job.status == "failed" and job.error_code == "not_found" and "not a directory" in job.error
    page = client.get(reverse("web:source", args=[source.pk])).content.decode()
    assert "Discovery failed" in page and 'id="discovery-error"' in page and "not a directory" in page
    assert "Not found: check the organisation" in page and 'http-equiv="refresh"' not in page
    client.post(reverse("set_language"), {"language": "fr", "next": "/"})
    page = client.get(reverse("web:source", args=[source.pk])).content.decode()
    with translation.override("fr"):
        reason = translation.gettext("Not found: check the organisation, group or path, and the API URL.")
    assert reason != "Not found: check the organisation, group or path, and the API URL." and escape(reason) in page


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
    client = api_client_for("maintainer_a", world)
    resp = client.post(url)
    assert resp.status_code == 202
    body = resp.json()
    assert body["status"] == "queued" and body["created"] is True and resp["Location"] == body["url"]
    assert body["url"].endswith(f"/api/discovery-jobs/{body['id']}/")
    again = client.post(url).json()  # idempotent while queued
    assert again["id"] == body["id"] and again["created"] is False
    assert api_client_for("maintainer_b", world).get(body["url"]).status_code == 404
    _run_discovery(source)
    done = client.get(body["url"]).json()
    assert done["status"] == "succeeded" and done["found"] == 1 and len(done["scans"]) == 1 and done["error"] == ""
    assert Source.objects.get(pk=source.pk).repositories.get().name == "svc"
    source.location = str(tmp_path / "gone")
    source.save()
    job_id = api_client_for("staff", world).post(url).json()["id"]
    _run_discovery(source)
    failed = client.get(f"/api/discovery-jobs/{job_id}/").json()
    assert failed["status"] == "failed" and "not a directory" in failed["error"] and failed["error_code"] == "not_found"
    assert failed["message"].startswith("Not found")
    listed = client.get(f"/api/discovery-jobs/?source={source.pk}").json()
    assert [j["id"] for j in listed["results"]] == [job_id, body["id"]]


def test_api_create_refuses_file_urls_for_non_admins(world):
    client = api_client_for("maintainer_a", world)
    resp = client.post(
        "/api/sources/", {"agency": world.agency_a.pk, "kind": "git", "location": "file:///etc"}, format="json"
    )
    assert resp.status_code == 400 and "location" in resp.json()


def test_openapi_documents_the_discover_action(client):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    op = schema["paths"]["/api/sources/{id}/discover/"]["post"]
    assert set(op["responses"]) == {"202"}
    ref = op["responses"]["202"]["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
    assert {"id", "status", "created", "url", "error", "message"} <= set(
        schema["components"]["schemas"][ref]["properties"]
    )
    assert "/api/discovery-jobs/{id}/" in schema["paths"]
