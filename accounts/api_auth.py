"""Authentication for /api/v1: a personal Bearer token, or the browser session with CSRF.

One callable instead of ninja's list of auth classes: ninja stops at the first auth that raises,
so a session CSRF failure would hide a valid token. Here a request that carries a Bearer header
is judged on the token alone (browsers never attach it on their own, so it needs no CSRF), and
any other request on its session, with Django's CSRF check for unsafe methods.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.errors import AuthenticationError, HttpError
from ninja.security.base import AuthBase
from ninja.utils import check_csrf

from accounts.tokens import token_user


class SessionOrToken(AuthBase):
    openapi_type = "http"
    openapi_scheme = "bearer"

    def __call__(self, request: HttpRequest) -> Any | None:
        header = request.META.get("HTTP_AUTHORIZATION", "")
        if header:
            scheme, _, secret = header.partition(" ")
            if scheme.lower() != "bearer" or not secret.strip():
                raise AuthenticationError()
            user = token_user(secret=secret.strip())
            if user is None:
                raise AuthenticationError()
            return user
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if check_csrf(request) is not None:
            raise HttpError(
                403, "The security token of this page expired. Reload the page and try again."
            )
        return user


api_auth = SessionOrToken()
