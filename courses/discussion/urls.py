"""/<lang>/discussion/…: a course's discussion, its threads and the actions on them."""

from django.urls import path

from courses.discussion import views

app_name = "discussion"

urlpatterns = [
    path("courses/<int:page_id>/", views.course_discussion, name="course"),
    path("cohorts/<int:cohort_id>/", views.cohort_discussion, name="cohort"),
    path("threads/<int:thread_id>/", views.thread_view, name="thread"),
    path("threads/<int:thread_id>/moderate/", views.moderate, name="moderate"),
    path("posts/<int:post_id>/answer/", views.answer, name="answer"),
    path("posts/<int:post_id>/hide/", views.hide, name="hide"),
    path("posts/<int:post_id>/report/", views.report, name="report"),
]
