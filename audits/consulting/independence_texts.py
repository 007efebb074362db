"""How a match is worded, for the consultant and for the client (each sees the same facts)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from audits.consulting.independence import EMAIL, NAME_COMPANY, OTHER_EMAIL, PROFILE_URL

# The relationship the client set on the contact (contacts.models.Relationship).
AS_RELATIONSHIP = {
    "family": gettext_lazy("as family"),
    "friend": gettext_lazy("as a friend"),
    "former_colleague": gettext_lazy("as a former colleague"),
    "colleague": gettext_lazy("as a colleague"),
    "client": gettext_lazy("as a client"),
    "supplier": gettext_lazy("as a supplier"),
    "manager": gettext_lazy("as a manager"),
    "network": gettext_lazy("as a network contact"),
}

FOR_CONSULTANT = {
    EMAIL: gettext_lazy("a contact with your email address"),
    OTHER_EMAIL: gettext_lazy("a contact with your email address among their other addresses"),
    PROFILE_URL: gettext_lazy("a contact with your profile URL"),
    NAME_COMPANY: gettext_lazy("a contact with your name and one of your employers"),
}

FOR_CLIENT = {
    EMAIL: gettext_lazy("same email address"),
    OTHER_EMAIL: gettext_lazy("their email address is among this contact's other addresses"),
    PROFILE_URL: gettext_lazy("same profile URL"),
    NAME_COMPANY: gettext_lazy("same name and company"),
}


def for_consultant(match: dict) -> str:
    why = FOR_CONSULTANT.get(match.get("key"), "")
    relation = AS_RELATIONSHIP.get(match.get("relationship") or "")
    if relation:
        return _("You appear in the client's contacts %(as)s: %(why)s.") % {
            "as": relation,
            "why": why,
        }
    return _("You appear in the client's contacts: %(why)s.") % {"why": why}


def for_client(match: dict, contact_name: str | None) -> str:
    why = FOR_CLIENT.get(match.get("key"), "")
    relation = AS_RELATIONSHIP.get(match.get("relationship") or "")
    name = contact_name or _("A contact since deleted")
    if relation:
        return _("%(contact)s is in your contacts %(as)s: %(why)s.") % {
            "contact": name,
            "as": relation,
            "why": why,
        }
    return _("%(contact)s is in your contacts: %(why)s.") % {"contact": name, "why": why}


def shared_employers_notice(employers: list[str], *, audience: str) -> str:
    names = ", ".join(employers)
    if audience == "client":
        return _(
            "You and this consultant both list %(employers)s among your employers: you may "
            "have worked together."
        ) % {"employers": names}
    return _(
        "You and your client both list %(employers)s among your employers: you may have "
        "worked together."
    ) % {"employers": names}
