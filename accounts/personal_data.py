"""One registry of where personal data lives: each app registers how to export and erase its own.

`accounts` imports no other app of ours. Every app that stores something about a person adds
a section to the data-rights export and, where deleting the account's row is not enough (files
on disk, rows that protect each other, traces in other people's records), an eraser. Every
model of our apps is either covered by a section or declared not personal with its reason, and
a test fails on a model that is neither (tests/accounts/test_personal_data_registry.py), so a
new table cannot silently drop out of the export. Pretix's data shredders follow the same idea.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from django.db import models
from django.utils import timezone
from django.utils.functional import Promise


@dataclass(frozen=True)
class Section:
    key: str  # the key in the JSON export, and the name of the CSV file
    export: Callable  # (user) -> JSON-ready data
    models: tuple[type[models.Model], ...]
    # What each table holds, for the CSV archive's README ({table name: text}).
    descriptions: Mapping[str, Promise] = field(default_factory=dict)
    order: int = 100


@dataclass(frozen=True)
class Eraser:
    name: str
    erase: Callable  # (user) -> None, runs before the account row is deleted
    order: int = 100


_sections: dict[str, Section] = {}
_erasers: dict[str, Eraser] = {}
_not_personal: dict[type[models.Model], str] = {}


def section(
    key: str,
    *,
    models: Iterable[type[models.Model]],
    descriptions: Mapping[str, Promise] | None = None,
    order: int = 100,
) -> Callable:
    """Decorator: register `export(user)` as the export section `key`."""

    def register(export: Callable) -> Callable:
        if key in _sections and _sections[key].export is not export:
            raise ValueError(f"personal data section {key!r} is registered twice")
        _sections[key] = Section(key, export, tuple(models), dict(descriptions or {}), order)
        return export

    return register


def eraser(*, order: int = 100) -> Callable:
    """Decorator: register `erase(user)`, run (lowest order first) when the account is erased."""

    def register(erase: Callable) -> Callable:
        _erasers[f"{erase.__module__}.{erase.__qualname__}"] = Eraser(
            erase.__qualname__, erase, order
        )
        return erase

    return register


def not_personal(*model_classes: type[models.Model], reason: str) -> None:
    """Declare models that hold nothing about the account holder (or nothing exportable)."""
    for model in model_classes:
        _not_personal[model] = reason


def sections() -> list[Section]:
    return sorted(_sections.values(), key=lambda s: (s.order, s.key))


def user_data(user) -> dict:
    """Everything ePratiques holds about one user, as JSON-ready data (right of access)."""
    data: dict = {"exported_at": timezone.now().isoformat()}
    for entry in sections():
        data[entry.key] = entry.export(user)
    return data


def erase_user(user) -> None:
    """Run every registered eraser, then delete the account row (the rest cascades)."""
    for entry in sorted(_erasers.values(), key=lambda e: (e.order, e.name)):
        entry.erase(user)
    user.delete()


def table_descriptions() -> dict[str, Promise]:
    descriptions: dict[str, Promise] = {}
    for entry in sections():
        descriptions.update(entry.descriptions)
    return descriptions


def covered_models() -> dict[type[models.Model], str]:
    """Every model the registry knows: the section covering it, or why it is not personal."""
    known = {model: f"not personal: {why}" for model, why in _not_personal.items()}
    for entry in sections():
        for model in entry.models:
            known[model] = entry.key
    return known
