"""Recommendation rules: each fires on its finding and stays quiet for a model professional;
the catalogue (data) and the conditions (code) match one to one; the plan of three."""

from dataclasses import asdict, replace

import pytest

from audits.feedback.aggregate import PeerResponse, summarise_feedback
from audits.questionnaires.definition import load_definition
from audits.scores import catalogue, plan
from audits.scores.conditions import CONDITIONS, evidence, network, peers, practice
from audits.scores.engine import (
    Inputs,
    NetworkFigures,
    ObjectiveFigures,
    compute_reputation,
)
from audits.scores.recommendations import recommend
from audits.selfaudit.scoring import (
    DimensionSpec,
    PillarSpec,
    QuestionSpec,
    score_self_assessment,
)

DEFINITION = load_definition()
STRUCTURE = {d.code: p.code for p in DEFINITION.pillars for d in p.dimensions}
DIMENSIONS = list(STRUCTURE)
QUESTIONS = {q.code: q for q in DEFINITION.questions}
APPRAISAL = {"p": "positive", "n": "neutral", "x": "negative"}
RULES = catalogue.rules()
RULE_CODES = list(RULES)
CONDITION_MODULES = (peers, network, practice, evidence)


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
                q.code, d.code, q.kind, q.weight, q.reverse, {c.code: c.score for c in q.choices}
            )
            for p in DEFINITION.pillars
            for d in p.dimensions
            for q in d.questions
        ],
    )
    return {"algorithm": "self-assessment/1", **asdict(score_self_assessment(*specs, answers))}


def peer(
    sent: int,
    appraisals: str,
    ratings: dict | None = None,
    relationship: str = "colleague",
    *,
    more: list[PeerResponse] = (),
    by_group: dict | None = None,
) -> dict:
    """Released peer figures: "pnx" = positive, neutral, negative; ratings per dimension."""
    ratings = dict.fromkeys(DIMENSIONS, 5) if ratings is None else ratings
    responses = [PeerResponse(relationship, APPRAISAL[a], ratings) for a in appraisals]
    return asdict(
        summarise_feedback(
            requests_sent=sent,
            responses=[*responses, *more],
            items=DIMENSIONS,
            requests_by_group=by_group,
        )
    )


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
    champion_names=("Alice Martin", "Bruno Petit"),
)


def model_inputs(
    *,
    answers: dict | None = None,
    dimensions: dict | None = None,
    on_five: dict | None = None,
    submitted: bool = True,
    peer_figures: dict | str | None = "model",
    external_review: bool = False,
    **network_or_objective,
) -> Inputs:
    """A model professional; each keyword changes one thing about them."""
    all_answers = {**BEST_ANSWERS, **(answers or {})}
    scores = self_scores(all_answers)
    scores["dimensions"].update(dimensions or {})
    scores["dimensions_on_five"].update(on_five or {})
    objective_fields = {"measurable", "days_left", "kind", "deadline"}
    objective = {k: v for k, v in network_or_objective.items() if k in objective_fields}
    net = {k: v for k, v in network_or_objective.items() if k not in objective_fields}
    return Inputs(
        self_scores=scores if submitted else None,
        answers=all_answers if submitted else {},
        peer=peer(20, "p" * 15 + "n") if peer_figures == "model" else peer_figures,
        network=replace(MODEL_NETWORK, **net),
        objective=ObjectiveFigures(
            **({"measurable": True, "days_left": 120, "kind": "other"} | objective)
        ),
        structure=STRUCTURE,
        external_review=external_review,
        today="2026-03-02",
    )


# One input per rule that makes it fire (a single thing wrong with the model professional).
FIRING = {
    "urgent_change_practices": lambda: model_inputs(peer_figures=peer(8, "ppnnxx")),
    "no_feedback_requested": lambda: model_inputs(peer_figures=None),
    "low_response_rate": lambda: model_inputs(peer_figures=peer(40, "p" * 16)),
    "silent_group": lambda: model_inputs(
        peer_figures=peer(20, "p" * 16, by_group={"client": (10, 1), "colleague": (10, 10)})
    ),
    "too_few_responses": lambda: model_inputs(peer_figures=peer(4, "pppp")),
    "close_circle_answers": lambda: model_inputs(peer_figures=peer(20, "p" * 16, None, "friend")),
    "group_sees_less": lambda: model_inputs(
        peer_figures=peer(
            10,
            "ppppp",
            relationship="client",
            more=[PeerResponse("colleague", "positive", dict.fromkeys(DIMENSIONS, 5))]
            + [PeerResponse("colleague", "negative", dict.fromkeys(DIMENSIONS, 5))] * 2,
        )
    ),
    "no_contacts_imported": lambda: model_inputs(total_contacts=0, coverage=0.0),
    "absent_role": lambda: model_inputs(absent_roles=("investor",), coverage=50.0),
    "thin_role": lambda: model_inputs(thin_roles=("client",), coverage=50.0),
    "absent_sector": lambda: model_inputs(absent_sectors=("finance",), coverage=50.0),
    "waiting_for_contacts": lambda: model_inputs(answers={network.Q_WAITING: 5}),
    "few_champions": lambda: model_inputs(champions=2),
    "neglected_champions": lambda: model_inputs(answers={network.Q_RECIPROCATE: 1}),
    "low_two_way_ratio": lambda: model_inputs(two_way_ratio=30.0),
    "slow_replies": lambda: model_inputs(answers={practice.Q_REPLY_DELAY: "rarely"}),
    "impersonal_invitations": lambda: model_inputs(unsolicited_invitation_share=60.0),
    "collecting_contacts": lambda: model_inputs(total_contacts=6200),
    "numbers_first": lambda: model_inputs(answers={network.Q_NUMBERS_FIRST: 5}),
    "commercial_spamming": lambda: model_inputs(answers={practice.Q_PITCH: 4}),
    "soliciting_executives": lambda: model_inputs(answers={practice.Q_SOLICIT_EXECUTIVES: True}),
    "emotional_reactions": lambda: model_inputs(answers={practice.Q_EMOTIONAL: 5}),
    "confidentiality": lambda: model_inputs(answers={practice.Q_SHARED_INTERNAL: True}),
    "password_reuse": lambda: model_inputs(answers={practice.Q_SHARED_PASSWORDS: 4}),
    "two_step_verification": lambda: model_inputs(answers={practice.Q_TWO_STEP: False}),
    "suspicious_links": lambda: model_inputs(answers={practice.Q_SUSPICIOUS_LINKS: 1}),
    "privacy_settings": lambda: model_inputs(answers={practice.Q_PRIVACY_SETTINGS: False}),
    "transparency": lambda: model_inputs(answers={practice.Q_EMBELLISH: True}),
    "self_audit_missing": lambda: model_inputs(submitted=False),
    "no_measurable_objective": lambda: model_inputs(measurable=False, days_left=None),
    "objective_deadline_passed": lambda: model_inputs(measurable=False, days_left=-10),
    "objective_deadline_close": lambda: model_inputs(days_left=12),
    "tools_not_chosen": lambda: model_inputs(answers={practice.Q_EVERYWHERE: 5}),
    "no_helpers": lambda: model_inputs(answers={practice.Q_EXCUSES: 5}),
    "no_external_view": lambda: model_inputs(answers={practice.Q_EXTERNAL_VIEW: False}),
    "not_listening": lambda: model_inputs(answers={practice.Q_SILENCE_APPROVAL: 5}),
    "low_participation": lambda: model_inputs(answers={practice.Q_SELF_CENTRED: 5}),
    "lack_of_constancy": lambda: model_inputs(answers={practice.Q_RHYTHM: "bursts"}),
    "no_offline_contact": lambda: model_inputs(answers={practice.Q_MEETINGS: "none"}),
    "blind_spot": lambda: model_inputs(
        peer_figures=peer(20, "p" * 16, dict.fromkeys(DIMENSIONS, 5) | {"listening": 3})
    ),
    "hidden_strength": lambda: model_inputs(on_five={"tools": 3.0}, dimensions={"tools": 50.0}),
    # What the own data shows (audits/scores/evidence_map.toml): one figure past its threshold.
    "evidence_pitching": lambda: replace(
        model_inputs(), evidence={"linkedin": {"pitch_share": 0.38, "pitch_base": 50}}
    ),
    "evidence_heated": lambda: replace(model_inputs(), evidence={"x": {"heated_share": 0.1}}),
    "evidence_leaks": lambda: replace(model_inputs(), evidence={"linkedin": {"leak_count": 2}}),
    "evidence_silence": lambda: replace(
        model_inputs(), evidence={"linkedin": {"longest_silence_days": 90, "active_weeks_12m": 12}}
    ),
    "evidence_unanswered": lambda: replace(
        model_inputs(),
        evidence={
            "linkedin": {
                "replies_to_comments_share": 0.2,
                "median_reply_hours": 70,
                "comments_on_others_share": 0.1,
                "invitations_with_note_share": 0.1,
            }
        },
    ),
}


def findings(code: str, inputs: Inputs):
    return CONDITIONS[code](inputs, compute_reputation(inputs))


def fired(inputs: Inputs, code: str | None = None):
    result = recommend(inputs, compute_reputation(inputs))
    return [r for r in result if code is None or r.code == code]


# --- the catalogue and its conditions -------------------------------------------------------


def test_every_code_in_the_catalogue_has_exactly_one_condition_and_back():
    defined = [code for module in CONDITION_MODULES for code in module.CONDITIONS]

    assert sorted(defined) == sorted(RULE_CODES)  # no code twice, none missing, none extra
    assert len(RULE_CODES) >= 25


def test_every_rule_has_a_crafted_input_that_fires_it():
    assert set(FIRING) == set(RULE_CODES)


@pytest.mark.parametrize("code", RULE_CODES)
def test_rule_fires_for_its_crafted_input(code):
    inputs = FIRING[code]()

    assert findings(code, inputs)
    assert fired(inputs, code)


@pytest.mark.parametrize("code", RULE_CODES)
def test_rule_stays_quiet_for_a_model_professional(code):
    assert findings(code, model_inputs()) == []


def test_a_model_professional_gets_no_recommendation():
    assert fired(model_inputs()) == []


@pytest.mark.parametrize("code", RULE_CODES)
def test_texts_step_and_evidence_are_filled_in_both_languages(code):
    for recommendation in fired(FIRING[code](), code):
        assert recommendation.pillar in catalogue.PILLARS[:-1]
        for text in (recommendation.text, recommendation.evidence, recommendation.step):
            assert set(text) == {"fr", "en"}
            for value in text.values():
                assert value.strip()
                assert "{" not in value and "}" not in value, value


def test_every_evidence_text_of_the_catalogue_is_used_by_its_condition():
    used: dict[str, set[str]] = {code: set() for code in RULE_CODES}
    for code, make in FIRING.items():
        for finding in findings(code, make()):
            used[code].update(finding.evidence)
    assert all(used[code] for code in RULE_CODES)


def test_a_broken_catalogue_is_refused_with_where(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('[[rules]]\ncode = "x"\nseverity = "dire"\n')

    with pytest.raises(catalogue.CatalogueError, match="rule 'x': severity"):
        catalogue.load_catalogue(bad)


def test_every_question_the_rules_read_is_in_the_current_questionnaire():
    codes = {
        value
        for module in CONDITION_MODULES
        for name, value in vars(module).items()
        if name.startswith("Q_")
    }
    assert codes and codes <= set(QUESTIONS)


@pytest.mark.parametrize(("code", "choices"), list(practice.BAD_CHOICES.items()))
def test_every_choice_the_rules_read_is_in_the_questionnaire(code, choices):
    assert choices <= {c.code for c in QUESTIONS[code].choices}


def test_the_dimensions_the_rules_name_are_in_the_questionnaire():
    assert {r.dimension for r in RULES.values() if r.dimension} <= set(DIMENSIONS)


# --- rules that use what the app knows ---------------------------------------------------------


def test_one_neutral_answer_never_raises_the_urgent_rule():
    inputs = model_inputs(peer_figures=peer(30, "n", dict.fromkeys(DIMENSIONS, 4)))

    assert fired(inputs, "urgent_change_practices") == []
    assert compute_reputation(inputs).urgent is None


def test_the_urgent_rule_names_the_behaviour_peers_rate_lowest():
    ratings = dict.fromkeys(DIMENSIONS, 4) | {"commercial_restraint": 2}
    (urgent,) = fired(
        model_inputs(peer_figures=peer(6, "pnnx", ratings)), "urgent_change_practices"
    )

    assert "commercial_restraint" in urgent.text["en"]  # named (labels give its name)
    assert "2/5" in urgent.evidence["en"]


def test_without_a_low_behaviour_the_urgent_rule_says_so_instead_of_guessing():
    (urgent,) = fired(FIRING["urgent_change_practices"](), "urgent_change_practices")

    assert "no single behaviour standing out" in urgent.text["en"]


def test_a_measurable_objective_record_silences_the_self_described_vague_goal():
    inputs = model_inputs(answers={"strategy.objectives.formulation": "vague"})

    assert fired(inputs, "no_measurable_objective") == []


def test_an_engaged_consultant_is_the_outside_view():
    inputs = model_inputs(answers={practice.Q_EXTERNAL_VIEW: False}, external_review=True)

    assert fired(inputs, "no_external_view") == []


def test_champions_are_named_from_the_app_and_asked_for_without_messages():
    (named,) = fired(FIRING["neglected_champions"](), "neglected_champions")
    (unnamed,) = fired(
        model_inputs(answers={network.Q_RECIPROCATE: 1}, champion_names=()), "neglected_champions"
    )

    assert "Alice Martin, Bruno Petit" in named.text["en"]
    assert "Alice Martin" in named.step["fr"]
    assert "Import your LinkedIn messages" in unnamed.text["en"]


def test_the_absent_profile_advice_is_the_one_of_contacts_absence_texts():
    labels = {"en": {"investor": "Investors", "advice:role:investor": "ADVICE-EN"}, "fr": {}}
    inputs = FIRING["absent_role"]()

    (result,) = [r for r in recommend(inputs, compute_reputation(inputs), labels=labels) if r.key]

    assert result.text["en"] == "Missing profile “Investors”: ADVICE-EN"


def test_the_security_dimension_fires_from_its_score_or_from_peers():
    low = model_inputs(dimensions={"security": 25.0})
    seen = model_inputs(
        peer_figures=peer(20, "p" * 16, dict.fromkeys(DIMENSIONS, 5) | {"security": 2})
    )

    assert fired(low, "two_step_verification")
    assert fired(seen, "two_step_verification")


def test_the_linkedin_behaviour_figures_fire_rules():
    codes = {
        r.code for r in fired(model_inputs(two_way_ratio=37.0, unsolicited_invitation_share=61.0))
    }

    assert {"low_two_way_ratio", "impersonal_invitations"} <= codes


def test_a_group_breakdown_needs_two_groups_of_k_answers():
    assert (
        fired(
            model_inputs(peer_figures=peer(20, "pppxx", relationship="client")), "group_sees_less"
        )
        == []
    )


def test_no_role_or_sector_findings_before_contacts_are_imported():
    inputs = model_inputs(total_contacts=0, absent_roles=("investor",), absent_sectors=("it",))

    codes = {r.code for r in fired(inputs)}

    assert "no_contacts_imported" in codes
    assert not codes & {"absent_role", "thin_role", "absent_sector"}


def test_calendar_anchored_items_and_old_frequency_answers_both_read_as_seldom():
    v2 = model_inputs(answers={practice.Q_ASK_FEEDBACK: "never"})
    model = model_inputs()
    v1 = replace(model, answers=model.answers | {practice.Q_ASK_FEEDBACK: 1})  # v1: 1..5

    assert fired(v2, "not_listening") and fired(v1, "not_listening")


def test_numbers_are_written_the_way_each_language_writes_them():
    (result,) = fired(model_inputs(total_contacts=6200), "collecting_contacts")

    assert "6,200" in result.evidence["en"]
    assert "6\u202f200" in result.evidence["fr"]


# --- the plan --------------------------------------------------------------------------------


def busy_professional() -> Inputs:
    return model_inputs(
        peer_figures=peer(30, "pnnx", dict.fromkeys(DIMENSIONS, 4) | {"boundaries": 2}),
        absent_roles=("investor",),
        answers={
            practice.Q_MEETINGS: "none",
            network.Q_NUMBERS_FIRST: 5,
            practice.Q_TWO_STEP: False,
        },
        kind="financing",
        deadline="2026-03-20",
    )


def test_the_plan_takes_three_different_actions_most_needed_first():
    inputs = busy_professional()
    recs = fired(inputs)
    priorities = plan.plan_priorities(recs, inputs, compute_reputation(inputs))

    class Row:
        def __init__(self, rec, priority):
            self.code, self.key, self.priority = rec.code, rec.key, priority

    chosen = plan.select_plan(Row(r, p) for r, (p, _due) in zip(recs, priorities, strict=True))

    assert chosen[0].code == "urgent_change_practices"
    assert len(chosen) == 3 and len({row.code for row in chosen}) == 3
    # A financing objective needs the missing investors before a low-severity habit.
    assert "absent_role" in [row.code for row in chosen]
    assert "numbers_first" not in [row.code for row in chosen]


def test_suggested_dates_never_fall_after_the_objective_deadline():
    inputs = busy_professional()
    recs = fired(inputs)

    dates = [due for _p, due in plan.plan_priorities(recs, inputs, compute_reputation(inputs))]

    assert all(due <= "2026-03-20" for due in dates)
    assert "2026-03-05" in dates  # the urgent one: three days after the compile
