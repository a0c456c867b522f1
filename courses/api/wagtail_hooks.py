from wagtail import hooks
from wagtail.permissions import register_permission_policy

from courses.api.admin import ApiTokenViewSet
from courses.api.models import ApiToken
from courses.api.permissions import api_token_policy

register_permission_policy(ApiToken, api_token_policy)


@hooks.register("register_admin_viewset")
def register_api_token_viewset():
    return ApiTokenViewSet()
