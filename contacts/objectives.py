"""Where the contacts app learns a professional's objective without importing the audits app.

Objectives belong to `audits`, which sits above `contacts`. The absence zones need the
objective's needed roles and sectors, so `audits` registers the function that finds it
(`AuditsConfig.ready`); `contacts` only knows that it returns an object with `needed_roles`
and `needed_sectors`, or None.
"""

from collections.abc import Callable

_provider: Callable | None = None


def register_objective_provider(provider: Callable) -> None:
    global _provider
    _provider = provider


def active_objective(owner):
    return _provider(owner) if _provider is not None else None
