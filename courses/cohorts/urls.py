"""A cohort's page and joining it (mounted under the language prefix by lms/urls.py)."""

from django.urls import path

from courses.cohorts import views

app_name = "cohorts"

urlpatterns = [
    path("<int:pk>/", views.cohort_detail, name="detail"),
    path("<int:pk>/join/", views.cohort_join, name="join"),
]
