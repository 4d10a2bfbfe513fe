from django.contrib.auth import views as auth_views
from django.urls import path

from accounts import token_views, views
from accounts.forms import ChangePasswordForm, LoginForm

login_view = auth_views.LoginView.as_view(
    authentication_form=LoginForm, redirect_authenticated_user=True
)

urlpatterns = [
    path("signup/", views.signup, name="signup"),
    path("login/", login_view, name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("profile/", views.profile, name="profile"),
    path("tokens/", token_views.token_create_view, name="token-create"),
    path("tokens/<int:token_id>/revoke/", token_views.token_revoke_view, name="token-revoke"),
    path(
        "password/",
        views.PasswordChange.as_view(form_class=ChangePasswordForm),
        name="password_change",
    ),
    path(
        "password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"
    ),
]
