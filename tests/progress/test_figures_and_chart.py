"""The progress figures, streak and chart on a fixture computed by hand (pure, no database).

Objective set Monday 5 Jan 2026, deadline Monday 2 Mar 2026 (56 days), target 5; today is
Wednesday 4 Feb 2026 (day 30). Check-ins: 6 Jan (1 result), 13 Jan (0 results, 1 introduction),
27 Jan (2 results), 3 Feb (1 result); one introduction marked obtained on 4 Feb.
"""

import datetime

import pytest

from audits.progress.chart import Labels, progress_svg
from audits.progress.figures import cumulative, progress_figures
from audits.progress.periods import period_start, streak

D = datetime.date
START, DEADLINE, TODAY = D(2026, 1, 5), D(2026, 3, 2), D(2026, 2, 4)
RESULTS = [(D(2026, 1, 6), 1), (D(2026, 1, 13), 0), (D(2026, 1, 27), 2), (D(2026, 2, 3), 1)]
INTRODUCTIONS = [(D(2026, 1, 13), 1), (D(2026, 2, 4), 1)]
PERIODS = [D(2026, 1, 5), D(2026, 1, 12), D(2026, 1, 26), D(2026, 2, 2)]
LABELS = Labels("Progress", "Clients obtained", "Introductions", "Target pace", "Today",
                "Deadline: 2 Mar 2026", "5 Jan 2026")  # fmt: skip


def figures(today=TODAY, results=RESULTS):
    return progress_figures(
        start=START,
        deadline=DEADLINE,
        today=today,
        target=5,
        results=results,
        introductions=INTRODUCTIONS,
        streak=streak(PERIODS, today=today, frequency="weekly", anchor=START),
    )


def test_cumulative_results_skip_the_days_that_brought_nothing():
    f = figures()
    assert f.results == [(D(2026, 1, 6), 1), (D(2026, 1, 27), 3), (D(2026, 2, 3), 4)]
    assert f.introductions == [(D(2026, 1, 13), 1), (D(2026, 2, 4), 2)]
    assert (f.done, f.introductions_total) == (4, 2)


def test_the_expected_pace_is_the_target_line_read_at_today():
    f = figures()
    assert f.target_line == [(START, 0.0), (DEADLINE, 5.0)]
    assert f.expected_now == 2.68  # 5 × 30 / 56
    assert f.days_left == 26
    assert f.per_week_needed == 0.27  # one more client in 26 days: 1 / (26 / 7)
    assert f.status == "on_pace"
    assert f.percent == 80


def test_behind_reached_and_missed():
    assert figures(results=[(D(2026, 1, 6), 1)]).status == "behind"  # 1 < 2.68
    assert figures(results=[(D(2026, 1, 6), 5)]).status == "reached"
    late = figures(today=D(2026, 3, 3), results=[(D(2026, 1, 6), 1)])
    assert (late.status, late.per_week_needed, late.days_left) == ("missed", None, 0)


@pytest.mark.parametrize(
    "today, expected",
    [
        (D(2026, 2, 4), 2),  # this week and the previous one; 19 Jan has none
        (D(2026, 2, 9), 2),  # a new week without a check-in yet: the streak holds
        (D(2026, 2, 16), 0),  # a whole week missed: the streak is broken
        (D(2026, 1, 14), 2),  # 5 and 12 Jan
    ],
)
def test_the_weekly_streak(today, expected):
    assert streak(PERIODS, today=today, frequency="weekly", anchor=START) == expected


def test_the_two_week_streak_counts_periods_from_the_objective_s_week():
    assert period_start(D(2026, 1, 28), "biweekly", START) == D(2026, 1, 19)
    assert period_start(D(2026, 2, 15), "biweekly", START) == D(2026, 2, 2)
    # 5–18 Jan (two check-ins), 19 Jan–1 Feb, 2–15 Feb: three periods in a row.
    assert streak(PERIODS, today=TODAY, frequency="biweekly", anchor=START) == 3


def test_cumulative_adds_the_same_day_together():
    assert cumulative([(D(2026, 1, 2), 1), (D(2026, 1, 1), 2), (D(2026, 1, 2), 3)]) == [
        (D(2026, 1, 1), 2),
        (D(2026, 1, 2), 6),
    ]


def test_the_chart_draws_the_target_line_to_the_deadline_and_each_total_where_it_belongs():
    svg = progress_svg(figures(), LABELS)
    # x: 40 + 500 × days / 56; y: 224 − 204 × value / 5 (the target is the highest value).
    assert 'class="target-line" x1="40.0" y1="224.0" x2="540.0" y2="20.0"' in svg
    assert '<circle cx="236.4" cy="101.6" r="3.5"' in svg  # 27 Jan: 3 clients
    assert '<circle cx="298.9" cy="60.8" r="3.5"' in svg  # 3 Feb (day 29): 4 clients
    assert 'class="today" x1="307.9"' in svg  # day 30
    assert "Deadline: 2 Mar 2026" in svg
    assert "style" not in svg and "<script" not in svg


def test_the_chart_escapes_every_text():
    labels = Labels('<script>alert("x")</script>', "a&b", "i", "t", "n", "d", "s")
    svg = progress_svg(figures(), labels)
    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg and "a&amp;b" in svg


def test_the_chart_with_no_check_in_still_shows_the_target_line():
    svg = progress_svg(figures(results=[]), LABELS)
    assert "target-line" in svg and "series-results" not in svg
