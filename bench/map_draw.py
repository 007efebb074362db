"""`map_first_draw_ms`: the network map's first frame, measured in Chromium with Playwright.

The page is served by a threaded WSGI server on loopback (static files included) over the
bench's throwaway database; the figure is the median, over a few fresh page loads, of the
time from the navigation's start to the `map-first-draw` performance mark that
static/js/network_map.js sets on Cytoscape's first render (so it counts the page, its
scripts, the map's JSON and the drawing). Budget: 1 s at 30,000 contacts.

Run on its own (`python -m bench.map_draw`, 30,000 contacts imported first) or from
`make bench`, which passes the owner of its 30,000-contact import.
"""

import os
import statistics
import threading
import time
from pathlib import Path

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
ROUNDS = 5
MARK = "map-first-draw"


def _serve():
    from django.contrib.staticfiles.handlers import StaticFilesHandler
    from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
    from django.core.wsgi import get_wsgi_application

    class QuietHandler(WSGIRequestHandler):
        def log_message(self, *args):  # one line per request would drown the bench's output
            pass

    server = ThreadedWSGIServer(("127.0.0.1", 0), QuietHandler, allow_reuse_address=True)
    server.set_app(StaticFilesHandler(get_wsgi_application()))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server


def first_draw_ms(owner, rounds: int = ROUNDS, *, browser=None) -> float:
    """Median milliseconds from navigation start to the map's first drawn frame; in the
    given Playwright `browser` (a test's), or in a Chromium launched here (the bench)."""
    from django.conf import settings
    from django.test import Client

    # Logged in before Playwright starts: its event loop makes the ORM refuse to run.
    client = Client()
    client.force_login(owner)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    if browser is not None:
        return _measure(browser, session, rounds)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        )
        try:
            return _measure(browser, session, rounds)
        finally:
            browser.close()


def _measure(browser, session: str, rounds: int) -> float:
    from django.conf import settings

    server = _serve()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    timings = []
    try:
        for _ in range(rounds + 1):  # the first load warms the server's caches
            context = browser.new_context(viewport={"width": 1280, "height": 800})
            context.add_cookies(
                [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": base}]
            )
            page = context.new_page()
            page.goto(f"{base}/contacts/map/")
            deadline = time.monotonic() + 30
            mark = None
            while mark is None:
                mark = page.evaluate(
                    f"(performance.getEntriesByName('{MARK}')[0] || {{}}).startTime"
                )
                if mark is None:
                    assert time.monotonic() < deadline, "the map never drew"
                    page.wait_for_timeout(20)
            timings.append(mark)
            context.close()
    finally:
        server.shutdown()
        server.server_close()
    return round(statistics.median(timings[1:]), 1)


def measure(owner) -> dict[str, float]:
    return {"map_first_draw_ms": first_draw_ms(owner)}


def with_30k_contacts() -> dict[str, float]:
    """30,000 contacts imported through the upload path, then the first draw measured."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from accounts.services import user_ensure_verified
    from contacts.importers.samples import linkedin_connections_csv
    from contacts.services.imports import contact_import_create, contact_import_run

    user, _ = user_ensure_verified(
        email="bench-map@example.com",
        password="bench-pass-2026",  # noqa: S106
        full_name="Bench Map",
    )
    job = contact_import_create(
        owner=user,
        upload=SimpleUploadedFile("Connections.csv", linkedin_connections_csv(30_000, seed=30)),
        fmt="linkedin_csv",
    )
    contact_import_run(import_id=job.pk)
    return measure(user)


if __name__ == "__main__":
    from bench.standalone import run_alone

    run_alone(with_30k_contacts)
