"""The journey through the production stack that CI's production job starts (.ci/run).

gunicorn with DEBUG=0 and the manifest's hashed static files, a Celery worker and beat on
PostgreSQL and Redis, all built by scripts/build.sh as the Dockerfile does, with the demo data
(`seed_demo --allow-production`). This test only talks HTTP to it: it runs when
PROD_BASE_URL points at such a stack and is skipped otherwise (`make test` has none).

    PROD_BASE_URL=https://127.0.0.1:8640 .venv/bin/pytest -p no:xdist -m production tests/e2e
"""

import os
import re
import time
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, Response, expect

from audits.management.demo import DEMO_LOGINS

BASE_URL = os.environ.get("PROD_BASE_URL", "").rstrip("/")
HASHED_NAME = re.compile(r"\.[0-9a-f]{12}\.[a-z0-9]+$")
ANSWER_COUNT = re.compile(r"(\d+) (?:answers out of|réponses sur) (\d+)")
COMPILE_TIMEOUT_SECONDS = 90
# Answers reach the score only in batches of FEEDBACK_RELEASE_K (3 by default): a full batch.
PEERS = 3

pytestmark = [
    pytest.mark.production,
    pytest.mark.skipif(not BASE_URL, reason="needs the production stack: set PROD_BASE_URL"),
]


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # CI's stack serves TLS with a throwaway self-signed certificate (production cookies are
    # secure-only), so that the browser sees what it sees in production.
    return {**browser_context_args, "ignore_https_errors": True}


class Watch:
    """Every static response and every console error or uncaught exception of a page."""

    def __init__(self, page: Page):
        self.static: dict[str, int] = {}
        self.errors: list[str] = []
        page.on("response", self.on_response)
        page.on("console", lambda msg: msg.type == "error" and self.errors.append(msg.text))
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))

    def on_response(self, response: Response) -> None:
        path = urlsplit(response.url).path
        if path.startswith("/static/"):
            self.static[path] = response.status

    def check(self) -> None:
        assert self.errors == []
        assert self.static, "no static file was loaded"
        assert {path: status for path, status in self.static.items() if status != 200} == {}
        unhashed = [path for path in self.static if not HASHED_NAME.search(path)]
        assert unhashed == [], "static files served without the manifest's hashed names"


def chart_drawn(page: Page, canvas_id: str) -> None:
    """The canvas has a size and at least one painted pixel (Chart.js ran, not just loaded)."""
    page.wait_for_function(
        """(id) => {
            const canvas = document.getElementById(id);
            if (!canvas || !canvas.width || !canvas.height) return false;
            const data = canvas.getContext("2d")
                .getImageData(0, 0, canvas.width, canvas.height).data;
            for (let i = 3; i < data.length; i += 4) if (data[i]) return true;
            return false;
        }""",
        arg=canvas_id,
        timeout=15_000,
    )


def answers_on_the_score_page(page: Page) -> tuple[int, int]:
    text = page.get_by_text(ANSWER_COUNT).first.inner_text()
    answered, sent = ANSWER_COUNT.search(text).groups()
    return int(answered), int(sent)


def personal_links(page: Page, feedback_url: str, count: int) -> list[str]:
    """New personal links for the first `count` open requests, as the professional gets them."""
    links = []
    for index in range(count):
        page.goto(feedback_url)
        forms = page.locator("form[action*='/link']")
        assert forms.count() >= count, "not enough open requests left in the demo audit"
        forms.nth(index).locator("button[type=submit]").click()
        link = page.get_by_test_id("personal-link").input_value()
        assert re.search(r"/f/[A-Za-z0-9_-]{40,}/$", link), link
        links.append(link)
    return links


def answer_as_a_peer(browser: Browser, link: str) -> None:
    context = browser.new_context(ignore_https_errors=True, locale="fr-FR")
    page = context.new_page()
    watch = Watch(page)
    response = page.goto(link)
    assert response.status == 200
    page.locator("label[for='id_appraisal_0']").click()
    # One behaviour per dimension (questionnaire v2), rated 4 out of 5.
    items = page.locator("label[for^='id_item_'][for$='_3']").all()
    assert items, "no rating on the peer page"
    for item in items:
        item.click()
    page.locator("form:not([action]) button[type=submit]").click()
    expect(page.get_by_test_id("thanks")).to_be_visible()
    watch.check()
    context.close()


def test_log_in_see_the_score_answer_as_peers_and_the_worker_compiles(page: Page, browser):
    watch = Watch(page)
    professional = DEMO_LOGINS[0]

    response = page.goto(f"{BASE_URL}/accounts/login/")
    assert response.status == 200
    assert response.headers.get("strict-transport-security"), "HSTS is off: DEBUG=1?"
    page.locator("#id_login").fill(professional.email)
    page.locator("#id_password").fill(professional.password)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{BASE_URL}/dashboard/")

    score_link = page.locator("a[href$='/score/']").first
    score_url = BASE_URL + score_link.get_attribute("href")
    feedback_url = score_url.removesuffix("score/") + "feedback/"
    score_link.click()
    page.wait_for_url(score_url)
    chart_drawn(page, "radar-chart")
    chart_drawn(page, "trend-chart")
    answered, sent = answers_on_the_score_page(page)
    assert 0 < answered < sent
    watch.check()

    for link in personal_links(page, feedback_url, PEERS):
        answer_as_a_peer(browser, link)

    # The third answer releases the batch, which enqueues a compile on Redis; the worker runs
    # it. The score page shows the compiled figures: it changes only once the worker is done.
    deadline = time.monotonic() + COMPILE_TIMEOUT_SECONDS
    while True:
        page.goto(score_url)
        if answers_on_the_score_page(page)[0] == answered + PEERS:
            break
        assert time.monotonic() < deadline, "the worker did not compile the new answers in time"
        time.sleep(2)
    assert answers_on_the_score_page(page) == (answered + PEERS, sent)
    chart_drawn(page, "radar-chart")
    watch.check()
