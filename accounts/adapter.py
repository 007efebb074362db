"""allauth's account adapter: its login follows our lock-out policy (accounts.lockout)."""

import time
from typing import Any

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.authentication import get_authentication_records
from allauth.core import context
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import ngettext

from accounts import lockout


class AccountAdapter(DefaultAccountAdapter):
    def pre_authenticate(self, request: HttpRequest, **credentials: Any) -> None:
        # Replaces allauth's "5 failures on an address block its owner" (a lock-out anyone
        # could renew) by the policy in accounts.lockout. Failures are counted by the
        # user_login_failed signal that authenticate() sends.
        login = credentials.get("email") or credentials.get("username") or ""
        wait = lockout.login_refusal(request, login)
        if wait:
            minutes = lockout.wait_text(wait)
            raise ValidationError(
                ngettext(
                    "Too many failed login attempts. Try again in %(minutes)d minute.",
                    "Too many failed login attempts. Try again in %(minutes)d minutes.",
                    minutes,
                )
                % {"minutes": minutes},
                code="too_many_login_attempts",
            )

    def _delete_login_attempts_cached_email(self, request: HttpRequest, **credentials) -> None:
        """After a password reset (allauth calls this then): the new password is not held by
        the delays the guesses at the old one caused."""
        super()._delete_login_attempts_cached_email(request, **credentials)
        lockout.account_forget(request, credentials.get("email", ""))

    def _rollback_login_failed_rl_usage(self) -> None:
        """Nothing to roll back: pre_authenticate spends no allauth rate limit."""

    def is_reauthentication_required(self, *, app: str, **kwargs) -> bool:
        """A login in the last few minutes counts as having re-entered the password: at a
        first login, enrolling in two-step verification does not ask for it a second time.
        Past those minutes, changes (turning it off, new recovery codes) ask, as in allauth."""
        request = context.request
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            horizon = time.time() - account_settings.REAUTHENTICATION_TIMEOUT
            if any(
                record.get("method") == "password" and record.get("at", 0) >= horizon
                for record in get_authentication_records(request, user)
            ):
                return False
        return super().is_reauthentication_required(app=app, **kwargs)
