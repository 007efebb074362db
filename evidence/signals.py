"""Signals the own-data app sends; higher layers listen (docs/architecture.md).

`evidence_changed(sender, owner)`: the professional's figures or flagged excerpts changed (an
import finished, excerpts were deleted). Send it after the transaction that changed them has
committed (`send_evidence_changed` does). `audits.scores.receivers` recompiles the owner's
latest audit, so the third column and the evidence rules follow the data."""

from django.db import transaction
from django.dispatch import Signal

evidence_changed = Signal()


def send_evidence_changed(owner) -> None:
    transaction.on_commit(lambda: evidence_changed.send(sender=None, owner=owner))
