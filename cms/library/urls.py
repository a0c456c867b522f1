"""Library URLs (language-prefixed, mounted by lms/urls.py): document downloads."""

from django.urls import path

from cms.library import views

app_name = "library"

urlpatterns = [
    path("library/documents/<int:pk>/", views.document_download, name="document"),
]
