"""``{% badge_check_form %}``: the "check a badge" form, for pages whose view does not
build it (the code lookup at /verify/)."""

from __future__ import annotations

from django import template

from courses.badges.forms import CredentialForm

register = template.Library()


@register.inclusion_tag("courses/badges/_credential_form.html", takes_context=True)
def badge_check_form(context) -> dict:
    return {"credential_form": CredentialForm(), "csrf_token": context.get("csrf_token")}
