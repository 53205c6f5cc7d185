"""End to end in a real headless Chromium, entirely through the UI: an agency maintainer (not staff, not admin)
signs in on the site's sign-in page, adds a git repository of their agency as a source on the source page,
presses "Discover now", follows the discovery job and then the scan on the source page until it is done, reads
the components and findings, downloads both SBOMs (validated against the CycloneDX 1.6 schema and the SPDX 2.3
validator) and switches the interface to Spanish, which then holds on every page visited. The platform runs
in-process (live server) with the embedded scan pool; the repository is served by a local ``git daemon`` (a network
source, as a maintainer's are); nothing is mocked or done server-side between the browser and the engine."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from django.utils import translation
from e2e_harness import login, served_repository, wait_until

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

MAINTAINER, PASSWORD = "maria.maintainer", "e2e-Correct-Horse-7"


@pytest.fixture
def agency(transactional_db: Any) -> Any:
    from ospo.platform.estate.models import Agency, Government

    gov = Government.objects.create(name="República", country="UY")
    return Agency.objects.create(government=gov, name="Agencia de Gobierno Digital", slug="agd", official_id="A-9")


@pytest.fixture
def maintainer_account(agency: Any, django_user_model: Any) -> Any:
    from ospo.platform.access.models import Role, RoleMembership

    user = django_user_model.objects.create_user(MAINTAINER, "maria@example.invalid", PASSWORD)
    RoleMembership.objects.create(user=user, role=Role.MAINTAINER, agency=agency)
    assert not user.is_staff and not user.is_superuser  # the admin login would refuse this account
    return user


def es(text: str) -> str:
    """The Spanish of an English message, from the platform's own catalog (the test never hard-codes it)."""
    with translation.override("es"):
        out = translation.gettext(text)
    assert out != text, f"no Spanish translation for {text!r}"
    return out


def download(page: Any, link_text: str, dest: Path) -> dict[str, Any]:
    with page.expect_download() as info:
        page.get_by_role("link", name=link_text).click()
    d = info.value
    assert d.failure() is None
    target = dest / d.suggested_filename
    d.save_as(target)
    return json.loads(target.read_text(encoding="utf-8"))


def test_sign_in_add_source_discover_scan_read_download_and_switch_to_spanish(
    page: Any,
    live_server: Any,
    maintainer_account: Any,
    agency: Any,
    scan_pool: Any,
    e2e_vulndb: str,
    git_daemon: tuple[Path, str],
    tmp_path: Path,
) -> None:
    from ospo.platform.access.models import AuditEntry
    from ospo.platform.estate.models import Repository, Source
    from ospo.platform.findings.models import FindingsRun, HygieneFinding
    from ospo.platform.inventory.models import Usage
    from ospo.platform.scans.models import Scan

    base = live_server.url
    served_root, git_base = git_daemon
    served_repository(served_root, "portal")
    location = f"{git_base}/portal.git"

    # 1. Sign in. The scans page is private: the anonymous are sent to the sign-in page, which brings them back.
    page.goto(f"{base}/scans/")
    assert "/accounts/login/" in page.url
    login(page, base, MAINTAINER, PASSWORD, next_path="/scans/")
    assert page.url.rstrip("/").endswith("/scans")
    assert page.locator("main h1").count() >= 1
    assert MAINTAINER in page.locator("header").inner_text()  # "Signed in as …"

    # 2. Add a source: the agency page's "Add a source" → the form (kind, location, token reference) → its page.
    page.goto(f"{base}/agencies/{agency.pk}/")
    page.get_by_role("link", name="Add a source").click()
    page.wait_for_load_state()
    assert page.locator("#id_agency").input_value() == str(agency.pk)
    assert page.locator("#id_kind option[value=local]").count() == 0  # server paths: administrators only
    page.select_option("#id_kind", "git")
    page.fill("#id_location", location)
    with page.expect_navigation():
        page.get_by_role("button", name="Add the source").click()
    assert page.locator("#form-errors").count() == 0, page.locator("main").inner_text()
    source = Source.objects.get(location=location)
    assert source.agency_id == agency.pk
    assert re.search(rf"/sources/{source.pk}/$", page.url), page.url
    assert AuditEntry.objects.filter(
        model="estate.source", object_id=str(source.pk), action="create", actor_name=MAINTAINER
    ).exists()

    # 3. "Discover now": a discovery job is queued and the page returns at once; the source page (refreshing
    # itself) shows the job, then the repository found and its scan, and follows that scan to the end.
    with page.expect_navigation():
        page.get_by_role("button", name="Discover now").click()
    assert "Discovery queued" in page.locator("#source-messages").inner_text()
    source_url = page.url

    def discovered() -> bool:
        page.goto(source_url)
        return page.locator("#discovery-status.status-succeeded").count() == 1

    assert wait_until(discovered, timeout=60), page.locator("#discovery").inner_text()
    assert "1 repository found" in page.locator("#discovery-status").inner_text()
    repo = Repository.objects.get(source=source)
    assert repo.location == location and repo.name == "portal"

    def finished() -> bool:
        page.goto(source_url)
        return page.locator("#source-progress.idle").count() == 1

    assert wait_until(finished, timeout=180), page.locator("#source-progress").inner_text()
    status_cell = page.locator("#table-scans tbody tr").first.locator("td").nth(1)
    assert "status-succeeded" in (status_cell.get_attribute("class") or ""), page.locator("main").inner_text()
    with page.expect_navigation():
        page.locator("#table-scans tbody tr").first.get_by_role("link").first.click()
    assert re.search(r"/scans/\d+/$", page.url), page.url
    scan_url = page.url
    assert page.locator("#scan-status.status-succeeded").count() == 1, page.locator("main").inner_text()
    scan = Scan.objects.get(pk=int(scan_url.rstrip("/").split("/")[-1]))
    assert scan.repository_id == repo.pk and scan.component_count > 0
    assert AuditEntry.objects.filter(
        model="estate.source", object_id=str(source.pk), action="discover", actor_name=MAINTAINER
    ).exists()
    page.goto(source_url)
    page.get_by_role("link", name=repo.name).first.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text().strip() == repo.name

    # 4. Components: what the page lists is what was stored, with the transitive path and the component page.
    page.goto(f"{base}/repositories/{repo.pk}/")
    stored = {
        (u.component.ecosystem, u.component.name)
        for u in Usage.objects.filter(repository=repo).select_related("component")
    }
    assert {("npm", "lodash"), ("npm", "minimist"), ("pypi", "django")} <= stored
    assert int(page.locator("#component-count").inner_text()) == len(stored)
    rows = page.locator("#table-components tbody tr")
    shown = {
        (rows.nth(i).locator("td").nth(0).inner_text().strip(), rows.nth(i).locator("td").nth(1).inner_text().strip())
        for i in range(rows.count())
    }
    assert shown == stored
    minimist = rows.filter(has_text="minimist")
    assert minimist.locator("details").count() == 1  # reached through mkdirp: the dependency path is shown
    minimist.locator("details summary").click()
    assert "mkdirp" in minimist.locator("ol.path").inner_text()
    lodash = rows.filter(has=page.locator("td", has_text=re.compile(r"^lodash$")))
    lodash.get_by_role("link").click()
    page.wait_for_load_state()
    assert "lodash" in page.locator("h1").inner_text()
    assert page.get_by_role("link", name=repo.name).count() >= 1  # "where used" names our repository

    # 5. Findings: the repository's summary counts them; the findings page lists the lodash advisory.
    page.goto(f"{base}/repositories/{repo.pk}/")
    vulns = int(page.locator("#findings-vulnerability").inner_text())
    assert vulns >= 2  # lodash (two test advisories) and django 3.2.18
    # hygiene and secrets of this git:// repository are read through the scan's own partial clone (its history
    # fetched for the windows): counted on the summary, and a history check (one author: bus factor) is among them
    hygiene = int(page.locator("#findings-hygiene").inner_text())
    assert hygiene >= 1
    assert HygieneFinding.objects.filter(repository=repo, check_id="bus-factor").exists()
    assert not FindingsRun.objects.filter(repository=repo).latest("finished_at").counts.get("skipped")
    page.goto(f"{base}/findings/?kind=vulnerability&repository={repo.pk}")
    listed = page.locator("main table tbody tr")
    assert listed.count() == vulns
    assert listed.filter(has_text="lodash").count() >= 1
    listed.filter(has_text="lodash").first.get_by_role("link").first.click()
    page.wait_for_load_state()
    assert "lodash" in page.locator("main").inner_text()

    # 6. SBOM downloads, both formats, validated.
    from cyclonedx.schema import SchemaVersion
    from cyclonedx.validation.json import JsonStrictValidator
    from spdx_tools.spdx.parser.jsonlikedict.json_like_dict_parser import JsonLikeDictParser
    from spdx_tools.spdx.validation.document_validator import validate_full_spdx_document

    page.goto(f"{base}/repositories/{repo.pk}/")
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    cdx = download(page, "Download CycloneDX 1.6 (JSON)", downloads)
    assert JsonStrictValidator(SchemaVersion.V1_6).validate_str(json.dumps(cdx)) is None
    purls = {u.component.purl for u in Usage.objects.filter(repository=repo).select_related("component")}
    assert {c["purl"] for c in cdx["components"]} == purls
    spdx = download(page, "Download SPDX 2.3 (JSON)", downloads)
    problems = validate_full_spdx_document(JsonLikeDictParser().parse(spdx))
    assert not problems, [p.validation_message for p in problems[:5]]
    assert {p["name"] for p in spdx["packages"]} >= {"lodash", "minimist", "django"}

    # 7. Spanish: chosen once in the header, it holds on every page afterwards (cookie), in a new tab too.
    page.select_option("#language", "es")
    with page.expect_navigation():
        page.locator("form.lang button[type=submit]").click()
    assert page.locator("html").get_attribute("lang") == "es"
    assert page.url.rstrip("/").endswith(f"/repositories/{repo.pk}")
    assert page.locator("#h-components").inner_text().startswith(es("Components"))
    for path in ("/", f"/agencies/{agency.pk}/", "/scans/", "/findings/", "/search/?q=lodash", scan_url):
        page.goto(path if path.startswith("http") else base + path)
        assert page.locator("html").get_attribute("lang") == "es", path
        nav = page.get_by_role("navigation", name=es("Main"))
        assert nav.get_by_role("link", name=es("Findings")).count() == 1, path
        assert nav.get_by_role("link", name=es("Scans")).count() == 1, path
    other = page.context.new_page()
    other.goto(f"{base}/")
    assert other.locator("html").get_attribute("lang") == "es"
    other.close()
