"""Django settings, read from environment variables so that one build runs anywhere.

Defaults give the embedded mode (one machine, nothing else to run): a SQLite file in the data directory and the
in-process worker pool. At scale: DATABASE_URL=postgres://… and OSPO_TASK_BACKEND=celery with CELERY_BROKER_URL.

Environment: OSPO_DATA_DIR, DATABASE_URL, SECRET_KEY (else generated once and kept in the data dir), DEBUG,
ALLOWED_HOSTS (comma-separated), CSRF_TRUSTED_ORIGINS, OSPO_TASK_BACKEND (embedded|celery), CELERY_BROKER_URL,
OSPO_SCAN_MAX_ATTEMPTS, OSPO_SCAN_RETRY_BACKOFF_S, OSPO_SCAN_STALE_AFTER_S, OSPO_SCAN_INTERVAL_H,
OSPO_FINDINGS_ENGINES, OSPO_VULNDB, OSPO_VULNDB_MAX_AGE_DAYS, OSPO_POLICY, OSPO_LICENSE_CONTEXT.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url

from ospo.platform.datadir import data_dir, persistent_secret


def _bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    return default if value is None else value.strip().lower() in {"1", "true", "yes", "on"}


def _list(name: str, default: str) -> list[str]:
    return [p.strip() for p in os.environ.get(name, default).split(",") if p.strip()]


BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = data_dir()

SECRET_KEY = os.environ.get("SECRET_KEY") or persistent_secret("secret_key", DATA_DIR)
DEBUG = _bool("DEBUG")
ALLOWED_HOSTS = _list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = _list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "ospo.platform.estate",
    "ospo.platform.scans",
    "ospo.platform.inventory",
    "ospo.platform.findings",
    "ospo.platform.web",
    "ospo.platform.programme",  # assessments, canvas, roadmap, service desk, KPIs, reports
    "ospo.platform.access",  # roles, permissions, API tokens, audit log
    "ospo.platform.catalog",  # catalog of reusable software, reuse graph, value, contribute-back
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI / Redoc assets from the Python package (no CDN)
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "ospo.platform.access.audit.AuditMiddleware",  # the signed-in user is the actor of audited changes
]

ROOT_URLCONF = "ospo.platform.urls"
WSGI_APPLICATION = "ospo.platform.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

_SQLITE_URL = f"sqlite:///{DATA_DIR / 'ospo.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(os.environ.get("DATABASE_URL") or _SQLITE_URL, conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several worker threads/processes write to one file: WAL lets readers go on during a write, IMMEDIATE
    # transactions take the write lock up front (no deadlock on lock upgrade), and writers wait, not fail.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 60,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / "test-ospo.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("es", "Español"), ("pt-br", "Português (Brasil)"), ("fr", "Français")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)  # WhiteNoise expects it; files come from the apps (finders)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True  # serve app static files without a collectstatic step on a fresh machine

LOGIN_URL = "access:login"  # the site's sign-in page (the admin login refuses non-staff)
# Behind a reverse proxy every request comes from the proxy's address: name the header the proxy sets to the
# client's address (e.g. "X-Real-IP") so that sign-in throttling counts per client. Unset: REMOTE_ADDR.
OSPO_CLIENT_IP_HEADER = os.environ.get("OSPO_CLIENT_IP_HEADER", "").strip()
SESSION_COOKIE_SECURE = _bool("SESSION_COOKIE_SECURE")
CSRF_COOKIE_SECURE = _bool("CSRF_COOKIE_SECURE")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"ospo": {"handlers": ["console"], "level": os.environ.get("OSPO_LOG_LEVEL", "INFO")}},
}

# --- Scans and tasks -----------------------------------------------------------------------------------------
OSPO_TASK_BACKEND = os.environ.get("OSPO_TASK_BACKEND", "embedded")  # "embedded" or "celery"
OSPO_SCAN_MAX_ATTEMPTS = int(os.environ.get("OSPO_SCAN_MAX_ATTEMPTS", "3"))
OSPO_SCAN_RETRY_BACKOFF_S = float(os.environ.get("OSPO_SCAN_RETRY_BACKOFF_S", "30"))  # doubles per attempt
OSPO_SCAN_STALE_AFTER_S = float(os.environ.get("OSPO_SCAN_STALE_AFTER_S", "900"))  # no heartbeat → requeue
OSPO_SCAN_INTERVAL_H = float(os.environ.get("OSPO_SCAN_INTERVAL_H", "24"))  # default rescan interval
OSPO_SECRET_STORE_DIR = Path(os.environ.get("OSPO_SECRET_STORE_DIR") or DATA_DIR / "secrets")

CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "redis://127.0.0.1:6379/0")
CELERY_TASK_ACKS_LATE = True  # a task whose worker dies is delivered again
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True  # state lives in the Scan rows, not in a result backend
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True

# --- Findings (engines run after each changed scan) ------------------------------------------------------------
OSPO_FINDINGS_ENGINES = _list("OSPO_FINDINGS_ENGINES", "licenses,vulns,hygiene,secrets")  # which engines run
OSPO_VULNDB = os.environ.get("OSPO_VULNDB", "")  # vulnerability DB file; empty: the engine's default path
OSPO_VULNDB_MAX_AGE_DAYS = float(os.environ.get("OSPO_VULNDB_MAX_AGE_DAYS", "7"))  # older newest advisory = stale
OSPO_POLICY = os.environ.get("OSPO_POLICY", "")  # license policy file; empty: the shipped default policy
OSPO_LICENSE_CONTEXT = os.environ.get("OSPO_LICENSE_CONTEXT", "distributed")  # published repositories: "published"

# --- Roles, OpenID Connect, REST API (access app; OSPO_OIDC_* variables: see access/oidc.py) ---------------------
from ospo.platform.access.conf import access_settings  # noqa: E402

globals().update(access_settings(os.environ))
