"""The site's own sign-in and sign-out pages, for every role.

The Django admin login refuses accounts without ``is_staff``, so agency maintainers and reviewers could not sign
in through a form. These views are Django's ``LoginView``/``LogoutView`` (so ``next`` is only followed when it
points to this site — ``url_has_allowed_host_and_scheme``) rendered with the site's layout, with single sign-on
offered beside the form when OIDC is configured.

Repeated failures are throttled per (username, client address): after ``MAX_FAILURES`` failed attempts within
``WINDOW_S`` the form refuses that pair until the window ends — a password-guessing brake that does not let a
stranger lock a user out from every address. Counts live in Django's cache (per process in the embedded mode;
a shared cache makes them global).
"""

from __future__ import annotations

import hashlib
from typing import Any, ClassVar

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import LoginView, LogoutView
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

MAX_FAILURES = 5
WINDOW_S = 15 * 60


def client_address(request: HttpRequest) -> str:
    """The client's address: from the header a trusted reverse proxy sets (``OSPO_CLIENT_IP_HEADER``), else the
    connection's. Why configurable: behind a proxy every request has the proxy's REMOTE_ADDR, so throttling on it
    would lock a user out for everyone; trusting a forwarded header without a proxy would let a guesser rotate it.
    """
    header = getattr(settings, "OSPO_CLIENT_IP_HEADER", "")
    if header:
        value = request.META.get("HTTP_" + header.upper().replace("-", "_"), "")
        if value:
            return value.split(",")[-1].strip()  # the address the trusted proxy appended last
    return request.META.get("REMOTE_ADDR", "")


def _key(request: HttpRequest, username: str) -> str:
    who = f"{username.strip().casefold()}|{client_address(request)}"
    return "ospo-signin-failures:" + hashlib.sha256(who.encode("utf-8")).hexdigest()


class ThrottledAuthenticationForm(AuthenticationForm):
    error_messages: ClassVar[dict[str, Any]] = {
        **AuthenticationForm.error_messages,
        "throttled": _("Too many failed attempts. Wait a few minutes before trying again."),
    }

    def clean(self) -> dict[str, Any]:
        username = self.data.get("username", "") if self.data else ""
        key = _key(self.request, str(username)) if self.request is not None else ""
        if key and cache.get(key, 0) >= MAX_FAILURES:
            raise forms.ValidationError(self.error_messages["throttled"], code="throttled")
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            if key:
                try:
                    cache.incr(key)
                except ValueError:  # first failure (or expired): start the window
                    cache.set(key, 1, WINDOW_S)
            raise
        if key:
            cache.delete(key)  # a successful sign-in ends the count: earlier typos do not add up across days
        return cleaned


class SignInView(LoginView):
    template_name = "ospo/login.html"
    authentication_form = ThrottledAuthenticationForm

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        ctx = super().get_context_data(**kwargs)
        ctx["oidc_enabled"] = getattr(settings, "OSPO_OIDC_ENABLED", False)
        return ctx


class SignOutView(LogoutView):
    """POST only (Django 5): a link cannot sign anyone out."""


def admin_login(request: HttpRequest, extra_context: dict[str, Any] | None = None) -> HttpResponse:
    """The admin site's login sends to the site's sign-in page (one form for everyone, keeping ``next``)."""
    target = reverse("access:login")
    nxt = request.GET.get("next", "")
    if nxt:
        from urllib.parse import urlencode

        target += "?" + urlencode({"next": nxt})
    return redirect(target)
