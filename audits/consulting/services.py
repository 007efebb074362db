"""Engagements of independent consultants and their reviews."""

import datetime
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.activity import activity_record
from accounts.models import Activity, User
from audits.consulting.independence_services import (
    check_for,
    independence_check,
    independence_explain,
)
from audits.consulting.models import Engagement, Review, ReviewPillar, ReviewRecommendation
from audits.feedback.services import hash_token
from audits.questionnaires.models import Pillar
from audits.scores.services import schedule_compile
from audits.selfaudit.models import Audit
from config.links import absolute_url
from config.text import single_line

OPEN_STATUSES = (Engagement.Status.INVITED, Engagement.Status.ACTIVE)


def _rescore_client(engagement: Engagement) -> None:
    """An engagement that starts or ends changes the outside view the scores rules read."""
    for audit_id in Audit.objects.filter(owner_id=engagement.client_id).values_list(
        "pk", flat=True
    ):
        schedule_compile(audit_id=audit_id)


def _notify(engagement: Engagement, kind: str) -> None:
    """Email the other side, and log the change where both sides can see it."""
    from audits.consulting.tasks import send_engagement_email

    send_engagement_email.delay_on_commit(engagement.pk, kind)
    action = (
        Activity.Action.REVIEW_PUBLISHED
        if kind == "review_published"
        else Activity.Action.ENGAGEMENT_CHANGED
    )
    # The other side is the entry's actor, shown by name while the account exists: the detail
    # holds no name, so an erased account leaves no trace in the other person's log.
    activity_record(
        subject=engagement.client, actor=engagement.consultant, action=action, detail=kind
    )
    if engagement.consultant is not None:
        activity_record(
            subject=engagement.consultant, actor=engagement.client, action=action, detail=kind
        )


@transaction.atomic
def engagement_invite(
    *, client: User, email: str, message: str = "", share_contacts: bool = False
) -> Engagement:
    email = email.strip().lower()
    if email == client.email:
        raise ValidationError(_("You cannot engage yourself: the review must be independent."))
    if Engagement.objects.filter(
        client=client, invited_email=email, status__in=OPEN_STATUSES
    ).exists():
        raise ValidationError(_("This consultant is already invited or engaged."))
    consultant = User.objects.filter(email__iexact=email, is_consultant=True).first()
    engagement = Engagement.objects.create(
        client=client,
        consultant=consultant,
        invited_email=email,
        message=message.strip(),
        share_contacts=share_contacts,
        # A placeholder nobody holds; the emailed token replaces it (see engagement_email).
        token_hash=hash_token(secrets.token_urlsafe(32)),
        expires_at=timezone.now() + datetime.timedelta(days=settings.CONSULTANT_INVITATION_DAYS),
    )
    independence_check(engagement)  # shown to the client at once (issue 20)
    _notify(engagement, "invitation")
    return engagement


def engagement_for_token(token: str) -> Engagement | None:
    return (
        Engagement.objects.select_related("client")
        .filter(token_hash=hash_token(token), status=Engagement.Status.INVITED)
        .first()
    )


@transaction.atomic
def engagement_claim(*, engagement: Engagement, consultant: User) -> Engagement:
    """A consultant who followed the invitation link takes the invitation as theirs."""
    if not consultant.is_consultant:
        raise ValidationError(_("Only a consultant account can accept an engagement."))
    if consultant.pk == engagement.client_id:
        raise ValidationError(_("You cannot engage yourself: the review must be independent."))
    if engagement.expires_at <= timezone.now():
        raise ValidationError(_("This invitation has expired; ask your client for a new one."))
    if engagement.consultant_id not in (None, consultant.pk):
        raise ValidationError(_("This invitation was already taken by another consultant."))
    engagement.consultant = consultant
    # The link is spent: a new one is needed to take it again.
    engagement.token_hash = hash_token(secrets.token_urlsafe(32))
    engagement.save(update_fields=["consultant", "token_hash"])
    return engagement


@transaction.atomic
def engagement_accept(
    *, engagement: Engagement, consultant: User, not_relative: bool, not_friend: bool,
    not_former_colleague: bool, explanation: str = "",
) -> Engagement:  # fmt: skip
    if engagement.consultant_id != consultant.pk or engagement.status != Engagement.Status.INVITED:
        raise ValidationError(_("This invitation is not open for you."))
    if getattr(check_for(engagement), "status", None) == "explained":
        raise ValidationError(_("Your explanation waits for your client's approval."))
    # Checked again now that the consultant's account and profile are known (issue 20).
    check = independence_check(engagement)
    if check.blocks_access:
        return _accept_with_explanation(
            engagement, check, explanation, (not_relative, not_friend, not_former_colleague)
        )
    if not (not_relative and not_friend and not_former_colleague):
        raise ValidationError(
            _(
                "The review must be independent: you can accept only if you are neither a "
                "relative, a friend nor a former colleague of your client."
            )
        )
    engagement.not_relative = engagement.not_friend = engagement.not_former_colleague = True
    engagement.independence_declared_at = timezone.now()
    engagement.status = Engagement.Status.ACTIVE
    engagement.save()
    _rescore_client(engagement)
    _notify(engagement, "accepted")
    return engagement


@transaction.atomic
def engagement_decline(*, engagement: Engagement, consultant: User) -> None:
    if engagement.consultant_id == consultant.pk and engagement.status == Engagement.Status.INVITED:
        engagement.status = Engagement.Status.DECLINED
        engagement.ended_at = timezone.now()
        engagement.save(update_fields=["status", "ended_at"])
        _notify(engagement, "declined")


@transaction.atomic
def engagement_revoke(*, engagement: Engagement, client: User) -> None:
    """The client takes access back, at once."""
    if engagement.client_id == client.pk and engagement.status in OPEN_STATUSES:
        engagement.status = Engagement.Status.REVOKED
        engagement.ended_at = timezone.now()
        engagement.save(update_fields=["status", "ended_at"])
        _rescore_client(engagement)
        if engagement.consultant_id:
            _notify(engagement, "revoked")


@transaction.atomic
def engagement_end(*, engagement: Engagement, consultant: User) -> None:
    if engagement.consultant_id == consultant.pk and engagement.is_active:
        engagement.status = Engagement.Status.ENDED
        engagement.ended_at = timezone.now()
        engagement.save(update_fields=["status", "ended_at"])
        _rescore_client(engagement)
        _notify(engagement, "ended")


@transaction.atomic
def engagement_share_contacts(*, engagement: Engagement, client: User, share: bool) -> None:
    if engagement.client_id == client.pk:
        engagement.share_contacts = share
        engagement.save(update_fields=["share_contacts"])


def review_for(*, engagement: Engagement, audit: Audit) -> Review:
    review, _created = Review.objects.get_or_create(engagement=engagement, audit=audit)
    return review


@transaction.atomic
def review_save(
    *, review: Review, findings: str, ratings: dict[str, tuple[int | None, str]],
    recommendations: list[str],
) -> Review:  # fmt: skip
    if review.is_published:
        raise ValidationError(_("A published review can no longer be changed."))
    codes = set(
        Pillar.objects.filter(questionnaire_id=review.audit.questionnaire_id).values_list(
            "code", flat=True
        )
    )
    if set(ratings) - codes:
        raise ValidationError(_("Unknown pillar."))
    review.findings = findings.strip()
    review.save(update_fields=["findings", "updated_at"])
    for code, (rating, comment) in ratings.items():
        ReviewPillar.objects.update_or_create(
            review=review, pillar=code, defaults={"rating": rating, "comment": comment.strip()}
        )
    review.recommendations.all().delete()
    ReviewRecommendation.objects.bulk_create(
        ReviewRecommendation(review=review, text=text.strip(), position=i)
        for i, text in enumerate(recommendations)
        if text.strip()
    )
    return review


@transaction.atomic
def review_publish(*, review: Review) -> Review:
    if review.is_published:
        return review
    if not review.findings and not review.pillars.exclude(rating=None).exists():
        raise ValidationError(_("Write your findings or rate at least one pillar first."))
    review.status = Review.Status.PUBLISHED
    review.published_at = timezone.now()
    review.save(update_fields=["status", "published_at"])
    _notify(review.engagement, "review_published")
    return review


def review_mark_read(*, review: Review) -> None:
    Review.objects.filter(pk=review.pk, read_at=None).update(read_at=timezone.now())


def review_acknowledge(*, review: Review, recommendation_id: int) -> None:
    ReviewRecommendation.objects.filter(
        pk=recommendation_id, review=review, acknowledged_at=None
    ).update(acknowledged_at=timezone.now())


def engagement_email(*, engagement_id: int, kind: str) -> bool:
    """Send one engagement notification (the task's body); invitations carry a fresh link."""
    engagement = Engagement.objects.select_related("client", "consultant").get(pk=engagement_id)
    if kind in ("invitation",):
        recipient = engagement.consultant or None
        to = engagement.invited_email
        language = recipient.language if recipient else engagement.client.language
    elif kind in ("revoked", "approved"):
        to, language = engagement.consultant.email, engagement.consultant.language
    else:
        to, language = engagement.client.email, engagement.client.language
    context = {"engagement": engagement, "kind": kind, "site": settings.SITE_URL}
    if kind == "invitation" and engagement.consultant is None:
        token = secrets.token_urlsafe(32)
        Engagement.objects.filter(pk=engagement.pk).update(token_hash=hash_token(token))
        context["url"] = absolute_url("consulting:invitation", token)
    else:
        context["url"] = absolute_url(
            "consulting:workspace"
            if kind in ("invitation", "revoked", "approved")
            else "audits:consultants"
        )
    with translation.override(language):
        # One header line, whatever the names hold.
        subject = single_line(render_to_string("consulting/email/subject.txt", context))
        body = render_to_string("consulting/email/body.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to])
    return True


# --- Independence: a match in the client's contacts (issue 20) ------------------------------


def _accept_with_explanation(engagement, check, explanation: str, declared) -> Engagement:
    """The client's contacts include the consultant: they accept with an explanation, which
    the client must approve before access starts (the engagement stays INVITED till then)."""
    independence_explain(check=check, explanation=explanation)
    engagement.not_relative, engagement.not_friend, engagement.not_former_colleague = map(
        bool, declared
    )
    engagement.independence_declared_at = timezone.now()
    engagement.save(
        update_fields=[
            "not_relative", "not_friend", "not_former_colleague", "independence_declared_at"
        ]
    )  # fmt: skip
    _notify(engagement, "explained")
    return engagement


@transaction.atomic
def engagement_approve_independence(*, engagement: Engagement, client: User) -> Engagement:
    """The client read the consultant's explanation and lets the engagement start."""
    from audits.consulting.models import IndependenceCheck

    check = IndependenceCheck.objects.select_for_update().filter(engagement=engagement).first()
    if (
        engagement.client_id != client.pk
        or engagement.status != Engagement.Status.INVITED
        or engagement.consultant_id is None
        or check is None
        or check.status != IndependenceCheck.Status.EXPLAINED
    ):
        raise ValidationError(_("There is no explanation waiting for your approval."))
    check.status = IndependenceCheck.Status.APPROVED
    check.approved_at = timezone.now()
    check.save(update_fields=["status", "approved_at"])
    engagement.status = Engagement.Status.ACTIVE
    engagement.save(update_fields=["status"])
    _rescore_client(engagement)
    _notify(engagement, "approved")
    return engagement
