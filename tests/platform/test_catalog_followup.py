"""Catalog follow-up (issue 7): cached search with facets, publiccode.yml crawl after scans, vetting evidence from
stored engine results (real hygiene check ids), REST routes, DPG indicators form, reuse totals for KPIs."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from ospo.platform.access.models import Role, RoleMembership
from ospo.platform.catalog import hooks, kpis, search, services, vetting
from ospo.platform.catalog.forms import DpgForm
from ospo.platform.catalog.models import EdgeKind, Entry, EntryKind, ReuseEdge
from ospo.platform.estate.models import Agency, Government, Repository, Source, SourceKind
from ospo.platform.findings.models import FindingsRun, HygieneFinding, VulnerabilityFinding
from ospo.platform.inventory.models import Component, Usage

from fuzzing import FUZZ_SETTINGS

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "catalog_crawl"
GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@a.example.gov", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@a.example.gov", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
           "GIT_AUTHOR_DATE": "2026-01-01T00:00:00Z", "GIT_COMMITTER_DATE": "2026-01-01T00:00:00Z"}


def git(path: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(path), *args], check=True, capture_output=True, env={**os.environ, **GIT_ENV})


def git_repo(path: Path, files: dict[str, bytes]) -> Path:
    path.mkdir(parents=True)
    for name, body in files.items():
        (path / name).write_bytes(body)
    git(path, "init", "-q", "-b", "main")
    git(path, "add", "-A")
    git(path, "commit", "-q", "-m", "init")
    return path


def user_with(role: str, agency: Agency | None = None, name: str = "") -> object:
    u = get_user_model().objects.create_user(name or f"{role}-{agency.pk if agency else 'all'}", password="x")
    RoleMembership.objects.create(user=u, role=role, agency=agency)
    return u


@pytest.fixture
def world(db):  # type: ignore[no-untyped-def]
    cache.clear()
    gov = Government.objects.create(name="Republic", country="UY")
    return {k: Agency.objects.create(government=gov, name=f"Agency {k}", slug=k.lower()) for k in "AB"}


def local_repo(agency: Agency, path: Path, name: str) -> Repository:
    src = Source.objects.create(agency=agency, kind=SourceKind.LOCAL, location=str(path))
    return Repository.objects.create(source=src, agency=agency, name=name, location=str(path),
                                     default_branch="main")


# --- search ------------------------------------------------------------------------------------------------
def brute_force(entries: list[Entry], params: dict[str, str]) -> tuple[list[int], dict[str, Counter]]:
    """The definition, row by row: an entry matches when every word is in its text and every facet is equal;
    a facet's counts use every other selection."""
    ws = params.get("q", "").lower().split()
    vals = {e.pk: {"category": e.category, "license": e.license, "status": e.status,
                   "agency": e.publisher.name if e.publisher else "", "language": e.language} for e in entries}
    text = [e for e in entries if all(w in e.search_text for w in ws)]
    sel = {k: v for k, v in params.items() if k != "q" and v}
    ids = [e.pk for e in sorted(text, key=lambda e: (e.name, e.pk)) if all(vals[e.pk][k] == v for k, v in sel.items())]
    counts = {}
    for f in ("category", "license", "status", "agency", "language"):
        counts[f] = Counter(vals[e.pk][f] for e in text if vals[e.pk][f]
                            and all(vals[e.pk][k] == v for k, v in sel.items() if k != f))
    return ids, counts


def test_search_matches_the_definition_and_follows_catalog_changes(world):
    import random

    rnd = random.Random(3)
    words = ["forms", "permits", "tax", "health", "school"]
    for i in range(120):
        Entry.objects.create(name=f"{rnd.choice(words)}-{i}", description=" ".join(rnd.choices(words, k=4)),
                             license=rnd.choice(["MIT", "EUPL-1.2", "GPL-3.0-only"]),
                             category=rnd.choice(["forms", "payments", ""]), language=rnd.choice(["Go", "Python"]),
                             status=rnd.choice(["candidate", "recommended"]),
                             publisher=rnd.choice([world["A"], world["B"], None]))
    entries = list(Entry.objects.select_related("publisher"))
    queries = [{"q": "forms"}, {"q": "tax school", "license": "MIT"}, {"q": "", "agency": "Agency B"},
               {"q": "permits", "license": "EUPL-1.2", "category": "forms", "language": "Go"},
               {"q": "nothing-matches"}]
    for params in queries:
        for use_cache in (False, True, True):  # cold, then filled, then answered from the cache
            ids, facets = search.search_entries(params, use_cache=use_cache)
            want_ids, want_counts = brute_force(entries, params)
            assert ids == want_ids, params
            for name, rows in facets.items():
                assert {r["value"]: r["n"] for r in rows} == dict(want_counts[name]), (params, name)
                assert all(r["selected"] == (r["value"] == params.get(name)) for r in rows)
    before, _ = search.search_entries({"q": "forms"})
    new = Entry.objects.create(name="aaa forms newcomer", description="", license="MIT")
    after, _ = search.search_entries({"q": "forms"})
    assert after == [new.pk, *before]  # a saved entry is visible at once: the generation changed
    new.delete()
    assert search.search_entries({"q": "forms"})[0] == before


# --- crawl + vetting through a real scan -------------------------------------------------------------------
@pytest.fixture
def scanned(world, tmp_path, settings):  # type: ignore[no-untyped-def]
    settings.OSPO_FINDINGS_ENGINES = ["hygiene"]
    path = git_repo(tmp_path / "permits", {"publiccode.yml": (FIXTURES / "publiccode.yml").read_bytes(),
                                           "README.md": b"# Permits\n"})
    repo = local_repo(world["A"], path, "permits")
    return repo, path


def scan(repo: Repository):  # type: ignore[no-untyped-def]
    from ospo.platform.scans import queue, tasks

    (s,) = queue.enqueue([repo])
    assert tasks.scan_repository(s.pk, worker="t").status == "succeeded"
    s.refresh_from_db()
    return s


def test_scan_crawls_publiccode_and_fills_vetting_from_hygiene(scanned):
    repo, path = scanned
    s = scan(repo)
    e = Entry.objects.get(repository=repo)
    assert (e.name, e.kind, e.publisher_id, e.license) == ("Permits Desk", EntryKind.AGENCY, repo.agency_id,
                                                           "EUPL-1.2")
    assert e.record["publiccode"]["organisation"]["name"] == "Agency A"  # legal.repoOwner normalized
    assert not [x for x in s.errors if x["path"].startswith("catalog:")]
    ev = e.vetting["engine"]
    # one author, last commit 2026-01-01: the hygiene engine's real checks fail; their figures are the evidence
    assert ev["hygiene"]["evaluated"] is True
    assert ev["hygiene"]["bus_factor"] == {"passed": False, "people": 1, "at_least": False}
    assert ev["hygiene"]["maintained"]["passed"] is False
    assert set(ev["hygiene"]["figures"]) >= {"bus-factor", "maintained"}
    assert ev["scan"]["id"] == s.pk and ev["vulnerabilities"]["open"] == 0
    stamp, vet = e.updated_at, e.vetting
    scan(repo)  # unchanged: no entry write
    e.refresh_from_db()
    assert e.updated_at == stamp and e.vetting["engine"]["scan"] == vet["engine"]["scan"]
    (path / "publiccode.yml").write_bytes((FIXTURES / "publiccode.yml").read_bytes().replace(b"Permits Desk",
                                                                                             b"Permits Desk 2"))
    git(path, "commit", "-qam", "rename")
    scan(repo)
    assert list(Entry.objects.filter(repository=repo).values_list("name", flat=True)) == ["Permits Desk 2"]


def test_broken_publiccode_is_reported_on_the_scan_and_the_scan_succeeds(world, tmp_path, settings):
    settings.OSPO_FINDINGS_ENGINES = []
    path = git_repo(tmp_path / "b", {"publiccode.yml": (FIXTURES / "broken-publiccode.yml").read_bytes()})
    s = scan(local_repo(world["B"], path, "b"))
    problems = [x for x in s.errors if x["path"].startswith("catalog:")]
    assert problems and problems[0]["path"] == "catalog:publiccode.yml" and "read" in problems[0]["message"]
    assert not Entry.objects.exists()


def test_crawl_never_follows_a_link_out_of_a_plain_directory(world, tmp_path):
    from ospo.platform.catalog import crawl

    outside = tmp_path / "outside.yml"
    shutil.copy(FIXTURES / "publiccode.yml", outside)
    tree = tmp_path / "plain"
    tree.mkdir()
    (tree / "publiccode.yml").symlink_to(outside)
    out = crawl.import_repository(local_repo(world["A"], tree, "plain"))
    assert out.entry_id is None and out.skipped == "no publiccode.yml" and not Entry.objects.exists()
    (tree / "publiccode.yml").unlink()
    shutil.copy(FIXTURES / "publiccode.yml", tree / "publiccode.yml")
    assert crawl.import_repository(Repository.objects.get(name="plain")).created


def test_hygiene_ids_drive_vetting_and_contribute_back(world, tmp_path):
    """Rows as the findings pipeline writes them (check ids of engine.hygiene.checks.history)."""
    repo = local_repo(world["A"], tmp_path, "libform")
    from ospo.platform.scans.models import Scan

    s = Scan.objects.create(repository=repo)
    now = timezone.now()
    FindingsRun.objects.create(scan=s, repository=repo, finished_at=now, inputs="x", engines=["hygiene", "vulns"])

    def hyg(check: str, score: float, figures: dict) -> None:
        HygieneFinding.objects.create(repository=repo, fingerprint=check, title=check, check_id=check, score=score,
                                      details={"verdict": "fail", "figures": figures}, first_seen=now, last_seen=now)

    hyg("bus-factor", 2, {"bus_factor": 1, "authors": 3})
    hyg("maintained", 1.5, {"commits_90d": 2})
    entry = Entry.objects.create(name="Libform", repository=repo, publisher=world["A"],
                                 package_keys=["pkg:pypi/libform"])
    comp = Component.objects.create(purl="pkg:pypi/libform@1.0", ecosystem="pypi", name="libform")
    other = local_repo(world["B"], tmp_path / "user", "user")
    Usage.objects.create(repository=other, component=comp, scope="runtime", direct=True)
    VulnerabilityFinding.objects.create(repository=other, component=comp, fingerprint="v", severity="low",
                                        title="x", advisory_id="OSV-1", first_seen=now, last_seen=now)
    assert vetting.refresh([entry]) == 1 and vetting.refresh([entry]) == 0  # same evidence: no second write
    ev = Entry.objects.get(pk=entry.pk).vetting["engine"]
    assert ev["hygiene"]["bus_factor"]["people"] == 1 and ev["hygiene"]["maintained"]["score"] == 1.5
    assert ev["hygiene"]["contributors"]["passed"] is True  # evaluated, no row: the check passed
    (row,) = services.contribute_ranking(10)
    assert row.project == "pkg:pypi/libform"
    assert row.factors["bus_factor"] == 1.0 and row.factors["maintenance"] == pytest.approx(0.7)
    assert "bus_factor" not in row.unknown and "maintenance" not in row.unknown
    assert row.action == "action.co_maintain"  # bus factor 1 weighs most (.25 × 1.0 > .35 × .25, .25 × .7)
    HygieneFinding.objects.all().delete()  # now both checks pass (the engine ran, no row)
    (row,) = services.contribute_ranking(10)
    assert row.factors["maintenance"] == 0.0 and row.factors["bus_factor"] == 0.3  # "at least 3 people"
    FindingsRun.objects.all().delete()  # the engine never ran: unknown, not "passed"
    (row,) = services.contribute_ranking(10)
    assert {"maintenance", "bus_factor"} <= set(row.unknown)


# --- REST API ----------------------------------------------------------------------------------------------
def test_api_catalog_routes_and_rights(world, client, tmp_path):
    a_repo = local_repo(world["A"], tmp_path, "private-a")
    e = Entry.objects.create(name="Forms kit", description="forms", license="MIT", publisher=world["A"],
                             vetting={"engine": {"vulnerabilities": {"open": 2}}})
    ReuseEdge.objects.create(entry=e, agency=world["A"], repository=a_repo, kind=EdgeKind.DETECTED,
                             detail="depends", source="inventory: x", observed_at=timezone.now())
    body = client.get("/api/catalog/entries/", {"q": "forms", "license": "MIT"}).json()
    assert [r["name"] for r in body["results"]] == ["Forms kit"] and body["results"][0]["vetting"] is None
    assert client.get("/api/catalog/entries/", {"license": "GPL"}).json()["results"] == []
    assert client.get("/api/catalog/edges/").status_code == 401  # anonymous: authenticate first
    assert client.get("/api/catalog/kpis/").status_code == 401
    maint_b = user_with(Role.MAINTAINER, world["B"])
    client.force_login(maint_b)
    assert client.get(f"/api/catalog/entries/{e.pk}/").json()["vetting"]["engine"]["vulnerabilities"]["open"] == 2
    assert client.get("/api/catalog/edges/").json()["results"] == []  # agency A's private repository: hidden
    edge_id = ReuseEdge.objects.get().pk
    assert client.get(f"/api/catalog/edges/{edge_id}/").status_code == 404
    assert client.get("/api/catalog/contribute/").status_code == 403  # government-wide roles only
    url = f"/api/catalog/entries/{e.pk}/declare-use/"
    assert client.post(url, {"agency": world["A"].pk}, content_type="application/json").status_code == 403
    resp = client.post(url, {"agency": world["B"].pk}, content_type="application/json")
    assert resp.status_code == 201 and resp.json()["kind"] == "declared"
    assert ReuseEdge.objects.filter(entry=e, agency=world["B"], kind=EdgeKind.DECLARED).count() == 1
    assert client.get("/api/catalog/kpis/", {"agency": world["B"].pk}).json()["reused_entries"] == 1
    assert client.get("/api/catalog/kpis/", {"agency": "x"}).status_code == 400
    client.force_login(user_with(Role.STAFF))
    assert len(client.get("/api/catalog/edges/").json()["results"]) == 2
    assert client.get(f"/api/catalog/edges/{edge_id}/").json()["source"] == "inventory: x"
    assert client.get("/api/catalog/contribute/").status_code == 200
    client.logout()
    assert client.post(url, {"agency": world["B"].pk}, content_type="application/json").status_code == 401


# --- DPG form ----------------------------------------------------------------------------------------------
def test_dpg_form_staff_only_and_feeds_the_nomination(world, client):
    e = Entry.objects.create(name="Kit", license="MIT", record={"name": "Kit", "source_format": "ospo",
                                                                "dpg_indicators": {"SDGs": {"goals": [16]}}})
    url = reverse("catalog:dpg", args=[e.pk])
    client.force_login(user_with(Role.MAINTAINER, world["A"]))
    assert client.get(url).status_code == 403
    client.force_login(user_with(Role.STAFF))
    assert client.get(url).status_code == 200
    bad = client.post(url, {"dpg_status": "nominee", "privacy__met": "yes", "privacy__evidence": " "})
    assert bad.status_code == 400 and "privacy__evidence" in bad.context["form"].errors
    ok = client.post(url, {"dpg_status": "nominee", "privacy__met": "yes", "privacy__evidence": "privacy policy",
                           "doNoHarm__met": "no"})
    assert ok.status_code == 302
    e.refresh_from_db()
    assert e.dpg_status == "nominee"
    assert e.record["dpg_indicators"]["SDGs"] == {"goals": [16]}  # an imported answer the form cannot show: kept
    draft = json.loads(client.get(reverse("catalog:export_entry", args=[e.pk, "dpg"])).content)
    assert draft["indicators"]["privacy"] == {"met": True, "evidence": "privacy policy"}
    assert draft["indicators"]["doNoHarm"] == {"met": False, "evidence": ""}
    assert "privacy" not in draft["to_complete"] and "documentation" in draft["to_complete"]
    assert b"DPG indicators" in client.get(reverse("catalog:entry", args=[e.pk])).content


_FORM_KEYS = ["dpg_status", *(f"{k}__{p}" for k in ("SDGs", "privacy", "license", "NonPII") for p in ("met",
                                                                                                    "evidence"))]


@FUZZ_SETTINGS
@given(st.dictionaries(st.sampled_from(_FORM_KEYS), st.text(max_size=2100) | st.sampled_from(["yes", "no", "dpg"]),
                       max_size=9))
def test_dpg_form_fuzz_never_breaks_and_keeps_its_shape(data):
    form = DpgForm(data)
    if form.is_valid():
        out = form.indicators({"SDGs": {"goals": [1]}})
        for v in out.values():
            assert isinstance(v, dict)
            if "met" in v:
                assert isinstance(v["met"], bool) and len(v["evidence"]) <= 2000
                assert v["met"] is False or v["evidence"].strip()
    else:
        assert form.errors


# --- KPI totals --------------------------------------------------------------------------------------------
def test_reuse_totals_agree_with_the_value_pages(world):
    e = Entry.objects.create(name="Big", sloc=25_000, publisher=world["A"], kind=EntryKind.AGENCY,
                             cocomo={"cost_per_person_month": 8000, "reuse_share": 0.5})
    services.declare_use(e, world["B"], None)
    services.declare_use(e, world["A"], None)  # the publisher's own use avoids nothing
    total = kpis.reuse_totals()
    assert total["reused_entries"] == 1 and total["published_entries"] == 1 and total["reuse_edges"] == 2
    assert total["cost_avoided"] == services.kpis()["cost_avoided"] > 0
    b = kpis.reuse_totals(world["B"])
    assert b["cost_avoided"] == pytest.approx(services.agency_values()[world["B"].pk]) == total["cost_avoided"]
    a = kpis.reuse_totals(world["A"].pk)
    assert (a["published_entries"], a["reusing_agencies"], a["cost_avoided"]) == (1, 1, 0)
    assert hooks.entries_to_vet(Repository(pk=10**9)) == []


@pytest.mark.django_db
def test_trigram_index_exists_on_postgresql_only():
    from django.db import connection

    with connection.cursor() as cur:
        if connection.vendor != "postgresql":
            pytest.skip("the pg_trgm index is for PostgreSQL")
        cur.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'catalog_entry_search_trgm'")
        (definition,) = cur.fetchone()
    assert "gin_trgm_ops" in definition and "search_text" in definition
