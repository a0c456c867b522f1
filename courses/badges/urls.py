"""/badges/…: the public, machine-read badge addresses (public_views.py), outside the
language prefix because credentials carry them for years."""

from django.urls import path

from courses.badges import public_views

app_name = "badges"

urlpatterns = [
    path("issuer/", public_views.issuer, name="issuer"),
    path("issuer/jwks.json", public_views.jwks, name="jwks"),
    path("keys/<str:kid>/", public_views.key, name="key"),
    path("status/<int:number>/", public_views.status, name="status_list"),
    path("achievements/<str:kind>/<uuid:key>/", public_views.achievement, name="achievement"),
]
