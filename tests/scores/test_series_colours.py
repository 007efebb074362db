"""One home for the radar's series colours: the page's chart (score_charts.js, fed by the
chart data) and the report's SVG, hence its PDF, draw self and others alike."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

from audits.scores.charts import SERIES_COLOURS
from audits.scores.selectors import score_board
from audits.scores.services import audit_compile_scores
from tests.factories import AuditFactory
from tests.helpers.feedback import answer_requests as answer

pytestmark = pytest.mark.django_db
SCRIPT = Path(__file__).resolve().parents[2] / "static/js/score_charts.js"


def test_the_page_script_has_no_colour_of_its_own():
    script = SCRIPT.read_text()

    assert re.findall(r"#[0-9a-fA-F]{3,8}\b|rgba?\(\d", script) == []
    assert "chart.colours" in script


def test_the_report_radar_and_the_page_data_use_the_same_colours(client):
    audit = AuditFactory(objective__owner__language="en")
    answer(audit, 3)
    audit_compile_scores(audit_id=audit.pk)
    client.force_login(audit.owner)

    assert score_board(audit).chart()["colours"] == SERIES_COLOURS
    body = client.get(reverse("audits:report", args=[audit.pk])).content.decode()
    radar = re.search(r'data-testid="radar">(.*?)</figure>', body, re.S).group(1)
    series = re.findall(
        r'<g class="series"><title>([^<]+)</title><polygon [^>]*stroke="(#\w+)"', radar
    )
    assert series == [("Me", SERIES_COLOURS["self"]), ("Others", SERIES_COLOURS["peers"])]
    assert SERIES_COLOURS["self"] != SERIES_COLOURS["peers"]
