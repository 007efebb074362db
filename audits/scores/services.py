"""Compile an audit's figures: load with SQL aggregates, compute with the pure modules, store.

The job is idempotent: the same inputs give the same figures and add no snapshot (a
fingerprint of the inputs is unique per audit); it runs again safely after a worker dies.
"""

import hashlib
import json
import time
from dataclasses import asdict

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, IntegerField, Q, Sum
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Cast
from django.utils import timezone

from audits.feedback.aggregate import APPRAISALS, GroupCounts, summarise_counts
from audits.feedback.locks import lock_audit_for_answer, lock_audit_for_compile
from audits.feedback.models import FeedbackRequest, FeedbackResponse
from audits.questionnaires.models import Pillar
from audits.scores.engine import (
    ALGORITHM,
    Inputs,
    NetworkFigures,
    ObjectiveFigures,
    compute_reputation,
)
from audits.scores.models import Recommendation, ScoreSnapshot
from audits.scores.recommendations import recommend
from audits.selfaudit.models import Audit
from contacts.alignment import align
from contacts.models import Contact


def debounce_key(audit_id: int) -> str:
    return f"scores:compile-scheduled:{audit_id}"


def schedule_compile(*, audit_id: int, even_if_pending: bool = False) -> None:
    """Flag the audit and enqueue one compile for a burst of answers (after commit).

    The flag in the database is what guarantees the work: if the enqueue is lost, or the
    debounce window swallowed it, the periodic sweep compiles every flagged audit. Whoever
    raises the flag enqueues; a flag already up means a compile is pending (enqueued, or
    left to the sweep), which will read this change (audits/locks.py), so nothing more is
    sent unless `even_if_pending` (someone asked for the update explicitly).
    """
    from audits.scores.tasks import compile_scores

    # Only a change takes the audit's row lock: answers arriving together for one audit do
    # not queue behind each other once the flag is up. The shared lock keeps a compile from
    # slipping between this check and the commit.
    lock_audit_for_answer(audit_id)
    raised = Audit.objects.filter(pk=audit_id, needs_scoring=False).update(needs_scoring=True)
    if not raised and not even_if_pending:
        return
    delay = settings.SCORE_DEBOUNCE_SECONDS
    if delay <= 0 or cache.add(debounce_key(audit_id), 1, timeout=delay):
        compile_scores.apply_async_on_commit((audit_id,), countdown=max(delay, 0))


def peer_groups(audit_id: int, pillars: list[str]) -> dict[str, GroupCounts]:
    """Counts per relationship category, aggregated by the database (one query)."""
    annotations = {a: Count("pk", filter=Q(appraisal=a)) for a in APPRAISALS}
    for pillar in pillars:
        value = Cast(KeyTextTransform(pillar, "perceptions"), IntegerField())
        annotations[f"sum_{pillar}"] = Sum(value)
        annotations[f"n_{pillar}"] = Count(value)
    rows = (
        FeedbackResponse.objects.filter(audit_id=audit_id)
        .values("relationship")
        .annotate(**annotations)
        .order_by()
    )
    return {
        row["relationship"]: GroupCounts(
            positive=row["positive"],
            neutral=row["neutral"],
            negative=row["negative"],
            pillar_sums={p: row[f"sum_{p}"] or 0 for p in pillars},
            pillar_counts={p: row[f"n_{p}"] for p in pillars},
        )
        for row in rows
    }


def network_figures(audit: Audit) -> NetworkFigures:
    contacts = Contact.objects.filter(owner_id=audit.owner_id)
    totals = contacts.aggregate(
        total=Count("pk"),
        champions=Count("pk", filter=Q(two_way_conversations__gt=0)),
        exchanging=Count("pk", filter=Q(messages_sent__gt=0) | Q(messages_received__gt=0)),
        conversations=Sum("conversations"),
        two_way=Sum("two_way_conversations"),
        invitations_sent=Count("pk", filter=Q(invitation="sent")),
        impersonal=Count("pk", filter=Q(invitation="sent", invitation_with_message=False)),
    )
    roles = dict(contacts.values_list("role_category").annotate(n=Count("pk")).order_by())
    sectors = dict(contacts.values_list("sector").annotate(n=Count("pk")).order_by())
    objective = audit.objective
    alignment = align(
        needed_roles=objective.needed_roles,
        needed_sectors=objective.needed_sectors,
        role_counts=roles,
        sector_counts=sectors,
        total_contacts=totals["total"],
    )
    conversations = totals["conversations"] or 0
    sent = totals["invitations_sent"]
    return NetworkFigures(
        total_contacts=totals["total"],
        coverage=alignment.coverage,
        absent_roles=tuple(
            z.code for z in alignment.zones if z.kind == "role" and z.level == "absent"
        ),
        thin_roles=tuple(z.code for z in alignment.zones if z.kind == "role" and z.level == "thin"),
        absent_sectors=tuple(
            z.code for z in alignment.zones if z.kind == "sector" and z.level == "absent"
        ),
        champions=totals["champions"],
        contacts_with_exchanges=totals["exchanging"],
        two_way_ratio=round(100 * (totals["two_way"] or 0) / conversations, 1)
        if conversations
        else None,
        invitations_sent=sent,
        unsolicited_invitation_share=round(100 * totals["impersonal"] / sent, 1) if sent else None,
    )


def scoring_inputs(audit: Audit) -> Inputs:
    pillars = list(
        Pillar.objects.filter(questionnaire_id=audit.questionnaire_id).values_list(
            "code", flat=True
        )
    )
    # Answered requests are counted in SENT_STATUSES before and after their release alike.
    sent = FeedbackRequest.objects.filter(audit_id=audit.pk).sent().count()
    groups = peer_groups(audit.pk, pillars)
    peer = (
        asdict(summarise_counts(requests_sent=sent, groups=groups, pillars=pillars))
        if sent or groups
        else None
    )
    answers = {}
    if audit.is_submitted:
        kinds = dict(audit.answers.values_list("question__code", "question__kind"))
        answers = {
            a.question.code: a.raw_value(kinds[a.question.code])
            for a in audit.answers.select_related("question", "choice")
        }
    objective = audit.objective
    days_left = (objective.deadline - timezone.localdate()).days
    return Inputs(
        self_scores=audit.self_scores,
        answers={k: v for k, v in answers.items() if v is not None},
        peer=peer,
        network=network_figures(audit),
        objective=ObjectiveFigures(
            measurable=bool(objective.target_quantity and objective.target_unit) and days_left > 0,
            days_left=days_left,
        ),
    )


def recommendation_labels(questionnaire_id: int) -> dict[str, dict[str, str]]:
    """Names of roles, sectors and pillars in both languages, for the recommendation texts."""
    from django.utils import translation

    from contacts.taxonomy import RoleCategory, Sector

    pillar_names = {
        p.code: {"fr": p.name_fr, "en": p.name_en}
        for p in Pillar.objects.filter(questionnaire_id=questionnaire_id)
    }
    labels: dict[str, dict[str, str]] = {}
    for language in ("fr", "en"):
        with translation.override(language):
            names = {str(k): str(v) for k, v in [*RoleCategory.choices, *Sector.choices]}
        names.update({code: texts[language] for code, texts in pillar_names.items()})
        labels[language] = names
    return labels


def _fingerprint(inputs: Inputs) -> str:
    payload = json.dumps(asdict(inputs), sort_keys=True, default=str)
    return hashlib.sha256(f"{ALGORITHM}|{payload}".encode()).hexdigest()


def audit_compile_scores(*, audit_id: int) -> ScoreSnapshot | None:
    """Compile one audit; returns its latest snapshot (None if the audit is gone)."""
    cache.delete(debounce_key(audit_id))  # answers from now on schedule a new compile
    with transaction.atomic():
        lock_audit_for_compile(audit_id)  # answers in flight are committed past this line
        if not Audit.objects.filter(pk=audit_id).update(needs_scoring=False):
            return None
    audit = Audit.objects.select_related("objective").get(pk=audit_id)
    inputs = scoring_inputs(audit)
    if settings.COMPILE_PAUSE_SECONDS:  # fault-injection knob for the worker-killed test
        time.sleep(settings.COMPILE_PAUSE_SECONDS)
    reputation = compute_reputation(inputs)
    findings = recommend(inputs, reputation, labels=recommendation_labels(audit.questionnaire_id))
    fingerprint = _fingerprint(inputs)
    figures = {
        "reputation": asdict(reputation),
        "peer": inputs.peer,
        "network": asdict(inputs.network),
        "objective": asdict(inputs.objective),
    }
    with transaction.atomic():
        Audit.objects.filter(pk=audit_id).update(peer_summary=inputs.peer)
        snapshot, _created = ScoreSnapshot.objects.get_or_create(
            audit_id=audit_id,
            algorithm=ALGORITHM,
            inputs_hash=fingerprint,
            defaults={
                "overall": reputation.overall,
                "confidence": reputation.confidence,
                "figures": json.loads(json.dumps(figures, default=str)),
            },
        )
        _store_recommendations(audit_id, findings)
    return snapshot


def _store_recommendations(audit_id: int, findings) -> None:
    seen = set()
    for finding in findings:
        seen.add((finding.code, finding.key))
        Recommendation.objects.update_or_create(
            audit_id=audit_id,
            code=finding.code,
            key=finding.key,
            defaults={
                "severity": finding.severity,
                "pillar": finding.pillar,
                "source": finding.source,
                "text": finding.text,
                "evidence": finding.evidence,
                "active": True,
            },
        )
    stale = [
        r.pk
        for r in Recommendation.objects.filter(audit_id=audit_id, active=True)
        if (r.code, r.key) not in seen
    ]
    Recommendation.objects.filter(pk__in=stale).update(active=False)


def audits_needing_scores() -> list[int]:
    return list(Audit.objects.filter(needs_scoring=True).values_list("pk", flat=True))
