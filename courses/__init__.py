"""The learning domain: courses, modules, webinars, enrolment, progress, certificates."""
