"""GSEF Academy settings: one module, driven by environment variables.

Every value has an embedded default so that a fresh clone runs with no services
(SQLite, Celery's filesystem transport, e-mail to files under ``var/``). With
``DEBUG`` off, the values a production deployment cannot do without are required
and a missing one stops start-up with a message naming the variable. README.md
documents every variable in one table.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured

from lms.env import env_bool, env_int, env_list, env_required, env_str

BASE_DIR = Path(__file__).resolve().parent.parent


# --- core ---------------------------------------------------------------------

DEBUG = env_bool("DEBUG", False)

# Writable state of the embedded defaults: SQLite, broker folders, mail, media.
VAR_DIR = Path(env_str("VAR_DIR") or BASE_DIR / "var")
VAR_DIR.mkdir(parents=True, exist_ok=True)

if DEBUG:
    SECRET_KEY = env_str("SECRET_KEY") or "insecure-development-key-only-for-debug-mode"
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]", "testserver"])
else:
    SECRET_KEY = env_required("SECRET_KEY", "when DEBUG is off")
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured(
            "ALLOWED_HOSTS is required when DEBUG is off (comma-separated host names). "
            "See README.md, 'Configuration'."
        )

CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Project apps first so that their templates override Wagtail's and Django's.
    "lms.apps.LmsConfig",
    "cms",
    # The knowledge library (label "library", the cms layer so that courses may link it);
    # before courses, so that its demo items exist when the courses' demo links them.
    "cms.library",
    "courses",
    "courses.webhooks",  # signed events to member organisations' systems (label "webhooks")
    "courses.api",  # the organisation API under /api/v1/ (tokens, django-ninja)
    "courses.badges",  # Open Badges 3.0 credentials for certificates (label "badges")
    "courses.evaluation",  # questionnaires, impact surveys and their results (label "evaluation")
    "courses.discussion",  # threads and replies per course and cohort (label "discussion")
    "courses.cohorts",  # runs of a course or programme with dates and members (label "cohorts")
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "lms.apps.LmsUsersAppConfig",  # Wagtail's users app with our e-mail/full-name forms
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail_localize",
    "wagtail_localize.locales",  # replaces wagtail.locales, adds translation sync
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_countries",
    "axes",  # counts failed logins and locks out guessing (see "login throttling" below)
    "csp",  # its system checks; the header comes from lms.middleware (see "security")
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "courses.api.middleware.ApiRequestMiddleware",  # /api/v1/: 413, problem+json, no CORS
    # Content-Security-Policy and Permissions-Policy headers (see "security" below).
    "lms.middleware.ContentSecurityPolicyMiddleware",
    "lms.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Inside whitenoise (its files come compressed), outside the page cache (hits compressed).
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "lms.middleware.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # After the language is chosen, before CSRF and auth: a hit costs no query.
    "cms.middleware.PageCacheMiddleware",
    # Wagtail's site and page route from memory until a page or site changes (cms.routing).
    "cms.middleware.SiteRouteMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes requires: turns a refused login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "lms.urls"
WSGI_APPLICATION = "lms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]


# --- database -----------------------------------------------------------------


def _database_config() -> dict:
    url = env_str("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'gsef-academy.sqlite3'}"
    try:
        config = dj_database_url.parse(
            url,
            conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
            conn_health_checks=True,
        )
    except (ValueError, dj_database_url.UnknownSchemeError) as error:
        raise ImproperlyConfigured(
            f"DATABASE_URL is not a database URL this project understands ({error}). "
            "Use postgres://user:password@host:5432/name or sqlite:///path/to/file.sqlite3."
        ) from None
    if not config.get("NAME"):
        raise ImproperlyConfigured(f"DATABASE_URL names no database: {url!r}.")
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["CONN_MAX_AGE"] = 0
        # Several processes (web, worker, beat) share the file: wait for locks
        # instead of failing at once, and let readers run beside one writer.
        config["OPTIONS"] = {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
        # A file, not memory, so that worker processes started by the tests share it.
        config["TEST"] = {"NAME": str(VAR_DIR / "test-gsef-academy.sqlite3")}
    return config


DATABASES = {"default": _database_config()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


# --- cache --------------------------------------------------------------------

REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    if urlsplit(REDIS_URL).scheme not in {"redis", "rediss", "unix"}:
        raise ImproperlyConfigured(
            f"REDIS_URL must start with redis://, rediss:// or unix://, not {REDIS_URL!r}."
        )
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "gsef",
            "TIMEOUT": 300,
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
_pages_url = env_str("PAGE_CACHE_REDIS_URL") or REDIS_URL
CACHES["pages"] = {  # anonymous pages (cms.page_cache), on a prefix of their own
    "BACKEND": "django.core.cache.backends."
    + ("redis.RedisCache" if _pages_url else "locmem.LocMemCache"),
    "LOCATION": _pages_url or "pages",
    "KEY_PREFIX": "gsef-pages",
}
# Anonymous GET/HEAD of public pages: the "pages" cache, purged by tags (docs "Caching").
PAGE_CACHE_ALIAS = "pages"
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 600)  # also a CDN's s-maxage
KEPT_PAGES_SECONDS = env_int("KEPT_PAGES_SECONDS", 3600)  # cms.kept_html; 0: never kept
PAGE_CACHE_BROWSER_SECONDS = env_int("PAGE_CACHE_BROWSER_SECONDS", 60)  # max-age
# A CDN cannot be told every query string (catalogue filters): it keeps those this long.
PAGE_CACHE_QUERY_SHARED_SECONDS = env_int("PAGE_CACHE_QUERY_SHARED_SECONDS", 60)
PAGE_CACHE_CLOCK_MARGIN = 1.0  # seconds the web servers' clocks may disagree
# A CDN in front: Wagtail's frontend-cache invalidation, each backend on when its variable is.
_cdn = {
    "http": ("HTTPBackend", {"LOCATION": env_str("FRONTEND_CACHE_PURGE_URL")}),
    "cloudflare": ("CloudflareBackend", {"ZONEID": env_str("CLOUDFLARE_ZONEID")}),
    "cloudfront": ("CloudfrontBackend", {"DISTRIBUTION_ID": env_str("CLOUDFRONT_DISTRIBUTION_ID")}),
}
WAGTAILFRONTENDCACHE = {
    name: {"BACKEND": f"wagtail.contrib.frontend_cache.backends.{backend}", **options}
    for name, (backend, options) in _cdn.items()
    if next(iter(options.values()))
}
if "cloudflare" in WAGTAILFRONTENDCACHE:
    WAGTAILFRONTENDCACHE["cloudflare"]["BEARER_TOKEN"] = env_required(
        "CLOUDFLARE_BEARER_TOKEN", "when CLOUDFLARE_ZONEID is set"
    )


# --- users, authentication ------------------------------------------------------

AUTH_USER_MODEL = "lms.User"
AUTHENTICATION_BACKENDS = [
    # First: refuses a login while its address and IP address are locked out.
    "lms.accounts.backends.LoginThrottleBackend",
    # Reads a person's permissions in one query, for ModelBackend to answer from.
    "lms.accounts.backends.PermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Learners log in on the site; the Wagtail admin keeps its own /admin/login/
# (WAGTAILADMIN_LOGIN_URL defaults to it), and private pages use the site's.
LOGIN_URL = "accounts:login"
# Where a logged-in person lands (after log-in, sign-up confirmation, or on pages for
# visitors only): the learner's dashboard, which courses defines. lms reads only this
# setting, never the URL name, so the platform core does not know the learning app.
# The accounts views resolve it in the person's own language.
LOGIN_REDIRECT_URL = "learn:dashboard"
WAGTAIL_FRONTEND_LOGIN_URL = LOGIN_URL

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
        # Django's default list names username, first_name and last_name, which
        # this User does not have: without this, only the address would be compared.
        "OPTIONS": {"user_attributes": ["email", "full_name"]},
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- login throttling (django-axes) ----------------------------------------------------
# Five wrong passwords for one address from one IP address lock that pair out for
# 15 minutes; another address from the same IP (a shared office) is not affected.
# Both the site's login and the Wagtail admin's are counted.

AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_FORM_FIELD = "username"
# Counts "Ana@X.org" and "ana@x.org" as one address, as the login does.
AXES_USERNAME_CALLABLE = "lms.accounts.backends.login_throttle_username"
# How many proxies (load balancer, CDN) stand in front of gunicorn and append to
# X-Forwarded-For; 0 when gunicorn faces the clients. Login throttling counts by
# the client's address, so it must not count by the balancer's.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "lms.accounts.backends.login_throttle_client_ip"
AXES_LOCKOUT_TEMPLATE = "lms/accounts/locked_out.html"
AXES_HTTP_RESPONSE_CODE = 429
# Failed attempts are enough to throttle; a log of every successful login would be
# personal data we have no use for.
AXES_DISABLE_ACCESS_LOG = True

# --- account e-mails a stranger can ask for (lms/accounts/throttle.py) ---------------------
# Sign-up, password reset and "send me a new link": at most this many requests per
# address, and per client IP address (TRUSTED_PROXY_COUNT as above), in a window of
# this many seconds. Past either limit the pages answer as usual and send nothing.
# The cache counts them: set REDIS_URL so that every web process shares the count.
ACCOUNT_EMAIL_LIMIT_PER_ADDRESS = env_int("ACCOUNT_EMAIL_LIMIT_PER_ADDRESS", 5)
# A training room signs up together from one office address: room for a full class.
ACCOUNT_EMAIL_LIMIT_PER_CLIENT = env_int("ACCOUNT_EMAIL_LIMIT_PER_CLIENT", 60)
ACCOUNT_EMAIL_LIMIT_WINDOW = env_int("ACCOUNT_EMAIL_LIMIT_WINDOW", 3600)


# --- languages, time ------------------------------------------------------------

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("fr", "Français"),
    ("es", "Español"),
    ("ko", "한국어"),
]
LOCALE_PATHS = [BASE_DIR / "lms" / "locale"]
USE_I18N = True
TIME_ZONE = "UTC"
USE_TZ = True

WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES


# --- static files and media -------------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT") or VAR_DIR / "static")
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT") or VAR_DIR / "media")
STORAGES = {
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}


def s3_storage(bucket: str, **options) -> dict:
    """A django-storages S3 backend on ``bucket``; the endpoint (for storage that is not
    Amazon's) and region come from AWS_S3_ENDPOINT_URL and AWS_S3_REGION_NAME, the keys
    from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (read by boto3 itself)."""
    connection = {
        "endpoint_url": env_str("AWS_S3_ENDPOINT_URL") or None,
        "region_name": env_str("AWS_S3_REGION_NAME") or None,
    }
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {"bucket_name": bucket, **connection, **options},
    }


# Public media (Wagtail images and their renditions, documents): on disk under MEDIA_ROOT
# by default, which suits one machine; on S3-compatible storage when MEDIA_STORAGE_BUCKET
# is set (same AWS_* variables as the private bucket), so that every web machine serves
# the same files. Images are read straight from the bucket (or MEDIA_STORAGE_DOMAIN, a
# CDN in front of it): their objects must be publicly readable (MEDIA_STORAGE_ACL, or a
# bucket policy when it is empty). Documents are still served by Wagtail's view, which
# applies collection privacy, never by a redirect to the bucket.
MEDIA_STORAGE_BUCKET = env_str("MEDIA_STORAGE_BUCKET")
if MEDIA_STORAGE_BUCKET:
    STORAGES["default"] = s3_storage(
        MEDIA_STORAGE_BUCKET,
        location=env_str("MEDIA_STORAGE_LOCATION", "media"),
        default_acl=env_str("MEDIA_STORAGE_ACL", "public-read") or None,
        querystring_auth=False,
        file_overwrite=False,
        custom_domain=env_str("MEDIA_STORAGE_DOMAIN") or None,
    )
    WAGTAILDOCS_SERVE_METHOD = "serve_view"
else:
    STORAGES["default"] = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
# Certificates' PDFs and coordinators' zips: private, never under MEDIA_URL; views that
# check who asks serve them. On disk under var/private/ by default; on S3-compatible
# storage (a private bucket, django-storages, `pip install '.[s3]'`) when
# PRIVATE_STORAGE_BUCKET is set, with the usual AWS_* variables (AWS_S3_ENDPOINT_URL for
# storage that is not Amazon's).
PRIVATE_STORAGE_BUCKET = env_str("PRIVATE_STORAGE_BUCKET")
if PRIVATE_STORAGE_BUCKET:
    STORAGES["private"] = s3_storage(
        PRIVATE_STORAGE_BUCKET,
        default_acl="private",
        querystring_auth=True,
        file_overwrite=True,
        location="private",
    )
else:
    STORAGES["private"] = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {
            "location": str(Path(env_str("PRIVATE_STORAGE_ROOT") or VAR_DIR / "private")),
            "base_url": "/private-files-are-served-by-views/",
            "allow_overwrite": True,
        },
    }
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# A report export of more rows than this is written by a task on the "exports" queue and
# its link e-mailed; smaller ones are written in the request (a few seconds at most).
EXPORT_SYNC_MAX_ROWS = env_int("EXPORT_SYNC_MAX_ROWS", 2000)

# Printed on certificates as their issuer, and shown on the verification page.
CERTIFICATE_ISSUER = env_str("CERTIFICATE_ISSUER") or "Global Social Economy Forum (GSEF)"

# Public certificate verification: at most this many lookups per client per window.
CERTIFICATE_VERIFY_RATE = env_int("CERTIFICATE_VERIFY_RATE", 30)
CERTIFICATE_VERIFY_WINDOW = env_int("CERTIFICATE_VERIFY_WINDOW", 600)  # seconds


# --- e-mail -----------------------------------------------------------------------

DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL") or "GSEF Academy <academy@localhost>"
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_HOST = env_str("EMAIL_HOST")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("EMAIL_PORT", 587)
    EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", EMAIL_PORT == 587)
    EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", EMAIL_PORT == 465)
    EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 20)
    if EMAIL_USE_TLS and EMAIL_USE_SSL:
        raise ImproperlyConfigured("EMAIL_USE_TLS and EMAIL_USE_SSL cannot both be true.")
else:
    # Embedded default: every message is written as a file a person can open.
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = VAR_DIR / "mail"


# --- Celery -------------------------------------------------------------------------

_BROKER_SCHEMES = {"redis", "rediss", "sentinel", "amqp", "amqps", "pyamqp", "filesystem", "memory"}

CELERY_BROKER_URL = env_str("CELERY_BROKER_URL") or "filesystem://"
_broker_scheme = urlsplit(CELERY_BROKER_URL).scheme
if _broker_scheme not in _BROKER_SCHEMES:
    raise ImproperlyConfigured(
        f"CELERY_BROKER_URL has an unsupported scheme {_broker_scheme or '(none)'!r}: "
        "use redis://host:6379/0, amqp://user:password@host:5672// or filesystem://."
    )

# A task that has not finished before the hard limit is killed; the broker
# redelivers an unacknowledged message only after the visibility timeout, so the
# limits must stay below it or a slow task would run twice at the same time.
# The visibility timeout is also how late a message held by a worker that died whole
# (kill -9, a lost machine) comes back: 4 minutes, plus at most
# CELERY_BROKER_RESTORE_INTERVAL for a worker to notice, keeps that under 5 minutes.
# The longest task (a 33,000-row export) takes seconds; 3 minutes is ample.
# docs/reliability.md puts these beside the sweeps' re-queue delays.
CELERY_BROKER_VISIBILITY_TIMEOUT = env_int("CELERY_BROKER_VISIBILITY_TIMEOUT", 240)
CELERY_BROKER_RESTORE_INTERVAL = env_int("CELERY_BROKER_RESTORE_INTERVAL", 10)
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 180)
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", 150)
if not CELERY_TASK_SOFT_TIME_LIMIT < CELERY_TASK_TIME_LIMIT < CELERY_BROKER_VISIBILITY_TIMEOUT:
    raise ImproperlyConfigured(
        "CELERY_TASK_SOFT_TIME_LIMIT < CELERY_TASK_TIME_LIMIT < CELERY_BROKER_VISIBILITY_TIMEOUT "
        "must hold, or a slow task could be delivered twice while it still runs."
    )

if _broker_scheme == "filesystem":
    CELERY_BROKER_DIR = VAR_DIR / "celery"
    for _folder in ("queue", "processed", "control"):
        (CELERY_BROKER_DIR / _folder).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        # Producers and consumers use the same folder: one queue on disk.
        "data_folder_in": str(CELERY_BROKER_DIR / "queue"),
        "data_folder_out": str(CELERY_BROKER_DIR / "queue"),
        "processed_folder": str(CELERY_BROKER_DIR / "processed"),
        # Exchange bindings; kombu would otherwise write them to ./control.
        "control_folder": str(CELERY_BROKER_DIR / "control"),
        "store_processed": False,
        # Poll the folder often: quick tasks in development, and a worker that
        # notices Ctrl-C before honcho's 5-second kill timeout.
        "polling_interval": 0.5,
    }
else:
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "visibility_timeout": CELERY_BROKER_VISIBILITY_TIMEOUT,
        # Every worker looks for messages past the visibility timeout this often (kombu
        # scans only every 10th look by default, i.e. every 100 s: too late for the bound).
        "unacked_restore_interval": CELERY_BROKER_RESTORE_INTERVAL,
        "unacked_restore_throttle": 1,
        "socket_connect_timeout": 5,
        "socket_timeout": 10,
    }

CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")


# --- Wagtail --------------------------------------------------------------------------

WAGTAIL_SITE_NAME = "GSEF Academy"
# The one address people reach the platform at (scheme://host[:port], no path): every
# absolute link (e-mail, calendar files and feeds, the certificate's QR and verify URL,
# sitemap, API) is built from it by lms.urls_absolute. Wagtail's own setting is derived
# from it, so Wagtail's moderation e-mails agree; WAGTAILADMIN_BASE_URL is still read for
# deployments that set only that. `make run` sets it from PORT.
PUBLIC_BASE_URL = (
    env_str("PUBLIC_BASE_URL") or env_str("WAGTAILADMIN_BASE_URL") or "http://localhost:8000"
).rstrip("/")
_public = urlsplit(PUBLIC_BASE_URL)
# No path: reverse() already gives the whole path (with FORCE_SCRIPT_NAME if any).
if _public.scheme not in {"http", "https"} or not _public.netloc or _public.path:
    raise ImproperlyConfigured(
        "PUBLIC_BASE_URL must be scheme://host[:port] with no path, such as "
        f"https://academy.example.org, not {PUBLIC_BASE_URL!r}."
    )
WAGTAILADMIN_BASE_URL = PUBLIC_BASE_URL
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "key", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_PASSWORD_RESET_ENABLED = True
WAGTAILUSERS_PASSWORD_ENABLED = True
# No Gravatar: it would send a hash of every editor's address to a third party, and
# the admin's Content-Security-Policy allows images from this site only.
WAGTAIL_GRAVATAR_PROVIDER_URL = None


# --- security ---------------------------------------------------------------------------

SESSION_COOKIE_HTTPONLY = True
# Sessions are written to the database and read from the cache (Redis in production):
# every logged-in request reads its session, and a cache read is a fraction of a query.
# A session missing from the cache (evicted, or the local-memory cache of another
# process) is read from the database, so nothing is lost when the cache is.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# The language cookie is read by Django only (the site has no JavaScript).
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

# Content-Security-Policy (django-csp, through lms.middleware.ContentSecurityPolicyMiddleware).
# The site has no script and no inline style: everything comes from this site, except
# the lesson videos (EmbedBlock: YouTube or Vimeo), whose players are iframes.
# CSP_FRAME_HOSTS replaces that list of video hosts (comma-separated origins).
_frame_hosts = env_list(
    "CSP_FRAME_HOSTS",
    ["https://www.youtube.com", "https://www.youtube-nocookie.com", "https://player.vimeo.com"],
)
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "media-src": [SELF],
        "frame-src": [SELF, *_frame_hosts],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# What the Wagtail admin (/admin/) needs besides: its widgets write inline <script>
# and style="" (wagtail/wagtail#1288), its image tools use blob: URLs, and its page
# preview frames the admin's own pages. Added to the policy above for /admin/ only.
CONTENT_SECURITY_POLICY_ADMIN = {
    "update": {
        "script-src": [UNSAFE_INLINE],
        "style-src": [UNSAFE_INLINE],
        "img-src": ["blob:"],
    },
    "replace": {"frame-ancestors": [SELF]},
}
# Permissions-Policy: the site uses no device or sensor; nobody, not even a framed
# video player, may ask for them. Features not listed keep the browser's default.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "hid",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "serial",
        "usb",
    )
}
if not DEBUG:
    # Production sits behind a TLS-terminating load balancer that sets X-Forwarded-Proto.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    # Load balancers probe over plain HTTP.
    SECURE_REDIRECT_EXEMPT = [r"^health/$"]
    SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", True)
    CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", True)
    LANGUAGE_COOKIE_SECURE = env_bool("LANGUAGE_COOKIE_SECURE", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)


# --- logging ------------------------------------------------------------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL") or "INFO"},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # Wagtail's reference-index tasks log every run at INFO.
        "django_tasks": {"level": "WARNING"},
    },
}
