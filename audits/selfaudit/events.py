"""Signals the lower packages send so that the ones above can react without being imported.

The direction is questionnaires ← selfaudit ← feedback ← scores ← consulting: a submitted
self-audit or a new peer answer changes an audit's figures, but neither package may call the
scoring code. They send `audit_inputs_changed`; `audits.scores.receivers` schedules the
compile. Receivers run synchronously, inside the sender's transaction.
"""

from django.dispatch import Signal

# sender: the model class; kwargs: audit_id
audit_inputs_changed = Signal()
