import pytest

from audits.feedback.aggregate import PeerResponse, summarise_feedback

PILLARS = ["strategy", "network", "engagement", "conduct"]


def responses(*appraisals, relationship="client", perceptions=None):
    return [PeerResponse(relationship, a, perceptions or {}) for a in appraisals]


def test_silence_is_not_consent_approval_is_also_reported_over_requests_sent():
    figures = summarise_feedback(
        requests_sent=10, responses=responses("positive", "positive", "neutral"), pillars=PILLARS
    )

    assert figures.approval_over_responses == 66.7
    assert figures.approval_over_requests == 20.0
    assert figures.response_rate == 30.0
    assert figures.silent_rate == 70.0


def test_the_urgency_rule_fires_when_negative_and_neutral_outnumber_positive():
    urgent = summarise_feedback(
        requests_sent=5, responses=responses("positive", "neutral", "negative"), pillars=PILLARS
    )
    balanced = summarise_feedback(
        requests_sent=5,
        responses=responses("positive", "positive", "negative", "neutral"),
        pillars=PILLARS,
    )
    nobody = summarise_feedback(requests_sent=5, responses=[], pillars=PILLARS)

    assert urgent.urgent is True
    assert balanced.urgent is False
    assert nobody.urgent is False
    assert nobody.silent_rate == 100.0


def test_a_relationship_group_is_shown_only_from_three_responses():
    answers = responses("positive", "positive", "negative") + responses(
        "negative", "neutral", relationship="friend"
    )

    figures = summarise_feedback(requests_sent=6, responses=answers, pillars=PILLARS)

    assert list(figures.by_relationship) == ["client"]
    assert figures.hidden_groups == 1
    assert figures.overall.responses == 5


def test_perceptions_average_per_pillar_and_skip_cant_say():
    answers = [
        PeerResponse("client", "positive", {"strategy": 4, "conduct": 5}),
        PeerResponse("client", "positive", {"strategy": 2}),
    ]

    figures = summarise_feedback(requests_sent=2, responses=answers, pillars=PILLARS)

    assert figures.overall.pillars == {
        "strategy": 3.0,
        "network": None,
        "engagement": None,
        "conduct": 5.0,
    }


@pytest.mark.parametrize(
    "bad",
    [
        PeerResponse("client", "great", {}),
        PeerResponse("client", "positive", {"strategy": 7}),
        PeerResponse("client", "positive", {"unknown": 3}),
    ],
)
def test_invalid_responses_are_refused(bad):
    with pytest.raises(ValueError):
        summarise_feedback(requests_sent=1, responses=[bad], pillars=PILLARS)
