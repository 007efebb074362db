"""Scores listen: whatever changes an audit's inputs schedules one compile."""

from django.dispatch import receiver

from audits.scores.services import schedule_compile
from audits.selfaudit.events import audit_inputs_changed
from audits.selfaudit.models import Audit
from contacts.signals import network_changed
from evidence.signals import evidence_changed


@receiver(audit_inputs_changed, dispatch_uid="scores-audit-inputs-changed")
def _audit_inputs_changed(sender, *, audit_id: int, **kwargs) -> None:
    schedule_compile(audit_id=audit_id)


@receiver(network_changed, dispatch_uid="scores-network-changed")
def _network_changed(sender, *, owner, **kwargs) -> None:
    """A new network changes the alignment figures of the professional's current audit."""
    latest = Audit.objects.filter(owner=owner).order_by("-started_at", "-id").first()
    if latest is not None:
        schedule_compile(audit_id=latest.pk)


@receiver(evidence_changed, dispatch_uid="scores-evidence-changed")
def _evidence_changed(sender, *, owner, **kwargs) -> None:
    """New own-data figures change the third column and the evidence rules of the current
    audit (they never change the score itself: docs/scoring.md, "Evidence in the score")."""
    _network_changed(sender, owner=owner)
