"""Corrections the professional makes to their contacts."""

from django.db import transaction

from accounts.models import User
from contacts.merging import email_key, name_key, url_key
from contacts.models import Contact


@transaction.atomic
def contact_update(*, contact: Contact, **fields) -> Contact:
    # Compare with what is stored: a ModelForm has already copied its values onto `contact`.
    stored = Contact.objects.values("role_category", "sector").get(pk=contact.pk)
    if fields.get("role_category", stored["role_category"]) != stored["role_category"]:
        contact.category_set_by_user = True
    if fields.get("sector", stored["sector"]) != stored["sector"]:
        contact.sector_set_by_user = True
    for name, value in fields.items():
        setattr(contact, name, value)
    contact.url_key = url_key(contact.profile_url)
    contact.email_key = email_key(contact.email)
    contact.name_key = name_key(contact.full_name, contact.company)
    contact.full_clean()
    contact.save()
    return contact


@transaction.atomic
def contacts_bulk_update(*, owner: User, ids: list[int], changes: dict[str, str]) -> int:
    """Set category, sector and/or relationship on many contacts of one owner at once."""
    if not changes:
        return 0
    values = dict(changes)
    if "role_category" in values:
        values["category_set_by_user"] = True
    if "sector" in values:
        values["sector_set_by_user"] = True
    return Contact.objects.filter(owner=owner, pk__in=ids).update(**values)


@transaction.atomic
def contacts_delete(*, owner: User, ids: list[int] | None = None) -> int:
    """Delete some (or, with ids=None, all) contacts of one owner; requests keep their name."""
    contacts = Contact.objects.filter(owner=owner)
    if ids is not None:
        contacts = contacts.filter(pk__in=ids)
    deleted, _by_model = contacts.delete()
    return deleted
