"""/<lang>/evaluation/…: the learner's questionnaires (views.py)."""

from django.urls import path

from courses.evaluation import views

app_name = "evaluation"

urlpatterns = [
    path("courses/<int:page_id>/", views.course_questionnaire, name="course"),
    path("programmes/<int:page_id>/", views.programme_questionnaire, name="programme"),
    # The signed token is the only credential: the e-mail's one-click link.
    path("survey/<str:token>/", views.survey_link, name="survey_link"),
]
