"""Reputation score over the pure functions: the issue-15 scenarios, components, confidence,
blind spots per dimension, and the worked example of docs/scoring.md (no database)."""

import json
import re
from dataclasses import asdict
from pathlib import Path

import pytest

from audits.feedback.aggregate import PeerResponse, summarise_feedback
from audits.questionnaires.definition import load_definition
from audits.scores.engine import (
    Inputs,
    NetworkFigures,
    ObjectiveFigures,
    compute_reputation,
    confidence_of,
    network_component,
)

SCORING_DOC = Path(__file__).resolve().parents[2] / "docs" / "scoring.md"
DEFINITION = load_definition()
STRUCTURE = {d.code: p.code for p in DEFINITION.pillars for d in p.dimensions}
DIMENSIONS = list(STRUCTURE)


def network(**changes) -> NetworkFigures:
    figures = {
        "total_contacts": 300,
        "coverage": 100.0,
        "absent_roles": (),
        "thin_roles": (),
        "absent_sectors": (),
        "champions": 10,
        "contacts_with_exchanges": 80,
        "two_way_ratio": None,
        "invitations_sent": 0,
        "unsolicited_invitation_share": None,
    }
    return NetworkFigures(**(figures | changes))


def self_seventy() -> dict:
    """The issue's scenarios: self score 70 everywhere (3.8 on the 1..5 scale)."""
    pillars = {p.code: 70.0 for p in DEFINITION.pillars}
    return {
        "overall": 70.0,
        "pillars": pillars,
        "dimensions": dict.fromkeys(DIMENSIONS, 70.0),
        "dimensions_on_five": dict.fromkeys(DIMENSIONS, 3.8),
    }


def answers(count: int, appraisal: str, rating: int | None, relationship: str = "client"):
    return [
        PeerResponse(relationship, appraisal, dict.fromkeys(DIMENSIONS, rating))
        for _ in range(count)
    ]


def scenario(sent: int, responses: list[PeerResponse], *, own=None, net=None, k: int = 3):
    peer = (
        asdict(summarise_feedback(requests_sent=sent, responses=responses, items=DIMENSIONS, k=k))
        if sent
        else None
    )
    return compute_reputation(
        Inputs(
            self_scores=self_seventy() if own is None else own,
            answers={},
            peer=peer,
            network=net or network(),
            objective=ObjectiveFigures(measurable=True, days_left=90),
            structure=STRUCTURE,
        )
    )


# The issue's table, rerun (docs/scoring.md, "The scenarios of issue 15").
SCENARIOS = {
    "no request sent": (0, []),
    "30 sent, 0 answers": (30, []),
    "30 sent, 1 neutral answer (4/5 everywhere)": (30, answers(1, "neutral", 4)),
    "3 friends asked, 3 positive": (3, answers(3, "positive", 5, "friend")),
    "30 clients asked, 10 positive": (30, answers(10, "positive", 5)),
}
EXPECTED = {
    "no request sent": (90.0, "none", None),
    "30 sent, 0 answers": (90.0, "none", None),
    "30 sent, 1 neutral answer (4/5 everywhere)": (90.0, "none", None),
    "3 friends asked, 3 positive": (83.0, "low", False),
    "30 clients asked, 10 positive": (90.1, "medium", False),
}


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_the_issue_scenarios_give_the_documented_figures(name):
    result = scenario(*SCENARIOS[name])

    assert (result.overall, result.confidence, result.urgent) == EXPECTED[name]


def test_the_scenario_table_in_the_docs_is_the_codes():
    text = SCORING_DOC.read_text()
    for name, (overall, confidence, urgent) in EXPECTED.items():
        shown = {None: "null", False: "no", True: "yes"}[urgent]
        assert f"| {name} | {overall} | {confidence} | {shown} |" in text, name


@pytest.mark.parametrize("sent", [1, 3, 10, 30, 300])
def test_sending_requests_with_no_answer_never_lowers_overall(sent):
    assert scenario(sent, []).overall == scenario(0, []).overall


@pytest.mark.parametrize("silent", [0, 5, 50, 500])
def test_the_silent_never_change_the_score_once_answers_exist(silent):
    base = answers(6, "positive", 4) + answers(2, "neutral", 3)
    assert scenario(8 + silent, base).overall == scenario(8, base).overall


def test_thirty_clients_with_ten_positive_never_score_below_three_friends_and_are_surer():
    clients = scenario(30, answers(10, "positive", 5))
    friends = scenario(3, answers(3, "positive", 5, "friend"))

    assert clients.overall >= friends.overall
    levels = ["none", "low", "medium", "high"]
    assert levels.index(clients.confidence) > levels.index(friends.confidence)
    assert friends.close_circle_notice and not clients.close_circle_notice


@pytest.mark.parametrize("count", [0, 1, 2])
def test_urgent_and_every_peer_figure_are_null_below_three_answers(count):
    result = scenario(30, answers(count, "negative", 1))

    assert result.urgent is None
    assert result.blind_spots is None and result.hidden_strengths is None
    assert result.components["peers"] is None and result.components["approval"] is None
    assert all(d["peers"] is None for d in result.dimensions.values())
    assert result.confidence == "none"


def test_urgency_applies_from_k_answers():
    assert scenario(30, answers(3, "neutral", 4)).urgent is True
    assert scenario(30, answers(2, "positive", 4) + answers(1, "negative", 2)).urgent is False


def test_blind_spots_and_hidden_strengths_are_reported_per_dimension():
    own = self_seventy()
    own["dimensions_on_five"] = dict.fromkeys(DIMENSIONS, 3.0) | {"security": 5.0, "tools": 1.0}
    ratings = dict.fromkeys(DIMENSIONS, 3) | {"security": 2, "tools": 4}
    peers = [PeerResponse("client", "positive", ratings) for _ in range(4)]

    result = scenario(10, peers, own=own)

    assert [(g.dimension, g.pillar, g.gap) for g in result.blind_spots] == [
        ("security", "conduct", 3.0)
    ]
    assert [(g.dimension, g.gap) for g in result.hidden_strengths] == [("tools", -3.0)]


def test_a_gap_of_exactly_one_point_is_a_blind_spot_and_0_99_is_not():
    own = self_seventy()
    own["dimensions_on_five"] = dict.fromkeys(DIMENSIONS, 3.0) | {"listening": 4.0, "tools": 3.99}
    peers = [PeerResponse("client", "positive", dict.fromkeys(DIMENSIONS, 3)) for _ in range(3)]

    spots = [g.dimension for g in scenario(5, peers, own=own).blind_spots]

    assert spots == ["listening"]


def test_cant_say_leaves_a_dimension_without_a_peer_figure():
    ratings = dict.fromkeys(DIMENSIONS, 4) | {"security": None}
    result = scenario(3, [PeerResponse("client", "positive", ratings)] * 3)

    assert result.dimensions["security"]["peers"] is None
    assert result.dimensions["listening"]["peers"] == 75.0


def test_approval_is_the_wilson_lower_bound_over_answers():
    result = scenario(40, answers(15, "positive", 4) + answers(1, "neutral", 3))

    assert result.approval == {"share": 93.8, "lower": 71.7}
    assert result.components["approval"] == 71.7
    assert result.silence["rate"] == 60.0


def test_the_network_counts_behaviour_not_heads():
    figures = network(coverage=100.0, two_way_ratio=37.0, invitations_sent=50)
    figures = NetworkFigures(**(asdict(figures) | {"unsolicited_invitation_share": 61.0}))

    assert float(network_component(figures)) == pytest.approx(58.667, abs=0.001)
    assert (
        float(network_component(network(invitations_sent=3, unsolicited_invitation_share=90.0)))
        == 100.0
    )


@pytest.mark.parametrize(
    ("peer", "expected"),
    [
        ({}, "none"),
        ({"k": 3, "responses": 2, "overall": {"x": 1}}, "none"),
        ({"k": 3, "responses": 3, "overall": {"x": 1}, "response_rate": 100}, "low"),
        (
            {"k": 3, "responses": 10, "overall": {"x": 1}, "response_rate": 33.3, "agreement": 100},
            "medium",
        ),
        (
            {
                "k": 3,
                "responses": 12,
                "overall": {"x": 1},
                "response_rate": 60,
                "groups": 3,
                "agreement": 70,
            },
            "high",
        ),
        (
            {
                "k": 3,
                "responses": 12,
                "overall": {"x": 1},
                "response_rate": 60,
                "groups": 3,
                "agreement": 70,
                "close_circle_share": 75,
            },
            "medium",
        ),
    ],
)
def test_confidence_comes_from_answers_groups_rate_and_agreement(peer, expected):
    assert confidence_of(peer).level == expected


def test_overall_rounds_ties_half_away_from_zero():
    own = {"overall": 12.25, "pillars": {}, "dimensions": {}, "dimensions_on_five": {}}
    assert scenario(0, [], own=own, net=network(coverage=None)).overall == 12.3


def test_reputation_example_in_docs_matches_the_code():
    match = re.search(r"```json reputation-example\n(.*?)\n```", SCORING_DOC.read_text(), re.DOTALL)
    assert match, f"no ```json reputation-example block in {SCORING_DOC}"
    example = json.loads(match.group(1))
    structure = example["structure"]
    responses = [
        PeerResponse(rel, appraisal, dict(zip(structure, ratings, strict=True)))
        for rel, appraisal, ratings in example["answers"]
    ]
    peer = summarise_feedback(
        requests_sent=example["requests_sent"],
        responses=responses,
        items=list(structure),
        requests_by_group={g: tuple(v) for g, v in example["requests_by_group"].items()},
    )

    result = compute_reputation(
        Inputs(
            self_scores=example["self_scores"],
            answers={},
            peer=asdict(peer),
            network=network(**example["network"]),
            objective=ObjectiveFigures(measurable=True, days_left=90),
            structure=structure,
        )
    )

    expected = example["expected"]
    assert result.components == expected["components"]
    assert result.overall == expected["overall"]
    assert result.confidence == expected["confidence"]
    assert result.approval == expected["approval"]
    assert {c: p["score"] for c, p in result.pillars.items()} == expected["pillars"]
    assert {c: d["peers"] for c, d in result.dimensions.items()} == expected["dimensions_peers"]
    assert [g.dimension for g in result.blind_spots] == expected["blind_spots"]
    assert [g.dimension for g in result.hidden_strengths] == expected["hidden_strengths"]
    assert result.silence == expected["silence"]
    assert result.urgent == expected["urgent"]
