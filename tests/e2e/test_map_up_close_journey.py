"""The map up close: a drilled-down group of 75 people names its most engaged ones in
readable letters, lists everyone beside the drawing (most engaged first), and the search
finds a contact far down the group and zooms to it; no Content Security Policy error."""

import time

import pytest
from playwright.sync_api import Page, expect

from contacts.models import Contact
from tests.factories import UserFactory
from tests.helpers.browser import log_in

pytestmark = pytest.mark.django_db(transaction=True)

CY = "document.getElementById('network-map')._cyreg.cy"
READY = "(document.getElementById('network-map')._cyreg || {}).cy"


def _wait(page, expression, timeout=10):
    # page.wait_for_function evaluates a string, which the page's CSP (no unsafe-eval)
    # refuses; page.evaluate goes through the DevTools protocol, which it does not.
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        assert time.monotonic() < deadline, expression
        page.wait_for_timeout(100)


def _network(user):
    # 170 recruiters (more than a drill-down draws), engagement falling with the number.
    Contact.objects.bulk_create(
        Contact(
            owner=user,
            full_name=f"Recruiter {i:03d}",
            role_category="recruiter",
            networks="linkedin",
            messages_sent=200 - i,
            two_way_conversations=1 if i < 5 else 0,
        )
        for i in range(170)
    )
    Contact.objects.bulk_create(
        Contact(owner=user, full_name=f"Peer {i}", role_category="peer", networks="linkedin")
        for i in range(4)
    )


def _watch(page):
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.add_init_script(
        "window.__csp = []; document.addEventListener('securitypolicyviolation',"
        " e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"
    )
    return errors


def _drill_into_recruiters(page):
    _wait(page, f"!!{READY} && {CY}.nodes().length > 1")
    page.evaluate(
        f"{CY}.nodes().filter(n => (n.data('name') || '').startsWith('Recruiter')).emit('tap')"
    )
    _wait(page, f"{CY}.nodes('[person]').length > 100")


def test_a_dense_group_is_readable_and_listed_most_engaged_first(page: Page, live_server):
    user = UserFactory(language="en")
    _network(user)
    errors = _watch(page)
    log_in(page, live_server, user)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/contacts/map/")

    _drill_into_recruiters(page)
    page.wait_for_timeout(300)

    items = page.locator("#map-list li")
    expect(items).to_have_count(150)
    expect(items.first).to_contain_text("Recruiter 000")
    expect(items.nth(1)).to_contain_text("Recruiter 001")
    labelled = page.evaluate(
        f"{CY}.nodes('[person]').filter(n => n.data('label')).map(n => n.data('name'))"
    )
    assert labelled[:3] == ["Recruiter 000", "Recruiter 001", "Recruiter 002"]
    assert 5 <= len(labelled) <= 20  # the most engaged are named, not all 150
    sizes = page.evaluate(
        f"{CY}.nodes('[person]').filter(n => n.data('label'))"
        ".map(n => parseFloat(n.renderedStyle('font-size')))"
    )
    assert min(sizes) >= 12, sizes  # on screen, whatever the zoom the layout needed
    page.mouse.move(500, 500)
    page.mouse.wheel(0, 600)  # zoom out: the labels keep their size on screen
    page.wait_for_timeout(300)
    sizes = page.evaluate(
        f"{CY}.nodes('[person]').filter(n => n.data('label'))"
        ".map(n => parseFloat(n.renderedStyle('font-size')))"
    )
    assert min(sizes) >= 12, sizes

    items.nth(3).get_by_role("button").click()
    expect(page.locator("#map-details")).to_contain_text("Recruiter 003")
    assert page.evaluate(f"{CY}.nodes('.focus').map(n => n.data('name'))") == ["Recruiter 003"]
    assert page.evaluate("window.__csp") == []
    assert [e for e in errors if "Content Security Policy" in e] == []


def test_the_search_finds_a_contact_beyond_the_drawn_ones_and_zooms_to_it(page: Page, live_server):
    user = UserFactory(language="en")
    _network(user)
    other = UserFactory(language="en")
    Contact.objects.create(owner=other, full_name="Recruiter 999", role_category="recruiter")
    errors = _watch(page)
    log_in(page, live_server, user)
    page.goto(f"{live_server.url}/contacts/map/")
    _wait(page, f"!!{READY} && {CY}.nodes().length > 1")

    page.get_by_label("Find a contact on the map").fill("recruiter 16")
    page.keyboard.press("Enter")
    results = page.locator("#map-search-results button")
    expect(results).to_have_count(10)
    expect(results.first).to_contain_text("Recruiter 160")
    page.get_by_label("Find a contact on the map").fill("Recruiter 169")
    page.keyboard.press("Enter")
    expect(results).to_have_count(1)  # another account's "Recruiter 999" is never found
    results.first.click()

    _wait(page, f"{CY}.nodes('.focus').length === 1")
    assert page.evaluate(f"{CY}.nodes('.focus').map(n => n.data('name'))") == ["Recruiter 169"]
    page.wait_for_timeout(400)
    assert page.evaluate(f"{CY}.zoom()") >= 1.5
    focused = page.evaluate(f"{CY}.nodes('.focus')[0].renderedPosition()")
    width, height = page.evaluate(
        "[document.getElementById('network-map').clientWidth,"
        " document.getElementById('network-map').clientHeight]"
    )
    assert abs(focused["x"] - width / 2) < 30 and abs(focused["y"] - height / 2) < 30
    expect(page.locator("#map-details")).to_contain_text("Recruiter 169")
    page.get_by_label("Find a contact on the map").fill("nobody here")
    page.keyboard.press("Enter")
    expect(page.locator("#map-search-results")).to_contain_text("No contact of that name.")
    assert page.evaluate("window.__csp") == []
    assert [e for e in errors if "Content Security Policy" in e] == []
