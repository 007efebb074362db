"""Password guessing is slowed without letting a stranger lock the owner out.

One policy for every password form (allauth's login and the Django admin's):

1. Per client address: after LOGIN_ADDRESS_FAILURES failed logins from one address within
   LOGIN_ADDRESS_WINDOW seconds, that address is refused until the window ends, whatever
   account it names.
2. Per account and address: after LOGIN_ACCOUNT_FREE_FAILURES failures on one account from one
   address, each further attempt from that address must wait a delay that doubles with every
   failure, from LOGIN_ACCOUNT_DELAY seconds up to LOGIN_ACCOUNT_DELAY_MAX, counted from the
   last failure. Other addresses are not held: an attacker cannot lock the owner out.
3. Per account, all addresses together: past LOGIN_ACCOUNT_FREE_FAILURES_ANY failures (an
   attacker spreading guesses over many addresses), the same growing delay holds every
   browser that is not known to the account.
4. A browser that logged in to the account before carries a signed cookie saying so: it is
   not held by the account's delays (only by its address's limit), and its failures do not add
   to the account's counts. So the owner at their own machine always gets in.

Counters live in the shared cache (Redis in production). A successful login forgets the
account's failures.
"""

import hashlib
import math
import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core import signing
from django.core.cache import cache
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.utils.crypto import salted_hmac

from config.ratelimit import _count_hit, client_address

KNOWN_BROWSER_COOKIE = "epr_known_browser"
KNOWN_BROWSER_SALT = "accounts.lockout.known-browser"
KNOWN_BROWSER_MAX_ACCOUNTS = 5
# Set by the login signal, read by the middleware that writes the cookie on the response.
_KNOWN_BROWSER_PENDING = "_known_browser_user"


def _setting(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def now() -> float:
    """The clock (a function so that tests can move it)."""
    return time.time()


def _normalise(login: str) -> str:
    return (login or "").strip().lower()


def _account_key(login: str, request: HttpRequest | None = None) -> str:
    digest = hashlib.sha256(_normalise(login).encode()).hexdigest()[:32]
    if request is None:
        return f"lockout:account:{digest}"
    return f"lockout:account:{digest}:{client_address(request)}"


def _address_key(request: HttpRequest) -> str:
    window = _setting("LOGIN_ADDRESS_WINDOW", 900)
    bucket = int(now() // window)
    return f"lockout:address:{client_address(request)}:{bucket}"


def _state(key: str) -> tuple[int, float]:
    state = cache.get(key)
    if not isinstance(state, dict):
        return 0, 0.0
    return int(state.get("failures", 0)), float(state.get("last", 0.0))


def _count_failure(key: str) -> None:
    failures, _last = _state(key)
    cache.set(
        key,
        {"failures": failures + 1, "last": now()},
        timeout=_setting("LOGIN_ACCOUNT_MEMORY", 86400),
    )


def account_delay(failures: int, free: int | None = None) -> int:
    """Seconds to wait after the last of `failures` failures, past `free` ones."""
    if free is None:
        free = _setting("LOGIN_ACCOUNT_FREE_FAILURES", 5)
    if failures < free:
        return 0
    step = _setting("LOGIN_ACCOUNT_DELAY", 30)
    cap = _setting("LOGIN_ACCOUNT_DELAY_MAX", 900)
    return min(step * 2 ** min(failures - free, 20), cap)


def _wait(key: str, free: int) -> int:
    failures, last = _state(key)
    delay = account_delay(failures, free)
    return max(0, math.ceil(last + delay - now())) if delay else 0


# --- Known browsers -----------------------------------------------------------------------


def _browser_token(user) -> str:
    return salted_hmac(KNOWN_BROWSER_SALT, f"{user.pk}:{user.email}").hexdigest()[:20]


def _cookie_tokens(request: HttpRequest) -> list[str]:
    try:
        value = request.get_signed_cookie(KNOWN_BROWSER_COOKIE, salt=KNOWN_BROWSER_SALT, default="")
    except signing.BadSignature:
        return []
    return [token for token in (value or "").split(".") if token]


def _user_for(login: str):
    login = _normalise(login)
    if not login:
        return None
    return get_user_model().objects.filter(email__iexact=login).first()


def is_known_browser(request: HttpRequest, login: str) -> bool:
    user = _user_for(login)
    return user is not None and _browser_token(user) in _cookie_tokens(request)


def remember_browser(request: HttpRequest, response: HttpResponse) -> None:
    """Called by the middleware on the response to a successful login."""
    user = getattr(request, _KNOWN_BROWSER_PENDING, None)
    if user is None:
        return
    token = _browser_token(user)
    tokens = [t for t in _cookie_tokens(request) if t != token]
    tokens = [token, *tokens][:KNOWN_BROWSER_MAX_ACCOUNTS]
    response.set_signed_cookie(
        KNOWN_BROWSER_COOKIE,
        ".".join(tokens),
        salt=KNOWN_BROWSER_SALT,
        max_age=_setting("LOGIN_KNOWN_BROWSER_DAYS", 180) * 86400,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


# --- The policy ---------------------------------------------------------------------------


def login_refusal(request: HttpRequest, login: str) -> int:
    """0 when this attempt may check its password, else the seconds to wait before trying."""
    window = _setting("LOGIN_ADDRESS_WINDOW", 900)
    address_failures = cache.get(_address_key(request)) or 0
    if address_failures >= _setting("LOGIN_ADDRESS_FAILURES", 10):
        return max(1, int(window - now() % window))
    if is_known_browser(request, login):
        return 0
    return max(
        _wait(_account_key(login, request), _setting("LOGIN_ACCOUNT_FREE_FAILURES", 5)),
        _wait(_account_key(login), _setting("LOGIN_ACCOUNT_FREE_FAILURES_ANY", 20)),
    )


def login_failed(request: HttpRequest, login: str) -> None:
    window = _setting("LOGIN_ADDRESS_WINDOW", 900)
    _count_hit(_address_key(request), timeout=window + 1)
    if is_known_browser(request, login):
        return
    _count_failure(_account_key(login, request))
    _count_failure(_account_key(login))


def account_forget(request: HttpRequest, login: str) -> None:
    """The account's failures are forgotten: its owner logged in, or reset the password."""
    cache.delete_many([_account_key(login), _account_key(login, request)])


def login_succeeded(request: HttpRequest, user) -> None:
    account_forget(request, user.email)
    setattr(request, _KNOWN_BROWSER_PENDING, user)


def wait_text(seconds: int) -> int:
    """Minutes to tell a person, rounded up (at least one)."""
    return max(1, math.ceil(seconds / 60))


@receiver(user_login_failed)
def _on_login_failed(sender, credentials, request=None, **kwargs) -> None:
    # Every password check (allauth's and the admin's) goes through django.contrib.auth's
    # authenticate(), which sends this signal when no backend accepted the credentials.
    if request is None:
        return
    login = credentials.get("email") or credentials.get("username") or ""
    login_failed(request, login)


@receiver(user_logged_in)
def _on_logged_in(sender, request, user, **kwargs) -> None:
    if request is not None:
        login_succeeded(request, user)
