"""The Django admin's login form under the same lock-out policy as the site's."""

import functools

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import ngettext

from accounts import lockout


def guarded_login(login_view):
    """Wrap AdminSite.login: a refused attempt never reaches the password check (429)."""

    @functools.wraps(login_view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.method == "POST":
            wait = lockout.login_refusal(request, request.POST.get("username", ""))
            if wait:
                minutes = lockout.wait_text(wait)
                message = ngettext(
                    "Too many failed login attempts. Try again in %(minutes)d minute.",
                    "Too many failed login attempts. Try again in %(minutes)d minutes.",
                    minutes,
                ) % {"minutes": minutes}
                response = render(request, "errors/429.html", {"message": message}, status=429)
                response["Retry-After"] = str(wait)
                return response
        response = login_view(request, *args, **kwargs)
        if request.method == "POST" and request.user.is_authenticated:
            # As allauth's login does: the session knows a password was just given, so that
            # enrolling in two-step verification right after does not ask for it again.
            from allauth.account.internal.flows.login import record_authentication

            record_authentication(request, request.user, "password", email=request.user.email)
        return response

    return wrapper
