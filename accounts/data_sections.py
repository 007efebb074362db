"""The accounts app's own entries in the personal-data registry (accounts.personal_data)."""

from django.contrib.sessions.models import Session
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts import personal_data
from accounts.models import Activity, ConsultantProfile, User

# Stored in other people's activity logs in place of an erased person's name or address
# (the log is shown in the reader's language; this text is stored, so it stays neutral).
ERASED_PERSON = "a deleted account"


@personal_data.section(
    "account",
    models=[User, ConsultantProfile],
    descriptions={"account": _("your account: email, name, language, role, date joined.")},
    order=0,
)
def export_account(user: User) -> dict:
    data = {
        "email": user.email,
        "full_name": user.full_name,
        "language": user.language,
        "is_consultant": user.is_consultant,
        "date_joined": user.date_joined.isoformat(),
        "past_employers": user.past_employers,
    }
    # A consultant's profile, where there is one (flat: one row in account.csv).
    profile = ConsultantProfile.objects.filter(user=user).first()
    if profile is not None:
        for name in ("headline", "organisation", "bio", "website", "profile_url", "past_employers"):
            data[f"consultant_{name}"] = getattr(profile, name)
    return data


@personal_data.section(
    "activity",
    models=[Activity],
    descriptions={
        "activity": _(
            "the activity log: sensitive actions on your account, by you or a consultant."
        )
    },
    order=900,
)
def export_activity(user: User) -> list[dict]:
    return list(
        Activity.objects.filter(subject=user).values(
            "action", "detail", "actor__email", "created_at"
        )
    )


@personal_data.eraser(order=900)
def scrub_other_logs(user: User) -> None:
    """Other people's logs keep the event, not the erased person's name or address."""
    names = {value for value in (user.full_name.strip(), user.email) if value}
    if not names:
        return
    mentions = Q()
    for value in names:
        mentions |= Q(detail__icontains=value)
    for entry in Activity.objects.exclude(subject=user).filter(mentions | Q(actor=user)):
        detail = entry.detail
        for value in sorted(names, key=len, reverse=True):
            detail = _replace_insensitive(detail, value, ERASED_PERSON)
        if detail != entry.detail:
            entry.detail = detail
            entry.save(update_fields=["detail"])


@personal_data.eraser(order=950)
def end_sessions(user: User) -> None:
    """Every browser signed in to the account is signed out, not only the one erasing it."""
    key = str(user.pk)
    stale = [
        session.pk
        for session in Session.objects.iterator(chunk_size=2000)
        if session.get_decoded().get("_auth_user_id") == key
    ]
    Session.objects.filter(pk__in=stale).delete()


def _replace_insensitive(text: str, old: str, new: str) -> str:
    lowered, target = text.lower(), old.lower()
    out, start = [], 0
    while (found := lowered.find(target, start)) != -1:
        out.append(text[start:found])
        out.append(new)
        start = found + len(old)
    out.append(text[start:])
    return "".join(out)
