"""The findings list's numeric filters come from the address bar: a number no row can have (out of the database's
integer range) is ignored like any other value that is not an id, instead of failing the page."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["repository", "agency"])
@pytest.mark.parametrize("value", ["99999999999999999999", "-99999999999999999999"])
def test_an_out_of_range_id_is_no_filter_error(admin_client, name: str, value: str) -> None:
    resp = admin_client.get(reverse("findings:list"), {name: value})
    assert resp.status_code == 200
    assert resp.context["selected"][name] is None
