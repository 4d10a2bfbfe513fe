"""Profile-page forms for personal access tokens (create, revoke). The new secret is shown once:
it travels through the session to the profile page after the redirect, so reloading that page
neither re-posts the form nor shows the secret again."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from accounts.tokens import MAX_NAME_LENGTH, TokenError, token_create, token_list, token_revoke

SESSION_KEY = "accounts.new_token"


def _back() -> HttpResponse:
    return redirect(reverse("profile") + "#api-tokens")


@login_required
@require_POST
def token_create_view(request: HttpRequest) -> HttpResponse:
    try:
        new = token_create(user=request.user, name=request.POST.get("name", ""))
    except TokenError as error:
        messages.error(request, str(error))
        return _back()
    request.session[SESSION_KEY] = {"name": new.token.name, "secret": new.secret}
    return _back()


@login_required
@require_POST
def token_revoke_view(request: HttpRequest, token_id: int) -> HttpResponse:
    token_revoke(user=request.user, token_id=token_id)
    messages.success(request, "Token revoked. Scripts using it can no longer sign in.")
    return _back()


def tokens_profile_context(request: HttpRequest) -> dict[str, Any]:
    return {
        "tokens": token_list(user=request.user),
        "new_token": request.session.pop(SESSION_KEY, None),
        "max_name_length": MAX_NAME_LENGTH,
    }
