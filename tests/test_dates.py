"""Dates read the same way in English and French: the day first, the month named."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone, translation

from audits.scores.charts import moment_labels, trend_svg
from audits.scores.models import ScoreSnapshot
from audits.scores.selectors import trend_points
from tests.factories import AuditFactory

PARIS = ZoneInfo("Europe/Paris")
FIRST_OF_DECEMBER = datetime.datetime(2026, 12, 1, 14, 5, 7, tzinfo=PARIS)


@pytest.mark.parametrize(
    ("language", "short_date", "short_datetime"),
    [
        ("en", "1 Dec 2026", "1 Dec 2026, 14:05"),
        ("fr", "1 déc. 2026", "1 déc. 2026 à 14:05"),
    ],
)
def test_the_short_formats_name_the_month(language, short_date, short_datetime):
    template = Template(
        '{{ d|date:"SHORT_DATE_FORMAT" }}|{{ d|date:"DATE_FORMAT" }}|'
        '{{ d|date:"SHORT_DATETIME_FORMAT" }}'
    )
    with translation.override(language), timezone.override(PARIS):
        rendered = template.render(Context({"d": FIRST_OF_DECEMBER}))

    assert rendered == f"{short_date}|{short_date}|{short_datetime}"


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "expected"), [("en", "1 Dec 2026"), ("fr", "1 déc. 2026")])
def test_the_dashboard_shows_an_unambiguous_start_date(client, language, expected):
    audit = AuditFactory(objective__owner__language=language)
    type(audit).objects.filter(pk=audit.pk).update(started_at=FIRST_OF_DECEMBER)
    client.force_login(audit.owner)

    page = client.get(reverse("dashboard"), HTTP_ACCEPT_LANGUAGE=language).content.decode()

    assert expected in page
    assert "12/01/2026" not in page and "01/12/2026" not in page


def _formats():
    return [
        lambda m: f"{m.day}/{m.month}",
        lambda m: f"{m.day}/{m.month} {m:%H:%M}",
        lambda m: f"{m.day}/{m.month} {m:%H:%M:%S}",
    ]


def test_moments_alone_on_their_day_are_labelled_by_the_day_only():
    moments = [FIRST_OF_DECEMBER + datetime.timedelta(days=n) for n in range(3)]

    assert moment_labels(moments, _formats()) == ["1/12", "2/12", "3/12"]


def test_moments_sharing_a_day_or_a_minute_get_the_time_and_no_label_repeats():
    base = FIRST_OF_DECEMBER
    moments = [
        base - datetime.timedelta(days=1),
        base,
        base + datetime.timedelta(seconds=20),
        base + datetime.timedelta(hours=2),
    ]

    labels = moment_labels(moments, _formats())

    assert labels == ["30/11", "1/12 14:05:07", "1/12 14:05:27", "1/12 16:05"]
    assert len(set(labels)) == len(labels)


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "day"), [("en", "1 Dec"), ("fr", "1 déc.")])
def test_the_trend_is_labelled_by_day_in_the_readers_language(language, day):
    audit = AuditFactory()
    # Newest first, as score_board reads them; all within one minute, as after seed_demo.
    snapshots = [
        ScoreSnapshot(audit=audit, computed_at=FIRST_OF_DECEMBER - datetime.timedelta(seconds=s))
        for s in (0, 10, 20)
    ]
    for snapshot, overall in zip(snapshots, (60, 50, 40), strict=True):
        snapshot.overall = overall

    with translation.override(language), timezone.override(PARIS):
        points = trend_points(snapshots)

    labels = [label for label, _ in points]
    assert [value for _, value in points] == [40, 50, 60]
    assert len(set(labels)) == 3
    assert all(label.startswith(day) for label in labels)


def test_the_trends_edge_labels_grow_inwards_so_the_pdf_does_not_clip_them():
    svg = trend_svg([("1 Dec 14:05:07", 40), ("1 Dec 14:05:27", 50), ("1 Dec 16:05", 60)])

    anchors = [part.split('"')[0] for part in svg.split('text-anchor="')[1:]]
    axis = anchors[-3:]
    assert axis == ["start", "middle", "end"]
