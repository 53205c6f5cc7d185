"""WSGI entry point (waitress in ``ospo serve``; any WSGI server at scale)."""

from __future__ import annotations

from ospo.platform import setup

setup()

from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()
