"""Recommendation rules: each fires on its finding and stays quiet for a model professional."""

from dataclasses import asdict, replace

import pytest

from audits.feedback.aggregate import PeerResponse, summarise_feedback
from audits.questionnaires.definition import load_definition
from audits.scores import recommendations as rec
from audits.scores.engine import (
    Inputs,
    NetworkFigures,
    ObjectiveFigures,
    compute_reputation,
)
from audits.scores.recommendations import (
    BAD_CHOICES,
    DIMENSION_NAMES,
    QUESTION_KINDS,
    RULES,
    SEVERITIES,
    placeholders,
    recommend,
)
from audits.selfaudit.scoring import (
    DimensionSpec,
    PillarSpec,
    QuestionSpec,
    score_self_assessment,
)

DEFINITION = load_definition()
PILLARS = [p.code for p in DEFINITION.pillars]
DIMENSIONS = {d.code: d for p in DEFINITION.pillars for d in p.dimensions}
QUESTIONS = {q.code: q for q in DEFINITION.questions}
APPRAISAL = {"p": "positive", "n": "neutral", "x": "negative"}
RULE_CODES = [rule.code for rule in RULES]


def best_answer(question):
    """What a model professional answers (reverse items: disagree, never, no)."""
    if question.kind in ("agreement", "frequency"):
        return 1 if question.reverse else 5
    if question.kind == "yes_no":
        return not question.reverse
    return max(question.choices, key=lambda c: c.score).code


BEST_ANSWERS = {q.code: best_answer(q) for q in DEFINITION.questions if q.kind != "text"}


def self_scores(answers: dict) -> dict:
    """Score answers with the real questionnaire, stored the way the app stores them."""
    specs = (
        [PillarSpec(p.code, p.weight) for p in DEFINITION.pillars],
        [DimensionSpec(d.code, p.code, d.weight) for p in DEFINITION.pillars for d in p.dimensions],
        [
            QuestionSpec(
                q.code,
                d.code,
                q.kind,
                q.weight,
                q.reverse,
                {c.code: c.score for c in q.choices},
            )
            for p in DEFINITION.pillars
            for d in p.dimensions
            for q in d.questions
        ],
    )
    return {"algorithm": "self-assessment/1", **asdict(score_self_assessment(*specs, answers))}


def peer(sent: int, appraisals: str, perceptions: dict[str, int] | None = None) -> dict:
    """Peer figures as stored: "pnx" = positive, neutral, negative; perceptions per pillar."""
    perceptions = dict.fromkeys(PILLARS, 5) if perceptions is None else perceptions
    responses = [PeerResponse("colleague", APPRAISAL[letter], perceptions) for letter in appraisals]
    return asdict(summarise_feedback(requests_sent=sent, responses=responses, pillars=PILLARS))


MODEL_NETWORK = NetworkFigures(
    total_contacts=320,
    coverage=100.0,
    absent_roles=(),
    thin_roles=(),
    absent_sectors=(),
    champions=12,
    contacts_with_exchanges=90,
    two_way_ratio=72.0,
    invitations_sent=40,
    unsolicited_invitation_share=5.0,
)


def model_inputs(
    *,
    answers: dict | None = None,
    dimensions: dict | None = None,
    pillars: dict | None = None,
    submitted: bool = True,
    peer_figures: dict | str | None = "model",
    **network_or_objective,
) -> Inputs:
    """A model professional; each keyword changes one thing about them.

    answers are rescored with the real questionnaire; dimensions and pillars then override
    the stored self scores; other keywords change the network or objective figures.
    """
    all_answers = {**BEST_ANSWERS, **(answers or {})}
    scores = self_scores(all_answers)
    scores["dimensions"].update(dimensions or {})
    scores["pillars"].update(pillars or {})
    objective_fields = {"measurable", "days_left"}
    objective = {k: v for k, v in network_or_objective.items() if k in objective_fields}
    network = {k: v for k, v in network_or_objective.items() if k not in objective_fields}
    return Inputs(
        self_scores=scores if submitted else None,
        answers=all_answers if submitted else {},
        peer=peer(20, "p" * 15 + "n") if peer_figures == "model" else peer_figures,
        network=replace(MODEL_NETWORK, **network),
        objective=ObjectiveFigures(**({"measurable": True, "days_left": 120} | objective)),
    )


# One input per rule that makes it fire (a single thing wrong with the model professional).
FIRING = {
    "urgent_change_practices": lambda: model_inputs(peer_figures=peer(8, "ppnnxx")),
    "no_feedback_requested": lambda: model_inputs(peer_figures=None),
    "low_response_rate": lambda: model_inputs(peer_figures=peer(40, "p" * 16)),
    "too_few_responses": lambda: model_inputs(peer_figures=peer(4, "pppp")),
    "no_contacts_imported": lambda: model_inputs(total_contacts=0, coverage=0.0),
    "absent_role": lambda: model_inputs(absent_roles=("investor",), coverage=50.0),
    "thin_role": lambda: model_inputs(thin_roles=("client",), coverage=50.0),
    "absent_sector": lambda: model_inputs(absent_sectors=("finance",), coverage=50.0),
    "waiting_for_contacts": lambda: model_inputs(answers={rec.Q_WAITING: 5}),
    "few_champions": lambda: model_inputs(champions=2),
    "neglected_champions": lambda: model_inputs(answers={rec.Q_RECIPROCATE: 1}),
    "low_two_way_ratio": lambda: model_inputs(two_way_ratio=30.0),
    "slow_replies": lambda: model_inputs(answers={rec.Q_REPLY_DELAY: "rarely"}),
    "impersonal_invitations": lambda: model_inputs(unsolicited_invitation_share=60.0),
    "collecting_contacts": lambda: model_inputs(total_contacts=6200),
    "numbers_first": lambda: model_inputs(answers={rec.Q_NUMBERS_FIRST: 5}),
    "commercial_spamming": lambda: model_inputs(answers={rec.Q_PITCH: 4}),
    "soliciting_executives": lambda: model_inputs(answers={rec.Q_SOLICIT_EXECUTIVES: True}),
    "emotional_reactions": lambda: model_inputs(answers={rec.Q_EMOTIONAL: 5}),
    "confidentiality": lambda: model_inputs(answers={rec.Q_SHARED_INTERNAL: True}),
    "password_reuse": lambda: model_inputs(answers={rec.Q_SHARED_PASSWORDS: 4}),
    "suspicious_links": lambda: model_inputs(answers={rec.Q_SUSPICIOUS_LINKS: 1}),
    "privacy_settings": lambda: model_inputs(answers={rec.Q_PRIVACY_SETTINGS: False}),
    "transparency": lambda: model_inputs(answers={rec.Q_EMBELLISH: True}),
    "self_audit_missing": lambda: model_inputs(submitted=False),
    "no_measurable_objective": lambda: model_inputs(measurable=False, days_left=None),
    "objective_deadline_passed": lambda: model_inputs(measurable=False, days_left=-10),
    "objective_deadline_close": lambda: model_inputs(days_left=12),
    "tools_not_chosen": lambda: model_inputs(answers={rec.Q_EVERYWHERE: 5}),
    "no_helpers": lambda: model_inputs(answers={rec.Q_EXCUSES: 5}),
    "no_external_view": lambda: model_inputs(answers={rec.Q_EXTERNAL_VIEW: False}),
    "not_listening": lambda: model_inputs(answers={rec.Q_SILENCE_APPROVAL: 5}),
    "low_participation": lambda: model_inputs(answers={rec.Q_SELF_CENTRED: 5}),
    "lack_of_constancy": lambda: model_inputs(answers={rec.Q_RHYTHM: "bursts"}),
    "no_offline_contact": lambda: model_inputs(answers={rec.Q_MEETINGS: "none"}),
    "blind_spot": lambda: model_inputs(
        peer_figures=peer(20, "p" * 16, dict.fromkeys(PILLARS, 5) | {"network": 3})
    ),
    "hidden_strength": lambda: model_inputs(pillars={"engagement": 50.0}),
}


def findings(code: str, inputs: Inputs):
    rule = next(rule for rule in RULES if rule.code == code)
    return rule.condition(inputs, compute_reputation(inputs))


def test_catalogue_has_at_least_25_rules_with_unique_codes():
    assert len(RULES) >= 25
    assert len(set(RULE_CODES)) == len(RULE_CODES)


def test_every_rule_has_a_crafted_input_that_fires_it():
    assert set(FIRING) == set(RULE_CODES)


@pytest.mark.parametrize("code", RULE_CODES)
def test_rule_fires_for_its_crafted_input(code):
    inputs = FIRING[code]()

    assert findings(code, inputs)
    assert code in {r.code for r in recommend(inputs, compute_reputation(inputs))}


@pytest.mark.parametrize("code", RULE_CODES)
def test_rule_stays_quiet_for_a_model_professional(code):
    assert findings(code, model_inputs()) == []


def test_a_model_professional_gets_no_recommendation():
    inputs = model_inputs()

    assert recommend(inputs, compute_reputation(inputs)) == []


@pytest.mark.parametrize("rule", RULES, ids=RULE_CODES)
def test_rule_has_valid_severity_pillar_source_and_texts(rule):
    assert rule.severity in SEVERITIES
    assert rule.pillar in [*PILLARS, "*"]
    assert rule.source.strip()
    assert set(rule.text) == {"fr", "en"}
    assert all(text.strip() for text in rule.text.values())
    # Both languages ask for the same figures.
    assert placeholders(rule.text["fr"]) == placeholders(rule.text["en"])


@pytest.mark.parametrize("code", RULE_CODES)
def test_texts_and_evidence_are_filled_in_both_languages(code):
    inputs = FIRING[code]()

    fired = [r for r in recommend(inputs, compute_reputation(inputs)) if r.code == code]

    assert fired
    for recommendation in fired:
        assert recommendation.pillar in PILLARS
        for text in (recommendation.text, recommendation.evidence):
            assert set(text) == {"fr", "en"}
            for value in text.values():
                assert value.strip()
                assert "{" not in value and "}" not in value, value


def test_one_finding_per_absent_role_with_the_role_in_params():
    inputs = model_inputs(absent_roles=("investor", "mentor"), thin_roles=("client",))

    result = recommend(inputs, compute_reputation(inputs))

    absent = [r for r in result if r.code == "absent_role"]
    assert [r.key for r in absent] == ["investor", "mentor"]
    assert "investor" in absent[0].text["en"]
    assert "mentor" in absent[1].text["fr"]
    assert [r.key for r in result if r.code == "thin_role"] == ["client"]
    assert findings("absent_role", inputs)[0].params == {"role": "investor"}


def test_no_role_or_sector_findings_before_contacts_are_imported():
    inputs = model_inputs(total_contacts=0, absent_roles=("investor",), absent_sectors=("it",))

    codes = {r.code for r in recommend(inputs, compute_reputation(inputs))}

    assert "no_contacts_imported" in codes
    assert not codes & {"absent_role", "thin_role", "absent_sector"}


def test_recommendations_come_most_severe_first_then_by_code_and_key():
    inputs = model_inputs(
        peer_figures=peer(30, "pnnx", dict.fromkeys(PILLARS, 5) | {"conduct": 2}),
        absent_roles=("mentor", "investor"),
        answers={rec.Q_MEETINGS: "none", rec.Q_NUMBERS_FIRST: 5},
        pillars={"engagement": 0.0},
    )

    result = recommend(inputs, compute_reputation(inputs))

    order = {severity: index for index, severity in enumerate(SEVERITIES)}
    keys = [(order[r.severity], r.code, r.key) for r in result]
    assert keys == sorted(keys)
    assert result[0].code == "urgent_change_practices"
    assert result[-1].severity == "low"
    assert [r.key for r in result if r.code == "absent_role"] == ["investor", "mentor"]


def test_urgency_evidence_gives_the_counts():
    inputs = FIRING["urgent_change_practices"]()  # 2 positive, 2 neutral, 2 negative

    (urgent,) = [r for r in recommend(inputs, compute_reputation(inputs)) if r.severity == "urgent"]

    assert urgent.evidence["en"] == "Neutral or negative appraisals: 4, against positive: 2."
    assert urgent.evidence["fr"] == "Avis neutres ou négatifs : 4, contre avis positifs : 2."


def test_self_reported_negative_feedback_is_urgent_too():
    inputs = model_inputs(answers={rec.Q_FEEDBACK_BALANCE: "mostly_negative"})

    assert findings("urgent_change_practices", inputs)


def test_low_response_rate_evidence_shows_the_silence():
    inputs = FIRING["low_response_rate"]()  # 16 of 40

    result = recommend(inputs, compute_reputation(inputs))

    (found,) = [r for r in result if r.code == "low_response_rate"]

    assert found.evidence["en"].startswith("Response rate: 40% (16 of 40); 60% silence")
    assert found.evidence["fr"].startswith("Taux de réponse : 40 % (16 sur 40) ; 60 % de silence")


def test_response_rate_of_exactly_half_is_not_low():
    assert findings("low_response_rate", model_inputs(peer_figures=peer(20, "p" * 10))) == []
    assert findings("low_response_rate", model_inputs(peer_figures=peer(21, "p" * 10)))


def test_blind_spot_and_hidden_strength_take_the_pillar_of_the_gap():
    inputs = model_inputs(
        peer_figures=peer(20, "p" * 16, dict.fromkeys(PILLARS, 5) | {"network": 3}),
        pillars={"engagement": 50.0},
    )

    result = recommend(inputs, compute_reputation(inputs))

    (blind,) = [r for r in result if r.code == "blind_spot"]
    (hidden,) = [r for r in result if r.code == "hidden_strength"]
    assert (blind.pillar, blind.key, blind.severity) == ("network", "network", "high")
    assert (hidden.pillar, hidden.key, hidden.severity) == ("engagement", "engagement", "low")
    assert blind.evidence["en"] == "“network”: you rate yourself 5/5, your peers 3/5 (gap 2)."


def test_labels_name_the_codes_in_each_language():
    inputs = model_inputs(absent_roles=("investor",))
    labels = {"fr": {"investor": "Investisseurs / banquiers"}, "en": {"investor": "Investors"}}

    (found,) = recommend(inputs, compute_reputation(inputs), labels=labels)

    assert "« Investisseurs / banquiers »" in found.text["fr"]
    assert "“Investors”" in found.text["en"]
    assert "investor" not in found.evidence["en"]


def test_numbers_are_written_the_way_each_language_writes_them():
    inputs = model_inputs(two_way_ratio=33.3, total_contacts=6200)

    result = {r.code: r for r in recommend(inputs, compute_reputation(inputs))}

    assert "33,3 %" in result["low_two_way_ratio"].evidence["fr"]
    assert "33.3%" in result["low_two_way_ratio"].evidence["en"]
    assert "6,200 contacts" in result["collecting_contacts"].evidence["en"]
    assert "6\u202f200 contacts" in result["collecting_contacts"].evidence["fr"]


@pytest.mark.parametrize("code", sorted(DIMENSION_NAMES))
def test_a_self_assessed_dimension_below_50_fires_a_rule(code):
    low = model_inputs(dimensions={code: 49.9})
    limit = model_inputs(dimensions={code: 50.0})

    fired = recommend(low, compute_reputation(low))

    assert any("49.9/100" in r.evidence["en"] for r in fired)
    assert any("49,9/100" in r.evidence["fr"] for r in fired)
    assert recommend(limit, compute_reputation(limit)) == []


def test_reverse_items_are_read_as_answered():
    # "I use the same password for several accounts": disagreeing is the good practice.
    assert findings("password_reuse", model_inputs(answers={rec.Q_SHARED_PASSWORDS: 2})) == []
    assert findings("password_reuse", model_inputs(answers={rec.Q_SHARED_PASSWORDS: 3}))


def test_peers_rating_conduct_below_3_is_a_spamming_sign():
    perceptions = dict.fromkeys(PILLARS, 5) | {"conduct": 2}
    inputs = model_inputs(peer_figures=peer(20, "p" * 16, perceptions))

    (found,) = findings("commercial_spamming", inputs)

    assert found.params["conduct"] == 2.0


def test_many_contacts_with_few_exchanges_is_collecting():
    few = model_inputs(total_contacts=800, contacts_with_exchanges=79)
    enough = model_inputs(total_contacts=800, contacts_with_exchanges=80)
    unknown = model_inputs(total_contacts=800, contacts_with_exchanges=0, two_way_ratio=None)

    assert findings("collecting_contacts", few)
    assert findings("collecting_contacts", enough) == []
    assert findings("collecting_contacts", unknown) == []  # no messages export: nothing known


def test_champions_are_not_judged_without_a_messages_export():
    assert findings("few_champions", model_inputs(champions=0, two_way_ratio=None)) == []


@pytest.mark.parametrize(
    ("days_left", "expected"),
    [(-10, "objective_deadline_passed"), (0, "objective_deadline_close")],
)
def test_a_due_deadline_is_not_also_reported_as_no_measurable_objective(days_left, expected):
    inputs = model_inputs(measurable=False, days_left=days_left)

    codes = {r.code for r in recommend(inputs, compute_reputation(inputs))}

    assert codes == {expected}


def test_deadline_close_up_to_30_days():
    assert findings("objective_deadline_close", model_inputs(days_left=30))
    assert findings("objective_deadline_close", model_inputs(days_left=31)) == []


@pytest.mark.parametrize(("code", "kind"), sorted(QUESTION_KINDS.items()))
def test_every_question_the_rules_read_is_in_the_questionnaire_with_that_kind(code, kind):
    assert code in QUESTIONS
    assert QUESTIONS[code].kind == kind


@pytest.mark.parametrize(("code", "choices"), sorted(BAD_CHOICES.items()))
def test_every_choice_the_rules_read_is_in_the_questionnaire(code, choices):
    assert choices <= {choice.code for choice in QUESTIONS[code].choices}


def test_every_dimension_the_rules_read_is_in_the_questionnaire():
    assert set(DIMENSION_NAMES) <= set(DIMENSIONS)
