"""Registers the platform core's admin screens."""

from wagtail import hooks

from lms.admin_views import MembersViewSetGroup


@hooks.register("register_admin_viewset")
def register_members_viewsets():
    return MembersViewSetGroup()
