"""Recommendations: every rule of the catalogue whose condition finds something, filled in.

Pure: no Django, no ORM. The catalogue (texts, severity, pillar, source, next step) is data,
audits/questionnaires/recommendations.toml, read by audits/scores/catalogue.py; the
conditions are code, keyed by rule code (audits/scores/conditions/). Every recommendation is
traced to the finding that fired it, with its evidence ("4 neutral or negative against 2
positive"). Thresholds and the list of rules: docs/scoring.md, "Recommendations".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from audits.scores.catalogue import LANGUAGES, SEVERITIES, Rule, Text, rules
from audits.scores.conditions import CONDITIONS
from audits.scores.conditions.base import Finding
from audits.scores.engine import Inputs, Reputation

# Params whose value is a code the app replaces with a label (see `recommend`).
LABELLED_PARAMS = ("role", "sector", "pillar", "dimension", "group", "advice")


@dataclass(frozen=True)
class Recommendation:
    code: str
    key: str
    severity: str
    pillar: str
    source: str
    text: Text  # filled
    evidence: Text  # filled
    step: Text  # filled: one concrete next step
    dimension: str  # the dimension it is about ("" if none), for the plan
    gap: float | None  # 0..100, how far from good practice, if the finding measured it


def recommend(
    inputs: Inputs,
    reputation: Reputation,
    *,
    labels: Mapping[str, Mapping[str, str]] | None = None,
) -> list[Recommendation]:
    """Every finding of every rule, most severe first, then by code and key.

    `labels` ({"fr": {"investor": "Investisseurs / banquiers", ...}, "en": {...}}) names the
    codes in the texts; without it the code itself is shown.
    """
    rank = {severity: index for index, severity in enumerate(SEVERITIES)}
    found = [
        _recommendation(rule, finding, labels)
        for rule in rules().values()
        for finding in CONDITIONS[rule.code](inputs, reputation)
    ]
    return sorted(found, key=lambda r: (rank[r.severity], r.code, r.key))


def _recommendation(
    rule: Rule, finding: Finding, labels: Mapping[str, Mapping[str, str]] | None
) -> Recommendation:
    text, step = rule.text, rule.step
    if finding.variant:
        text = rule.variants[finding.variant]
        step = rule.variants.get(f"{finding.variant}_step", rule.step)
    parts = [rule.evidence[name] for name in finding.evidence]
    evidence = {
        "fr": " ; ".join(part["fr"] for part in parts) + ".",
        "en": "; ".join(part["en"] for part in parts) + ".",
    }
    dimension = str(finding.params.get("dimension") or rule.dimension)
    return Recommendation(
        code=rule.code,
        key=finding.key,
        severity=rule.severity,
        pillar=finding.pillar or rule.pillar,
        source=rule.source,
        text=fill(text, finding.params, labels),
        evidence=_capitalised(fill(evidence, finding.params, labels)),
        step=fill(step, finding.params, labels),
        dimension=dimension,
        gap=finding.gap,
    )


def fill(
    template: Text,
    params: Mapping[str, str | int | float],
    labels: Mapping[str, Mapping[str, str]] | None = None,
) -> Text:
    """Fill each language's {placeholders}; numbers written the way that language writes them."""
    filled = {}
    for language in LANGUAGES:
        names = (labels or {}).get(language, {})
        values = {
            name: names.get(value, value)
            if name in LABELLED_PARAMS and isinstance(value, str)
            else _number(value, language)
            for name, value in params.items()
        }
        filled[language] = template[language].format_map(values)
    return filled


def _capitalised(text: Text) -> Text:
    return {language: value[:1].upper() + value[1:] for language, value in text.items()}


def _number(value: str | int | float, language: str) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        text = f"{value:,}"
        return text.replace(",", "\u202f") if language == "fr" else text
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if language == "fr" else text
