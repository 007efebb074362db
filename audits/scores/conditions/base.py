"""What every condition uses: the finding it returns and helpers to read the inputs.

Raw self-audit answers are read as given, before any reversal: on a reverse item such as
"I use the same password for several of my accounts", agreeing (4 or 5) is the bad practice.
Question kinds are the questionnaire's: a helper reads an int as a 1..5 answer, a bool as a
yes/no and a str as a choice code, so a rule serves every version whatever the kind there.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from audits.scores.engine import Inputs, Reputation

LOW_DIMENSION = 50  # a self-assessed dimension below this fires its rule
LOW_PEERS = 3  # peers' mean rating (1..5) below "neither agree nor disagree"
AGREE = 4  # agreement scale: 4 agree, 5 strongly agree
DISAGREE = 2  # agreement scale: 1 strongly disagree, 2 disagree
RARELY = 2  # frequency scale: 1 never, 2 rarely, 3 sometimes, 4 often, 5 always
SOMETIMES = 3


@dataclass(frozen=True)
class Finding:
    key: str  # tells apart several findings of one rule (a role code); "" otherwise
    params: dict[str, str | int | float]  # fill the {placeholders} of the texts
    evidence: tuple[str, ...]  # names of the rule's evidence texts that apply, in order
    pillar: str | None = None  # overrides the rule's pillar (gaps: the dimension's pillar)
    variant: str = ""  # another text of the rule (catalogue `variants`)
    gap: float | None = None  # 0..100: how far from good practice, for the plan


Condition = Callable[[Inputs, Reputation], list[Finding]]


def scale(inputs: Inputs, code: str) -> int | None:
    value = inputs.answers.get(code)
    # bool is an int subclass: a yes/no answer is never a scale answer.
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def yes(inputs: Inputs, code: str) -> bool | None:
    value = inputs.answers.get(code)
    return value if isinstance(value, bool) else None


def choice(inputs: Inputs, code: str) -> str | None:
    value = inputs.answers.get(code)
    return value if isinstance(value, str) else None


def self_dimension(inputs: Inputs, code: str) -> float | None:
    return ((inputs.self_scores or {}).get("dimensions") or {}).get(code)


class Signals:
    """Collects the reasons one rule fires; one finding whose evidence lists them all."""

    def __init__(self, inputs: Inputs, reputation: Reputation, dimension: str = "") -> None:
        self.inputs = inputs
        self.reputation = reputation
        self.dimension = dimension
        self.names: list[str] = []
        self.params: dict[str, str | int | float] = {}
        if dimension:
            self.params["dimension"] = dimension

    def add(self, name: str, **params: str | int | float) -> None:
        self.names.append(name)
        self.params.update(params)

    def dimension_below(self) -> None:
        """The rule's dimension, self-assessed below LOW_DIMENSION."""
        score = self_dimension(self.inputs, self.dimension)
        if score is not None and score < LOW_DIMENSION:
            self.add("dimension", score=score)

    def peers_below(self) -> None:
        """The rule's dimension, rated below LOW_PEERS by peers (released answers only)."""
        rated = (self.reputation.dimensions.get(self.dimension) or {}).get("peers_on_five")
        if rated is not None and rated < LOW_PEERS:
            self.add("peers", peers=rated)

    def at_least(self, code: str, threshold: int, name: str) -> None:
        value = scale(self.inputs, code)
        if value is not None and value >= threshold:
            self.add(name)

    def at_most(self, code: str, threshold: int, name: str) -> None:
        value = scale(self.inputs, code)
        if value is not None and value <= threshold:
            self.add(name)

    def answered(self, code: str, answer: bool, name: str) -> None:
        if yes(self.inputs, code) is answer:
            self.add(name)

    def chose(self, code: str, choices: frozenset[str], name: str) -> None:
        if choice(self.inputs, code) in choices:
            self.add(name)

    def seldom(self, code: str, choices: frozenset[str], name: str) -> None:
        """A recurring activity done rarely: a frequency answer of at most "rarely"
        (questionnaire v1), or one of the calendar choices given (v2 onwards)."""
        value = self.inputs.answers.get(code)
        if isinstance(value, str):
            self.chose(code, choices, name)
        else:
            self.at_most(code, RARELY, name)

    def findings(self, **extra) -> list[Finding]:
        if not self.names:
            return []
        return [Finding("", dict(self.params), tuple(self.names), **extra)]


def one(name: str, **params: str | int | float) -> list[Finding]:
    return [Finding("", params, (name,))]
