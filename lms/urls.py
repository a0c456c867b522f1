"""URL wiring: operational endpoints, the Wagtail admin, then the language-prefixed site."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.views.i18n import set_language
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from courses.views import certificates
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
    # Printed on certificates and in their QR codes: no language prefix, read in the
    # visitor's language (Accept-Language, or the language cookie).
    path("verify/", certificates.verify_index, name="certificate_verify_index"),
    path("verify/<str:code>/", certificates.verify, name="certificate_verify"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Public pages live under /en/, /fr/, /es/, /ko/; "/" redirects to the visitor's language.
urlpatterns += i18n_patterns(
    path("account/", include("lms.accounts.urls")),
    path("", include("courses.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
