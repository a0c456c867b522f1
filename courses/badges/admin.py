"""The Secretariat's badge screens, in the admin's "Learning" submenu.

- Course badges (``course_badges``): a picture and a validity per course, a
  ``ModelViewSet`` over ``CourseBadge``; the course is chosen among the original
  language versions and stored as its translation key, so every language shares it.
- Badge signing keys (``badge_keys``): which key signs now and where it comes from (the
  environment, a file, or the development key, with a warning), the retired keys still
  verifying older badges, and how many credentials each key signed.

Both are the Secretariat's alone (``badge_admin_policy``: the reach of every organisation);
a coordinator or trainer is refused with a 403. The issuer profile is a Wagtail setting
(Settings → Badge issuer), registered with the model.
"""

from __future__ import annotations

from django import forms
from django.db.models import Count, OuterRef, Subquery
from django.http import HttpResponseForbidden
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import ModelPermissionPolicy

from courses.badges import keys
from courses.badges.models import CourseBadge, IssuedCredential
from courses.permissions import original_courses
from lms.admin.scoped import PolicyViewSet, RefusedWith403Mixin
from lms.permissions import sees_every_organisation

REFUSAL = _("Badges and their signing keys are managed by the GSEF Secretariat.")


class BadgeAdminPolicy(ModelPermissionPolicy):
    """Badge pictures and key status: the Secretariat's (every organisation's reach)."""

    actions = frozenset({"view", "add", "change", "delete"})

    def user_has_permission(self, user, action) -> bool:
        return action in self.actions and sees_every_organisation(user)

    def user_has_permission_for_instance(self, user, action, instance) -> bool:
        return self.user_has_permission(user, action)

    def user_has_any_permission_for_instance(self, user, actions, instance) -> bool:
        return any(self.user_has_permission(user, action) for action in actions)

    def instances_user_has_any_permission_for(self, user, actions):
        rows = self.model._default_manager.all()
        return rows if any(self.user_has_permission(user, a) for a in actions) else rows.none()


badge_admin_policy = BadgeAdminPolicy(CourseBadge)


class CourseBadgeForm(WagtailAdminModelForm):
    course = forms.TypedChoiceField(
        label=_("Course"),
        help_text=_("Every language version of the course gets this badge."),
        choices=(),
    )

    class Meta:
        model = CourseBadge
        fields = ["image", "validity_months"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        others = CourseBadge.objects.exclude(pk=self.instance.pk)
        taken = set(others.values_list("course_key", flat=True))
        courses = original_courses().order_by("title").only("title", "translation_key")
        self.fields["course"].choices = [
            (str(course.translation_key), course.title)
            for course in courses
            if course.translation_key not in taken
        ]
        self.fields["course"].coerce = lambda value: value
        if self.instance.pk:
            self.fields["course"].initial = str(self.instance.course_key)
        self.order_fields(["course", "image", "validity_months"])

    def save(self, commit=True):
        self.instance.course_key = self.cleaned_data["course"]
        return super().save(commit=commit)


class _Refused(RefusedWith403Mixin):
    refusal_message = REFUSAL


def _course_title(badge: CourseBadge) -> str:
    title = getattr(badge, "course_title", None)
    if title is None:
        course = original_courses().filter(translation_key=badge.course_key).first()
        title = course.title if course else ""
    return title or _("A course that no longer exists")


class CourseBadgeIndexView(_Refused, generic.IndexView):
    def get_base_queryset(self):
        # The course's name with the rows, in one query (the badge keeps only its key).
        titles = original_courses().filter(translation_key=OuterRef("course_key"))
        return (
            super()
            .get_base_queryset()
            .select_related("image")
            .annotate(course_title=Subquery(titles.values("title")[:1]))
            .order_by("course_title")
        )


def _picture(badge: CourseBadge) -> str:
    return badge.image.title if badge.image_id else _("GSEF's default picture")


class _Saved:
    def get_success_message(self, instance=None):
        return _("The badge of “%(course)s” is saved.") % {"course": _course_title(instance)}


class CourseBadgeCreateView(_Refused, _Saved, generic.CreateView):
    pass


class CourseBadgeEditView(_Refused, _Saved, generic.EditView):
    pass


class CourseBadgeDeleteView(_Refused, generic.DeleteView):
    pass


class CourseBadgeViewSet(ModelViewSet):
    """A badge picture and validity per course (the Secretariat's)."""

    model = CourseBadge
    index_view_class = CourseBadgeIndexView
    add_view_class = CourseBadgeCreateView
    edit_view_class = CourseBadgeEditView
    delete_view_class = CourseBadgeDeleteView
    inspect_view_enabled = False
    copy_view_enabled = False
    form_class = CourseBadgeForm
    permission_policy = badge_admin_policy
    icon = "success"
    name = "course_badges"
    menu_label = _("Course badges")
    menu_hook = "register_learning_menu_item"
    menu_order = 720
    list_display = [
        Column("course", label=_("Course"), accessor=_course_title),
        Column("image", label=_("Badge picture"), accessor=_picture),
        "validity_months",
    ]
    search_backend_name = None

    def get_form_class(self, for_update=False):
        return CourseBadgeForm


class KeyStatusView(WagtailAdminTemplateMixin, TemplateView):
    """Which key signs, where it comes from, the retired ones, and their credentials."""

    template_name = "courses/badges/admin_keys.html"
    page_title = _("Badge signing keys")
    header_icon = "key"

    def dispatch(self, request, *args, **kwargs):
        if not badge_admin_policy.user_has_permission(request.user, "view"):
            return HttpResponseForbidden(str(REFUSAL))
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        status = keys.key_status()
        counts = dict(
            IssuedCredential.objects.values_list("key_id").annotate(count=Count("pk")).order_by()
        )
        context["status"] = status
        context["rows"] = [
            {"kid": kid, "current": kid == status.current_kid, "count": counts.pop(kid, 0)}
            for kid in [status.current_kid, *status.retired_kids]
        ]
        # Keys that signed credentials but are configured nowhere any more: their badges
        # no longer verify, which the Secretariat must see.
        context["unknown"] = sorted(counts.items())
        return context


class BadgeKeysViewSet(PolicyViewSet):
    name = "badge_keys"
    url_prefix = "badges/keys"
    icon = "key"
    menu_label = _("Badge signing keys")
    menu_hook = "register_learning_menu_item"
    menu_order = 730
    permission_policy = badge_admin_policy

    def get_urlpatterns(self):
        return [path("", KeyStatusView.as_view(), name="index")]


course_badge_viewset = CourseBadgeViewSet()
badge_keys_viewset = BadgeKeysViewSet()
