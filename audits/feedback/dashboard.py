"""The feedback package's dashboard panel: who to nudge today (audits/feedback/nudges.py)."""

from accounts.models import User
from audits.feedback.nudges import nudges_due_for_owner
from audits.selfaudit.dashboard import Panel


def nudges_panel(user: User) -> Panel | None:
    due = nudges_due_for_owner(user)
    if not due:
        return None
    return Panel("audits/partials/nudges_panel.html", {"requests": due})
