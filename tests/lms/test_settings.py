"""lms/settings.py read in isolation, with the environment each case needs."""

import runpy
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

SETTINGS = Path(__file__).resolve().parents[2] / "lms" / "settings.py"
VARIABLES = [
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "DATABASE_URL",
    "CELERY_BROKER_URL",
    "REDIS_URL",
    "EMAIL_HOST",
    "EMAIL_PORT",
    "EMAIL_USE_TLS",
    "EMAIL_USE_SSL",
    "VAR_DIR",
    "CELERY_TASK_TIME_LIMIT",
    "CELERY_TASK_SOFT_TIME_LIMIT",
    "CELERY_BROKER_VISIBILITY_TIMEOUT",
    "LANGUAGE_COOKIE_SECURE",
    "ACCOUNT_EMAIL_LIMIT_PER_ADDRESS",
    "ACCOUNT_EMAIL_LIMIT_PER_CLIENT",
    "ACCOUNT_EMAIL_LIMIT_WINDOW",
    "CSP_FRAME_HOSTS",
]


@pytest.fixture
def load(monkeypatch, tmp_path):
    def _load(**environment):
        for name in VARIABLES:
            monkeypatch.delenv(name, raising=False)
        monkeypatch.setenv("VAR_DIR", str(tmp_path / "var"))
        for name, value in environment.items():
            monkeypatch.setenv(name, value)
        return runpy.run_path(str(SETTINGS))

    return _load


PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "a-long-random-production-secret-key-with-enough-variety-1234567890",
    "ALLOWED_HOSTS": "academy.gsef.example",
}


def test_embedded_defaults_need_no_services(load, tmp_path):
    settings = load(DEBUG="1")
    assert settings["DATABASES"]["default"]["ENGINE"] == "django.db.backends.sqlite3"
    assert settings["DATABASES"]["default"]["NAME"] == str(
        tmp_path / "var" / "gsef-academy.sqlite3"
    )
    assert settings["CELERY_BROKER_URL"] == "filesystem://"
    folder = settings["CELERY_BROKER_TRANSPORT_OPTIONS"]["data_folder_in"]
    assert folder == settings["CELERY_BROKER_TRANSPORT_OPTIONS"]["data_folder_out"]
    assert Path(folder).is_dir()
    assert settings["EMAIL_BACKEND"] == "django.core.mail.backends.filebased.EmailBackend"
    assert settings["EMAIL_FILE_PATH"] == tmp_path / "var" / "mail"
    assert settings["CACHES"]["default"]["BACKEND"].endswith("LocMemCache")


def test_debug_is_off_unless_asked_for(load):
    settings = load(**PRODUCTION)
    assert settings["DEBUG"] is False
    assert settings["SECURE_SSL_REDIRECT"] is True
    assert settings["SESSION_COOKIE_SECURE"] is True


def test_production_urls_select_postgres_redis_and_smtp(load):
    settings = load(
        **PRODUCTION,
        DATABASE_URL="postgres://academy:s3cret@db.internal:5432/academy",
        CELERY_BROKER_URL="redis://redis.internal:6379/0",
        REDIS_URL="redis://redis.internal:6379/1",
        EMAIL_HOST="smtp.internal",
    )
    database = settings["DATABASES"]["default"]
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert (database["HOST"], database["PORT"], database["NAME"]) == (
        "db.internal",
        5432,
        "academy",
    )
    assert settings["CACHES"]["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert settings["CACHES"]["default"]["LOCATION"] == "redis://redis.internal:6379/1"
    assert settings["CELERY_BROKER_TRANSPORT_OPTIONS"]["visibility_timeout"] == 240
    assert settings["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert settings["EMAIL_USE_TLS"] is True


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS"])
def test_production_refuses_to_start_without(load, missing):
    environment = {key: value for key, value in PRODUCTION.items() if key != missing}
    with pytest.raises(ImproperlyConfigured, match=missing):
        load(**environment)


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("DATABASE_URL", "mongodb://db.internal/academy"),
        ("DATABASE_URL", "not a url"),
        ("DATABASE_URL", "postgres://db.internal:5432/"),
        ("CELERY_BROKER_URL", "kafka://broker.internal:9092"),
        ("CELERY_BROKER_URL", "localhost:6379"),
        ("REDIS_URL", "memcached://cache.internal:11211"),
        ("DEBUG", "maybe"),
        ("EMAIL_PORT", "twenty-five"),
    ],
)
def test_invalid_values_fail_naming_the_variable(load, variable, value):
    with pytest.raises(ImproperlyConfigured, match=variable):
        load(**{**PRODUCTION, "EMAIL_HOST": "smtp.internal", variable: value})


def test_time_limits_must_stay_below_the_visibility_timeout(load):
    with pytest.raises(ImproperlyConfigured, match="CELERY_BROKER_VISIBILITY_TIMEOUT"):
        load(**PRODUCTION, CELERY_TASK_TIME_LIMIT="7200")


def _manage(tmp_path, *arguments):
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k not in VARIABLES}
    env.update(VAR_DIR=str(tmp_path / "var"), DJANGO_SETTINGS_MODULE="lms.settings")
    return subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=SETTINGS.parents[1],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_code_only_commands_run_on_a_fresh_clone_without_secrets(tmp_path):
    result = _manage(tmp_path, "makemigrations", "--check", "--dry-run")
    assert result.returncode == 0, result.stderr[-2000:]
    assert "No changes detected" in result.stdout


def test_other_commands_still_refuse_without_secret_key(tmp_path):
    result = _manage(tmp_path, "migrate", "--check")
    assert result.returncode != 0
    assert "SECRET_KEY is required" in result.stderr


def test_the_language_cookie_is_secure_in_production_and_works_over_http_in_debug(load):
    production = load(**PRODUCTION)
    assert production["LANGUAGE_COOKIE_SECURE"] is True
    assert production["LANGUAGE_COOKIE_HTTPONLY"] is True
    assert production["LANGUAGE_COOKIE_SAMESITE"] == "Lax"
    # `make run` serves http://localhost: a Secure cookie would never come back.
    assert "LANGUAGE_COOKIE_SECURE" not in load(DEBUG="1")


def test_account_email_limits_come_from_the_environment(load):
    defaults = load(DEBUG="1")
    assert (
        defaults["ACCOUNT_EMAIL_LIMIT_PER_ADDRESS"],
        defaults["ACCOUNT_EMAIL_LIMIT_PER_CLIENT"],
        defaults["ACCOUNT_EMAIL_LIMIT_WINDOW"],
    ) == (5, 60, 3600)
    chosen = load(
        DEBUG="1",
        ACCOUNT_EMAIL_LIMIT_PER_ADDRESS="2",
        ACCOUNT_EMAIL_LIMIT_PER_CLIENT="200",
        ACCOUNT_EMAIL_LIMIT_WINDOW="600",
    )
    assert (
        chosen["ACCOUNT_EMAIL_LIMIT_PER_ADDRESS"],
        chosen["ACCOUNT_EMAIL_LIMIT_PER_CLIENT"],
        chosen["ACCOUNT_EMAIL_LIMIT_WINDOW"],
    ) == (2, 200, 600)


def test_the_video_hosts_of_the_content_security_policy_can_be_replaced(load):
    default = load(DEBUG="1")["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]["frame-src"]
    assert "https://www.youtube.com" in default
    chosen = load(DEBUG="1", CSP_FRAME_HOSTS="https://video.gsef.example")
    assert chosen["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]["frame-src"] == [
        "'self'",
        "https://video.gsef.example",
    ]
