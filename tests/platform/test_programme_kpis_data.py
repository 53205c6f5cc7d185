"""Reuse, cost avoided and contributors KPIs from real data: the catalog's reuse graph and value model, and the
hygiene engine's contributors check (stored findings, or the engine itself on a repository on this machine)."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from ospo.catalog import cocomo
from ospo.platform.programme import catalogdata, contributors, platformdata

pytestmark = pytest.mark.django_db

GIT_ENV = {"GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}


@pytest.fixture
def estate():  # type: ignore[no-untyped-def]
    from ospo.platform.estate.models import Agency, Government, Source, SourceKind

    gov = Government.objects.create(name="R")
    out = {}
    for slug in ("pub", "user", "other"):
        ag = Agency.objects.create(government=gov, name=slug, slug=slug)
        out[slug] = (ag, Source.objects.create(agency=ag, kind=SourceKind.GIT, location=f"https://x/{slug}"))
    return out


def _repo(estate, slug: str, name: str, location: str | None = None, published: bool = True):  # type: ignore[no-untyped-def]
    from ospo.platform.estate.models import Repository

    ag, src = estate[slug]
    return Repository.objects.create(source=src, agency=ag, name=name, location=location or f"https://x/{slug}/{name}",
                                     published=published, inventory_updated_at=timezone.now())


# --- reuse and cost avoided from the catalog --------------------------------------------------------------------

def _catalog(estate):  # type: ignore[no-untyped-def]
    from ospo.platform.catalog.models import Entry, LicenceSaving, ReuseEdge

    pub, user, other = (estate[s][0] for s in ("pub", "user", "other"))
    when = timezone.now() - dt.timedelta(days=10)
    portal = Entry.objects.create(name="portal", kind="agency", publisher=pub, sloc=12_000)
    lib = Entry.objects.create(name="forms-lib", sloc=3_000, cocomo={"reuse_share": 0.5})
    office = Entry.objects.create(name="office-suite")  # not measured: no rebuild cost, only licence savings
    for entry, agency, kind in ((portal, user, "detected"), (portal, other, "declared"), (portal, pub, "declared"),
                                (lib, user, "detected"), (office, other, "deployment")):
        ReuseEdge.objects.create(entry=entry, agency=agency, kind=kind, detail=kind, source="test", observed_at=when)
    # the same pair seen twice (two repositories of one agency) is still one reuse
    ReuseEdge.objects.create(entry=portal, agency=user, repository=_repo(estate, "user", "u1"), kind="detected",
                             detail="depends", source="test", observed_at=when)
    LicenceSaving.objects.create(entry=office, agency=other, amount=Decimal("2500.00"))
    return portal, lib, office, when


def test_reuse_and_cost_avoided_per_reusing_agency_and_in_total(estate):
    _catalog(estate)
    one_portal = cocomo.cost_avoided(12_000, 1, cocomo.CocomoParameters())
    one_lib = cocomo.cost_avoided(3_000, 1, cocomo.CocomoParameters.from_dict({"reuse_share": 0.5}))
    table = catalogdata.by_agency()
    pub, user, other = (estate[s][0].pk for s in ("pub", "user", "other"))
    assert table is not None and pub not in table  # the publisher using its own entry is not reuse
    assert table[user] == catalogdata.ReuseFigures(2, round(one_portal + one_lib, 2))
    assert table[other] == catalogdata.ReuseFigures(2, round(one_portal + 2500, 2))
    fn = catalogdata._catalog_function()
    assert fn is not None and catalogdata._from_catalog(fn) == table  # the catalog's own reuse_totals was used
    assert catalogdata.by_agency(direct=True) == table  # and the rows read directly agree with it
    total = catalogdata.figures(None, table=table)
    assert total.reuses == 4
    # the government figure is the catalog's own valuation of the same graph
    from ospo.platform.catalog import services as catalog_services

    assert total.cost_avoided == pytest.approx(catalog_services.kpis()["total_value"], abs=0.01)


def test_reuse_kpis_roll_up_and_history(estate):
    _portal, _lib, _office, when = _catalog(estate)
    vals = {v.id: v.value for v in platformdata.kpi_values()}
    assert vals["reuse"] == 4 and vals["cost-avoided"] > 2500
    per_agency, total = platformdata.roll_up_by_agency()
    rolled = {v.id: v.value for v in total}
    assert rolled["reuse"] == sum({v.id: v.value for v in vs}["reuse"] for _, vs in per_agency) == 4
    assert rolled["cost-avoided"] == pytest.approx(vals["cost-avoided"])
    # a period that ended before the edges were observed (and before the saving was entered): no reuse yet
    before = (when - dt.timedelta(days=1)).date()
    past = {v.id: v.value for v in platformdata.kpi_values(None, None, before)}
    assert past["reuse"] == 0 and past["cost-avoided"] == 0


def test_without_the_catalog_reuse_is_unknown_and_the_page_says_why(estate, monkeypatch, client,
                                                                     django_user_model):
    from ospo.platform.access.models import RoleMembership

    monkeypatch.setattr(catalogdata, "installed", lambda: False)
    assert catalogdata.by_agency() is None and catalogdata.figures() is None
    vals = {v.id: v.value for v in platformdata.kpi_values()}
    assert vals["reuse"] is None and vals["cost-avoided"] is None
    user = django_user_model.objects.create_user("staff1", password="pw-123456789")
    RoleMembership.objects.create(user=user, role="staff")
    client.force_login(user)
    assert "needs the reuse catalog" in client.get(reverse("programme:kpis")).content.decode()


# --- contributors from the hygiene engine -----------------------------------------------------------------------

def _git_repo(path: Path, authors: list[str]) -> Path:
    path.mkdir()
    run = lambda *a, **env: subprocess.run(["git", "-C", str(path), *a], check=True, capture_output=True,  # noqa: E731
                                           env={**os.environ, **GIT_ENV, **env})
    run("init", "-q", "-b", "main")
    for i, email in enumerate(authors):
        (path / f"f{i}.txt").write_text(str(i))
        run("add", "-A")
        run("commit", "-q", "-m", f"c{i}", GIT_AUTHOR_NAME=email.split("@")[0], GIT_AUTHOR_EMAIL=email,
            GIT_COMMITTER_NAME="ci", GIT_COMMITTER_EMAIL="ci@example.org")
    return path


def _finding(repo, authors: int, status: str = "open", fixed_at=None):  # type: ignore[no-untyped-def]
    from ospo.platform.findings.models import HygieneFinding

    now = timezone.now()
    return HygieneFinding.objects.create(
        repository=repo, fingerprint=f"h-{repo.pk}", check_id="contributors", title="Contributors", status=status,
        first_seen=now - dt.timedelta(days=30), last_seen=now, fixed_at=fixed_at, score=3.3,
        details={"verdict": "warn", "figures": {"authors": authors, "individuals": 0, "unknown": 0}})


def test_contributors_from_findings_and_the_engine(estate, tmp_path):
    contributors.clear_cache()
    warned = _repo(estate, "pub", "warned")  # the check warned at the last scan: its figure is stored
    _finding(warned, 4)
    local = _repo(estate, "user", "local", str(_git_repo(tmp_path / "local", [
        "ana@agency.gov.uy", "bo@agency.gov.uy", "ana@agency.gov.uy", "carla@gmail.com",
        "dependabot[bot]@users.noreply.github.com"])))  # passed: asked of the engine (the bot is no person)
    _repo(estate, "other", "remote")  # remote, never scanned: unknown, not zero
    _finding(_repo(estate, "pub", "internal", published=False), 50)  # not published: not counted
    rows = {r.repository_id: r for r in contributors.per_repository()}
    assert rows[warned.pk].authors == 4 and rows[warned.pk].source == "finding"
    assert rows[local.pk].authors == 3 and rows[local.pk].source == "engine"
    t = contributors.totals(rows.values())
    assert (t.authors, t.repositories, t.unknown, t.value) == (7, 2, 1, 7)
    vals = {v.id: v.value for v in platformdata.kpi_values()}
    assert vals["contributors"] == 7
    per_agency, total = platformdata.roll_up_by_agency()
    by_name = {a.name: {v.id: v.value for v in vs}["contributors"] for a, vs in per_agency}
    assert by_name == {"pub": 4, "user": 3, "other": None}
    assert {v.id: v.value for v in total}["contributors"] == 7


def test_engine_answer_is_kept_until_the_next_scan(estate, tmp_path):
    from ospo.platform.findings.models import FindingsRun
    from ospo.platform.scans.models import Scan

    contributors.clear_cache()
    repo = _repo(estate, "pub", "local", str(_git_repo(tmp_path / "r", ["a@x.org"])))
    asked = []

    def ask(location, ref):  # type: ignore[no-untyped-def]
        asked.append((location, ref))
        return 1

    assert contributors.per_repository(ask=ask)[0].authors == 1
    assert contributors.per_repository(ask=ask)[0].authors == 1
    assert len(asked) == 1 and asked[0][1] == "HEAD"
    scan = Scan.objects.create(repository=repo)
    FindingsRun.objects.create(scan=scan, repository=repo, finished_at=timezone.now(), inputs="x")
    contributors.per_repository(ask=ask)  # a new scan: asked again
    assert len(asked) == 2


def test_a_fixed_contributors_finding_counts_only_for_its_past(estate):
    contributors.clear_cache()
    repo = _repo(estate, "pub", "remote")
    type(repo).objects.filter(pk=repo.pk).update(created_at=timezone.now() - dt.timedelta(days=60))
    fixed_at = timezone.now() - dt.timedelta(days=5)
    _finding(repo, 2, status="fixed", fixed_at=fixed_at)
    assert contributors.per_repository()[0].authors is None  # now: the check passes; remote, so unknown
    then = contributors.per_repository(until=fixed_at - dt.timedelta(days=1))
    assert then[0].authors == 2 and then[0].source == "finding"
