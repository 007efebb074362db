"""Self-assessment scoring: plain data in, figures out (no database)."""

import json
import re
from fractions import Fraction
from pathlib import Path

import pytest

from audits.selfaudit.scoring import (
    DimensionSpec,
    InvalidAnswer,
    PillarSpec,
    QuestionSpec,
    normalise,
    round_half_away_from_zero,
    score_self_assessment,
)

SCORING_DOC = Path(__file__).resolve().parents[2] / "docs" / "scoring.md"

AGREE = QuestionSpec(code="q", dimension="d", kind="agreement")
CHOICE = QuestionSpec(
    code="q", dimension="d", kind="choice", choice_scores={"never": 0, "monthly": 75}
)


def score(questions, answers, dimensions=None, pillars=None):
    """Score with one pillar "p" and one dimension "d" unless told otherwise."""
    return score_self_assessment(
        pillars or [PillarSpec("p")],
        dimensions or [DimensionSpec("d", pillar="p")],
        questions,
        answers,
    )


@pytest.mark.parametrize(
    ("kind", "answer", "expected"),
    [
        ("agreement", 1, 0.0),
        ("agreement", 3, 0.5),
        ("agreement", 5, 1.0),
        ("frequency", 1, 0.0),
        ("frequency", 3, 0.5),
        ("frequency", 5, 1.0),
    ],
)
def test_scale_answers_map_linearly_to_zero_one(kind, answer, expected):
    assert normalise(QuestionSpec("q", "d", kind), answer) == expected


def test_reverse_item_flips_the_scale():
    question = QuestionSpec("q", "d", "agreement", reverse=True)

    assert normalise(question, 5) == 0.0
    assert normalise(question, 4) == 0.25
    assert normalise(question, 1) == 1.0


def test_reverse_yes_no_makes_yes_the_bad_answer():
    plain = QuestionSpec("q", "d", "yes_no")
    reversed_ = QuestionSpec("q", "d", "yes_no", reverse=True)

    assert (normalise(plain, True), normalise(plain, False)) == (1.0, 0.0)
    assert (normalise(reversed_, True), normalise(reversed_, False)) == (0.0, 1.0)


def test_choice_scores_come_from_the_choice_and_ignore_reverse():
    reversed_choice = QuestionSpec(
        "q", "d", "choice", reverse=True, choice_scores={"never": 0, "monthly": 75}
    )

    assert normalise(CHOICE, "monthly") == 0.75
    assert normalise(CHOICE, "never") == 0.0
    assert normalise(reversed_choice, "monthly") == 0.75


def test_text_is_never_scored():
    text = QuestionSpec("comment", "d", "text")

    assert normalise(text, "I post every day, I am the best") is None
    result = score([AGREE, text], {"q": 3, "comment": "anything"})
    assert result.dimensions == {"d": 50.0}
    assert (result.answered, result.scorable) == (1, 1)


def test_unanswered_optional_question_is_left_out_not_counted_as_zero():
    questions = [
        QuestionSpec("a", "d", "agreement"),
        QuestionSpec("b", "d", "agreement"),
        QuestionSpec("optional", "d", "agreement"),
    ]

    result = score(questions, {"a": 5, "b": 3, "optional": None})

    assert result.dimensions == {"d": 75.0}  # (1 + 0.5) / 2, not (1 + 0.5 + 0) / 3 = 50.0
    assert (result.answered, result.scorable) == (2, 3)


def test_dimension_without_answers_is_none_and_its_pillar_ignores_it():
    dimensions = [DimensionSpec("answered", "p"), DimensionSpec("empty", "p", weight=5)]
    questions = [
        QuestionSpec("a", "answered", "agreement"),
        QuestionSpec("b", "empty", "agreement"),
    ]

    result = score(questions, {"a": 4}, dimensions=dimensions)

    assert result.dimensions == {"answered": 75.0, "empty": None}
    assert result.dimensions_on_five == {"answered": 4.0, "empty": None}
    assert result.pillars == {"p": 75.0}
    assert result.overall == 75.0


def test_pillar_without_any_score_is_none_and_overall_ignores_it():
    pillars = [PillarSpec("p"), PillarSpec("silent", weight=3)]
    dimensions = [DimensionSpec("d", "p"), DimensionSpec("quiet", "silent")]
    questions = [QuestionSpec("a", "d", "yes_no"), QuestionSpec("b", "quiet", "yes_no")]

    result = score(questions, {"a": False}, dimensions=dimensions, pillars=pillars)

    assert result.pillars == {"p": 0.0, "silent": None}
    assert result.overall == 0.0


def test_nothing_answered_gives_no_scores_at_all():
    result = score([AGREE], {})

    assert result.dimensions == {"d": None}
    assert result.pillars == {"p": None}
    assert result.overall is None
    assert (result.answered, result.scorable) == (0, 1)


def test_question_weights_change_the_dimension_score():
    answers = {"good": 5, "bad": 1}
    equal = [QuestionSpec("good", "d", "agreement"), QuestionSpec("bad", "d", "agreement")]
    unequal = [
        QuestionSpec("good", "d", "agreement", weight=3),
        QuestionSpec("bad", "d", "agreement"),
    ]

    assert score(equal, answers).dimensions == {"d": 50.0}
    assert score(unequal, answers).dimensions == {"d": 75.0}


def test_dimension_and_pillar_weights_change_the_higher_scores():
    pillars = [PillarSpec("high", weight=3), PillarSpec("low")]
    dimensions = [
        DimensionSpec("top", "high", weight=1),
        DimensionSpec("mid", "high", weight=3),
        DimensionSpec("bottom", "low"),
    ]
    questions = [
        QuestionSpec("a", "top", "yes_no"),
        QuestionSpec("b", "mid", "agreement"),
        QuestionSpec("c", "bottom", "yes_no"),
    ]

    result = score(
        questions, {"a": True, "b": 3, "c": False}, dimensions=dimensions, pillars=pillars
    )

    assert result.pillars == {"high": 62.5, "low": 0.0}  # (1 + 3 * 0.5) / 4
    assert result.overall == 46.9  # 3 * 0.625 / 4 = 0.46875


@pytest.mark.parametrize(
    ("question", "value"),
    [
        (AGREE, 0),
        (AGREE, 6),
        (AGREE, True),
        (AGREE, 3.0),
        (AGREE, "3"),
        (QuestionSpec("q", "d", "frequency"), False),
        (QuestionSpec("q", "d", "yes_no"), 1),
        (QuestionSpec("q", "d", "yes_no"), "yes"),
        (CHOICE, "weekly"),
        (CHOICE, 75),
        (QuestionSpec("q", "d", "text"), 42),
    ],
)
def test_invalid_answer_is_rejected(question, value):
    with pytest.raises(InvalidAnswer):
        normalise(question, value)
    with pytest.raises(InvalidAnswer):
        score([question], {"q": value})


def test_answer_to_unknown_question_code_is_rejected():
    with pytest.raises(InvalidAnswer, match="forged"):
        score([AGREE], {"q": 3, "forged": 5})


def test_rounding_is_half_away_from_zero():
    assert round_half_away_from_zero(Fraction("12.25"), 1) == 12.3
    assert round_half_away_from_zero(Fraction("-12.25"), 1) == -12.3
    assert round_half_away_from_zero(Fraction("1.125"), 2) == 1.13
    assert round_half_away_from_zero(Fraction("12.24999"), 1) == 12.2


def test_stored_figures_round_ties_away_from_zero_not_to_even():
    # (12 * 3 + 13 * 1) / 4 = 12.25 exactly; Python's round() would give 12.2.
    question = QuestionSpec("q", "d", "choice", weight=3, choice_scores={"c": 12})
    other = QuestionSpec("r", "d", "choice", choice_scores={"c": 13})

    result = score([question, other], {"q": "c", "r": "c"})

    assert result.dimensions == {"d": 12.3}
    assert result.dimensions_on_five == {"d": 1.49}


def test_a_true_tie_is_not_lost_to_float_noise():
    # (0 * 0.3 + 9 * 0.1) / 0.4 = 2.25 exactly, but computed in floats it is
    # 2.2499999999999996, which would round down to 2.2.
    question = QuestionSpec("q", "d", "choice", weight=0.3, choice_scores={"c": 0})
    other = QuestionSpec("r", "d", "choice", weight=0.1, choice_scores={"c": 9})

    result = score([question, other], {"q": "c", "r": "c"})

    assert result.dimensions == {"d": 2.3}


def test_weights_count_as_typed_not_as_their_binary_approximation():
    # 1 * 0.3 / (0.1 + 0.3) = 0.75 exactly; with 0.1 and 0.3 taken as binary floats the
    # mean falls just below the tie and would round to 0.7.
    question = QuestionSpec("q", "d", "choice", weight=0.1, choice_scores={"c": 0})
    other = QuestionSpec("r", "d", "choice", weight=0.3, choice_scores={"c": 1})

    result = score([question, other], {"q": "c", "r": "c"})

    assert result.dimensions == {"d": 0.8}


def test_dimensions_on_five_rounds_to_two_decimals():
    questions = [QuestionSpec(code, "d", "agreement") for code in "abc"]

    result = score(questions, {"a": 5, "b": 3, "c": 1})  # 0.5 -> 3.0
    assert result.dimensions_on_five == {"d": 3.0}
    result = score(questions, {"a": 5, "b": 4, "c": 1})  # 7/12 -> 3.3333...
    assert result.dimensions_on_five == {"d": 3.33}
    assert result.dimensions == {"d": 58.3}


def test_worked_example_in_docs_matches_the_code():
    match = re.search(r"```json worked-example\n(.*?)\n```", SCORING_DOC.read_text(), re.DOTALL)
    assert match, f"no ```json worked-example block in {SCORING_DOC}"
    example = json.loads(match.group(1))

    result = score_self_assessment(
        [PillarSpec(**spec) for spec in example["pillars"]],
        [DimensionSpec(**spec) for spec in example["dimensions"]],
        [QuestionSpec(**spec) for spec in example["questions"]],
        example["answers"],
    )

    expected = example["expected"]
    assert result.dimensions == expected["dimensions"]
    assert result.pillars == expected["pillars"]
    assert result.overall == expected["overall"]
    assert result.dimensions_on_five == expected["dimensions_on_five"]
    assert result.answered == expected["answered"]
    assert result.scorable == expected["scorable"]
