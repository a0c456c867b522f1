"""``/api/v1/``: the API, its OpenAPI document and its documentation page (no language
prefix: machines call it, and the documentation is in English)."""

from django.urls import path

from courses.api import views
from courses.api.api import api

urlpatterns = [
    path("docs", views.documentation, name="api_documentation"),
    path("", api.urls),
]
