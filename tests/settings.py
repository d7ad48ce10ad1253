"""Test settings: the portal's own settings, plus what only a test run needs.

The suite runs against whatever DATABASE_URL and REDIS_URL say (PostgreSQL and Redis in
``make test``), so only speed and determinism are tuned here.
"""

from ngn_portal.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_SSL_REDIRECT = False  # the test client and live_server speak plain HTTP
SECURE_HSTS_SECONDS = 0
# Tests of other features sign organizers in with force_login; tests/ngn_portal/test_security.py
# switches this on to prove the requirement itself.
MFA_REQUIRED_FOR_ORGANIZERS = False
# Unit tests run tasks in-process; integration tests start a real worker and switch this off.
CELERY_TASK_ALWAYS_EAGER = True
MEDIA_ROOT = VAR_DIR / "test-media"  # noqa: F405
