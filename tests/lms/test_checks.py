from lms.checks import embedded_defaults_in_production


def test_no_deploy_warnings_with_production_services(settings, monkeypatch):
    settings.DEBUG = False
    monkeypatch.setitem(settings.DATABASES["default"], "ENGINE", "django.db.backends.postgresql")
    settings.CELERY_BROKER_URL = "redis://redis.internal:6379/0"
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache"}}
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    monkeypatch.setenv("PUBLIC_BASE_URL", "https://academy.example.org")
    assert embedded_defaults_in_production(None) == []


def test_embedded_defaults_are_flagged_in_production(settings, monkeypatch):
    settings.DEBUG = False
    monkeypatch.setitem(settings.DATABASES["default"], "ENGINE", "django.db.backends.sqlite3")
    settings.CELERY_BROKER_URL = "filesystem://"
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    monkeypatch.delenv("PUBLIC_BASE_URL", raising=False)
    monkeypatch.delenv("WAGTAILADMIN_BASE_URL", raising=False)
    found = {warning.id for warning in embedded_defaults_in_production(None)}
    assert found == {"lms.W001", "lms.W002", "lms.W003", "lms.W004", "lms.W005"}


def test_embedded_defaults_are_fine_in_development(settings):
    settings.DEBUG = True
    assert embedded_defaults_in_production(None) == []


def test_a_private_bucket_without_django_storages_is_an_error(settings, monkeypatch):
    import builtins

    from lms.checks import private_storage_backend

    settings.PRIVATE_STORAGE_BUCKET = ""
    assert private_storage_backend(None) == []
    settings.PRIVATE_STORAGE_BUCKET = "gsef-private"
    real_import = builtins.__import__

    def no_storages(name, *args, **kwargs):
        if name.startswith("storages"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_storages)
    (error,) = private_storage_backend(None)
    assert error.id == "lms.E001"
    # A public media bucket needs it too.
    settings.PRIVATE_STORAGE_BUCKET = ""
    settings.MEDIA_STORAGE_BUCKET = "gsef-media"
    (error,) = private_storage_backend(None)
    assert error.id == "lms.E001"
    assert error.msg.startswith("MEDIA_STORAGE_BUCKET is set")


def test_every_task_time_limit_is_below_the_visibility_timeout(settings):
    from lms.checks import task_time_limits_below_visibility_timeout

    settings.CELERY_BROKER_URL = "redis://redis.internal:6379/0"
    assert task_time_limits_below_visibility_timeout(None) == []


def test_a_task_that_may_outlive_the_visibility_timeout_is_an_error(settings):
    import courses.tasks  # noqa: F401 (the send task, with its own 120 s limit)
    from lms.checks import task_time_limits_below_visibility_timeout

    settings.CELERY_BROKER_URL = "redis://redis.internal:6379/0"
    settings.CELERY_BROKER_VISIBILITY_TIMEOUT = 100

    found = task_time_limits_below_visibility_timeout(None)

    assert {error.id for error in found} == {"lms.E002"}
    assert any("courses.tasks.notification_send_task" in error.msg for error in found)
