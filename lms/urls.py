"""URL wiring: operational endpoints, the Wagtail admin, then the language-prefixed site.

One of the four wiring modules (with settings, celery and wsgi) allowed to name the
apps above lms (tests/test_layering.py): each app brings its own URL lists.
"""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.views.i18n import set_language
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cms import views as cms_views
from courses.api.public import router as public_catalogue
from courses.urls import unprefixed_urlpatterns as courses_unprefixed_urlpatterns
from lms import views
from lms.accounts import views as account_views

urlpatterns = [
    path("health/", views.health, name="health"),
    # Before the admin's own: its password reset, within the account e-mail limits.
    path(
        "admin/password_reset/",
        account_views.AdminPasswordResetView.as_view(),
        name="wagtailadmin_password_reset",
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/setlang/", set_language, name="set_language"),
    # For search engines: one file each for the whole site, every language in it.
    path("robots.txt", cms_views.robots_txt, name="robots_txt"),
    path("sitemap.xml", cms_views.sitemap_xml, name="sitemap_xml"),
    # The organisation API (courses.api): called by machines, so no language prefix.
    path("api/v1/", include("courses.api.urls")),
    # The public catalogue for partner sites (Wagtail's API v2, course pages only, read-only).
    path("api/v2/", public_catalogue.urls),
    # Open Badges (courses.badges): issuer profile, keys, status lists; read by machines.
    path("badges/", include("courses.badges.urls")),
    # Certificate verification (/verify/…): printed on certificates, so no language prefix.
    *courses_unprefixed_urlpatterns,
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Public pages live under /en/, /fr/, /es/, /ko/; "/" redirects to the visitor's language.
urlpatterns += i18n_patterns(
    path("account/", include("lms.accounts.urls")),
    # A cohort's page and joining it (courses.cohorts).
    path("cohorts/", include("courses.cohorts.urls")),
    # The library's document downloads (cms.library); its pages are Wagtail's.
    path("", include("cms.library.urls")),
    # Questionnaires and the impact survey's one-click link (courses.evaluation).
    path("evaluation/", include("courses.evaluation.urls")),
    # Course discussions (courses.discussion): threads, replies, moderation.
    path("discussion/", include("courses.discussion.urls")),
    path("", include("courses.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
