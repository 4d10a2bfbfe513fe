"""Profile-page forms for personal access tokens (create, revoke).

The new secret is shown once, in the answer to the POST that created it, and stored nowhere
(only its hash is kept): not in the session, not in a message, not in any cache, and the page
is marked ``no-store``. The form carries a one-time id, so posting it again (a reload of that
answer) creates no second token and shows no secret: it says what happened instead.
"""

from __future__ import annotations

import secrets
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts.tokens import MAX_NAME_LENGTH, TokenError, token_create, token_list, token_revoke

LEGACY_SESSION_KEY = "accounts.new_token"  # where older versions kept the secret
USED_KEY = "accounts.token_forms_used"  # one-time form ids already used (no secrets)
MAX_USED = 20


def _back() -> HttpResponse:
    return redirect(reverse("profile") + "#api-tokens")


@never_cache
@login_required
@require_POST
def token_create_view(request: HttpRequest) -> HttpResponse:
    form_id = request.POST.get("form_id", "")
    used: list[str] = request.session.get(USED_KEY, [])
    if form_id and form_id in used:
        messages.warning(
            request,
            "That token was already created, and its secret shown once. If you did not copy "
            "it, revoke it and create another.",
        )
        return _back()
    try:
        new = token_create(user=request.user, name=request.POST.get("name", ""))
    except TokenError as error:
        messages.error(request, str(error))
        return _back()
    if form_id:
        request.session[USED_KEY] = (used + [form_id])[-MAX_USED:]
    return render(
        request,
        "accounts/token_created.html",
        {"name": new.token.name, "secret": new.secret},
        status=201,
    )


@login_required
@require_POST
def token_revoke_view(request: HttpRequest, token_id: int) -> HttpResponse:
    token_revoke(user=request.user, token_id=token_id)
    messages.success(request, "Token revoked. Scripts using it can no longer sign in.")
    return _back()


def _new_form_id(request: HttpRequest) -> str:
    # A secret that an older version left in the session is dropped unseen.
    request.session.pop(LEGACY_SESSION_KEY, None)
    return secrets.token_urlsafe(12)


def tokens_profile_context(request: HttpRequest) -> dict[str, Any]:
    return {
        "tokens": token_list(user=request.user),
        "form_id": _new_form_id(request),
        "max_name_length": MAX_NAME_LENGTH,
    }
