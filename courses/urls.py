"""The learner's URLs, under the language prefix: /<lang>/dashboard/ and /<lang>/learn/…

Course and module ids are those of the pages the learner is looking at, in any
language; the services key everything on the course's translation key.

``unprefixed_urlpatterns`` are the addresses that live outside the language prefix;
the project wiring (lms/urls.py) mounts them at the root.
"""

from django.urls import path

from courses.badges import views as badges
from courses.views import certificates, learning, notifications, programmes, webinars

app_name = "learn"

# Printed on certificates and in their QR codes: no language prefix, read in the
# visitor's language (Accept-Language, or the language cookie). No namespace: the
# names are those the certificates and their PDFs have always used.
unprefixed_urlpatterns = [
    path("verify/", certificates.verify_index, name="certificate_verify_index"),
    # Before verify/<code>/: a badge pasted or uploaded (POST), beside the code lookup.
    path("verify/credential/", badges.verify_credential_page, name="badge_verify"),
    path("verify/<str:code>/", certificates.verify, name="certificate_verify"),
]

urlpatterns = [
    path("dashboard/", learning.dashboard, name="dashboard"),
    path("learn/courses/<int:page_id>/enrol/", learning.enrol, name="enrol"),
    path("learn/courses/<int:page_id>/withdraw/", learning.withdraw, name="withdraw"),
    path("learn/courses/<int:page_id>/continue/", learning.continue_course, name="continue"),
    path(
        "learn/courses/<int:page_id>/modules/<int:module_id>/complete/",
        learning.complete,
        name="complete",
    ),
    path(
        "learn/courses/<int:page_id>/modules/<int:module_id>/quiz/",
        learning.quiz,
        name="quiz",
    ),
    path(
        "learn/certificates/<str:code>/pdf/",
        certificates.certificate_pdf,
        name="certificate_pdf",
    ),
    path(
        "learn/certificates/<str:code>/badge.<str:fmt>",
        badges.badge_download,
        name="badge_download",
    ),
    path(
        "learn/certificates/<str:code>/badge/linkedin/",
        badges.badge_linkedin,
        name="badge_linkedin",
    ),
    path("learn/programmes/<int:page_id>/join/", programmes.join, name="programme_join"),
    path("learn/programmes/<int:page_id>/leave/", programmes.leave, name="programme_leave"),
    path("learn/webinars/<int:page_id>/register/", webinars.register, name="webinar_register"),
    path("learn/webinars/<int:page_id>/cancel/", webinars.cancel, name="webinar_cancel"),
    path(
        "learn/webinars/<int:page_id>/calendar.ics",
        webinars.calendar,
        name="webinar_calendar",
    ),
    # The token is the only credential: whoever has the address reads the feed,
    # as calendar apps do, without logging in.
    path("learn/calendar/<str:token>.ics", webinars.calendar_feed, name="calendar_feed"),
    path("learn/calendar/reset/", webinars.calendar_reset, name="calendar_reset"),
    # The signed token is the only credential (one-click unsubscribe, RFC 8058).
    path(
        "notifications/unsubscribe/<str:token>/",
        notifications.unsubscribe,
        name="unsubscribe",
    ),
]
