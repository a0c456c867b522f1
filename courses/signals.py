"""Signal receivers of the learning domain, connected in CoursesConfig.ready()."""

from django.dispatch import receiver
from wagtail.signals import copy_for_translation_done, page_published

from courses.events import course_completed
from courses.models import CoursePage, WebinarPage
from courses.services.attribution import enrolments_attribute, enrolments_move
from courses.services.authoring import course_sync_trainer_permissions
from courses.services.webinars import webinar_sync_schedule
from lms.events import membership_activated, membership_history_move


# wagtail-localize (and seed_demo) create translations without going through the
# page create view, so no admin hook runs: the signal covers every process.
@receiver(copy_for_translation_done, dispatch_uid="courses.sync_trainer_rights_of_translation")
def sync_trainer_rights_after_translating_a_course(sender, source_obj, target_obj, **kwargs):
    """A new language version of a course is editable by the course's trainers at once.
    Snippets (topics, questionnaires) are translated through the same signal: not pages."""
    if isinstance(getattr(target_obj, "specific_deferred", None), CoursePage):
        course_sync_trainer_permissions(course=target_obj.specific)


# A receiver, not an admin hook: publishing from the admin, from a scheduled
# publication (publish_scheduled) or from code all send page_published.
@receiver(page_published, dispatch_uid="courses.sync_webinar_schedule")
def sync_webinar_schedule_after_publishing(sender, instance, **kwargs):
    """A new time, duration or cancellation bumps the webinar's calendar sequence."""
    if isinstance(instance, WebinarPage):
        webinar_sync_schedule(webinar=instance)


# course_completed is sent after the completing transaction commits, once per enrolment.
@receiver(course_completed, dispatch_uid="courses.issue_certificate")
def issue_certificate_on_completion(sender, enrolment_id, **kwargs):
    """Queue the certificate (the task decides whether the course gives one)."""
    from courses.tasks import certificate_issue_task

    certificate_issue_task.delay_on_commit(enrolment_id=enrolment_id)


@receiver(course_completed, dispatch_uid="courses.evaluate_programmes")
def evaluate_programmes_on_completion(sender, enrolment_id, **kwargs):
    """A completed course may complete the learner's programmes (each once)."""
    from courses.tasks import programmes_evaluate_task

    programmes_evaluate_task.delay_on_commit(enrolment_id=enrolment_id)


# Sent inside the membership's transaction: the attribution commits with it.
@receiver(membership_activated, dispatch_uid="courses.attribute_enrolments")
def attribute_enrolments_made_while_waiting(sender, membership, waiting_since, now, **kwargs):
    """Enrolments made while the membership was requested or invited count for it now."""
    enrolments_attribute(membership=membership, waiting_since=waiting_since, now=now)


@receiver(membership_history_move, dispatch_uid="courses.move_enrolments")
def move_enrolments_with_the_person(sender, user, from_organisation, to_organisation, **kwargs):
    """The secretariat's transfer with history: enrolments and certificates follow."""
    return enrolments_move(
        user=user, from_organisation=from_organisation, to_organisation=to_organisation
    )
