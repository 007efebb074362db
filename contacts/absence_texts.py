"""What to say to the professional: actions for absence zones, reasons for refused files."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from contacts.alignment import Zone
from contacts.taxonomy import RoleCategory, Sector

ROLE_ACTIONS = {
    "recruiter": gettext_lazy(
        "Follow the recruiters of the companies you target and answer their posts before "
        "asking for anything; ask a former manager to introduce you to one of them."
    ),
    "investor": gettext_lazy(
        "Attend a start-up or business-angel event, and ask your banker or accountant for an "
        "introduction to one investor who funds your kind of project."
    ),
    "executive": gettext_lazy(
        "Reach decision makers through people they trust: ask a shared contact for an "
        "introduction rather than soliciting them directly."
    ),
    "client": gettext_lazy(
        "Take part in the groups and events where your future clients discuss their problems; "
        "help first, sell later."
    ),
    "supplier": gettext_lazy(
        "Ask your peers which suppliers they trust and meet two or three of them at a trade "
        "fair or over a call."
    ),
    "peer": gettext_lazy(
        "Join a professional association or community of your trade and comment on the work "
        "of peers you respect."
    ),
    "mentor": gettext_lazy(
        "Ask someone a few steps ahead of you for one conversation a quarter; a mentoring "
        "programme of your school or federation is a good start."
    ),
    "journalist": gettext_lazy(
        "Share useful expertise publicly and reply to the journalists and authors of your "
        "field when they ask for sources."
    ),
    "other": gettext_lazy("Say in one sentence who you are looking for, and ask your champions."),
}
SECTOR_ACTION = gettext_lazy(
    "Your network barely reaches the %(sector)s sector: find one event, group or association "
    "of that sector and meet people there, online and offline."
)

IMPORT_ERRORS = {
    "empty": gettext_lazy("The file is empty."),
    "binary": gettext_lazy(
        "This file is not a text or ZIP export (it looks like an image or a program)."
    ),
    "encoding": gettext_lazy(
        "The file's text encoding could not be read. Save it as UTF-8 and try again."
    ),
    "too_large": gettext_lazy("The file is too large for an import."),
    "too_many_rows": gettext_lazy("The file has too many rows for one import (50,000 at most)."),
    "zip_without_connections": gettext_lazy(
        "This ZIP has no Connections.csv. Download the LinkedIn export with your connections "
        "(Settings → Data privacy → Get a copy of your data)."
    ),
    "zip_bomb": gettext_lazy(
        "This ZIP expands to far more data than a contact export can hold; it was refused."
    ),
    "bad_zip": gettext_lazy("This ZIP file is damaged or incomplete."),
    "not_csv": gettext_lazy("This file does not look like a CSV file."),
    "no_header": gettext_lazy("The columns of this file could not be found. Check its first line."),
    "bad_vcard": gettext_lazy("No contact card could be read from this vCard file."),
    "unknown_format": gettext_lazy("This file format is not supported."),
    "internal": gettext_lazy("The import failed on our side. Please try again later."),
    "abandoned": gettext_lazy(
        "The columns of this file were never chosen, so the file was deleted, as every "
        "uploaded file is. Upload it again to import it."
    ),
}


ROW_PROBLEMS = {
    "anonymous": gettext_lazy("no name, email or profile URL"),
    "unreadable": gettext_lazy("could not be read"),
}
CARD_PROBLEMS = {
    "not_closed": gettext_lazy("the card has no END:VCARD line"),
    "too_many_lines": gettext_lazy("the card has too many lines"),
    "unreadable_line": gettext_lazy("a line is not a vCard property"),
    "malformed": gettext_lazy("the card is malformed"),
}


def row_error_text(error: dict) -> str:
    """A row left out by an import (RowError.as_dict(), as kept in ContactImport.errors), in
    the active language. Imports made before errors had codes kept only an English message:
    shown as it is."""
    problem = ROW_PROBLEMS.get(error.get("code", ""))
    if problem is None:
        return str(error.get("message", ""))
    if error.get("detail") in CARD_PROBLEMS:
        problem = f"{problem} ({CARD_PROBLEMS[error['detail']]})"
    if error.get("unit") == "card":
        return _("Card %(number)s: %(problem)s") % {"number": error["row"], "problem": problem}
    return _("Row %(number)s: %(problem)s") % {"number": error["row"], "problem": problem}


def role_action(code: str) -> str:
    """The advice for a missing kind of profile, in the active language: the one wording that
    the network page, the recommendations and the report all show."""
    return str(ROLE_ACTIONS.get(code, ROLE_ACTIONS["other"]))


def sector_action(code: str) -> str:
    return str(SECTOR_ACTION) % {"sector": str(dict(Sector.choices).get(code, code))}


def action_for(zone: Zone) -> str:
    if not zone.is_gap:
        return ""
    return role_action(zone.code) if zone.kind == "role" else sector_action(zone.code)


def import_error_message(code: str) -> str:
    return str(IMPORT_ERRORS.get(code, _("The file could not be imported.")))


def zone_label(zone: Zone) -> str:
    labels = dict(RoleCategory.choices) if zone.kind == "role" else dict(Sector.choices)
    return str(labels.get(zone.code, zone.code))


def labelled_zones(alignment) -> list[tuple[Zone, str, str]]:
    """Each zone with its name and the action it calls for, as every page shows them."""
    return [(zone, zone_label(zone), action_for(zone)) for zone in alignment.zones]
