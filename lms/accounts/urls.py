"""Account URLs, under the language prefix: /<lang>/account/…"""

from django.urls import path

from lms.accounts import invitations, views

app_name = "accounts"

urlpatterns = [
    path("sign-up/", views.signup, name="signup"),
    path("sign-up/check-your-inbox/", views.signup_done, name="signup_done"),
    path("verify/new-link/", views.verify_resend, name="verify_resend"),
    path("verify/<str:token>/", views.verify, name="verify"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("password-reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "password-reset/sent/",
        views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/done/",
        views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("profile/", views.profile, name="profile"),
    path("invitations/", invitations.invitations, name="invitations"),
    path("export/", views.export, name="export"),
    path("delete/", views.delete, name="delete"),
]
