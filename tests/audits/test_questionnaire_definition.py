import copy
import tomllib

import pytest

from audits.questionnaires.definition import (
    DEFAULT_DEFINITION,
    DefinitionError,
    load_definition,
    parse_definition,
)

RULES_OF_THE_DESIGN = {
    "strategy": {"objectives", "tools", "helpers"},
    "network": {"alignment", "absence_zones", "champions", "quality"},
    "engagement": {"listening", "two_way", "participation", "constancy", "offline"},
    "conduct": {
        "transparency",
        "commercial_restraint",
        "boundaries",
        "confidentiality",
        "security",
    },
}


@pytest.fixture
def raw():
    with open(DEFAULT_DEFINITION, "rb") as handle:
        return tomllib.load(handle)


def test_the_default_questionnaire_covers_every_rule_of_the_design():
    definition = load_definition()

    dimensions = {p.code: {d.code for d in p.dimensions} for p in definition.pillars}
    assert dimensions == RULES_OF_THE_DESIGN
    assert len(definition.questions) >= 30
    for pillar in definition.pillars:
        for dimension in pillar.dimensions:
            assert len(dimension.questions) >= 2, dimension.code


def test_the_default_questionnaire_uses_every_kind_and_reverse_items():
    questions = load_definition().questions

    assert {q.kind for q in questions} == {"agreement", "frequency", "yes_no", "choice", "text"}
    assert sum(q.reverse for q in questions) >= 5
    assert all(not q.required for q in questions if q.kind == "text")


def test_every_text_exists_in_french_and_english():
    for question in load_definition().questions:
        assert question.text.fr and question.text.en
        assert question.text.fr != question.text.en
        for choice in question.choices:
            assert choice.label.fr and choice.label.en


def test_a_missing_translation_is_reported_with_its_place(raw):
    broken = copy.deepcopy(raw)
    question = broken["pillars"][0]["dimensions"][0]["questions"][0]
    question["text"] = {"fr": "Seulement en français"}

    with pytest.raises(DefinitionError, match=rf"question '{question['code']}'.*'fr' and 'en'"):
        parse_definition(broken)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda q: q.update(kind="slider"), "unknown kind 'slider'"),
        (lambda q: q.update(weight=0), "'weight' must be a number above 0"),
        (lambda q: q.update(kind="text", reverse=True, choices=[]), "cannot be reverse-scored"),
    ],
)
def test_invalid_questions_are_refused(raw, change, message):
    broken = copy.deepcopy(raw)
    change(broken["pillars"][1]["dimensions"][0]["questions"][0])

    with pytest.raises(DefinitionError, match=message):
        parse_definition(broken)


def test_a_choice_score_out_of_range_is_refused(raw):
    broken = copy.deepcopy(raw)
    choice_question = next(
        q
        for p in broken["pillars"]
        for d in p["dimensions"]
        for q in d["questions"]
        if q["kind"] == "choice"
    )
    choice_question["choices"][0]["score"] = 140

    with pytest.raises(DefinitionError, match="score must be a whole number from 0 to 100"):
        parse_definition(broken)


def test_duplicate_question_codes_are_refused(raw):
    broken = copy.deepcopy(raw)
    questions = broken["pillars"][0]["dimensions"][0]["questions"]
    questions[1]["code"] = questions[0]["code"]

    with pytest.raises(DefinitionError, match="duplicate question code"):
        parse_definition(broken)


def test_a_file_that_is_not_toml_is_reported(tmp_path):
    path = tmp_path / "broken.toml"
    path.write_bytes(b"\xff\xfe not toml [")

    with pytest.raises(DefinitionError, match=r"broken\.toml"):
        load_definition(path)
