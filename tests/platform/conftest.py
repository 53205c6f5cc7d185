"""pytest-django for the platform tests: settings module and a private data directory.

Until the lead adds ``DJANGO_SETTINGS_MODULE = "ospo.platform.settings"`` to ``[tool.pytest.ini_options]``, this
sets it here, before the first test runs. OSPO_DATA_DIR points to a temporary directory so tests never touch the
user's data. With DATABASE_URL set (see .ci/services.sh) the same tests run on PostgreSQL.
"""

from __future__ import annotations

import os
import tempfile

import pytest

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ospo.platform.settings")
os.environ.setdefault("OSPO_DATA_DIR", tempfile.mkdtemp(prefix="ospo-test-data-"))
os.environ.setdefault("OSPO_LANG", "en")

from ospo.platform import setup

setup()  # test modules import models at collection time

# Production-strength PBKDF2 costs ~0.5 s per password: a test world with six users took 3 s to build, ~100 s over
# the Schemathesis operations alone. Tests do not measure password hashing (the demo test runs in a subprocess
# with the real settings), so they use Django's fast test hasher.
from django.conf import settings as _django_settings  # noqa: E402

_django_settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

from platform_git import PLATFORM_FIXTURES, commit_all, git, make_git_repo  # noqa: E402,F401 - used by fixtures


@pytest.fixture(autouse=True)
def _empty_cache():  # type: ignore[no-untyped-def]
    """Each test starts with an empty Django cache: cached page figures are keyed by database state, and a test
    database rolled back to the same ids (SQLite reuses them) must not meet another test's figures."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture
def estate(db):  # type: ignore[no-untyped-def]
    from ospo.platform.estate.models import Agency, Government

    gov = Government.objects.create(name="Republic", country="UY")
    agency = Agency.objects.create(government=gov, name="Digital Agency", slug="digital", official_id="A-1")
    return agency


@pytest.fixture
def local_source(estate, tmp_path):  # type: ignore[no-untyped-def]
    """A local source holding two git repositories (webapp, api), discovered."""
    from ospo.platform.estate.discovery import sync_source
    from ospo.platform.estate.models import Source, SourceKind

    root = tmp_path / "repos"
    root.mkdir()
    make_git_repo(root / "webapp", "webapp")
    make_git_repo(root / "api", "api")
    source = Source.objects.create(agency=estate, kind=SourceKind.LOCAL, location=str(root))
    sync_source(source)
    return source


@pytest.fixture
def fast_retries(settings):  # type: ignore[no-untyped-def]
    settings.OSPO_SCAN_MAX_ATTEMPTS = 2
    settings.OSPO_SCAN_RETRY_BACKOFF_S = 0.0
    return settings
