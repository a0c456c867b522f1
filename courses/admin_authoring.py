"""Authoring in the admin that does not trip over its own drafts.

Wagtail's autosave creates the page as soon as someone types in the "add page" form
(an AJAX post to the create view); the form then keeps a copy in the browser. When the
editor's script does not switch the form over to the new page (a slow connection, a
reload, a second tab), pressing "Save draft" posts the *create* form again, and the
slug the first post took is "already in use within the parent page" - an error shown
on the Promote tab, which trainers never open. ``retry_into_own_draft`` sends that
second post to the edit view of the draft the first one made, so it saves, once.

An autosave that posts to the create view again is answered by the edit view too, in
JSON. Imported from ``courses.wagtail_hooks``.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.text import slugify
from wagtail import hooks
from wagtail.admin.views.pages.edit import EditView
from wagtail.models import Page

#: A never-published page of one's own older than this is not a retry: it is a page.
RETRY_WINDOW = dt.timedelta(hours=12)


def own_stray_draft(*, user, parent_page: Page, page_class, data, now: dt.datetime) -> Page | None:
    """The page a retried create form would clash with, when it is the same person's
    own never-published draft of the same type, recently made, that nobody else has
    touched and no workflow or lock holds; else None."""
    slug = (data.get("slug") or "").strip() or slugify(data.get("title") or "", allow_unicode=True)
    if not slug:
        return None
    draft = (
        Page.objects.child_of(parent_page)
        .filter(
            slug=slug,
            live=False,
            first_published_at__isnull=True,
            owner=user,
            locked=False,
            content_type=ContentType.objects.get_for_model(page_class),
            latest_revision_created_at__gte=now - RETRY_WINDOW,
        )
        .first()
    )
    if draft is None or draft.revisions.exclude(user=user).exists():
        return None
    if draft.workflow_in_progress:
        return None
    return draft


@hooks.register("before_create_page")
def retry_into_own_draft(request, parent_page, page_class):
    """A full-page post of the create form whose slug is taken by the draft the same
    person's autosave just made saves into that draft (the edit view) instead of failing."""
    if request.method != "POST":
        return None
    draft = own_stray_draft(
        user=request.user,
        parent_page=parent_page,
        page_class=page_class,
        data=request.POST,
        now=timezone.now(),
    )
    if draft is None:
        return None
    return EditView.as_view()(request, page_id=draft.pk)
