from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from accounts.forms import SignupForm
from accounts.profile import profile_sections
from readmark.ratelimit import Window, client_address, minutes_words


def safe_next(request: HttpRequest, fallback: str) -> str:
    """The `next` target when it stays on this site; otherwise the fallback (no open redirect)."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


def _signup_window() -> Window:
    return Window("signups", settings.READMARK_SIGNUPS_PER_HOUR, 3600)


def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("profile")
    form = SignupForm(request.POST or None)
    address = client_address(request)
    wait = _signup_window().retry_after(address) if request.method == "POST" else None
    if wait is not None:
        form.add_error(
            None,
            "Too many accounts were created from your network in the last hour. Try again in "
            f"{minutes_words(wait)}, or log in if you already have an account.",
        )
        response = render(
            request,
            "registration/signup.html",
            {"form": form, "next": safe_next(request, "")},
            status=429,
        )
        response["Retry-After"] = str(wait)
        return response
    if request.method == "POST" and form.is_valid():
        user = form.save()
        _signup_window().count(address)
        # login() rotates the session key: no fixation from a pre-sign-up session.
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        return redirect(safe_next(request, reverse("library")))
    return render(
        request,
        "registration/signup.html",
        {"form": form, "next": safe_next(request, "")},
        status=400 if form.errors else 200,
    )


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/profile.html", {"sections": profile_sections(request=request)})


class PasswordChange(auth_views.PasswordChangeView):
    """Django's view; the done page says how many API tokens the change revoked."""

    def form_valid(self, form):
        response = super().form_valid(form)
        revoked = getattr(form, "revoked", 0)
        if revoked:
            plural = "s were" if revoked != 1 else " was"
            messages.warning(
                self.request,
                f"Your {revoked} API token{plural} revoked with the old password. Create new "
                "ones on your profile for the scripts that need them.",
            )
        return response
