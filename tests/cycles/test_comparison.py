"""The comparison of two cycles: exact deltas on a fixture, in words; released figures only;
constant queries; in the printable report."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from audits.cycles.comparison import Change, compare
from audits.cycles.services import cycle_start
from audits.models import Recommendation
from tests.helpers.cycles import snapshot, submitted_audit
from tests.helpers.feedback import answer_requests, make_requests

THEN = {
    "overall": 52.4,
    "confidence": "low",
    "pillars": {
        "strategy": {"score": 55.0, "self": 50.0, "peers": 40.0},
        "network": {"score": 61.2, "self": 70.0, "peers": None},
    },
    "dimensions": {
        "objectives": {"self": 62.5, "peers": 45.0},
        "tools": {"self": 37.5, "peers": None},
        "alignment": {"self": 70.0, "peers": None},
    },
    "network": {"total_contacts": 120, "coverage": 50.0, "champions": 3},
}
NOW = {
    "overall": 61.0,
    "confidence": "medium",
    "pillars": {
        "strategy": {"score": 58.85, "self": 62.5, "peers": 38.8},
        "network": {"score": 61.2, "self": 70.0, "peers": 55.0},
    },
    "dimensions": {
        "objectives": {"self": 75.0, "peers": 42.5},
        "tools": {"self": 50.0, "peers": 60.0},
        "alignment": {"self": 70.0, "peers": 55.0},
    },
    "network": {"total_contacts": 131, "coverage": 75.0, "champions": 3},
}


def row_text(page: str, code: str) -> str:
    """The words of one comparison row, tags dropped."""
    row = re.search(rf'<tr[^>]*data-row="{code}">(.*?)</tr>', page, re.S)
    assert row, code
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row.group(1))).strip()


STRUCTURE = [("strategy", ["objectives", "tools"]), ("network", ["alignment"])]


def test_changes_are_exact_and_said_in_words():
    result = compare(THEN, NOW, STRUCTURE)

    assert (result.overall.delta, result.overall.direction) == (8.6, "up")
    assert (result.confidence_then, result.confidence_now) == ("low", "medium")
    strategy, network = result.pillars
    assert (strategy.self.delta, strategy.self.direction) == (12.5, "up")
    assert (strategy.peers.delta, strategy.peers.direction) == (-1.2, "down")
    assert strategy.score.delta == 3.9  # 58.85 - 55.0 = 3.85, half away from zero
    assert network.score.direction == "same" and network.score.delta == 0.0
    assert (network.peers.then, network.peers.now, network.peers.direction) == (None, 55.0, "new")
    objectives, tools = strategy.dimensions
    assert (objectives.self.delta, objectives.peers.delta) == (12.5, -2.5)
    assert (tools.peers.delta, tools.peers.direction) == (None, "new")
    assert result.network["total_contacts"].delta == 11.0
    assert result.network["coverage"].delta == 25.0
    assert result.network["champions"].direction == "same"
    assert Change(40.0, None).direction == "gone" and Change(None, None).direction == "none"


@pytest.mark.django_db
def test_the_comparison_page_shows_the_fixture_figures(client):
    first = submitted_audit(objective__owner__language="en")
    second = cycle_start(owner=first.owner, previous=first)
    snapshot(first, overall=THEN["overall"], confidence="low", pillars=THEN["pillars"],
             dimensions=THEN["dimensions"], network=THEN["network"])  # fmt: skip
    snapshot(second, overall=NOW["overall"], confidence="medium", pillars=NOW["pillars"],
             dimensions=NOW["dimensions"], network=NOW["network"])  # fmt: skip
    done = Recommendation.objects.create(
        audit=first, code="two_way", key="", severity="high", pillar="engagement",
        text={"en": "Answer the comments you receive.", "fr": "Répondez."},
        evidence={}, status="done",
    )  # fmt: skip
    Recommendation.objects.create(
        audit=first, code="other", key="", severity="low", pillar="strategy",
        text={"en": "An action still to do.", "fr": "À faire."}, evidence={},
    )  # fmt: skip
    client.force_login(first.owner)

    page = client.get(f"/audits/{second.pk}/compare/").content.decode()

    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))
    assert "Reputation score 52.4 61.0 ▲ up 8.6" in text
    assert "Low confidence Medium confidence changed" in text
    assert row_text(page, "strategy") == (
        "Strategy pillar score: 55.0 → 58.9 ( ▲ up 3.9 ) 50.0 62.5 ▲ up 12.5 40.0 38.8 ▼ down 1.2"
    )
    assert row_text(page, "tools").endswith("37.5 50.0 ▲ up 12.5 — 60.0 new figure")
    assert row_text(page, "network").endswith("70.0 70.0 = unchanged — 55.0 new figure")
    assert "Contacts in your network 120.0 131.0 ▲ up 11.0" in text
    assert done.text["en"] + " — done, and no longer raised" in text
    assert "An action still to do." not in text  # only actions done in between


@pytest.mark.django_db
def test_peer_figures_are_released_aggregates_only(client, settings):
    """Answers waiting for their release change nothing on the comparison page; the
    page never lists a person asked."""
    settings.FEEDBACK_RELEASE_K = 3
    first = submitted_audit(objective__owner__language="en")
    second = cycle_start(owner=first.owner, previous=first)
    make_requests(second, "visible.person@example.com", names=["Zoé Quidam"])
    client.force_login(first.owner)
    before = client.get(f"/audits/{second.pk}/compare/").content.decode()
    answer_requests(second, 2, release=False)  # two answers waiting: fewer than k
    after = client.get(f"/audits/{second.pk}/compare/").content.decode()
    strip = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
    assert strip.sub("", before) == strip.sub("", after)
    assert "visible.person@example.com" not in after and "Zoé Quidam" not in after


@pytest.mark.django_db
def test_the_comparison_page_costs_the_same_queries_whatever_the_data(client):
    def queries(pillar_count_factor: int) -> int:
        first = submitted_audit()
        second = cycle_start(owner=first.owner, previous=first)
        dims = {f"d{i}": {"self": float(i), "peers": float(i)} for i in range(pillar_count_factor)}
        snapshot(first, overall=40.0, dimensions=dims, inputs_hash="a")
        snapshot(second, overall=50.0, dimensions=dims, inputs_hash="b")
        for i in range(pillar_count_factor):
            Recommendation.objects.create(
                audit=first, code=f"c{i}", severity="low", pillar="strategy",
                text={"en": f"Action {i}"}, evidence={}, status="done",
            )  # fmt: skip
        client.force_login(first.owner)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"/audits/{second.pk}/compare/").status_code == 200
        return len(captured)

    assert queries(1) == queries(30)


@pytest.mark.django_db
def test_the_report_has_a_then_and_now_section(client):
    first = submitted_audit(objective__owner__language="en")
    second = cycle_start(owner=first.owner, previous=first)
    snapshot(first, overall=THEN["overall"], pillars=THEN["pillars"])
    snapshot(second, overall=NOW["overall"], pillars=NOW["pillars"])
    client.force_login(first.owner)

    report = client.get(f"/audits/{second.pk}/report/").content.decode()
    assert 'data-testid="report-cycles"' in report and "up 8.6" in report
    first_report = client.get(f"/audits/{first.pk}/report/").content.decode()
    assert 'data-testid="report-cycles"' not in first_report


@pytest.mark.django_db
def test_the_pdf_report_renders_with_the_cycle_section(client):
    first = submitted_audit(objective__owner__language="en")
    second = cycle_start(owner=first.owner, previous=first)
    snapshot(first, overall=THEN["overall"], pillars=THEN["pillars"])
    snapshot(second, overall=NOW["overall"], pillars=NOW["pillars"])
    client.force_login(first.owner)
    response = client.get(f"/audits/{second.pk}/report.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert (
        b"".join(response.streaming_content if response.streaming else [response.content])[:4]
        == b"%PDF"
    )


def test_own_data_figures_are_compared_per_network_shares_as_percentages():
    then = {"evidence": {"linkedin": {"pitch_share": 0.38, "active_weeks_12m": 20}}}
    now = {"evidence": {"linkedin": {"pitch_share": 0.12, "active_weeks_12m": 31},
                        "x": {"heated_share": 0.05}}}  # fmt: skip

    rows = {(r.network, r.figure): r.change for r in compare(then, now, []).evidence}

    assert (rows["linkedin", "pitch_share"].delta, rows["linkedin", "pitch_share"].direction) == (
        -26.0,
        "down",
    )
    assert rows["linkedin", "active_weeks_12m"].delta == 11.0
    assert (rows["x", "heated_share"].then, rows["x", "heated_share"].direction) == (None, "new")
    assert ("linkedin", "heated_share") not in rows  # measured in neither cycle


@pytest.mark.django_db
def test_the_comparison_page_has_the_own_data_then_and_now(client):
    first = submitted_audit(objective__owner__language="en")
    second = cycle_start(owner=first.owner, previous=first)
    for audit, share, key in ((first, 0.38, "a"), (second, 0.12, "b")):
        snap = snapshot(audit, overall=50.0, inputs_hash=key)
        snap.figures["evidence"] = {"networks": {"linkedin": {"pitch_share": share}}}
        snap.save(update_fields=["figures"])
    client.force_login(first.owner)

    page = client.get(f"/audits/{second.pk}/compare/", HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert row_text(page, "evidence-linkedin-pitch_share") == (
        "Posts that pitch (LinkedIn) (%) 38.0 12.0 ▼ down 26.0"
    )


@pytest.mark.django_db
def test_without_own_data_there_is_no_own_data_table(client):
    first = submitted_audit(objective__owner__language="en")
    second = cycle_start(owner=first.owner, previous=first)
    snapshot(first, overall=40.0, inputs_hash="a")
    snapshot(second, overall=50.0, inputs_hash="b")
    client.force_login(first.owner)
    page = client.get(f"/audits/{second.pk}/compare/").content.decode()
    assert 'data-testid="comparison-evidence"' not in page
