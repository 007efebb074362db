"""Is the invited consultant someone the client knows? A pure comparison, no ORM.

The seed article 001 wants the review done by an outsider: neither a relative, a friend nor a
former colleague. The product holds the client's contacts, so the consultant is compared with
each of them on the keys contacts use to merge people (contacts.merging: profile URL, any
email, name + company), and the relationship the client set on that contact says what kind of
tie it is. A name alone is never a match (two people share a name; nobody shares an email).

Shared employers (the consultant's and the client's, current or past) are a notice, not a
conflict: they say the two may have worked together, not that they did.
"""

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from contacts.merging import email_key, fold, url_key

EMAIL = "email"
OTHER_EMAIL = "other_email"
PROFILE_URL = "profile_url"
NAME_COMPANY = "name_company"
# Strongest first: a contact is reported once, under the first key it matches.
KEYS = (PROFILE_URL, EMAIL, OTHER_EMAIL, NAME_COMPANY)


@dataclass(frozen=True)
class Consultant:
    """The consultant as the product knows them (an invitation by email knows only that)."""

    full_name: str = ""
    emails: tuple[str, ...] = ()
    profile_urls: tuple[str, ...] = ()
    employers: tuple[str, ...] = ()  # the current organisation and past employers


@dataclass(frozen=True)
class ContactCard:
    """What a client's contact says about a person (a contacts.models.Contact, read)."""

    id: int
    full_name: str = ""
    company: str = ""
    email: str = ""
    other_emails: tuple[str, ...] = ()
    profile_url: str = ""
    relationship: str = ""


@dataclass(frozen=True)
class Match:
    contact_id: int
    key: str
    relationship: str

    def as_dict(self) -> dict:
        return {"contact": self.contact_id, "key": self.key, "relationship": self.relationship}


@cache
def _legal_forms() -> frozenset[str]:
    data = tomllib.loads(Path(__file__).with_name("independence.toml").read_text("utf-8"))
    return frozenset(data["legal_forms"])


def company_key(company: str) -> str:
    """ "Acme SAS", "ACME" and "Acme, Inc." give "acme"; a company that is only a legal form
    gives "" (it says nothing)."""
    # "S.A." is "SA": dots joined first, on both sides alike.
    words = [w for w in fold(company.replace(".", "")).split() if w not in _legal_forms()]
    return " ".join(words)


def person_key(full_name: str) -> str:
    """ "Jean Dupont", "DUPONT Jean" and "Jéan  dupont" are one name: the folded words, sorted."""
    return " ".join(sorted(fold(full_name).split()))


def employer_list(text: str) -> tuple[str, ...]:
    """A profile's "one per line" field (commas and semicolons accepted too)."""
    parts = text.replace(";", "\n").replace(",", "\n").splitlines() if text else []
    return tuple(p.strip() for p in parts if p.strip())


def _match_key(consultant: Consultant, card: ContactCard) -> str | None:
    urls = {url_key(u) for u in consultant.profile_urls} - {""}
    if urls and url_key(card.profile_url) in urls:
        return PROFILE_URL
    emails = {email_key(e) for e in consultant.emails} - {""}
    if emails and email_key(card.email) in emails:
        return EMAIL
    if emails and emails & {email_key(e) for e in card.other_emails}:
        return OTHER_EMAIL
    name = person_key(consultant.full_name)
    company = company_key(card.company)
    # Both a name and a company: a name alone would match strangers.
    if (
        name
        and company
        and person_key(card.full_name) == name
        and company in {company_key(e) for e in consultant.employers}
    ):
        return NAME_COMPANY
    return None


def find_matches(consultant: Consultant, contacts: Iterable[ContactCard]) -> list[Match]:
    """Every contact of the client that is the consultant, with the key that says so."""
    matches = []
    for card in contacts:
        key = _match_key(consultant, card)
        if key is not None:
            matches.append(Match(card.id, key, card.relationship))
    return matches


def shared_employers(
    consultant_employers: Iterable[str], client_employers: Iterable[str]
) -> list[str]:
    """The consultant's employers (as they wrote them) that the client lists too."""
    theirs = {company_key(e) for e in client_employers} - {""}
    shared, seen = [], set()
    for employer in consultant_employers:
        key = company_key(employer)
        if key and key in theirs and key not in seen:
            seen.add(key)
            shared.append(employer.strip())
    return shared
