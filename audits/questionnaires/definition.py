"""Read a questionnaire definition file (TOML) into plain, validated data. No ORM here.

The format is the one of audits/questionnaires/epratiques_pro.toml: pillars → dimensions →
questions (→ choices), every text given as {fr = "…", en = "…"}.
"""

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from audits.questionnaires.kinds import KINDS, REVERSIBLE_KINDS

HERE = Path(__file__).resolve().parent
# Every published version, oldest first: each stays loadable, since audits keep theirs.
DEFINITIONS = (HERE / "epratiques_pro.toml", HERE / "epratiques_pro_v2.toml")
DEFAULT_DEFINITION = DEFINITIONS[-1]  # the version new audits start on


class DefinitionError(ValueError):
    """The file is not a valid questionnaire definition; the message says where."""


@dataclass(frozen=True)
class Text:
    fr: str
    en: str


@dataclass(frozen=True)
class ChoiceDef:
    code: str
    score: int
    label: Text


@dataclass(frozen=True)
class QuestionDef:
    code: str
    kind: str
    text: Text
    help: Text
    reverse: bool = False
    weight: float = 1.0
    required: bool = True
    choices: tuple[ChoiceDef, ...] = ()


@dataclass(frozen=True)
class DimensionDef:
    code: str
    name: Text
    description: Text
    weight: float = 1.0
    questions: tuple[QuestionDef, ...] = ()
    # The one observable behaviour peers rate for this dimension (empty: peers are not asked).
    peer: Text = Text("", "")
    peer_states_objective: bool = False  # the peer page shows the objective beside it


@dataclass(frozen=True)
class PillarDef:
    code: str
    name: Text
    description: Text
    weight: float = 1.0
    dimensions: tuple[DimensionDef, ...] = ()


@dataclass(frozen=True)
class QuestionnaireDef:
    code: str
    version: int
    title: Text
    description: Text
    pillars: tuple[PillarDef, ...] = field(default=())

    @property
    def questions(self) -> list[QuestionDef]:
        return [q for p in self.pillars for d in p.dimensions for q in d.questions]


def load_definition(path: Path = DEFAULT_DEFINITION) -> QuestionnaireDef:
    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise DefinitionError(f"{path}: {exc}") from exc
    return parse_definition(data)


def parse_definition(data: dict) -> QuestionnaireDef:
    definition = QuestionnaireDef(
        code=_str(data, "code", "questionnaire"),
        version=_positive_int(data, "version", "questionnaire"),
        title=_text(data, "title", "questionnaire"),
        description=_text(data, "description", "questionnaire", required=False),
        pillars=tuple(_pillar(p, i) for i, p in enumerate(_list(data, "pillars", "questionnaire"))),
    )
    _check_unique_codes(definition)
    return definition


def _pillar(data: dict, index: int) -> PillarDef:
    where = f"pillar #{index + 1}"
    code = _str(data, "code", where)
    where = f"pillar {code!r}"
    return PillarDef(
        code=code,
        name=_text(data, "name", where),
        description=_text(data, "description", where, required=False),
        weight=_weight(data, where),
        dimensions=tuple(_dimension(d, where) for d in _list(data, "dimensions", where)),
    )


def _dimension(data: dict, parent: str) -> DimensionDef:
    code = _str(data, "code", f"a dimension of {parent}")
    where = f"dimension {code!r}"
    return DimensionDef(
        code=code,
        name=_text(data, "name", where),
        description=_text(data, "description", where, required=False),
        weight=_weight(data, where),
        questions=tuple(_question(q, where) for q in _list(data, "questions", where)),
        peer=_text(data, "peer", where, required=False),
        peer_states_objective=bool(data.get("peer_states_objective", False)),
    )


def _question(data: dict, parent: str) -> QuestionDef:
    code = _str(data, "code", f"a question of {parent}")
    where = f"question {code!r}"
    kind = _str(data, "kind", where)
    if kind not in KINDS:
        raise DefinitionError(f"{where}: unknown kind {kind!r} (expected one of {sorted(KINDS)})")
    reverse = bool(data.get("reverse", False))
    if reverse and kind not in REVERSIBLE_KINDS:
        raise DefinitionError(f"{where}: a {kind} question cannot be reverse-scored")
    choices = tuple(_choice(c, where) for c in data.get("choices", []))
    if kind == "choice" and len(choices) < 2:
        raise DefinitionError(f"{where}: a choice question needs at least two choices")
    if kind != "choice" and choices:
        raise DefinitionError(f"{where}: only choice questions have choices")
    return QuestionDef(
        code=code,
        kind=kind,
        text=_text(data, "text", where),
        help=_text(data, "help", where, required=False),
        reverse=reverse,
        weight=_weight(data, where),
        required=bool(data.get("required", kind != "text")),
        choices=choices,
    )


def _choice(data: dict, parent: str) -> ChoiceDef:
    code = _str(data, "code", f"a choice of {parent}")
    where = f"choice {code!r} of {parent}"
    score = data.get("score")
    if isinstance(score, bool) or not isinstance(score, int) or not 0 <= score <= 100:
        raise DefinitionError(f"{where}: score must be a whole number from 0 to 100")
    return ChoiceDef(code=code, score=score, label=_text(data, "label", where))


def _check_unique_codes(definition: QuestionnaireDef) -> None:
    seen: dict[str, set[str]] = {"pillar": set(), "dimension": set(), "question": set()}
    for pillar in definition.pillars:
        _once(seen["pillar"], pillar.code, "pillar")
        for dimension in pillar.dimensions:
            _once(seen["dimension"], dimension.code, "dimension")
            for question in dimension.questions:
                _once(seen["question"], question.code, "question")
                choice_codes: set[str] = set()
                for choice in question.choices:
                    _once(choice_codes, choice.code, f"choice of question {question.code!r}")


def _once(seen: set[str], code: str, what: str) -> None:
    if code in seen:
        raise DefinitionError(f"duplicate {what} code {code!r}")
    seen.add(code)


def _str(data: dict, key: str, where: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise DefinitionError(f"{where}: {key!r} must be a non-empty string")
    return value.strip()


def _positive_int(data: dict, key: str, where: str) -> int:
    value = data.get(key)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise DefinitionError(f"{where}: {key!r} must be a positive whole number")
    return value


def _weight(data: dict, where: str) -> float:
    value = data.get("weight", 1.0)
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        raise DefinitionError(f"{where}: 'weight' must be a number above 0")
    return float(value)


def _list(data: dict, key: str, where: str) -> list[dict]:
    value = data.get(key)
    if not isinstance(value, list) or not value or not all(isinstance(v, dict) for v in value):
        raise DefinitionError(f"{where}: {key!r} must be a non-empty list")
    return value


def _text(data: dict, key: str, where: str, *, required: bool = True) -> Text:
    value = data.get(key)
    if value is None and not required:
        return Text("", "")
    if not isinstance(value, dict) or not all(isinstance(value.get(k), str) for k in ("fr", "en")):
        raise DefinitionError(f"{where}: {key!r} must give both 'fr' and 'en' texts")
    if required and not (value["fr"].strip() and value["en"].strip()):
        raise DefinitionError(f"{where}: {key!r} must not be empty in either language")
    return Text(value["fr"].strip(), value["en"].strip())
