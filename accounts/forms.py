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
