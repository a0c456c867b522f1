"""The kinds of e-mail the learning domain sends, which a person may opt out of.

The reminders engine (courses issue "Reminders and notifications") sends them; the
profile page lists them through ``lms.personal_data``. A kind a person opted out of
is stored as ``{"<kind>": false}`` in ``User.notification_preferences``.
"""

from django.utils.translation import gettext_lazy as _

# (key, label, help text), in the order the profile shows them.
NOTIFICATION_KINDS = (
    (
        "enrolment",
        _("Enrolment confirmations"),
        _("When you, or your coordinator, enrol you in a course."),
    ),
    (
        "inactivity",
        _("Nudges when you have not progressed for a while"),
        _("At most once every few days, and never after you complete the course."),
    ),
    (
        "deadline",
        _("Deadline reminders"),
        _("A week and a day before a course's deadline, and once if it passes."),
    ),
    (
        "webinar",
        _("Webinar reminders and changes"),
        _("Before the webinars you registered for, and when one moves or is cancelled."),
    ),
    (
        "digest",
        _("Weekly digest for coordinators"),
        _("Your organisation's enrolments, completions and who is behind."),
    ),
    (
        "cohort",
        _("Messages from your cohort's facilitators"),
        _("When a facilitator of a cohort you belong to writes to its learners."),
    ),
    (
        "evaluation",
        _("Follow-up surveys"),
        _("A few months after you complete a course: have you applied what you learned?"),
    ),
    (
        "discussion",
        _("Discussion replies, mentions and digest"),
        _("When someone answers your thread or mentions you, and a summary of new posts."),
    ),
)
