"""The independence check, stored: run at the invitation and again at the acceptance.

The matching itself is audits/consulting/independence.py (pure); this module gathers what
the product knows about the consultant and the client's contacts, and keeps the result on the
engagement (IndependenceCheck) for both sides to read.
"""

from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import ConsultantProfile
from audits.consulting import independence
from audits.consulting.independence_texts import (
    for_client,
    for_consultant,
    shared_employers_notice,
)
from audits.consulting.models import Engagement, IndependenceCheck
from contacts.models import Contact

EXPLANATION_MAX = IndependenceCheck._meta.get_field("explanation").max_length


def consultant_identity(engagement: Engagement) -> independence.Consultant:
    user = engagement.consultant
    emails = {engagement.invited_email} - {""}
    if user is None:
        return independence.Consultant(emails=tuple(emails))
    emails |= {user.email}
    emails |= set(EmailAddress.objects.filter(user=user).values_list("email", flat=True))
    profile = ConsultantProfile.objects.filter(user=user).first()
    urls, employers = (), ()
    if profile is not None:
        urls = tuple(u for u in (profile.profile_url, profile.website) if u)
        employers = tuple(
            e
            for e in (profile.organisation, *independence.employer_list(profile.past_employers))
            if e.strip()
        )
    return independence.Consultant(
        full_name=user.full_name, emails=tuple(sorted(emails)), profile_urls=urls,
        employers=employers,
    )  # fmt: skip


def client_cards(client_id: int):
    rows = Contact.objects.filter(owner_id=client_id).values_list(
        "pk", "full_name", "company", "email", "other_emails", "profile_url", "relationship"
    )
    for pk, name, company, email, others, url, relationship in rows.iterator(chunk_size=2000):
        others = tuple(e for e in (others or []) if isinstance(e, str))
        yield independence.ContactCard(pk, name, company, email, others, url, relationship)


def independence_check(engagement: Engagement) -> IndependenceCheck:
    """Compare the consultant with the client's contacts now, and keep the result."""
    consultant = consultant_identity(engagement)
    matches = independence.find_matches(consultant, client_cards(engagement.client_id))
    shared = independence.shared_employers(
        consultant.employers, independence.employer_list(engagement.client.past_employers)
    )
    check, _created = IndependenceCheck.objects.get_or_create(
        engagement=engagement, defaults={"checked_at": timezone.now()}
    )
    check.matches = [m.as_dict() for m in matches]
    check.shared_employers = shared
    check.checked_at = timezone.now()
    check.status = IndependenceCheck.Status.CONFLICT if matches else IndependenceCheck.Status.CLEAR
    check.save()
    engagement.independence = check
    return check


def independence_explain(*, check: IndependenceCheck, explanation: str) -> IndependenceCheck:
    explanation = explanation.strip()
    if not explanation:
        raise ValidationError(
            _(
                "Your client's contacts include you: explain why your review stays "
                "independent, or decline the invitation."
            )
        )
    if len(explanation) > EXPLANATION_MAX:
        raise ValidationError(
            _("Your explanation is too long: %(max)d characters at most.")
            % {"max": EXPLANATION_MAX}
        )
    check.explanation = explanation
    check.explained_at = timezone.now()
    check.status = IndependenceCheck.Status.EXPLAINED
    check.save(update_fields=["explanation", "explained_at", "status"])
    return check


def check_for(engagement: Engagement) -> IndependenceCheck | None:
    try:
        return engagement.independence
    except IndependenceCheck.DoesNotExist:
        return None


def consultant_notices(check: IndependenceCheck | None) -> tuple[list[str], str]:
    """(one sentence per matching contact, the shared-employers notice) for the consultant."""
    if check is None:
        return [], ""
    notice = ""
    if check.shared_employers:
        notice = shared_employers_notice(check.shared_employers, audience="consultant")
    return [for_consultant(m) for m in check.matches], notice


def client_notices(check: IndependenceCheck | None, names: dict[int, str]) -> tuple[list[str], str]:
    """The same facts for the client, naming their own contacts (`names`: id → name)."""
    if check is None:
        return [], ""
    notice = ""
    if check.shared_employers:
        notice = shared_employers_notice(check.shared_employers, audience="client")
    return [for_client(m, names.get(m.get("contact"))) for m in check.matches], notice


def contact_names(client_id: int, checks) -> dict[int, str]:
    """The names of the contacts the checks point at, in one query."""
    ids = {m.get("contact") for check in checks if check for m in check.matches}
    ids = {i for i in ids if isinstance(i, int)}
    if not ids:
        return {}
    return dict(
        Contact.objects.filter(owner_id=client_id, pk__in=ids).values_list("pk", "full_name")
    )
