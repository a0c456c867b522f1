"""Account URLs, under the language prefix: /<lang>/account/…"""

from django.urls import path  # noqa: F401

app_name = "accounts"

urlpatterns: list = []
