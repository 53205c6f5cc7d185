"""Sign-in and sign-out pages (``/accounts/``)."""

from __future__ import annotations

from django.urls import path

from ospo.platform.access import signin

app_name = "access"
urlpatterns = [
    path("login/", signin.SignInView.as_view(), name="login"),
    path("logout/", signin.SignOutView.as_view(), name="logout"),
]
