"""Helpers for the browser journeys (Playwright)."""

import re

from playwright.sync_api import Page

from tests.factories import PASSWORD


def log_in(page: Page, live_server, user) -> None:
    page.goto(live_server.url + "/accounts/login/")
    # The login page is in the browser's language (French here); the user's own comes after.
    page.locator("#id_login").fill(user.email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()


def link_in(body: str, path_prefix: str) -> str:
    match = re.search(rf"https?://[^/\s]+({re.escape(path_prefix)}[^\s]+)", body)
    assert match, body
    return match.group(1)
