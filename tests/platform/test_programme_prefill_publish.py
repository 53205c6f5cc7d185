"""The readiness assessment of a registered repository takes the publish engine's levels and evidence, with the
vulnerability database the platform's findings use."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.urls import reverse

from ospo.platform.programme.models import Assessment
from ospo.programme.templates import get_template

pytestmark = pytest.mark.django_db
ADVISORIES = Path(__file__).resolve().parent.parent / "fixtures" / "vulns" / "advisories"


@pytest.fixture
def staff(client, django_user_model):  # type: ignore[no-untyped-def]
    from ospo.platform.access.models import RoleMembership

    user = django_user_model.objects.create_user("prefill-staff", password="pw-123456789")
    RoleMembership.objects.create(user=user, role="staff")
    client.force_login(user)
    return client


def _vulndb(path: Path) -> str:
    from ospo.engine.vulns.db import VulnDB
    from ospo.engine.vulns.importer import import_paths

    with VulnDB(path) as db:
        assert not import_paths(db, [ADVISORIES]).errors
    return str(path)


@pytest.mark.parametrize("with_db", [False, True])
def test_readiness_page_prefills_with_the_publish_engine(staff, local_source, settings, tmp_path, with_db):
    from ospo.engine.publish.evaluate import evaluate

    settings.OSPO_VULNDB = _vulndb(tmp_path / "v.sqlite") if with_db else str(tmp_path / "absent.sqlite")
    repo = local_source.repositories.get(name="webapp")
    resp = staff.post(reverse("programme:assessment_readiness"), {"repository": repo.pk})
    assert resp.status_code == 302
    a, t = Assessment.objects.get().to_library(), get_template("pre-publication-readiness")
    engine = {r.criterion.id: r for r in evaluate(repo.location, vulndb=settings.OSPO_VULNDB).results}
    for c in t.automatable:
        (name,) = c.automatable
        r = engine[name.split(":", 1)[1]]
        assert a.answers[c.id].prefilled and a.answers[c.id].level == r.automated_level, c.id
    review = a.answers["security-reviewed"]
    if with_db:  # the database exists: the engine checked the dependencies against it
        assert review.level is not None and review.level > 0
        assert not any(str(tmp_path / "absent.sqlite") in e.note for e in review.evidence)
    else:  # no database: the engine fails closed and says where it looked
        assert review.level == 0 and any("absent.sqlite" in e.note for e in review.evidence)
    page = staff.get(reverse("programme:assessment", args=[Assessment.objects.get().pk])).content.decode()
    from django.utils.html import escape

    assert "publish:required-files" in page  # the page shows the engine's evidence lines
    assert escape(engine["required-files"].evidence[0].message) in page
