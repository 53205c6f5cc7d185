"""Schemathesis against the OpenAPI document, in-process on the WSGI app: no route answers 5xx.

Run as an OSPO admin (bearer API token: every route reachable, writes included) and as the anonymous public,
over the small government of access_helpers, with a bounded number of examples per operation (CI < 3 minutes).
"""

from __future__ import annotations

import pytest
import schemathesis
from access_helpers import build_world
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from ospo.platform.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", application)


@pytest.fixture
def admin_token(db):  # type: ignore[no-untyped-def]
    """As Django's test client does: the WSGI handler must not close the test's database connection."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections


    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield from _issue()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def _issue():  # type: ignore[no-untyped-def]
    from ospo.platform.access import tokens

    world = build_world()
    yield tokens.issue(world.users["admin"], "schemathesis").value


@schema.parametrize()
@settings(max_examples=12, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
@pytest.mark.django_db(transaction=False)
def test_api_answers_no_5xx(case, admin_token):  # type: ignore[no-untyped-def]
    for headers in ({"Authorization": f"Bearer {admin_token}"}, {}):
        response = case.call(headers=headers)
        case.validate_response(response, checks=[not_a_server_error])
