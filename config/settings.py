"""Wijkveilig settings: one module, driven by the environment.

Every value that differs between a laptop, CI and production comes from an environment
variable; the defaults are safe for local development only (DEBUG on, SQLite under var/).
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("WIJKVEILIG_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    return os.environ.get(name, str(default)).lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", True)
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise RuntimeError("DJANGO_SECRET_KEY must be set when DEBUG is off")
    SECRET_KEY = "dev-only-insecure-key-never-use-in-production"  # noqa: S105

# Free text at rest is encrypted with these Fernet keys, separate from SECRET_KEY.
# The first key encrypts; all keys decrypt (rotation: docs/decisions/0003-field-encryption.md).
FIELD_ENCRYPTION_KEYS = env_list("WIJKVEILIG_FIELD_KEYS")
if not FIELD_ENCRYPTION_KEYS:
    if not DEBUG:
        raise RuntimeError("WIJKVEILIG_FIELD_KEYS must be set when DEBUG is off")
    FIELD_ENCRYPTION_KEYS = ["ZGV2LW9ubHktZmllbGQta2V5LW5vdC1mb3ItcHJvZC0="]  # dev only
# Keyed hash for searchable fingerprints (BSN lookups, search terms in the access log).
# Published counts are rounded to multiples of this (controlled rounding, decision 0016); a municipality may raise it.
DISCLOSURE_THRESHOLD = int(os.environ.get("WIJKVEILIG_DISCLOSURE_THRESHOLD", "5"))
if DISCLOSURE_THRESHOLD < 5:
    raise RuntimeError("WIJKVEILIG_DISCLOSURE_THRESHOLD must be 5 or more")
LOOKUP_HASH_KEY = os.environ.get("WIJKVEILIG_LOOKUP_KEY", "")
if not LOOKUP_HASH_KEY:
    if not DEBUG:
        raise RuntimeError("WIJKVEILIG_LOOKUP_KEY must be set when DEBUG is off")
    LOOKUP_HASH_KEY = "dev-only-lookup-key"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "wijkveilig.core.staticfiles.StaticFilesConfig",  # django.contrib.staticfiles, see its docstring
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "csp",
    "django_htmx",
    "template_partials",
    "django_tasks",
    "django_tasks_db",
    "ninja",  # serves the API docs' Swagger UI from our own static files (the CSP blocks its CDN default)
    "wijkveilig.core",
    "wijkveilig.areas",
    "wijkveilig.accounts",
    "wijkveilig.audit",
    "wijkveilig.households",
    "wijkveilig.cases",
    "wijkveilig.meldcode",
    "wijkveilig.intake",
    "wijkveilig.assessment",
    "wijkveilig.safety",
    "wijkveilig.collaboration",
    "wijkveilig.teams",
    "wijkveilig.insight",
    "wijkveilig.analysis",
    "wijkveilig.demo",
    "wijkveilig.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "wijkveilig.core.middleware.RequestIdMiddleware",
    "wijkveilig.core.middleware.PrivacyHeadersMiddleware",  # after WhiteNoise: static files keep their caching
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",  # before SessionLifetimeMiddleware, which adds a message
    "django_otp.middleware.OTPMiddleware",
    "wijkveilig.accounts.middleware.SessionLifetimeMiddleware",
    "wijkveilig.accounts.middleware.UserLanguageMiddleware",
    "wijkveilig.accounts.middleware.ApiAwareLoginRequiredMiddleware",
    "wijkveilig.accounts.middleware.RequireTwoFactorMiddleware",
    "wijkveilig.accounts.db_scope.MunicipalityScopeMiddleware",  # PostgreSQL row-level security (decision 0021)
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
    "wijkveilig.audit.middleware.ReadLogMiddleware",  # before DomainErrorMiddleware: sees its 503 answers
    "wijkveilig.core.middleware.DomainErrorMiddleware",
    "wijkveilig.api.middleware.ApiMethodNotAllowedMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "wijkveilig.accounts.context_processors.navigation",  # asks every domain policy
            ],
        },
    }
]


SQLITE_OPTIONS = {"transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;"}


def database_from_env() -> dict:
    """DATABASE_URL (dj-database-url: every option in the query string, e.g. ?sslmode=require, is kept); empty means
    SQLite under var/. Production (DEBUG off) refuses SQLite unless WIJKVEILIG_ALLOW_SQLITE says so (the local demo)."""
    url = os.environ.get("DATABASE_URL", "")
    if url:
        database = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    else:
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        database = {"ENGINE": "django.db.backends.sqlite3", "NAME": VAR_DIR / "wijkveilig.sqlite3"}
    if database["ENGINE"] == "django.db.backends.sqlite3":
        if not DEBUG and not env_bool("WIJKVEILIG_ALLOW_SQLITE", False):
            raise RuntimeError("DATABASE_URL must name PostgreSQL when DEBUG is off "
                               "(or WIJKVEILIG_ALLOW_SQLITE=true for a local demo)")
        database.update(CONN_MAX_AGE=0, OPTIONS={**SQLITE_OPTIONS, **database.get("OPTIONS", {})})
    return database


DATABASES = {"default": database_from_env()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "cases:caseload"
LOGOUT_REDIRECT_URL = "accounts:login"

# Sessions: 15 minutes idle, 12 hours absolute (SessionLifetimeMiddleware). The session is renewed by a request
# at most once a SESSION_TOUCH_INTERVAL, not saved on every request (one database write less per page).
SESSION_IDLE_TIMEOUT = timedelta(minutes=15)
SESSION_COOKIE_AGE = int(SESSION_IDLE_TIMEOUT.total_seconds())  # the session store enforces the idle limit
SESSION_ABSOLUTE_TIMEOUT = timedelta(hours=12)
SESSION_SAVE_EVERY_REQUEST = False
SESSION_TOUCH_INTERVAL = timedelta(minutes=1)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# `make run` serves the demo with DEBUG off on http://127.0.0.1 (no TLS there): only then may cookies go without TLS.
LOCAL_DEMO = env_bool("WIJKVEILIG_LOCAL_DEMO", False)
SESSION_COOKIE_SECURE = not DEBUG and not LOCAL_DEMO
CSRF_COOKIE_SECURE = not DEBUG and not LOCAL_DEMO
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if not DEBUG and not LOCAL_DEMO:
    # TLS ends at the proxy in front (it sets X-Forwarded-Proto); plain http is sent to https, except the probes.
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
    # HSTS preloading commits the municipality's whole domain; its owner decides that, not the application.
    SECURE_HSTS_PRELOAD = env_bool("WIJKVEILIG_HSTS_PRELOAD", False)
    SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
elif LOCAL_DEMO:
    if DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
        raise RuntimeError("WIJKVEILIG_LOCAL_DEMO (plain http) is only for the SQLite demo of `make run`")
    # The demo on http://127.0.0.1 has no TLS: the checks that ask for it are answered by the flag above.
    SILENCED_SYSTEM_CHECKS = ["security.W004", "security.W008", "security.W012", "security.W016"]

# Lockout: 5 failures per username + IP address, so one office behind NAT is not locked out as a whole.
AXES_FAILURE_LIMIT = 5
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "wijkveilig.core.middleware.client_ip"  # same client address as the access log
AXES_COOLOFF_TIME = timedelta(minutes=30)
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "wijkveilig.accounts.views.lockout_response"
AXES_VERBOSE = False
AXES_SENSITIVE_PARAMETERS = ["password", "token", "username", "ip_address"]  # masked in application logs

OTP_TOTP_ISSUER = "Wijkveilig"
OTP_TOTP_THROTTLE_FACTOR = 1

# Content Security Policy (django-csp 4): no inline script without a nonce, nothing from elsewhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", NONCE],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/utrecht", NODE_MODULES / "@utrecht/component-library-css/dist"),
    ("vendor/utrecht-tokens", NODE_MODULES / "@utrecht/design-tokens/dist"),
    ("vendor/htmx", NODE_MODULES / "htmx.org/dist"),
    ("vendor/chartjs", NODE_MODULES / "chart.js/dist"),
    ("vendor/leaflet", NODE_MODULES / "leaflet/dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Production serves hashed, compressed files made by collectstatic; development serves from the sources.
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage" if DEBUG
                    else "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = DEBUG

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# The access log's retention in whole months (NEN 7513 leaves the period to the organisation; five years here, as in
# issue 12). Partitions older than this may be dropped, only by `drop_expired_log_partitions` (decision 0030).
ACCESS_LOG_RETENTION_MONTHS = int(os.environ.get("WIJKVEILIG_ACCESS_LOG_RETENTION_MONTHS", "60"))

# Application logs never carry personal data: no request bodies, no query strings.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"scrub": {"()": "wijkveilig.core.logging.ScrubPersonalDataFilter"}},
    # Production writes one JSON object per line (request id, user id, route name, status, duration).
    "formatters": {"json": {"()": "wijkveilig.core.logging.JsonFormatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["scrub"],
                             **({} if env_bool("WIJKVEILIG_PLAIN_LOGS", DEBUG) else {"formatter": "json"})}},
    "root": {"handlers": ["console"], "level": "INFO"},
    "loggers": {"django.request": {"handlers": ["console"], "level": "WARNING", "propagate": False}},
}

# Which proxy header carries the client IP; empty means REMOTE_ADDR only (ASVS: trusted proxy only).
TRUSTED_PROXY_IP_HEADER = os.environ.get("WIJKVEILIG_PROXY_IP_HEADER", "")

API_TOKEN_LIFETIME = timedelta(days=90)
NINJA_PAGINATION_PER_PAGE = 50
