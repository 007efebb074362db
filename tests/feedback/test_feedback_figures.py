import pytest

from audits.feedback.aggregate import (
    PeerResponse,
    silence_by_group,
    summarise_feedback,
    wilson_lower_bound,
)

ITEMS = ["objectives", "listening", "security"]


def responses(*appraisals, relationship="client", perceptions=None):
    return [PeerResponse(relationship, a, perceptions or {}) for a in appraisals]


def test_silence_is_reported_beside_the_approval_never_inside_it():
    figures = summarise_feedback(
        requests_sent=10, responses=responses("positive", "positive", "neutral"), items=ITEMS
    )

    assert figures.approval == 66.7  # over the answers
    assert figures.approval_lower == 20.8  # what three answers can prove
    assert figures.response_rate == 30.0
    assert figures.silent_rate == 70.0


@pytest.mark.parametrize(
    ("positive", "n", "expected"),
    [(3, 3, 43.9), (10, 10, 72.2), (10, 30, 19.2), (0, 5, 0.0), (0, 0, None), (15, 16, 71.7)],
)
def test_the_wilson_lower_bound_is_what_small_numbers_can_prove(positive, n, expected):
    assert wilson_lower_bound(positive, n) == expected


def test_the_urgency_rule_fires_when_negative_and_neutral_outnumber_positive():
    urgent = summarise_feedback(
        requests_sent=5, responses=responses("positive", "neutral", "negative"), items=ITEMS
    )
    balanced = summarise_feedback(
        requests_sent=5,
        responses=responses("positive", "positive", "negative", "neutral"),
        items=ITEMS,
    )

    assert urgent.urgent is True
    assert balanced.urgent is False


@pytest.mark.parametrize("count", [0, 1, 2])
def test_nothing_answer_derived_exists_below_k_answers(count):
    figures = summarise_feedback(
        requests_sent=30, responses=responses(*["neutral"] * count), items=ITEMS, k=3
    )

    assert figures.responses == count
    assert figures.urgent is None
    assert figures.approval is None and figures.approval_lower is None
    assert figures.overall is None and figures.by_relationship == {}
    assert figures.groups is None and figures.agreement is None


def test_a_relationship_group_is_shown_only_from_k_answers():
    answers = responses("positive", "positive", "neutral") + responses(
        "negative", relationship="friend"
    )

    figures = summarise_feedback(requests_sent=6, responses=answers, items=ITEMS, k=3)

    assert list(figures.by_relationship) == ["client"]
    assert figures.groups == 2
    assert figures.close_circle_share == 25.0
    assert figures.agreement == 50.0


def test_ratings_average_per_item_and_cant_say_is_no_rating():
    answers = [
        PeerResponse("client", "positive", {"objectives": 4, "security": None}),
        PeerResponse("client", "positive", {"objectives": 2, "security": None}),
        PeerResponse("client", "neutral", {"listening": 5}),
    ]

    figures = summarise_feedback(requests_sent=3, responses=answers, items=ITEMS)

    assert figures.overall.items == {"objectives": 3.0, "listening": 5.0, "security": None}


def test_silence_per_group_keeps_small_groups_under_other():
    groups = silence_by_group({"client": (10, 4), "friend": (2, 2), "manager": (1, 0)}, k=3)

    assert set(groups) == {"client", "other"}
    assert groups["client"].silent_rate == 60.0
    assert groups["other"].requests == 3 and groups["other"].silent_rate == 33.3


def test_silence_of_groups_too_small_even_together_is_not_shown():
    assert silence_by_group({"friend": (1, 0), "manager": (1, 1)}, k=3) == {}


@pytest.mark.parametrize(
    "bad",
    [
        PeerResponse("client", "enthusiastic", {}),
        PeerResponse("client", "positive", {"objectives": 6}),
        PeerResponse("client", "positive", {"unknown": 3}),
    ],
)
def test_invalid_responses_are_refused(bad):
    with pytest.raises(ValueError):
        summarise_feedback(requests_sent=1, responses=[bad], items=ITEMS)
