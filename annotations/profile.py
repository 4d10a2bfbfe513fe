"""The "Saved in your profile" part of the profile page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from annotations.selectors import saved_listing

MAX_QUERY = 200


def saved_profile_context(request: HttpRequest) -> dict[str, Any]:
    q = request.GET.get("q", "").strip()[:MAX_QUERY]
    return {"q": q, "listing": saved_listing(owner=request.user, q=q)}
