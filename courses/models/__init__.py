"""The learning domain's models, split by concern and re-exported here."""

from courses.models.authoring import CourseTrainerGroup
from courses.models.certificates import Certificate, CertificateArchive
from courses.models.enrolment import Enrolment, ModuleCompletion, QuizAttempt
from courses.models.exports import CourseTitle, ReportExport
from courses.models.listing import CourseListing
from courses.models.notifications import NotificationDelivery
from courses.models.pages import (
    CourseIndexPage,
    CoursePage,
    CourseSignatory,
    ModulePage,
)
from courses.models.programmes import (
    CoursePrerequisite,
    ProgrammeCourse,
    ProgrammeEnrolment,
    ProgrammeIndexPage,
    ProgrammePage,
)
from courses.models.taxonomy import Topic
from courses.models.webinars import (
    CalendarFeed,
    WebinarIndexPage,
    WebinarPage,
    WebinarRegistration,
)

__all__ = [
    "CalendarFeed",
    "Certificate",
    "CertificateArchive",
    "CourseIndexPage",
    "CourseListing",
    "CoursePage",
    "CoursePrerequisite",
    "CourseSignatory",
    "CourseTitle",
    "CourseTrainerGroup",
    "Enrolment",
    "ModuleCompletion",
    "ModulePage",
    "NotificationDelivery",
    "ProgrammeCourse",
    "ProgrammeEnrolment",
    "ProgrammeIndexPage",
    "ProgrammePage",
    "QuizAttempt",
    "ReportExport",
    "Topic",
    "WebinarIndexPage",
    "WebinarPage",
    "WebinarRegistration",
]
