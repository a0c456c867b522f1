"""Wagtail admin screens of the platform core: people, member organisations, memberships.

Every screen keeps to what ``lms.permissions`` allows: the secretariat sees all members,
a coordinator only the organisations they coordinate. Out-of-scope rows answer 404.
"""
