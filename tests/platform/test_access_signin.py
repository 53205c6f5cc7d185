"""The site's sign-in page: every role signs in (not only ``is_staff``), ``next`` stays on the site, repeated
failures are throttled, the admin login sends here, sign-out is a POST, and the page speaks four languages."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from ospo.platform.access import signin

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_throttle():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def maintainer(estate, django_user_model):  # type: ignore[no-untyped-def]
    from ospo.platform.access.models import Role, RoleMembership

    user = django_user_model.objects.create_user("maint", password="pw-Maint-1")
    RoleMembership.objects.create(user=user, role=Role.MAINTAINER, agency=estate)
    assert not user.is_staff
    return user


def _sign_in(client, username, password, next_path="", **headers):  # type: ignore[no-untyped-def]
    data = {"username": username, "password": password}
    if next_path:
        data["next"] = next_path
    return client.post(reverse("access:login"), data, **headers)


def test_a_maintainer_without_is_staff_signs_in_and_comes_back_to_next(client, maintainer):
    resp = client.get(reverse("web:scans"))
    assert resp.status_code == 302
    assert resp["Location"].startswith(reverse("access:login")) and "next=/scans/" in resp["Location"]
    resp = _sign_in(client, "maint", "pw-Maint-1", "/scans/")
    assert resp.status_code == 302 and resp["Location"] == "/scans/"
    assert client.get(reverse("web:scans")).status_code == 200


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x", "javascript:alert(1)"])
def test_next_never_leaves_the_site(client, maintainer, target):
    resp = _sign_in(client, "maint", "pw-Maint-1", target)
    assert resp.status_code == 302 and resp["Location"] == "/"


def test_wrong_password_is_announced_and_does_not_sign_in(client, maintainer):
    resp = _sign_in(client, "maint", "wrong")
    assert resp.status_code == 200
    page = resp.content.decode()
    assert 'role="alert"' in page and 'aria-invalid="true"' in page and "<h1>" in page
    assert client.get(reverse("web:scans")).status_code == 302


def test_repeated_failures_are_throttled_even_with_the_right_password(client, maintainer):
    for _ in range(signin.MAX_FAILURES):
        assert _sign_in(client, "maint", "wrong").status_code == 200
    resp = _sign_in(client, "maint", "pw-Maint-1")
    assert resp.status_code == 200 and "Too many failed attempts" in resp.content.decode()
    assert client.get(reverse("web:scans")).status_code == 302
    cache.clear()  # the window ends
    assert _sign_in(client, "maint", "pw-Maint-1").status_code == 302


def test_a_successful_sign_in_resets_the_failure_count(client, maintainer):
    for _ in range(signin.MAX_FAILURES - 1):
        _sign_in(client, "maint", "wrong")
    assert _sign_in(client, "maint", "pw-Maint-1").status_code == 302
    client.post(reverse("access:logout"))
    for _ in range(signin.MAX_FAILURES - 1):
        _sign_in(client, "maint", "wrong")
    assert _sign_in(client, "maint", "pw-Maint-1").status_code == 302  # not throttled: the count started again


def test_behind_a_proxy_failures_are_counted_per_forwarded_client(client, maintainer, settings):
    settings.OSPO_CLIENT_IP_HEADER = "X-Real-IP"
    for _ in range(signin.MAX_FAILURES):
        _sign_in(client, "maint", "wrong", HTTP_X_REAL_IP="203.0.113.7")
    blocked = _sign_in(client, "maint", "pw-Maint-1", HTTP_X_REAL_IP="203.0.113.7")
    assert "Too many failed attempts" in blocked.content.decode()
    assert _sign_in(client, "maint", "pw-Maint-1", HTTP_X_REAL_IP="198.51.100.9").status_code == 302


def test_the_admin_login_sends_to_the_site_sign_in_keeping_next(client):
    resp = client.get("/admin/login/?next=/admin/estate/source/")
    assert resp.status_code == 302
    assert resp["Location"] == reverse("access:login") + "?next=%2Fadmin%2Festate%2Fsource%2F"


def test_sign_out_is_a_post(client, maintainer):
    client.force_login(maintainer)
    assert client.get(reverse("access:logout")).status_code == 405
    page = client.get(reverse("web:overview")).content.decode()
    assert reverse("access:logout") in page and "maint" in page
    assert client.post(reverse("access:logout")).status_code == 302
    assert client.get(reverse("web:scans")).status_code == 302


def test_single_sign_on_is_offered_only_when_configured(client, settings):
    settings.OSPO_OIDC_ENABLED = False
    assert 'id="sso-link"' not in client.get(reverse("access:login")).content.decode()


@pytest.mark.parametrize("lang", ["es", "pt-br", "fr"])
def test_the_sign_in_page_is_translated(client, lang):
    client.cookies["django_language"] = lang
    page = client.get(reverse("access:login")).content.decode()
    with translation.override(lang):
        heading = translation.gettext("Sign in")
    assert heading != "Sign in"
    assert f'<html lang="{lang}">' in page and f"<h1>{heading}</h1>" in page
