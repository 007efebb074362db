"""The recommendation catalogue: read audits/questionnaires/recommendations.toml, validated once.

Pure: no Django. The data file holds every text (action, next step, evidence, variants) in
both languages, with severity, pillar, source and planning hints; the conditions that fire
each rule are code, keyed by the same codes (audits/scores/conditions/).
"""

from __future__ import annotations

import string
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

CATALOGUE = Path(__file__).resolve().parents[1] / "questionnaires" / "recommendations.toml"
# The one severity order, most severe first (pages, plan, report and PDF read it here).
SEVERITIES = ("urgent", "high", "medium", "low")
LANGUAGES = ("fr", "en")
PILLARS = ("strategy", "network", "engagement", "conduct", "*")  # "*": the finding's pillar
OBJECTIVE_KINDS = ("job_search", "start_company", "commercial", "purchasing", "financing", "other")

Text = dict[str, str]  # {"fr": ..., "en": ...}


class CatalogueError(ValueError):
    """The catalogue file is not valid; the message says where."""


@dataclass(frozen=True)
class Rule:
    code: str
    severity: str
    pillar: str
    source: str  # the product rule (DESIGN §2) or seed article it comes from
    text: Text  # the action to take, with optional {placeholders}
    step: Text  # one concrete next step
    days: int  # the step's suggested date: this many days after the compile
    evidence: dict[str, Text]  # signal name -> what was found, with optional {placeholders}
    variants: dict[str, Text] = field(default_factory=dict)  # other texts ("x", "x_step")
    dimension: str = ""  # the dimension whose gap sizes the rule's priority in the plan
    objectives: tuple[str, ...] = ()  # the kinds of objective that need it most


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@cache
def rules() -> dict[str, Rule]:
    """The catalogue, by code, in file order."""
    return load_catalogue(CATALOGUE)


def load_catalogue(path: Path) -> dict[str, Rule]:
    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise CatalogueError(f"{path}: {exc}") from exc
    catalogue: dict[str, Rule] = {}
    for index, entry in enumerate(data.get("rules") or []):
        rule = _rule(entry, f"rule #{index + 1}")
        if rule.code in catalogue:
            raise CatalogueError(f"duplicate rule code {rule.code!r}")
        catalogue[rule.code] = rule
    if not catalogue:
        raise CatalogueError(f"{path}: no rules")
    return catalogue


def _rule(data: dict, where: str) -> Rule:
    code = data.get("code")
    if not isinstance(code, str) or not code:
        raise CatalogueError(f"{where}: 'code' must be a non-empty string")
    where = f"rule {code!r}"
    if data.get("severity") not in SEVERITIES:
        raise CatalogueError(f"{where}: severity must be one of {SEVERITIES}")
    if data.get("pillar") not in PILLARS:
        raise CatalogueError(f"{where}: pillar must be one of {PILLARS}")
    if not isinstance(data.get("source"), str) or not data["source"]:
        raise CatalogueError(f"{where}: 'source' must say where the rule comes from")
    days = data.get("days")
    if isinstance(days, bool) or not isinstance(days, int) or days < 1:
        raise CatalogueError(f"{where}: 'days' must be a whole number of days, at least 1")
    objectives = tuple(data.get("objectives") or ())
    unknown = set(objectives) - set(OBJECTIVE_KINDS)
    if unknown:
        raise CatalogueError(f"{where}: unknown objective kinds {sorted(unknown)}")
    evidence = {
        name: _text(value, f"{where}, evidence {name!r}")
        for name, value in (data.get("evidence") or {}).items()
    }
    if not evidence:
        raise CatalogueError(f"{where}: at least one evidence text is needed")
    return Rule(
        code=code,
        severity=data["severity"],
        pillar=data["pillar"],
        source=data["source"],
        text=_text(data.get("text"), f"{where}, text"),
        step=_text(data.get("step"), f"{where}, step"),
        days=days,
        evidence=evidence,
        variants={
            name: _text(value, f"{where}, variant {name!r}")
            for name, value in (data.get("variants") or {}).items()
        },
        dimension=str(data.get("dimension") or ""),
        objectives=objectives,
    )


def _text(value: object, where: str) -> Text:
    if not isinstance(value, dict) or not all(
        isinstance(value.get(language), str) and value[language].strip() for language in LANGUAGES
    ):
        raise CatalogueError(f"{where}: give non-empty 'fr' and 'en' texts")
    texts = {language: value[language].strip() for language in LANGUAGES}
    if placeholders(texts["fr"]) != placeholders(texts["en"]):
        raise CatalogueError(f"{where}: French and English use different placeholders")
    return texts
