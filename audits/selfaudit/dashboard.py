"""What higher packages add to the dashboard, which lives here and may not import them.

Two kinds of contribution, registered in `AuditsConfig.ready` (as contacts' objective provider
is):
- context providers, (user, active objective) -> extra template context, for cards the
  dashboard template draws itself (the progress check-in card);
- panel providers, user -> a `Panel` (its own template and context) or None, drawn in a list
  (the new-cycle prompt, who to nudge today).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from accounts.models import User


@dataclass(frozen=True)
class Panel:
    template: str
    context: dict = field(default_factory=dict)


_context_providers: list[Callable] = []
_panel_providers: list[Callable[[User], Panel | None]] = []


def register_dashboard_context(provider: Callable) -> None:
    if provider not in _context_providers:
        _context_providers.append(provider)


def dashboard_context(user, objective) -> dict:
    context: dict = {}
    for provider in _context_providers:
        context.update(provider(user, objective))
    return context


def register_panel(provider: Callable[[User], Panel | None]) -> None:
    if provider not in _panel_providers:
        _panel_providers.append(provider)


def dashboard_panels(user: User) -> list[Panel]:
    return [panel for provider in _panel_providers if (panel := provider(user)) is not None]
