"""Start the next audit cycle: a new audit for the same owner and objective, the self-audit
prefilled from the previous one (to confirm or change, section by section), and the people
asked last time proposed again.

The network analysis needs nothing here: every compile reads the owner's contacts as they
are now (audits/scores/services.py), so the new cycle's map is the current one.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from audits.feedback.models import FeedbackOptOut, FeedbackRequest
from audits.feedback.services import CreationResult, Recipient, feedback_requests_create, hash_email
from audits.questionnaires.models import Choice, Question
from audits.questionnaires.services import questionnaire_current
from audits.selfaudit.models import Answer, Audit


class CycleRefused(ValidationError):
    """The audit cannot be followed by a new cycle (not submitted, or already followed)."""


@transaction.atomic
def cycle_start(*, owner: User, previous: Audit) -> Audit:
    """The next cycle after `previous`, its self-audit prefilled; an unfinished next cycle
    already started from it is returned as it is (a double click starts one cycle)."""
    previous = Audit.objects.select_for_update().get(pk=previous.pk)
    if previous.owner_id != owner.pk:
        raise CycleRefused(_("This audit is not yours."))
    if not previous.is_submitted:
        raise CycleRefused(_("Submit this audit before starting the next cycle."))
    following = Audit.objects.filter(previous=previous).order_by("-id").first()
    if following is not None:
        return following
    questionnaire = questionnaire_current()
    if questionnaire is None:
        raise CycleRefused(_("No questionnaire is published yet."))
    audit = Audit.objects.create(
        owner=owner,
        objective=previous.objective,
        questionnaire=questionnaire,
        previous=previous,
        cycle=previous.cycle + 1,
    )
    Answer.objects.bulk_create(_prefilled_answers(previous, audit))
    return audit


def _prefilled_answers(previous: Audit, audit: Audit) -> list[Answer]:
    """The previous answers carried over by question code: a question the new questionnaire
    version no longer has, or whose kind changed, or a choice that is gone, starts empty."""
    questions = {
        q.code: q
        for q in Question.objects.filter(dimension__pillar__questionnaire_id=audit.questionnaire_id)
    }
    choices = {
        (c.question_id, c.code): c
        for c in Choice.objects.filter(question__in=list(questions.values()))
    }
    copied = []
    for old in previous.answers.select_related("question", "choice"):
        question = questions.get(old.question.code)
        if question is None or question.kind != old.question.kind:
            continue
        answer = Answer(
            audit=audit,
            question=question,
            scale_value=old.scale_value,
            bool_value=old.bool_value,
            text_value=old.text_value,
            prefilled=True,
        )
        if old.choice_id is not None:
            answer.choice = choices.get((question.pk, old.choice.code))
            if answer.choice is None:
                continue
        copied.append(answer)
    return copied


@dataclass(frozen=True)
class Proposal:
    """Someone asked in the previous cycle who may be asked again."""

    request: FeedbackRequest  # the previous cycle's request (name, contact, relationship)

    @property
    def key(self) -> str:
        return str(self.request.pk)


def cycle_peer_proposals(audit: Audit) -> list[Proposal]:
    """The previous cycle's people, minus those who declined, opted out (by address or on
    the contact card), or can no longer be reached (forgotten after retention, contact gone
    for a link-only request), and minus those already asked in this cycle. Three queries."""
    if audit.previous_id is None:
        return []
    previous = list(
        FeedbackRequest.objects.filter(audit_id=audit.previous_id)
        .exclude(status=FeedbackRequest.Status.DECLINED)
        .select_related("contact")
        .order_by("name", "email", "id")
    )
    opted_out = set(
        FeedbackOptOut.objects.filter(
            email_hash__in=[hash_email(r.email) for r in previous if r.email]
        ).values_list("email_hash", flat=True)
    )
    asked = set(FeedbackRequest.objects.filter(audit=audit).values_list("email", "contact_id"))
    asked_emails = {email for email, _c in asked if email}
    asked_contacts = {contact for _e, contact in asked if contact}
    proposals, seen = [], set()
    for request in previous:
        contact = request.contact
        if request.email and hash_email(request.email) in opted_out:
            continue
        if contact is not None and contact.feedback_opted_out:
            continue
        if not request.email and contact is None:
            continue  # a copied link to a contact card that is gone: nobody to ask
        if request.email in asked_emails or (contact is not None and contact.pk in asked_contacts):
            continue
        identity = request.email or f"contact:{contact.pk}"
        if identity in seen:
            continue
        seen.add(identity)
        proposals.append(Proposal(request))
    return proposals


@transaction.atomic
def cycle_ask_again(*, audit: Audit, proposals: list[Proposal], message: str) -> CreationResult:
    """Ask the chosen people of the previous cycle again, each under the relationship and in
    the language of their previous request; the usual rules (opt-outs, duplicates, daily
    limit) apply through feedback_requests_create."""
    groups: dict[tuple[str, str], list[Recipient]] = {}
    for proposal in proposals:
        old = proposal.request
        contact = old.contact
        email = old.email or (contact.email if contact is not None else "")
        groups.setdefault((old.relationship, old.language), []).append(
            Recipient(email=email, name=old.name, contact=contact)
        )
    total = CreationResult(created=[], opted_out=[], duplicates=[])
    for (relationship, language), recipients in groups.items():
        result = feedback_requests_create(
            audit=audit,
            recipients=recipients,
            relationship=relationship,
            message=message,
            language=language,
        )
        total.created += result.created
        total.opted_out += result.opted_out
        total.duplicates += result.duplicates
        total.over_limit += result.over_limit
    return total
