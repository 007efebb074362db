"""A small fixed-window rate limit on the shared cache (Redis in production)."""

import functools
import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def client_address(request: HttpRequest) -> str:
    """The client's address. Behind TRUSTED_PROXIES reverse proxies (each appending to
    X-Forwarded-For), it is the entry that the outermost trusted proxy added; what a client
    writes in the header itself is never trusted."""
    proxies = settings.TRUSTED_PROXIES
    if proxies:
        hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        hops = [h for h in hops if h]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR", "unknown")


def _count_hit(key: str, timeout: int) -> int:
    """The number of hits on `key` in its window, this one included."""
    if hasattr(cache, "hit"):  # Redis: one round trip (config.cache)
        return cache.hit(key, timeout)
    if cache.add(key, 1, timeout=timeout):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=timeout)
        return 1


def rate_limited(scope: str, limit: Callable[[], int], window: int = 60):
    """Refuse with 429 once an address made `limit()` requests in the current window."""

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            bucket = int(time.time() // window)
            key = f"rl:{scope}:{client_address(request)}:{bucket}"
            if _count_hit(key, timeout=window + 1) > limit():
                response = render(request, "errors/429.html", status=429)
                response["Retry-After"] = str(window)
                return response
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
