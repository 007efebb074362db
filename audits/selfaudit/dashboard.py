"""Panels that higher packages add to the dashboard, which lives here and may not import them.

A provider is called with the user and returns a `Panel` (a template and its context) or None;
packages register theirs in AuditsConfig.ready, as contacts' objective provider is.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from accounts.models import User


@dataclass(frozen=True)
class Panel:
    template: str
    context: dict = field(default_factory=dict)


_providers: list[Callable[[User], Panel | None]] = []


def register_panel(provider: Callable[[User], Panel | None]) -> None:
    if provider not in _providers:
        _providers.append(provider)


def dashboard_panels(user: User) -> list[Panel]:
    return [panel for provider in _providers if (panel := provider(user)) is not None]
