"""The practice figures on the hand-computed LinkedIn fixture (tests/evidence/fixtures/linkedin).

The window is the 365 days before the latest item (the share of 5 Mar 2024 10:12 UTC), so
from 6 Mar 2023 10:12. In it: 4 posts (1001 to 1004; 1005 is from 2022), 3 comments (the one
of 1 Mar 2023 is before the window), 2 reactions, 8 messages (4 sent), 2 sent invitations.
"""

from datetime import UTC, date, datetime, timedelta

import pytest

from evidence.figures import ObjectiveTerms, compute
from evidence.readers import read_export
from evidence.readers.records import Activity, Comment, Message, Post
from tests.helpers.evidence import zip_of

OBJECTIVE = ObjectiveTerms("Find a CTO position", ("recruiter",), ("technology",))


@pytest.fixture(scope="module")
def evidence():
    activity = read_export("export.zip", zip_of("linkedin"))
    return compute(activity, client_names=["Acme Corp", "x"], objective=OBJECTIVE)


def test_the_window_is_the_year_before_the_latest_item(evidence):
    assert (evidence.period_start, evidence.period_end) == (date(2023, 3, 6), date(2024, 3, 5))


def test_every_figure_on_the_fixture(evidence):
    assert evidence.figures == {
        "posts_12m": 4,
        "comments_12m": 3,
        "reactions_12m": 2,
        "messages_12m": 4,  # sent: conv-a 2, conv-b 1, conv-c 1
        "messages_received_12m": 4,
        "invitations_12m": 2,
        "invitations_received_12m": 1,
        # weeks 2023-W46, W48, 2024-W02, W08 (two items), W09, W10
        "active_weeks_12m": 6,
        "active_weeks_base": 52,
        # from the window's start (6 Mar 2023 10:12) to the comment of 15 Nov 2023 07:45
        "longest_silence_days": 253,
        "pitch_share": 0.25,  # 1001 "book a demo" of 4 posts
        "pitch_base": 4,
        "heated_share": 0.286,  # post 1003 and one comment, of 7
        "heated_share_base": 7,
        "leak_count": 1,  # post 1004: revenue figures and the client Acme Corp
        "leak_base": 13,  # 4 posts + 3 comments + 4 messages + 2 invitations
        "flag_counts": {"client_name": 1, "heated": 2, "internal_figures": 1, "pitch": 1},
        "comments_on_others_share": 0.667,  # the comment on 1001 is on the owner's own post
        "comments_on_others_share_base": 3,
        "two_way_ratio": 0.667,  # conv-a and conv-c of 3
        "two_way_base": 3,
        "answered_share": 0.667,  # Jean twice answered, Paul's "Likewise!" not
        "answered_share_base": 3,
        "median_reply_hours": 14.0,  # median of 4 h and 24 h
        "reply_base": 2,
        # Sophie (connected 20 Jan 2024) got a pitch first, Paul (1 Oct 2023) did not;
        # Jean connected in 2020, outside the window.
        "first_message_pitch_share": 0.5,
        "first_message_pitch_share_base": 2,
        "invitations_with_note_share": 0.5,  # Luc got a note, Sophie did not
        "invitations_with_note_share_base": 2,
        "headline_matches_objective": True,  # "Recruiter ..." for a needed recruiter
        "summary_matches_objective": False,
        "recommendations_received": 2,
        "endorsements_received": 3,
    }


def test_the_excerpts_behind_the_flags_most_recent_first(evidence):
    assert [(e.kind, e.flag, e.occurred_on) for e in evidence.excerpts] == [
        ("post", "pitch", date(2024, 3, 5)),
        ("message", "first_message_pitch", date(2024, 1, 22)),
        ("post", "heated", date(2024, 1, 10)),
        ("post", "internal_figures", date(2023, 12, 1)),
        ("post", "client_name", date(2023, 12, 1)),
        ("comment", "heated", date(2023, 11, 15)),
    ]
    # Excerpts only, never the whole text; never a word somebody else wrote.
    assert all(len(e.excerpt) <= 150 for e in evidence.excerpts)
    assert not any("Likewise" in e.excerpt or "Monday" in e.excerpt for e in evidence.excerpts)


def test_a_figure_whose_base_is_zero_is_absent_not_zero():
    when = datetime(2024, 1, 1, tzinfo=UTC)
    activity = Activity("linkedin", comments=[Comment(when, "Nice")], sources={"comments"})
    figures = compute(activity).figures
    assert figures["comments_12m"] == 1
    for absent in (
        "posts_12m",
        "pitch_share",
        "pitch_base",
        "two_way_ratio",
        "median_reply_hours",
        "invitations_with_note_share",
        "first_message_pitch_share",
        "messages_12m",
        "comments_on_others_share",
        "headline_matches_objective",
    ):
        assert absent not in figures, absent


def test_an_empty_export_has_no_figures():
    assert compute(Activity("x", sources={"posts"})).figures == {}


def test_excerpts_are_capped_per_flag_keeping_the_most_recent():
    start = datetime(2024, 1, 1, tzinfo=UTC)
    posts = [Post(start + timedelta(days=i), "Book a demo today") for i in range(30)]
    evidence = compute(Activity("linkedin", posts=posts, sources={"posts"}), max_excerpts=20)
    kept = [e.occurred_on for e in evidence.excerpts]
    assert len(kept) == 20
    assert kept[0] == (start + timedelta(days=29)).date()
    assert evidence.figures["pitch_share"] == 1.0


def test_reposts_are_not_posts_and_long_silences_count_the_window_edges():
    day = datetime(2024, 6, 1, tzinfo=UTC)
    activity = Activity(
        "x",
        posts=[Post(day, "hello"), Post(day - timedelta(days=10), "RT", kind="repost")],
        sources={"posts"},
    )
    figures = compute(activity).figures
    assert figures["posts_12m"] == 1
    assert figures["longest_silence_days"] == 365


def test_messages_of_others_are_never_flagged():
    when = datetime(2024, 1, 1, tzinfo=UTC)
    activity = Activity(
        "linkedin",
        messages=[Message(when, "c", outgoing=False, text="", other="a")],
        sources={"messages"},
    )
    assert compute(activity).excerpts == []
