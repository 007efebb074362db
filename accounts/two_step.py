"""Who must use two-step verification, and whether this session went through it."""

from allauth.account.authentication import get_authentication_records
from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse

NOT_ENROLLED_SESSION_KEY = "two_step_not_enrolled"


def is_required(user) -> bool:
    """Staff (MFA_REQUIRED_FOR_STAFF, on unless turned off) and consultants when
    MFA_REQUIRED_FOR_CONSULTANTS (on by default when DEBUG is off, so off for `make run`'s
    demo accounts)."""
    if user.is_staff or user.is_superuser:
        return bool(settings.MFA_REQUIRED_FOR_STAFF)
    return bool(user.is_consultant and settings.MFA_REQUIRED_FOR_CONSULTANTS)


def session_passed(request: HttpRequest, user) -> bool:
    """Whether this session's login (or a later check) included a second step."""
    return any(
        record.get("method") == "mfa" for record in get_authentication_records(request, user)
    )


def _open_prefixes() -> tuple[str, ...]:
    return (
        reverse("mfa_index"),
        reverse("account_logout"),
        reverse("admin:logout"),
        reverse("account_reauthenticate"),
        reverse("accounts:set_language"),
        reverse("healthz"),
        settings.STATIC_URL,
    )


def path_is_open(request: HttpRequest) -> bool:
    return request.path.startswith(_open_prefixes())


def _on_authenticator_added(sender, request, user, authenticator, **kwargs) -> None:
    """Enrolling proves the new device: the session counts as having passed the second step
    (else staff would be asked for a code the moment they finished enrolling)."""
    # allauth keeps the session's record of steps in its internal login flow.
    from allauth.account.internal.flows.login import record_authentication

    if request is not None:
        record_authentication(request, user, "mfa", id=authenticator.pk, type=authenticator.type)


def _on_logged_in(sender, request, user, **kwargs) -> None:
    """A login without two-step verification enabled: this session need not look again.
    (Enrolling later in the session records its own second step.)"""
    from allauth.mfa.utils import is_mfa_enabled

    session = getattr(request, "session", None)
    if session is not None and not is_mfa_enabled(user):
        session[NOT_ENROLLED_SESSION_KEY] = user.pk
