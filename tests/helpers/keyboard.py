"""Keyboard-only journeys: Tab through a page, answer what takes focus, press a button.

Only `keyboard.press` and `keyboard.type`: no click, no fill. A radio group with nothing
checked gets its focused option (Space); an empty text box gets a sentence typed; the first
button or link whose text matches `target` is pressed with Enter.
"""

import re

from playwright.sync_api import Page

FOCUSED = """() => {
  const e = document.activeElement;
  const group = e.type === 'radio' ? document.getElementsByName(e.name) : [];
  return {
    tag: e.tagName, type: e.type || '', value: e.value || '',
    text: (e.innerText || e.value || '').trim(),
    checked: Array.prototype.some.call(group, r => r.checked),
  };
}"""


def tab_to(page: Page, target: str | re.Pattern, *, answer: bool = False, limit: int = 400):
    """Tab forward until a button or link reads `target`, answering on the way if asked,
    then press Enter on it."""
    pattern = target if isinstance(target, re.Pattern) else re.compile(re.escape(target))
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused["tag"] in {"A", "BUTTON"} and pattern.fullmatch(focused["text"]):
            page.keyboard.press("Enter")
            return
        if not answer:
            continue
        if focused["type"] == "radio" and not focused["checked"]:
            page.keyboard.press("Space")
        elif focused["tag"] == "TEXTAREA" and not focused["value"]:
            page.keyboard.type("Keep going.")
    raise AssertionError(f"no {target!r} reached with the keyboard")


def log_in_by_cookie(page: Page, live_server, user) -> None:
    """A session cookie for `user`, so that a keyboard journey starts logged in."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
