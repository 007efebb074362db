"""Absolute links for emails and anything read outside a request: SITE_URL + reverse()."""

from django.conf import settings
from django.urls import reverse


def absolute_url(viewname: str, *args, **kwargs) -> str:
    return settings.SITE_URL.rstrip("/") + reverse(
        viewname, args=args or None, kwargs=kwargs or None
    )
