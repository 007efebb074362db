"""Realistic, made-up LinkedIn exports for benchmarks, demos and tests.

Deterministic for a given seed; every person is invented (names drawn from common French
and English first and last names, companies and positions typical of the objectives the
audits deal with: job search, financing, purchasing, sales).
"""

from __future__ import annotations

import csv
import io
import random
import unicodedata
import zipfile
from datetime import date, datetime, timedelta

PREAMBLE = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses '
    "are missing. You will only see email addresses for connections who have allowed their "
    "connections to see or download their email address using this setting "
    "https://www.linkedin.com/psettings/privacy/email. You can learn more here "
    'https://www.linkedin.com/help/linkedin/answer/261"\n'
    "\n"
)
CONNECTIONS_HEADER = (
    "First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"
)  # fmt: skip
MESSAGES_HEADER = (
    "CONVERSATION ID", "CONVERSATION TITLE", "FROM", "SENDER PROFILE URL", "TO",
    "RECIPIENT PROFILE URLS", "DATE", "SUBJECT", "CONTENT", "FOLDER", "ATTACHMENTS",
    "IS MESSAGE DRAFT", "IS CONVERSATION DRAFT",
)  # fmt: skip
INVITATIONS_HEADER = (
    "From", "To", "Sent At", "Message", "Direction", "inviterProfileUrl", "inviteeProfileUrl"
)  # fmt: skip

OWNER = ("Camille", "Martin", "https://www.linkedin.com/in/camille-martin-3a7f21")

FIRST_NAMES = (
    "Camille", "Léa", "Manon", "Chloé", "Inès", "Sarah", "Juliette", "Élodie", "Sophie",
    "Nathalie", "Isabelle", "Hélène", "Céline", "Amélie", "Zoé", "Louise", "Emma", "Claire",
    "Thomas", "Nicolas", "Julien", "Maxime", "Antoine", "Hugo", "Lucas", "Théo", "Mathieu",
    "François", "Jérôme", "Stéphane", "Benoît", "Rémi", "Grégoire", "Yannick", "Karim",
    "Mehdi", "Olivia", "James", "Emily", "Michael", "Hannah", "David", "Laura", "Daniel",
    "Rachel", "Oliver", "Charlotte", "William", "Jessica", "Ethan",
)  # fmt: skip
LAST_NAMES = (
    "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy",
    "Moreau", "Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "David", "Bertrand", "Roux",
    "Vincent", "Fournier", "Morel", "Girard", "André", "Mercier", "Dupont", "Lambert",
    "Bonnet", "François", "Martinez", "Legrand", "Garnier", "Faure", "Rousseau", "Blanc",
    "Guérin", "Muller", "Henry", "Roussel", "Nicolas", "Perrin", "Benali", "N'Diaye",
    "Smith", "Johnson", "Williams", "Brown", "Taylor", "Wilson", "Davies", "Evans",
    "de La Fontaine", "Le Gall",
)  # fmt: skip
COMPANIES = (
    "Société Générale", "BNP Paribas", "Crédit Agricole", "L'Oréal", "Capgemini", "Decathlon",
    "Orange", "Schneider Electric", "Danone", "Michelin", "Doctolib", "BlaBlaCar",
    "Bpifrance", "Les Échos", "Le Monde", "Ouest-France", "Kiosque Conseil",
    "Dupont, Fils & Associés", "Atelier Lumière", "Business Angels des Grandes Écoles",
    "France Angels", "Pôle emploi", "APEC", "Michael Page", "Hays", "Accenture", "Deloitte",
    "Google", "Microsoft", "Salesforce", "Freelance", "",
)  # fmt: skip
POSITIONS = (
    "Responsable RH", "Talent Acquisition Manager", "CEO", "Directeur commercial",
    "Directrice commerciale", "Business Angel", "Chargé d'affaires", "Chargée d'affaires",
    "Acheteur", "Acheteuse", "Journaliste", "Chargée de recrutement", "DRH",
    "Consultant en recrutement", "Fondateur", "Co-fondatrice", "Directeur financier",
    "Responsable achats", "Key Account Manager", "Product Manager", "Software Engineer",
    "Head of Sales", "Investment Manager", "Partner", "Chef de projet", "Rédactrice en chef",
    "Coach professionnel", "Office Manager", "",
)  # fmt: skip
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
# Reserved domains only (RFC 2606): demo and bench data must never reach a real mailbox.
EMAIL_DOMAINS = ("example.com", "example.org", "example.net", "mail.example", "perso.example")
MESSAGE_TEXTS = (
    "Bonjour, merci pour la mise en relation !",
    "Hello, great to connect.",
    "Seriez-vous disponible pour un café la semaine prochaine ?",
    "Merci pour votre retour, je reviens vers vous rapidement.",
    "Thanks, let's talk on Tuesday.",
    "Je me permets de vous recontacter au sujet de notre échange.",
)


def _ascii(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if c.isascii() and (c.isalnum() or c == " "))


def _people(n: int, seed: int) -> list[tuple[str, str, str, str, str, str, date]]:
    """n rows (first, last, url, email, company, position, connected on); about 2% repeat
    an earlier row, as a real export occasionally does."""
    rng = random.Random(seed)
    start = date(2012, 1, 1).toordinal()
    span = date(2025, 12, 31).toordinal() - start
    people = []
    for index in range(n):
        if people and rng.random() < 0.02:
            people.append(people[rng.randrange(len(people))])
            continue
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        slug = f"{_ascii(first)}-{_ascii(last)}".replace(" ", "-")
        url = f"https://www.linkedin.com/in/{slug}-{index:x}{rng.randrange(16**4):04x}"
        email = ""
        if rng.random() < 0.15:  # most connections do not share their address
            email = f"{slug.replace('-', '.')}{index}@{rng.choice(EMAIL_DOMAINS)}"
        people.append(
            (
                first,
                last,
                url,
                email,
                rng.choice(COMPANIES),
                rng.choice(POSITIONS),
                date.fromordinal(start + rng.randrange(span)),
            )
        )
    return people


def _csv(header: tuple[str, ...], rows: list[tuple], *, quote_all: bool = False) -> str:
    buffer = io.StringIO()
    writer = csv.writer(
        buffer, lineterminator="\n", quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL
    )
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def _connections_text(people: list[tuple]) -> str:
    rows = [
        (first, last, url, email, company, position, f"{d.day:02d} {MONTHS[d.month - 1]} {d.year}")
        for first, last, url, email, company, position, d in people
    ]
    return PREAMBLE + _csv(CONNECTIONS_HEADER, rows)


def linkedin_connections_csv(n: int, seed: int = 1) -> bytes:
    """A Connections.csv of n rows, with LinkedIn's "Notes:" preamble."""
    return _connections_text(_people(n, seed)).encode("utf-8")


def linkedin_export_zip(n: int, seed: int = 1) -> bytes:
    """A LinkedIn export ZIP: Connections.csv (n rows), and messages.csv and
    Invitations.csv about some of those people, from the owner's point of view.

    One in ten people has a conversation with the owner: two-way when both wrote, one-way
    otherwise. One in eight has an invitation, sent or received, some with a message.
    """
    people = _people(n, seed)
    rng = random.Random(seed + 1)
    owner_name = f"{OWNER[0]} {OWNER[1]}"
    owner_url = OWNER[2]
    messages = []
    invitations = []
    distinct = list({person[2]: person for person in people}.values())
    for number, (first, last, url, *_, connected_on) in enumerate(distinct):
        name = f"{first} {last}"
        moment = datetime.combine(connected_on, datetime.min.time()) + timedelta(hours=9)
        if rng.random() < 0.1:
            conversation = f"2-{number:08x}"
            owner_writes = rng.random() < 0.7
            other_writes = not owner_writes or rng.random() < 0.6
            for turn in range(rng.randint(1, 6)):
                moment += timedelta(days=rng.randint(0, 30), minutes=rng.randint(1, 600))
                from_owner = owner_writes and (not other_writes or turn % 2 == 0)
                sender, sender_url, to, to_url = (
                    (owner_name, owner_url, name, url)
                    if from_owner
                    else (name, url, owner_name, owner_url)
                )
                messages.append(
                    (
                        conversation,
                        "",
                        sender,
                        sender_url,
                        to,
                        to_url,
                        moment.strftime("%Y-%m-%d %H:%M:%S UTC"),
                        "",
                        rng.choice(MESSAGE_TEXTS),
                        "INBOX",
                        "",
                        "No",
                        "No",
                    )
                )
        if rng.random() < 0.125:
            sent = rng.random() < 0.5
            text = rng.choice(("", "", "Bonjour, ravi d'échanger avec vous."))
            stamp = f"{moment.month}/{moment.day}/{moment.year % 100:02d}, 9:15 AM"
            invitations.append(
                (owner_name, name, stamp, text, "OUTGOING", owner_url, url)
                if sent
                else (name, owner_name, stamp, text, "INCOMING", url, owner_url)
            )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("Connections.csv", _connections_text(people))
        archive.writestr("messages.csv", _csv(MESSAGES_HEADER, messages, quote_all=True))
        archive.writestr("Invitations.csv", _csv(INVITATIONS_HEADER, invitations))
        archive.writestr("Profile.csv", "First Name,Last Name\nCamille,Martin\n")
    return buffer.getvalue()
