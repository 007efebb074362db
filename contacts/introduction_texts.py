"""What the introductions page says: each reason in words, and the draft request to copy or send.

In the active language (the reader's): the caller wraps it in translation.override to write in
another one.
"""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from contacts.introductions import Reason
from contacts.models import Network
from contacts.taxonomy import RoleCategory, Sector


def _role(code: str) -> str:
    return str(dict(RoleCategory.choices).get(code, code))


def _sector(code: str) -> str:
    return str(dict(Sector.choices).get(code, code))


def reason_text(reason: Reason) -> str:
    d = reason.detail
    if reason.code == "champion":
        return ngettext(
            "A champion: %(count)d two-way conversation with you",
            "A champion: %(count)d two-way conversations with you",
            d["count"],
        ) % {"count": d["count"]}
    if reason.code == "same_profile" and "role" in d:
        return _("Already one of your “%(role)s” contacts: knows others of that profile") % {
            "role": _role(d["role"])
        }
    if reason.code == "same_profile":
        return _("Works in the sector “%(sector)s”: knows people there") % {
            "sector": _sector(d["sector"])
        }
    if reason.code == "target_sector":
        return _("Works in “%(sector)s”, a sector your objective needs") % {
            "sector": _sector(d["sector"])
        }
    if reason.code == "knows_the_profile":
        return _("As “%(role)s”, often close to “%(zone)s”") % {
            "role": _role(d["role"]),
            "zone": _role(d["zone"]),
        }
    if reason.code == "several_networks":
        names = dict(Network.choices)
        return _("On several of your networks (%(networks)s): a relation kept up") % {
            "networks": ", ".join(str(names.get(code, code)) for code in d["networks"])
        }
    return reason.code


def zone_name(kind: str, code: str) -> str:
    return _role(code) if kind == "role" else _sector(code)


def draft_text(*, first_name: str, owner_name: str, zone_kind: str, zone_code: str,
               objective_title: str) -> str:  # fmt: skip
    """A short, personal request for one introduction, to copy or to send by email."""
    if zone_kind == "role":
        sought = _("someone of the profile “%(profile)s”") % {"profile": _role(zone_code)}
    else:
        sought = _("someone working in “%(sector)s”") % {"sector": _sector(zone_code)}
    greeting = _("Hello %(name)s,") % {"name": first_name} if first_name else _("Hello,")
    body = _(
        "I am working on a goal that matters to me: %(objective)s. To get there I would like "
        "to meet %(sought)s, and I thought you might know the right person."
    ) % {"objective": objective_title, "sought": sought}
    ask = _(
        "Would you be willing to introduce me to one person? A short message from you would "
        "mean a lot; I can send you a few lines about me to forward. And if no one comes to "
        "mind, no problem at all."
    )
    thanks = _("Thank you, and see you soon,")
    return f"{greeting}\n\n{body}\n\n{ask}\n\n{thanks}\n{owner_name}"
