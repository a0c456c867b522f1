"""Read side of the learning domain, one module per concern, re-exported here."""

from courses.selectors.catalogue import (  # noqa: F401
    CATALOGUE_PAGE_SIZE,
    LONG_DATE_FORMATS,
    MODULE_LINK_FIELDS,
    MODULE_LIST_FIELDS,
    EnrolmentStatus,
    attach_available_languages,
    catalogue_context,
    catalogue_courses,
    content_language,
    course_languages,
    course_modules,
    course_search_keys,
    deadline_text,
    enrolment_message,
    enrolment_status,
    open_for_enrolment_q,
    original_page_pk,
    publicly_visible,
    visible_courses,
)
from courses.selectors.learning import (  # noqa: F401
    course_detail_context,
    course_structure,
    dashboard_context,
    enrolment_refusal,
    module_detail_context,
)
