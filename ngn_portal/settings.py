"""Settings for the NGN Portal: one module, read from the environment.

With no environment at all the portal runs in its *embedded default*: SQLite under
``var/``, Celery tasks executed eagerly, email printed to the console, DEBUG on. Setting
``DATABASE_URL`` switches to the full stack, where DEBUG defaults to off and every
secret must be given. Any variable ``NAME`` may instead be read from the file named by
``NAME_FILE`` (Docker/Kubernetes secrets).
"""

from __future__ import annotations

import os
from pathlib import Path

import environ
from csp.constants import NONCE as CSP_NONCE
from csp.constants import NONE as CSP_NONE
from csp.constants import SELF as CSP_SELF
from csp.constants import UNSAFE_INLINE as CSP_UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()


def _secret(name: str, default: str | None = None) -> str | None:
    """Read ``name`` from the environment, or from the file named by ``name_FILE``."""
    file_path = os.environ.get(f"{name}_FILE")
    if file_path:
        try:
            return Path(file_path).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise ImproperlyConfigured(f"{name}_FILE points to an unreadable file: {exc}") from exc
    return os.environ.get(name, default)


def _bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off", ""}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (true/false), got {raw!r}")


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an integer, got {raw!r}") from exc


DATABASE_URL = _secret("DATABASE_URL")
REDIS_URL = _secret("REDIS_URL")
EMBEDDED = DATABASE_URL is None

# ---------------------------------------------------------------------------
# Core
# ---------------------------------------------------------------------------
DEBUG = _bool("DEBUG", default=EMBEDDED)

SECRET_KEY = _secret("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY is required when DEBUG is off; set SECRET_KEY or SECRET_KEY_FILE.")
    # Only ever used with DEBUG on; the name says what it is.
    SECRET_KEY = "insecure-embedded-development-key-never-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

DJANGO_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]
THIRD_PARTY_APPS = [
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_celery_beat",
    "django_filters",
    "django_htmx",
    "import_export",
    "simple_history",
    "bootstrap",  # django-bootstrap-static: Bootstrap's dist files from PyPI
    "csp",
]
LOCAL_APPS = [
    "audit",
    "engagement",
    "members",
    "governance",
    "actionplan",
    "ngn_portal",
]
INSTALLED_APPS = DJANGO_APPS + THIRD_PARTY_APPS + LOCAL_APPS

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "members.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "ngn_portal.middleware.SessionIdleTimeoutMiddleware",
    "ngn_portal.middleware.RequireOrganizerMFAMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "ngn_portal.urls"
WSGI_APPLICATION = "ngn_portal.wsgi.application"
ASGI_APPLICATION = "ngn_portal.asgi.application"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

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
                "ngn_portal.context_processors.portal",
                "csp.context_processors.nonce",
            ],
        },
    },
]

# ---------------------------------------------------------------------------
# Database and cache
# ---------------------------------------------------------------------------
if DATABASE_URL:
    DATABASES = {"default": env.db_url_config(DATABASE_URL)}
else:
    VAR_DIR.mkdir(exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env.str("SQLITE_PATH", default=str(VAR_DIR / "db.sqlite3")),
        }
    }
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = _int("CONN_MAX_AGE", 60 if DATABASE_URL else 0)

# Never a dummy cache: allauth's rate limits are counted in it.
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "ngn_portal.cache.SharedClientRedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "ngn-portal"}}

# ---------------------------------------------------------------------------
# Authentication (django-allauth)
# ---------------------------------------------------------------------------
AUTH_USER_MODEL = "members.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_ADAPTER = "members.adapters.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[NGN] "
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "NGN Portal"

# ---------------------------------------------------------------------------
# Internationalisation: Spanish first (Ecuador), English complete.
# ---------------------------------------------------------------------------
LANGUAGE_CODE = "es"
LANGUAGES = [("es", _("Spanish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "America/Guayaquil"
USE_I18N = True
USE_TZ = True

# ---------------------------------------------------------------------------
# Static and media files
# ---------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# ---------------------------------------------------------------------------
# Email
# ---------------------------------------------------------------------------
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="NGN Portal <no-reply@ngn.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_HOST = env.str("EMAIL_HOST", default="")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = _int("EMAIL_PORT", 587)
    EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
    EMAIL_HOST_PASSWORD = _secret("EMAIL_HOST_PASSWORD", "") or ""
    EMAIL_USE_TLS = _bool("EMAIL_USE_TLS", default=EMAIL_PORT == 587)
    EMAIL_USE_SSL = _bool("EMAIL_USE_SSL", default=EMAIL_PORT == 465)
    EMAIL_TIMEOUT = _int("EMAIL_TIMEOUT", 15)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# ---------------------------------------------------------------------------
# Celery
# ---------------------------------------------------------------------------
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = _bool("CELERY_TASK_ALWAYS_EAGER", default=REDIS_URL is None)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_TASK_TIME_LIMIT = 5 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 4 * 60
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# A task not acknowledged within this time is handed to another worker; every retry
# countdown in the portal stays below it.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_TIMEZONE = TIME_ZONE

# ---------------------------------------------------------------------------
# Security: `manage.py check --deploy --fail-level WARNING` passes with the production
# environment that the README documents.
# ---------------------------------------------------------------------------
SECURE_SSL_REDIRECT = _bool("SECURE_SSL_REDIRECT", default=not DEBUG)
if _bool("BEHIND_PROXY", default=False):
    # Only behind a proxy that sets this header itself and strips it from clients.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # Rate limits count per client address: take it from the proxy's X-Forwarded-For, not the proxy's own.
    ALLAUTH_TRUSTED_PROXY_COUNT = _int("ALLAUTH_TRUSTED_PROXY_COUNT", 1)
SECURE_HSTS_SECONDS = _int("SECURE_HSTS_SECONDS", 0 if DEBUG else 365 * 24 * 3600)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = _bool("SECURE_HSTS_PRELOAD", default=False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = _bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = _bool("CSRF_COOKIE_SECURE", default=not DEBUG)
# Sessions end after this much inactivity; activity slides the expiry (ngn_portal.middleware).
SESSION_IDLE_TIMEOUT = _int("SESSION_IDLE_TIMEOUT", 60 * 60)
SESSION_COOKIE_AGE = SESSION_IDLE_TIMEOUT
SESSION_ACTIVITY_RESOLUTION = 5 * 60
# Organizers (staff and coordinators) must set up TOTP before anything else.
MFA_REQUIRED_FOR_ORGANIZERS = _bool("MFA_REQUIRED_FOR_ORGANIZERS", default=not DEBUG)

# Content-Security-Policy (django-csp): no inline script anywhere; a nonce where one is unavoidable.
# Inline *styles* stay allowed: Bootstrap components, htmx indicators and the rendered-email preview
# set style attributes, and a style attribute cannot run code.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [CSP_SELF],
        "script-src": [CSP_SELF, CSP_NONCE],
        "style-src": [CSP_SELF, CSP_UNSAFE_INLINE],
        "img-src": [CSP_SELF, "data:"],
        "font-src": [CSP_SELF],
        "connect-src": [CSP_SELF],
        "frame-src": [CSP_SELF],
        "object-src": [CSP_NONE],
        "base-uri": [CSP_SELF],
        "form-action": [CSP_SELF],
        "frame-ancestors": [CSP_NONE],
    }
}
# Features no page of the portal uses are switched off for every page (django-permissions-policy).
PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: []
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
        "display-capture",
        "serial",
    )
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # One line per successful task drowns what matters; failures are still logged.
    "loggers": {"celery.app.trace": {"level": "WARNING"}},
}

# ---------------------------------------------------------------------------
# App settings: each app owns its block below, and reads nothing from the others.
# ---------------------------------------------------------------------------
# audit

# engagement
# The mailroom (engagement app). Retry delays stay below the broker's visibility timeout.
ENGAGEMENT_MAX_ATTEMPTS = _int("ENGAGEMENT_MAX_ATTEMPTS", 6)
ENGAGEMENT_RETRY_BASE_SECONDS = _int("ENGAGEMENT_RETRY_BASE_SECONDS", 60)
ENGAGEMENT_RETRY_MAX_SECONDS = _int("ENGAGEMENT_RETRY_MAX_SECONDS", 1800)
ENGAGEMENT_STUCK_AFTER_SECONDS = _int("ENGAGEMENT_STUCK_AFTER_SECONDS", 15 * 60)
ENGAGEMENT_SEND_BATCH_SIZE = _int("ENGAGEMENT_SEND_BATCH_SIZE", 100)
ENGAGEMENT_KEEP_SENT_DAYS = _int("ENGAGEMENT_KEEP_SENT_DAYS", 365)
ENGAGEMENT_UNSUBSCRIBE_MAX_AGE_DAYS = _int("ENGAGEMENT_UNSUBSCRIBE_MAX_AGE_DAYS", 90)
ENGAGEMENT_UNDO_MAX_AGE_DAYS = 7
ENGAGEMENT_WEEKLY_DIGEST_WEEKDAY = 0  # Monday, in TIME_ZONE

# members
# A directory export longer than this runs in the background with a progress page.
MEMBERS_EXPORT_INLINE_LIMIT = _int("MEMBERS_EXPORT_INLINE_LIMIT", 1000)
# The public application form: attempts per client address and per email, as (count, window in seconds).
MEMBERS_APPLY_RATE_LIMITS = {"ip": (5, 3600), "email": (3, 24 * 3600)}

# governance

# actionplan
# Evidence attached to a progress update: a PDF or an image, checked by content, at most this size.
ACTIONPLAN_EVIDENCE_MAX_BYTES = _int("ACTIONPLAN_EVIDENCE_MAX_BYTES", 10 * 1024 * 1024)
