"""Demo data for `make run` and `seed_demo`: known logins, then (as features land) their data."""

import datetime
import random
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.services import user_ensure_verified
from audits.models import Audit, Objective, Question
from audits.selectors import audit_pillars, pillar_with_questions
from audits.services.audits import (
    audit_save_section,
    audit_start,
    audit_submit,
    objective_create,
)


@dataclass(frozen=True)
class DemoLogin:
    role: str
    email: str
    password: str
    full_name: str
    is_consultant: bool = False


DEMO_PASSWORD = "demo-epratiques-2026"  # noqa: S105 — published in the README on purpose
DEMO_LOGINS = (
    DemoLogin("professional", "demo@epratiques.example", DEMO_PASSWORD, "Camille Martin"),
    DemoLogin(
        "consultant",
        "consultant@epratiques.example",
        DEMO_PASSWORD,
        "Dominique Leroy",
        is_consultant=True,
    ),
)


def seed_demo() -> list[tuple[DemoLogin, bool]]:
    """Idempotent: returns each demo login with whether its account was just created."""
    results = []
    for login in DEMO_LOGINS:
        user, created = user_ensure_verified(
            email=login.email,
            password=login.password,
            full_name=login.full_name,
            is_consultant=login.is_consultant,
        )
        if login.role == "professional":
            seed_professional(user)
            seed_contacts(user)
        results.append((login, created))
    return results


@transaction.atomic
def seed_professional(user: User) -> Audit:
    """An objective and one submitted self-audit, answered like a busy, well-meaning seller."""
    objective = Objective.objects.filter(owner=user).first() or objective_create(
        owner=user,
        kind=Objective.Kind.COMMERCIAL,
        title="Signer cinq nouveaux clients PME en Auvergne-Rhône-Alpes",
        target_quantity=5,
        target_unit="clients",
        deadline=timezone.localdate() + datetime.timedelta(days=150),
        needed_roles=["client", "executive", "peer"],
        needed_sectors=["industry", "retail"],
    )
    submitted = Audit.objects.filter(owner=user, status=Audit.Status.SUBMITTED).first()
    if submitted is not None:
        return submitted
    audit = Audit.objects.filter(owner=user).first() or audit_start(owner=user, objective=objective)
    pick = random.Random(2026)  # the same demo answers on every machine
    for pillar in audit_pillars(audit):
        values = {
            question: _demo_value(question, pick)
            for dimension in pillar_with_questions(pillar)
            for question in dimension.questions.all()
        }
        audit_save_section(audit=audit, pillar=pillar, values=values)
    return audit_submit(audit=audit)


def _demo_value(question: Question, pick: random.Random) -> object:
    if question.kind in (Question.Kind.AGREEMENT, Question.Kind.FREQUENCY):
        good = pick.choice([3, 4, 4, 5])
        return 6 - good if question.reverse else good
    if question.kind == Question.Kind.YES_NO:
        return pick.random() < (0.3 if question.reverse else 0.7)
    if question.kind == Question.Kind.CHOICE:
        return pick.choice(list(question.choices.all()))
    return None


DEMO_GOOGLE_EXTRA = [
    ("Hélène", "Marchand", "Crédit Mutuel", "Chargée d'affaires entreprises"),
    ("Thomas", "Girard", "Lycée Ampère", "Professeur"),
    ("Inès", "Benali", "", "Business Angel"),
    ("Marc", "Aubert", "Cabinet Aubert", "Avocat"),
]


@transaction.atomic
def seed_contacts(user: User) -> None:
    """A few hundred contacts: a LinkedIn export (with messages), then Google contacts that
    partly overlap with it, so the map shows several networks and their overlap."""
    from contacts.importers import parse
    from contacts.importers.samples import linkedin_export_zip
    from contacts.models import Contact
    from contacts.services.imports import merge_into_network

    if Contact.objects.filter(owner=user).exists():
        return
    linkedin = parse(linkedin_export_zip(320, seed=2026), "linkedin_zip")
    merge_into_network(owner=user, parsed=linkedin, items=list(linkedin.items))
    known = list(Contact.objects.filter(owner=user).order_by("id")[:45])
    lines = ["First Name,Last Name,Organization Name,Organization Title,E-mail 1 - Value"]
    for contact in known:
        slug = contact.full_name.lower().replace(" ", ".").replace("'", "")
        lines.append(
            f'"{contact.first_name}","{contact.last_name}","{contact.company}",'
            f'"{contact.position}","{slug}@example.com"'
        )
    for first, last, company, position in DEMO_GOOGLE_EXTRA:
        lines.append(f'"{first}","{last}","{company}","{position}",""')
    google = parse(("\n".join(lines) + "\n").encode("utf-8-sig"), "google_csv")
    merge_into_network(owner=user, parsed=google, items=list(google.items))
