"""Compile an audit's figures: load with SQL aggregates, compute with the pure modules, store.

The job is idempotent: the same inputs give the same figures and add no snapshot (a
fingerprint of the inputs is unique per audit); it runs again safely after a worker dies.
"""

import datetime
import hashlib
import json
import time
from collections.abc import Callable
from dataclasses import asdict

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, IntegerField, Q, Sum
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Cast
from django.utils import timezone

from audits.feedback import peer_selectors
from audits.feedback.aggregate import APPRAISALS, GroupCounts, summarise_counts
from audits.feedback.locks import lock_audit_for_answer, lock_audit_for_compile
from audits.feedback.models import FeedbackRequest, FeedbackResponse
from audits.questionnaires.models import Dimension, Pillar
from audits.scores.engine import (
    ALGORITHM,
    Inputs,
    NetworkFigures,
    ObjectiveFigures,
    compute_reputation,
)
from audits.scores.evidence import evidence_snapshot
from audits.scores.models import Recommendation, ScoreSnapshot
from audits.scores.plan import plan_priorities
from audits.scores.recommendations import recommend
from audits.selfaudit.models import Audit
from contacts.absence_texts import role_action, sector_action
from contacts.alignment import align
from contacts.models import Contact
from contacts.selectors import CHAMPION, champions_queryset
from evidence.selectors import evidence_figures

CHAMPION_NAMES = 5  # the champions named in the rules' texts

# Whether an independent outsider (a consultant) is engaged on an audit. The consulting
# package registers the answer (audits/apps.py): scores never import consulting.
_external_review: Callable[[Audit], bool] = lambda audit: False  # noqa: E731


def register_external_review_provider(provider: Callable[[Audit], bool]) -> None:
    global _external_review
    _external_review = provider


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


def peer_groups(audit_id: int, items: list[str]) -> dict[str, GroupCounts]:
    """Counts per relationship group of the released answers, aggregated by the database.

    One query. A "can't say" is stored as JSON null: it is neither summed nor counted.
    """
    annotations = {a: Count("pk", filter=Q(appraisal=a)) for a in APPRAISALS}
    for index, item in enumerate(items):
        value = Cast(KeyTextTransform(item, "perceptions"), IntegerField())
        annotations[f"sum_{index}"] = Sum(value)
        annotations[f"n_{index}"] = Count(value)
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
            item_sums={item: row[f"sum_{i}"] or 0 for i, item in enumerate(items)},
            item_counts={item: row[f"n_{i}"] for i, item in enumerate(items)},
        )
        for row in rows
    }


def requests_by_group(audit_id: int) -> dict[str, tuple[int, int]]:
    """Requests sent and answered per relationship group, for the silence map (one query)."""
    rows = (
        FeedbackRequest.objects.filter(audit_id=audit_id)
        .sent()
        .values("relationship")
        .annotate(sent=Count("pk"), answered=Count("pk", filter=Q(status="answered")))
        .order_by()
    )
    return {row["relationship"]: (row["sent"], row["answered"]) for row in rows}


def peer_items(questionnaire_id: int) -> list[str]:
    """The codes of what peers rate, in order: the peer page's own items (one home)."""
    return [item.code for item in peer_selectors.peer_items(questionnaire_id)]


def network_figures(audit: Audit) -> NetworkFigures:
    contacts = Contact.objects.filter(owner_id=audit.owner_id)
    totals = contacts.aggregate(
        total=Count("pk"),
        champions=Count("pk", filter=CHAMPION),
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
        champion_names=tuple(
            champions_queryset(audit.owner_id).values_list("full_name", flat=True)[:CHAMPION_NAMES]
        ),
    )


def scoring_inputs(audit: Audit) -> Inputs:
    """Everything the pure engine and rules read, from RELEASED answers only."""
    items = peer_items(audit.questionnaire_id)
    by_group = requests_by_group(audit.pk)
    sent = sum(requested for requested, _answered in by_group.values())
    groups = peer_groups(audit.pk, items)
    peer = (
        asdict(
            summarise_counts(
                requests_sent=sent,
                groups=groups,
                items=items,
                k=settings.FEEDBACK_RELEASE_K,
                requests_by_group=by_group,
            )
        )
        if sent or groups
        else None
    )
    structure = dict(
        Dimension.objects.filter(pillar__questionnaire_id=audit.questionnaire_id)
        .order_by("pillar__position", "position")
        .values_list("code", "pillar__code")
    )
    answers = {}
    if audit.is_submitted:
        kinds = dict(audit.answers.values_list("question__code", "question__kind"))
        answers = {
            a.question.code: a.raw_value(kinds[a.question.code])
            for a in audit.answers.select_related("question", "choice")
        }
    objective = audit.objective
    today = timezone.localdate()
    days_left = (objective.deadline - today).days
    return Inputs(
        self_scores=audit.self_scores,
        answers={k: v for k, v in answers.items() if v is not None},
        peer=peer,
        network=network_figures(audit),
        objective=ObjectiveFigures(
            measurable=bool(objective.target_quantity and objective.target_unit) and days_left > 0,
            days_left=days_left,
            kind=objective.kind,
            deadline=objective.deadline.isoformat(),
        ),
        structure=structure,
        external_review=_external_review(audit),
        today=today.isoformat(),
        evidence=evidence_figures(audit.owner_id),
    )


def recommendation_labels(questionnaire_id: int) -> dict[str, dict[str, str]]:
    """Names of roles, sectors, pillars, dimensions and relationship groups in both languages,
    and the advice for each absent profile (from its one catalogue, contacts.absence_texts),
    for the recommendation texts."""
    from django.utils import translation

    from audits.feedback.models import Relationship
    from contacts.taxonomy import RoleCategory, Sector

    parts = [
        *Pillar.objects.filter(questionnaire_id=questionnaire_id).values_list(
            "code", "name_fr", "name_en"
        ),
        *Dimension.objects.filter(pillar__questionnaire_id=questionnaire_id).values_list(
            "code", "name_fr", "name_en"
        ),
    ]
    labels: dict[str, dict[str, str]] = {}
    for language in ("fr", "en"):
        with translation.override(language):
            names = {
                str(k): str(v)
                for k, v in [*RoleCategory.choices, *Sector.choices, *Relationship.choices]
            }
            names.update({f"advice:role:{code}": role_action(code) for code in RoleCategory})
            names.update({f"advice:sector:{code}": sector_action(code) for code in Sector})
        names.update({code: fr if language == "fr" else en for code, fr, en in parts})
        labels[language] = names
    return labels


def _fingerprint(inputs: Inputs) -> str:
    fields = asdict(inputs)
    if not fields["evidence"]:  # audits without own data keep the fingerprint they had
        del fields["evidence"]
    payload = json.dumps(fields, sort_keys=True, default=str)
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
    priorities = plan_priorities(findings, inputs, reputation)
    fingerprint = _fingerprint(inputs)
    figures = {
        "reputation": asdict(reputation),
        "peer": inputs.peer,
        "network": asdict(inputs.network),
        "objective": asdict(inputs.objective),
    }
    if inputs.evidence:
        figures["evidence"] = evidence_snapshot(inputs, reputation)
    with transaction.atomic():
        Audit.objects.filter(pk=audit_id).update(peer_summary=inputs.peer)
        snapshot, created = ScoreSnapshot.objects.get_or_create(
            audit_id=audit_id,
            algorithm=ALGORITHM,
            inputs_hash=fingerprint,
            defaults={
                "overall": reputation.overall,
                "confidence": reputation.confidence,
                "figures": json.loads(json.dumps(figures, default=str)),
            },
        )
        if not created:
            # The inputs went back to an earlier state (own data deleted, an answer undone):
            # that snapshot is the current one again, so it must read as the latest, which
            # every page takes by computed_at.
            latest = (
                ScoreSnapshot.objects.filter(audit_id=audit_id)
                .order_by("-computed_at", "-id")
                .values_list("pk", flat=True)
                .first()
            )
            if latest != snapshot.pk:
                snapshot.computed_at = timezone.now()
                snapshot.save(update_fields=["computed_at"])
        _store_recommendations(audit_id, findings, priorities)
    return snapshot


def _store_recommendations(audit_id: int, findings, priorities) -> None:
    """Upsert what the rules found. The user's status (done, dismissed) is never touched, so
    an action marked done stays done across compiles; one the rules no longer find is kept,
    inactive. A suggested date, once given, is kept while the action stays active: a compile
    the next day must not push it back."""
    seen = set()
    dated = dict(
        ((code, key), due)
        for code, key, due in Recommendation.objects.filter(
            audit_id=audit_id, active=True, due_on__isnull=False
        ).values_list("code", "key", "due_on")
    )
    for finding, (priority, due_on) in zip(findings, priorities, strict=True):
        seen.add((finding.code, finding.key))
        suggested = datetime.date.fromisoformat(due_on) if due_on else None
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
                "step": finding.step,
                "priority": priority,
                "due_on": dated.get((finding.code, finding.key)) or suggested,
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
