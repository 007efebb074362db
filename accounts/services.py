"""Writes on users and consultant profiles."""

from django.db import transaction

from accounts import personal_data
from accounts.models import ConsultantProfile, User


@transaction.atomic
def user_update_profile(
    *, user: User, full_name: str, language: str, past_employers: str | None = None
) -> User:
    user.full_name = full_name.strip()
    user.language = language
    fields = ["full_name", "language"]
    if past_employers is not None:
        user.past_employers = past_employers.strip()
        fields.append("past_employers")
    user.full_clean(exclude=["password"])
    user.save(update_fields=fields)
    return user


@transaction.atomic
def user_set_language(*, user: User, language: str) -> None:
    if user.language != language:
        user.language = language
        user.save(update_fields=["language"])


@transaction.atomic
def user_become_consultant(*, user: User) -> ConsultantProfile:
    """Flag the user as a consultant; their profile is created once and kept."""
    if not user.is_consultant:
        user.is_consultant = True
        user.save(update_fields=["is_consultant"])
    profile, _created = ConsultantProfile.objects.get_or_create(user=user)
    return profile


@transaction.atomic
def user_ensure_verified(
    *, email: str, password: str, full_name: str, language: str = "fr", is_consultant: bool = False
) -> tuple[User, bool]:
    """Create (or reset) a login-ready account whose email is already verified.

    Used by the demo seed: running it twice leaves one account with the known password.
    """
    from allauth.account.models import EmailAddress

    email = email.lower()
    user, created = User.objects.get_or_create(
        email=email, defaults={"full_name": full_name, "language": language}
    )
    user.full_name = full_name
    user.language = language
    user.is_active = True
    user.set_password(password)
    user.save()
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    if is_consultant:
        user_become_consultant(user=user)
    return user, created


@transaction.atomic
def user_erase(*, user: User) -> None:
    """Erase an account and everything it owns (see docs/privacy.md).

    Each app's registered eraser runs first (accounts.personal_data), then deleting the user
    cascades to what is left. Kept: the opt-out list of peers (hashes of the emails of people
    who asked never to be asked again: theirs, not this user's) and the clients' published
    reviews a consultant wrote, shown as written by a former consultant.
    """
    personal_data.erase_user(user)
