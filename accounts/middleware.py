from collections.abc import Callable
from urllib.parse import urlencode

from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from accounts import lockout, two_step


class UserLanguageMiddleware:
    """A logged-in user's saved language wins over the cookie and the browser's.

    Placed after AuthenticationMiddleware; LocaleMiddleware has already picked the visitor's
    language from the cookie or Accept-Language, which stays the rule for visitors.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.languages = dict(settings.LANGUAGES)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.language in self.languages:
            translation.activate(user.language)
            request.LANGUAGE_CODE = user.language
        return self.get_response(request)


# Browser features the site never uses, refused for every page and any frame in it.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
)
# Responses that are files to keep, whoever asks for them: never stored by a cache.
DOWNLOAD_TYPES = {
    "application/pdf",
    "application/zip",
    "application/octet-stream",
    "text/csv",
    "text/vcard",
    "text/calendar",
}


class SecurityHeadersMiddleware:
    """Permissions-Policy on every response; `Cache-Control: private, no-store` on every page
    shown to a logged-in user and on every download, so that neither a shared proxy nor the
    browser's cache keeps a copy (the back button after logging out shows nothing).

    Placed right after SecurityMiddleware so that it also sees the static files WhiteNoise
    serves (which stay cacheable: no user is attached to them). It also writes the "known
    browser" cookie after a successful login (accounts.lockout).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        user = getattr(request, "user", None)
        content_type = response.get("Content-Type", "").split(";")[0].strip().lower()
        if (
            (user is not None and user.is_authenticated)
            or response.has_header("Content-Disposition")
            or content_type in DOWNLOAD_TYPES
        ):
            patch_cache_control(response, private=True, no_store=True)
        lockout.remember_browser(request, response)
        return response


class TwoStepMiddleware:
    """Two-step verification where it is required (accounts.two_step.is_required): the person
    is sent to enrol (the authenticator app's activation page) until they have, and a session
    that skipped the second step (the admin's password form) is asked for a code.

    Only logging out, the two-step pages themselves, re-entering the password (which enrolling
    may ask for), the language switch and static files stay reachable meanwhile.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not two_step.path_is_open(request):
            refusal = self._refusal(request, user)
            if refusal is not None:
                return refusal
        return self.get_response(request)

    def _refusal(self, request: HttpRequest, user) -> HttpResponse | None:
        required = two_step.is_required(user)
        # A session that logged in without a second step, needing none, is not asked again
        # (saves a query on every page; two_step marks it at login).
        if not required and request.session.get(two_step.NOT_ENROLLED_SESSION_KEY) == user.pk:
            return None
        enabled = is_mfa_enabled(user)
        if required and not enabled:
            if request.method == "GET":
                messages.info(
                    request,
                    _(
                        "Your account needs two-step verification: set up an "
                        "authenticator app to continue."
                    ),
                )
            return redirect("mfa_activate_totp")
        if enabled and not two_step.session_passed(request, user):
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse('mfa_reauthenticate')}?{query}")
        return None
