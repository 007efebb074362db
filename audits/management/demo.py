"""Demo data for `make run` and `seed_demo`: known logins, then (as features land) their data."""

import datetime
import random
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.services import user_ensure_verified
from audits.questionnaires.models import Question
from audits.selfaudit.models import Audit, Objective
from audits.selfaudit.selectors import audit_pillars, pillar_with_questions
from audits.selfaudit.services import (
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


def seed_demo() -> tuple[list[tuple[DemoLogin, bool]], str]:
    """Idempotent: each demo login with whether its account was just created, and the
    personal link of one unanswered feedback request of the demo audit."""
    results = []
    link = ""
    users: dict[str, User] = {}
    for login in DEMO_LOGINS:
        user, created = user_ensure_verified(
            email=login.email,
            password=login.password,
            full_name=login.full_name,
            is_consultant=login.is_consultant,
        )
        if login.role == "professional":
            audit = seed_professional(user)
            seed_contacts(user)
            seed_own_data(user)
            link = seed_feedback(audit)
        users[login.role] = user
        results.append((login, created))
    seed_engagement(client=users["professional"], consultant=users["consultant"])
    return results, link


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


DEMO_COMMENTS = [
    ("Vos articles de fond sont utiles et bien écrits.", ""),
    ("You always answer questions, even from strangers.", ""),
    ("", "Moins de messages commerciaux envoyés à froid, s'il vous plaît."),
    ("Great event recaps.", "Too many connection requests without a word of introduction."),
    ("", "Vous répondez rarement aux commentaires."),
    ("Transparent about your projects.", ""),
]
DEMO_RELATIONSHIPS = ["client", "colleague", "former_colleague", "network", "client", "manager"]


@transaction.atomic
def seed_own_data(user: User) -> None:
    """Two years of LinkedIn activity read like a real export, so that the own-data page, the
    third column of the score and the evidence rules have something to show."""
    from django.utils import timezone

    from evidence.models import NetworkEvidence
    from evidence.samples import linkedin_complete_export
    from evidence.services import activity_import_from_bytes

    if NetworkEvidence.objects.filter(owner=user).exists():
        return
    first, _, last = user.full_name.partition(" ")
    data = linkedin_complete_export(
        posts=120, comments=240, reactions=300, messages=400, years=2, seed=2026,
        owner=(first, last), end=timezone.now(),
    )  # fmt: skip
    activity_import_from_bytes(owner=user, name="Complete_LinkedInDataExport.zip", data=data)


def seed_feedback(audit: Audit) -> str:
    """Thirty requests, twenty-four anonymous answers; returns one unanswered personal link."""
    from audits.feedback.models import FeedbackLink, FeedbackRequest, FeedbackResponse
    from audits.feedback.release import feedback_release
    from audits.feedback.services import (
        Recipient,
        feedback_answer,
        feedback_link_issue,
        feedback_requests_create,
        feedback_url,
    )
    from audits.scores.services import audit_compile_scores, peer_items
    from contacts.models import Contact

    if not audit.feedback_requests.exists():
        contacts = list(Contact.objects.filter(owner=audit.owner).order_by("id")[:30])
        for index, contact in enumerate(contacts):
            feedback_requests_create(
                audit=audit,
                recipients=[Recipient(name=contact.full_name, contact=contact)],
                relationship=DEMO_RELATIONSHIPS[index % len(DEMO_RELATIONSHIPS)],
                message="Votre regard sur ma présence en ligne m'aiderait beaucoup.",
                language="fr",
            )
        requests = list(audit.feedback_requests.order_by("id"))
        FeedbackRequest.objects.filter(audit=audit).update(
            status=FeedbackRequest.Status.SENT, sent_at=timezone.now()
        )
        pick = random.Random(7)
        items = peer_items(audit.questionnaire_id)
        # Engagement is what the demo peers rate lowest, and some cannot say about security.
        low = {"listening", "two_way", "participation", "constancy", "offline", "engagement"}
        for index, request in enumerate(requests[:24]):
            request.refresh_from_db()
            keep, change = DEMO_COMMENTS[index % len(DEMO_COMMENTS)]
            feedback_answer(
                request=request,
                appraisal=pick.choice(["positive", "positive", "neutral", "negative"]),
                perceptions={
                    item: None
                    if item == "security" and index % 2
                    else pick.randint(1, 4)
                    if item in low
                    else pick.randint(2, 5)
                    for item in items
                },
                keep_doing=keep,
                change=change,
            )
        feedback_release(audit_id=audit.pk)  # one batch of 24, as the worker would
    audit_compile_scores(audit_id=audit.pk)
    waiting = (
        audit.feedback_requests.filter(status=FeedbackRequest.Status.SENT).order_by("id").first()
    )
    if waiting is None:
        return ""
    # Keep a single live demo link, so that running the seed again adds nothing.
    FeedbackLink.objects.filter(request=waiting).delete()
    assert FeedbackResponse.objects.filter(audit=audit).exists()
    return feedback_url(feedback_link_issue(request=waiting))


DEMO_REVIEW = {
    "findings": (
        "Votre stratégie est claire et vos objectifs sont chiffrés. En revanche, vos échanges "
        "restent trop souvent à sens unique et plusieurs contacts jugent vos premiers messages "
        "trop commerciaux."
    ),
    "ratings": {
        "strategy": (4, "Objectif mesurable et outils bien choisis."),
        "network": (3, "Réseau riche en dirigeants, pauvre en acheteurs du secteur visé."),
        "engagement": (2, "Répondez aux commentaires et relancez la conversation."),
        "conduct": (3, "Évitez les offres dans le premier message après une mise en relation."),
    },
    "recommendations": [
        "Répondez à chaque commentaire sous 48 heures pendant un mois.",
        "Rencontrez trois acheteurs PME lors d'un événement professionnel ce trimestre.",
    ],
}


@transaction.atomic
def seed_engagement(*, client: User, consultant: User) -> None:
    """The demo consultant, engaged by the demo professional, with a published review."""
    from audits.consulting.models import Engagement
    from audits.consulting.services import (
        engagement_accept,
        engagement_invite,
        review_for,
        review_publish,
        review_save,
    )

    engagement = Engagement.objects.filter(client=client, consultant=consultant).first()
    if engagement is None:
        engagement = engagement_invite(
            client=client, email=consultant.email, message="Merci pour votre regard extérieur."
        )
        engagement = engagement_accept(
            engagement=engagement,
            consultant=consultant,
            not_relative=True,
            not_friend=True,
            not_former_colleague=True,
        )
    audit = Audit.objects.filter(owner=client, status=Audit.Status.SUBMITTED).first()
    if audit is None or not engagement.is_active:
        return
    review = review_for(engagement=engagement, audit=audit)
    if not review.is_published:
        review_save(
            review=review,
            findings=DEMO_REVIEW["findings"],
            ratings=DEMO_REVIEW["ratings"],
            recommendations=DEMO_REVIEW["recommendations"],
        )
        review_publish(review=review)
