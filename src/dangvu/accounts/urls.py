from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from .forms import BootstrapPasswordChangeForm, LoginForm
from .twofactor_views import RecoveryCodesView, TwoFactorView
from .views import LoginView

app_name = "accounts"
urlpatterns = [
    path(
        "login/",
        LoginView.as_view(
            template_name="accounts/login.html",
            authentication_form=LoginForm,
            redirect_authenticated_user=True,
        ),
        name="login",
    ),
    path("2fa/", TwoFactorView.as_view(), name="two_factor"),
    path("2fa/recovery-codes/", RecoveryCodesView.as_view(), name="recovery_codes"),
    # Django 5 logs out by POST only (a GET cannot log anyone out through a crafted link).
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "password/",
        auth_views.PasswordChangeView.as_view(
            template_name="accounts/password_change.html",
            form_class=BootstrapPasswordChangeForm,
            success_url=reverse_lazy("accounts:password_change_done"),
        ),
        name="password_change",
    ),
    path(
        "password/done/",
        auth_views.PasswordChangeDoneView.as_view(
            template_name="accounts/password_change_done.html"
        ),
        name="password_change_done",
    ),
]
