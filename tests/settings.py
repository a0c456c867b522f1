"""Settings for the test suite: lms.settings plus what makes tests fast and observable."""

import os

os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SECRET_KEY", "test-secret-key-not-for-production-" + "x" * 20)
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")

from lms.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
SECURE_SSL_REDIRECT = False
# Static files are served from the apps' folders; no collectstatic before tests.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Certificates' PDFs and zips of the test run, apart from the development ones.
STORAGES["private"] = {
    **STORAGES["private"],
    "OPTIONS": {
        **STORAGES["private"]["OPTIONS"],
        "location": str(VAR_DIR / "test-private"),  # noqa: F405
    },
}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405 (whitenoise warns if absent)
# Tasks run in the test process when their transaction commits (tests that need the
# commit use django_capture_on_commit_callbacks(execute=True)); the integration suite
# runs real workers with lms.settings instead.
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
# The suite asks for many account e-mails from one client (127.0.0.1), into a cache that
# outlives a run when REDIS_URL is set: the limits' own tests (tests/lms/
# test_accounts_throttle.py) set theirs, on a cache of their own.
ACCOUNT_EMAIL_LIMIT_PER_ADDRESS = ACCOUNT_EMAIL_LIMIT_PER_CLIENT = 1_000_000
# Pages change under the tests' feet (factories, .update()) without the publish signals
# that purge the page cache: it is off, and its own tests turn it on
# (tests/cms/test_page_cache.py, tests/courses/test_page_cache_purge.py).
PAGE_CACHE_SECONDS = 0
