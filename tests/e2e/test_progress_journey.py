"""A professional sets "5 new clients by <date>", checks in twice, reads the chart and the
streak, asks a champion for an introduction to a missing profile and counts it as progress."""

import datetime

import pytest
from playwright.sync_api import Page, expect

from contacts.models import IntroductionRequest
from tests.factories import UserFactory
from tests.helpers.browser import log_in
from tests.helpers.progress import contact

pytestmark = pytest.mark.django_db(transaction=True)


def check_in(page: Page, results: str, minutes: str) -> None:
    page.get_by_label("Clients obtained since your last check-in").fill(results)
    page.get_by_label("Time spent on it (minutes)").fill(minutes)
    page.get_by_role("button", name="Record my check-in").click()
    expect(page.get_by_text("Thank you: your check-in is recorded.")).to_be_visible()


def test_objective_check_ins_chart_streak_and_an_introduction_obtained(page: Page, live_server):
    user = UserFactory(language="en", full_name="Camille Durand")
    contact(user, "Emma Noir", networks="linkedin", two_way_conversations=3, messages_sent=8)
    contact(user, "Fanny Gris", networks="linkedin")  # no reason to propose her
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    log_in(page, live_server, user)

    page.get_by_role("link", name="Set my objective").click()
    page.get_by_label("Kind of objective").select_option("commercial")
    deadline = datetime.date.today() + datetime.timedelta(days=120)
    page.get_by_label("In a few words").fill(f"5 new clients by {deadline:%d %b %Y}")
    page.get_by_label("Target (a number)").fill("5")
    page.get_by_label("Unit").fill("clients")
    page.get_by_label("Deadline").fill(deadline.isoformat())
    page.get_by_role("button", name="Save", exact=True).click()

    card = page.get_by_test_id("check-in-card")
    expect(card).to_contain_text("Check in for this week")
    card.get_by_role("link", name="Check in").click()
    check_in(page, "2", "30")
    expect(page.get_by_test_id("progress-done")).to_contain_text("2 / 5")

    page.get_by_role("link", name="Check in", exact=True).click()
    check_in(page, "1", "20")
    expect(page.get_by_test_id("progress-done")).to_contain_text("3 / 5")
    expect(page.get_by_test_id("progress-streak")).to_contain_text("1 period")
    chart = page.get_by_test_id("progress-chart").locator("svg")
    expect(chart).to_be_visible()
    expect(chart.locator(".series-results circle")).to_have_count(1)  # one dot a day: 3 today
    expect(page.get_by_test_id("check-ins").locator("tbody tr")).to_have_count(2)

    page.get_by_role("link", name="Ask for introductions").click()
    page.get_by_role("link", name="Who could introduce me to “Client / buyer”").click()
    introducers = page.get_by_test_id("introducer")
    expect(introducers).to_have_count(1)
    emma = introducers.first
    expect(emma).to_contain_text("Emma Noir")
    expect(emma).to_contain_text("A champion: 3 two-way conversations with you")
    emma.get_by_role("button", name="Copy").click()
    expect(emma.get_by_role("button", name="Copied")).to_be_visible()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("Hello Emma,") and copied.endswith("Camille Durand")

    emma.get_by_role("button", name="Introduction obtained").click()
    expect(page.get_by_text("Introduction obtained through Emma Noir")).to_be_visible()
    assert IntroductionRequest.objects.get().status == "obtained"

    page.goto(live_server.url + "/dashboard/")
    page.get_by_role("link", name="See my progress").click()
    expect(page.get_by_test_id("progress-introductions")).to_contain_text("1")
    expect(page.get_by_test_id("progress-chart").locator(".series-introductions")).to_have_count(1)
