"""What higher packages add to the dashboard, without `selfaudit` importing them.

The dashboard view lives here, below the packages that have something to show on it (the
progress check-in card): each registers a function (user, active objective) -> extra template
context, in `AuditsConfig.ready`.
"""

from collections.abc import Callable

_providers: list[Callable] = []


def register_dashboard_context(provider: Callable) -> None:
    if provider not in _providers:
        _providers.append(provider)


def dashboard_context(user, objective) -> dict:
    context: dict = {}
    for provider in _providers:
        context.update(provider(user, objective))
    return context
