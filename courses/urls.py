"""The learner's URLs, under the language prefix: /<lang>/dashboard/ and /<lang>/learn/…"""

from django.urls import path

from courses.views import learning

app_name = "learn"

urlpatterns = [
    path("dashboard/", learning.dashboard, name="dashboard"),
]
