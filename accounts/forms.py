"""Django's standard auth forms, with labels exactly as the contract names them (no trailing
colon), so that people, assistive technology and tests find "Username", "Password"..."""

from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm, UserCreationForm


class _PlainLabels:
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class SignupForm(_PlainLabels, UserCreationForm):
    pass


class LoginForm(_PlainLabels, AuthenticationForm):
    pass


class ChangePasswordForm(_PlainLabels, PasswordChangeForm):
    pass
