"""The cycles' dashboard panel: a new cycle is proposed once the objective's deadline has
passed (or whenever the professional chooses), and a later cycle links to its comparison."""

from accounts.models import User
from audits.cycles.selectors import next_cycle_due
from audits.selfaudit.dashboard import Panel
from audits.selfaudit.selectors import audits_for_owner


def cycle_panel(user: User) -> Panel | None:
    latest = audits_for_owner(user).first()
    if latest is None or (not latest.is_submitted and latest.previous_id is None):
        return None
    return Panel(
        "cycles/dashboard_panel.html",
        {"audit": latest, "due": next_cycle_due(latest), "next_number": latest.cycle + 1},
    )
