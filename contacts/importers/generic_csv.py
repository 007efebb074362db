"""Any other CSV: the user maps its columns to contact fields (guess_mapping proposes one).

Semicolon-separated Windows-1252 files from a French Excel are as welcome as UTF-8 ones
with a BOM or tab-separated ones.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from .base import NETWORKS, ImportFileError, Item, build_contact, clean_cell, is_blank, parse_date
from .text import decode, read_rows, sniff_delimiter

FIELDS = (
    "first_name",
    "last_name",
    "full_name",
    "email",
    "phone",
    "company",
    "position",
    "profile_url",
    "connected_on",
    "notes",
)

# Header names (lower-case, accents and punctuation removed) that mean each field, in
# French and English. Exact names first; _KEYWORDS catches longer headers afterwards.
_SYNONYMS = {
    "first_name": {"prenom", "firstname", "first", "givenname", "forename", "prenoms"},
    "last_name": {"nom", "lastname", "last", "surname", "familyname", "nomdefamille"},
    "full_name": {
        "name", "fullname", "nomcomplet", "displayname", "contact", "nomprenom",
        "prenomnom", "nometprenom", "prenometnom", "identite",
    },
    "email": {
        "email", "mail", "courriel", "emailaddress", "adresseemail", "adressemail",
        "adressecourriel", "adresseelectronique", "email1", "mel",
    },
    "phone": {
        "telephone", "tel", "phone", "mobile", "portable", "phonenumber", "gsm",
        "cellulaire", "numerodetelephone", "telephoneportable", "mobilephone",
    },
    "company": {
        "societe", "entreprise", "company", "organisation", "organization", "employeur",
        "employer", "raisonsociale", "structure", "etablissement", "companyname",
    },
    "position": {
        "poste", "fonction", "position", "title", "jobtitle", "titre", "role", "metier",
        "intitule", "intituledeposte", "job",
    },
    "profile_url": {
        "url", "linkedin", "profil", "profile", "profileurl", "lienlinkedin", "urlprofil",
        "profillinkedin", "linkedinurl", "urllinkedin", "lien", "link",
    },
    "connected_on": {
        "connectedon", "dateconnexion", "datedeconnexion", "datedajout", "ajoutele",
        "connecte", "connectele", "date", "dateajout", "since", "depuis",
    },
    "notes": {"notes", "note", "commentaire", "commentaires", "remarque", "remarques", "comments"},
}  # fmt: skip
_KEYWORDS = (
    ("email", ("mail", "courriel")),
    ("phone", ("telephone", "phone", "mobile", "portable")),
    ("profile_url", ("linkedin", "profil", "profile", "url")),
    ("first_name", ("prenom", "firstname", "givenname")),
    ("last_name", ("lastname", "familyname", "nomdefamille")),
    ("company", ("societe", "entreprise", "company", "organisation", "organization")),
    ("position", ("poste", "fonction", "jobtitle")),
    ("notes", ("note", "comment", "remarque")),
)
_NOT_LETTERS = re.compile(r"[^a-z0-9]")
_LIST_SEPARATORS = re.compile(r"[,;\s]+")
_PHONE_SEPARATORS = re.compile(r"\s*[;/|]\s*")


def _simplify(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name.lower())
    return _NOT_LETTERS.sub("", "".join(c for c in decomposed if not unicodedata.combining(c)))


def _header(text: str) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    rows = read_rows(text, sniff_delimiter(text))
    for _, cells in rows:
        if not is_blank(cells):
            return [clean_cell(cell) for cell in cells], rows
    raise ImportFileError("no_header", "The file has no header line.")


def read_header(data: bytes) -> list[str]:
    """Column names of the file's first non-blank line, for the column-mapping step."""
    return _header(decode(data))[0]


def guess_mapping(header: list[str]) -> dict[str, str]:
    """field -> column name, for the columns whose name says what they hold.

    Each field and each column is used at most once, the first matching column wins.
    """
    simple = [_simplify(column) for column in header]
    mapping: dict[str, str] = {}
    used: set[int] = set()

    def take(field: str, index: int) -> None:
        if field not in mapping and index not in used and header[index]:
            mapping[field] = header[index]
            used.add(index)

    for field in FIELDS:
        for index, name in enumerate(simple):
            if name in _SYNONYMS[field]:
                take(field, index)
    for field, keywords in _KEYWORDS:
        for index, name in enumerate(simple):
            if any(keyword in name for keyword in keywords):
                take(field, index)
    return mapping


def parse_generic_csv(
    data: bytes, mapping: dict[str, str], network: str = "other"
) -> Iterator[Item]:
    """Contacts of a CSV file whose columns are mapped by `mapping` (field -> column name).

    A mapped column missing from the file refuses it (ImportFileError "no_header"), and so
    does an empty mapping.
    """
    unknown = set(mapping) - set(FIELDS)
    if unknown:
        raise ValueError(f"unknown contact fields in mapping: {sorted(unknown)}")
    if network not in NETWORKS:
        raise ValueError(f"unknown network {network!r}")
    header, rows = _header(decode(data))
    if not any(mapping.values()):
        raise ImportFileError("no_header", "No column is mapped to a contact field.")
    index: dict[str, int] = {}
    for field, column in mapping.items():
        if not column:
            continue
        wanted = clean_cell(column)
        if wanted not in header:
            raise ImportFileError("no_header", f'The file has no column "{wanted}".')
        index[field] = header.index(wanted)

    def get(cells: list[str], field: str) -> str:
        position = index.get(field)
        return cells[position] if position is not None and position < len(cells) else ""

    for number, (_, cells) in enumerate(rows, start=1):
        if is_blank(cells):
            continue
        yield build_contact(
            number,
            network,
            first_name=get(cells, "first_name"),
            last_name=get(cells, "last_name"),
            full_name=get(cells, "full_name"),
            emails=_LIST_SEPARATORS.split(get(cells, "email")),
            phones=_PHONE_SEPARATORS.split(get(cells, "phone")),
            profile_urls=(get(cells, "profile_url"),),
            company=get(cells, "company"),
            position=get(cells, "position"),
            connected_on=parse_date(get(cells, "connected_on"), day_first=True),
            notes=get(cells, "notes"),
        )
