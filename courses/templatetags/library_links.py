"""``{% course_related_cases page as cases %}``: the library items a course's modules link."""

from django import template

from courses.selectors.related_cases import course_related_cases as _course_related_cases

register = template.Library()


@register.simple_tag
def course_related_cases(course):
    return _course_related_cases(course=course)
