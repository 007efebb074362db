"""Reputation score: components, weights, confidence, blind spots (plain data, no database)."""

import json
import re
from dataclasses import asdict
from pathlib import Path

import pytest

from audits.feedback.aggregate import PeerResponse, summarise_feedback
from audits.scores.engine import (
    Gap,
    Inputs,
    NetworkFigures,
    ObjectiveFigures,
    compute_reputation,
    confidence_level,
)

SCORING_DOC = Path(__file__).resolve().parents[2] / "docs" / "scoring.md"
PILLARS = ["strategy", "network", "engagement", "conduct"]
APPRAISAL = {"p": "positive", "n": "neutral", "x": "negative"}


def network(**changes) -> NetworkFigures:
    figures = {
        "total_contacts": 300,
        "coverage": None,
        "absent_roles": (),
        "thin_roles": (),
        "absent_sectors": (),
        "champions": 10,
        "contacts_with_exchanges": 80,
        "two_way_ratio": 70.0,
        "invitations_sent": 20,
        "unsolicited_invitation_share": 5.0,
    }
    return NetworkFigures(**(figures | changes))


def peer(sent: int, appraisals: str, perceptions: dict[str, int] | None = None) -> dict:
    """Peer figures as the app stores them: "ppn" = positive, positive, neutral ("x" negative)."""
    responses = [
        PeerResponse("colleague", APPRAISAL[letter], perceptions or {}) for letter in appraisals
    ]
    return asdict(summarise_feedback(requests_sent=sent, responses=responses, pillars=PILLARS))


def self_scores(overall: float | None, pillars: dict[str, float | None] | None = None) -> dict:
    return {"overall": overall, "pillars": pillars or {}, "dimensions": {}}


def reputation(*, own=None, peers=None, coverage=None):
    return compute_reputation(
        Inputs(
            self_scores=own,
            answers={},
            peer=peers,
            network=network(coverage=coverage),
            objective=ObjectiveFigures(measurable=True, days_left=90),
        )
    )


def test_overall_is_the_weighted_mean_of_the_four_components():
    # peers: every pillar 4/5 -> 75; approval: 8 positive of 10 sent -> 80.
    result = reputation(
        own=self_scores(60.0),
        peers=peer(10, "ppppppppnn", dict.fromkeys(PILLARS, 4)),
        coverage=50.0,
    )

    assert result.components == {"peers": 75.0, "approval": 80.0, "self": 60.0, "network": 50.0}
    # 0.45 * 75 + 0.25 * 80 + 0.10 * 60 + 0.20 * 50 = 33.75 + 20 + 6 + 10
    assert result.overall == 69.8


def test_missing_components_are_left_out_and_the_weights_renormalised():
    result = reputation(own=self_scores(60.0), peers=None, coverage=50.0)

    assert result.components == {"peers": None, "approval": None, "self": 60.0, "network": 50.0}
    assert result.overall == 53.3  # (0.10 * 60 + 0.20 * 50) / 0.30 = 53.33


def test_a_single_component_is_the_overall():
    assert reputation(coverage=42.5).overall == 42.5
    assert reputation(own=self_scores(71.3)).overall == 71.3


def test_no_component_at_all_gives_no_overall():
    result = reputation()

    assert result.overall is None
    assert result.components == dict.fromkeys(["peers", "approval", "self", "network"])
    assert result.confidence == "none"


def test_approval_counts_over_requests_sent_because_silence_is_not_consent():
    result = reputation(peers=peer(10, "pp", dict.fromkeys(PILLARS, 5)))

    assert result.components["approval"] == 20.0  # 2 of 10 sent, not 2 of 2 answered
    assert result.components["peers"] == 100.0


def test_requests_without_any_answer_count_as_zero_approval_with_no_confidence():
    result = reputation(own=self_scores(80.0), peers=peer(10, ""))

    assert result.components["approval"] == 0.0
    assert result.components["peers"] is None
    assert result.overall == pytest.approx(22.9)  # 0.10 * 80 / 0.35
    assert result.confidence == "none"


def test_peers_component_is_the_mean_of_the_pillars_peers_rated():
    # Only two pillars rated: (3 - 1) / 4 = 50 and (5 - 1) / 4 = 100; the others are left out.
    result = reputation(peers=peer(4, "pppp", {"strategy": 3, "conduct": 5}))

    assert result.components["peers"] == 75.0
    assert result.pillars["strategy"]["peers"] == 50.0
    assert result.pillars["network"]["peers"] is None


def test_pillars_give_self_and_peers_on_both_scales():
    result = reputation(
        own=self_scores(60.0, {"strategy": 58.3, "conduct": None}),
        peers=peer(2, "pp", {"strategy": 3}),
    )

    assert result.pillars["strategy"] == {
        "self": 58.3,
        "peers": 50.0,
        "self_on_five": 3.33,  # 1 + 4 * 0.583 = 3.332
        "peers_on_five": 3.0,
    }
    assert result.pillars["conduct"] == {
        "self": None,
        "peers": None,
        "self_on_five": None,
        "peers_on_five": None,
    }
    # A pillar only peers rated still appears, after the self-assessed ones.
    assert list(result.pillars) == ["strategy", "conduct", "network", "engagement"]


@pytest.mark.parametrize(
    ("responses", "rate", "expected"),
    [
        (0, None, "none"),
        (0, 0.0, "none"),
        (10, 50.0, "high"),
        (25, 100.0, "high"),
        (10, 49.9, "medium"),
        (9, 100.0, "medium"),
        (5, 30.0, "medium"),
        (5, 29.9, "low"),
        (4, 100.0, "low"),
        (1, 10.0, "low"),
    ],
)
def test_confidence_thresholds(responses, rate, expected):
    assert confidence_level(responses, rate) == expected


def test_confidence_comes_from_the_stored_peer_figures():
    assert reputation(peers=peer(20, "p" * 10)).confidence == "high"  # 10 answers, 50 %
    assert reputation(peers=peer(21, "p" * 10)).confidence == "medium"  # 47.6 %
    assert reputation(peers=peer(10, "p" * 3)).confidence == "low"
    assert reputation(peers=None).confidence == "none"


def one_pillar(pillar: str, own: float, peers_mean: int):
    """Self score (0..100) and a single peer's perception (1..5) of one pillar."""
    return reputation(own=self_scores(own, {pillar: own}), peers=peer(1, "p", {pillar: peers_mean}))


def test_a_gap_of_exactly_one_point_is_a_blind_spot():
    # self 75.0 -> 4.0 on 1..5; peers 3.0
    result = one_pillar("conduct", 75.0, 3)

    assert result.blind_spots == (Gap("conduct", 4.0, 3.0, 1.0),)
    assert result.hidden_strengths == ()


def test_a_gap_of_0_99_is_not_a_blind_spot():
    # self 74.8 -> 1 + 2.992 = 3.99; peers 3.0
    result = one_pillar("conduct", 74.8, 3)

    assert result.pillars["conduct"]["self_on_five"] == 3.99
    assert result.blind_spots == ()
    assert result.hidden_strengths == ()


def test_peers_one_point_above_self_is_a_hidden_strength():
    # self 50.0 -> 3.0; peers 4.0
    result = one_pillar("network", 50.0, 4)

    assert result.hidden_strengths == (Gap("network", 3.0, 4.0, -1.0),)
    assert result.blind_spots == ()


def test_peers_0_99_above_self_is_not_a_hidden_strength():
    # self 50.2 -> 1 + 2.008 = 3.01; peers 4.0
    result = one_pillar("network", 50.2, 4)

    assert result.hidden_strengths == ()


def test_the_gap_uses_the_peers_mean_as_stored():
    # Peers 3.5 (answers 3 and 4) against self 4.5 (87.5 %): exactly one point.
    peers = peer(2, "pp", {"conduct": 3})
    peers["overall"]["pillars"]["conduct"] = 3.5

    result = reputation(own=self_scores(87.5, {"conduct": 87.5}), peers=peers)

    assert result.blind_spots == (Gap("conduct", 4.5, 3.5, 1.0),)


def test_blind_spots_and_hidden_strengths_come_largest_first():
    own = {"strategy": 100.0, "network": 100.0, "engagement": 0.0, "conduct": 50.0}
    peers = peer(1, "p", {"strategy": 3, "network": 1, "engagement": 4, "conduct": 5})

    result = reputation(own=self_scores(50.0, own), peers=peers)

    assert [(g.pillar, g.gap) for g in result.blind_spots] == [("network", 4.0), ("strategy", 2.0)]
    assert [(g.pillar, g.gap) for g in result.hidden_strengths] == [
        ("engagement", -3.0),
        ("conduct", -2.0),
    ]


def test_urgent_is_the_peer_figures_urgent_flag():
    assert reputation(peers=peer(5, "pnx")).urgent is True  # 2 > 1
    assert reputation(peers=peer(5, "ppn")).urgent is False
    assert reputation(peers=None).urgent is False


def test_overall_rounds_ties_half_away_from_zero():
    # Python's round() would give 12.2 (ties to even).
    assert reputation(own=self_scores(12.25)).overall == 12.3
    # Two components of 12.15: computed exactly, their weighted mean is 12.15, a tie.
    assert reputation(own=self_scores(12.15), coverage=12.15).overall == 12.2


def test_reputation_example_in_docs_matches_the_code():
    match = re.search(r"```json reputation-example\n(.*?)\n```", SCORING_DOC.read_text(), re.DOTALL)
    assert match, f"no ```json reputation-example block in {SCORING_DOC}"
    example = json.loads(match.group(1))

    result = compute_reputation(
        Inputs(
            self_scores=example["self_scores"],
            answers={},
            peer=example["peer"],
            network=network(**example["network"]),
            objective=ObjectiveFigures(measurable=True, days_left=90),
        )
    )

    expected = example["expected"]
    assert result.components == expected["components"]
    assert result.overall == expected["overall"]
    assert result.confidence == expected["confidence"]
    assert [asdict(g) for g in result.blind_spots] == expected["blind_spots"]
    assert [asdict(g) for g in result.hidden_strengths] == expected["hidden_strengths"]
    assert result.urgent == expected["urgent"]
