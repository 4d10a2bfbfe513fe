"""Django's standard auth forms, with labels exactly as the contract names them (no trailing
colon), so that people, assistive technology and tests find "Username", "Password"..."""

from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm, UserCreationForm


class _PlainLabels:
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class SignupForm(_PlainLabels, UserCreationForm):
    """A refused password keeps what was typed (so it can be fixed, not retyped twice), and the
    reason shows under "Password", the field it is about; Django's default is the
    confirmation field."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("password1", "password2"):
            self.fields[name].widget.render_value = True

    def validate_password_for_user(self, user, password_field_name="password1"):
        super().validate_password_for_user(user, password_field_name=password_field_name)


class LoginForm(_PlainLabels, AuthenticationForm):
    pass


class ChangePasswordForm(_PlainLabels, PasswordChangeForm):
    """Changing the password also revokes the reader's API tokens.

    Why: a password is changed when it may have leaked, and whoever held it could have
    created a token, which would outlive the new password. Scripts get new tokens from the
    profile page; ``revoked`` says how many were cut off, for the page to tell.
    """

    revoked = 0

    def save(self, commit: bool = True):
        from django.db import transaction

        from accounts.tokens import token_revoke_all

        with transaction.atomic():
            user = super().save(commit=commit)
            if commit:
                self.revoked = token_revoke_all(user=user)
        return user
