"""Introductions for each absence zone: the ranking, the reasons, the drafts, sending once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from contacts.introduction_texts import draft_text, reason_text
from contacts.introductions import Candidate, rank
from contacts.models import IntroductionRequest
from tests.factories import ObjectiveFactory, UserFactory
from tests.helpers.progress import contact

pytestmark = pytest.mark.django_db

# The fixture network, for a zone "investor" (thin: one investor) of an objective that needs
# the finance sector. Points (contacts/introductions.toml): champion 40 + 5 a two-way
# conversation; same profile 30; target sector 25; close role 20; several networks 10 (+5
# each beyond two).
NETWORK = [
    # name, role, sector, networks, two-way conversations, messages
    ("Alice Martin", "peer", "technology", "linkedin", 3, 12),  # 40 + 15 = 55
    ("Bruno Petit", "investor", "finance", "google,linkedin", 0, 0),  # 30 + 25 + 10 = 65
    ("Chloé Roux", "executive", "other", "linkedin", 0, 0),  # 20
    ("David Blanc", "other", "other", "facebook,google,linkedin", 0, 0),  # 10 + 5 = 15
    ("Emma Noir", "other", "finance", "linkedin", 1, 2),  # 45 + 25 = 70
    ("Fanny Gris", "other", "other", "linkedin", 0, 40),  # no reason: never proposed
    ("Gilles Vert", "mentor", "finance", "linkedin,x", 0, 0),  # 20 + 25 + 10 = 55
    ("Hugo Brun", "executive", "other", "linkedin", 0, 10),  # 20, more messages than Chloé
]
EXPECTED = [
    (
        "Emma Noir",
        [
            "A champion: 1 two-way conversation with you",
            "Works in “Banking, finance and insurance”, a sector your objective needs",
        ],
    ),
    (
        "Bruno Petit",
        [
            "Already one of your “Investor / banker” contacts: knows others of that profile",
            "Works in “Banking, finance and insurance”, a sector your objective needs",
            "On several of your networks (Google, LinkedIn): a relation kept up",
        ],
    ),
    ("Alice Martin", ["A champion: 3 two-way conversations with you"]),
    (
        "Gilles Vert",
        [
            "As “Mentor”, often close to “Investor / banker”",
            "Works in “Banking, finance and insurance”, a sector your objective needs",
            "On several of your networks (LinkedIn, X / Twitter): a relation kept up",
        ],
    ),
    ("Hugo Brun", ["As “Executive / decision maker”, often close to “Investor / banker”"]),
]


def candidates():
    return [
        Candidate(i, name, role, sector, tuple(networks.split(",")), two_way, messages)
        for i, (name, role, sector, networks, two_way, messages) in enumerate(NETWORK, 1)
    ]


def test_the_ranking_of_a_fixture_network_with_its_reasons():
    ranked = rank(candidates(), zone_kind="role", zone_code="investor", target_sectors=["finance"])
    with translation.override("en"):
        got = [(s.candidate.full_name, [reason_text(r) for r in s.reasons]) for s in ranked]
    assert got == EXPECTED
    assert [s.score for s in ranked] == [70, 65, 55, 55, 20]


def test_the_whole_list_and_a_sector_zone():
    ranked = rank(
        candidates(), zone_kind="role", zone_code="investor", target_sectors=["finance"], limit=99
    )
    assert [s.candidate.full_name for s in ranked][5:] == ["Chloé Roux", "David Blanc"]
    sector = rank(candidates(), zone_kind="sector", zone_code="finance", limit=99)
    # Same sector 30; the champions keep their points; close roles and target sector do not apply.
    assert [(s.candidate.full_name, s.score) for s in sector] == [
        ("Emma Noir", 75),
        ("Alice Martin", 55),
        ("Bruno Petit", 40),
        ("Gilles Vert", 40),
        ("David Blanc", 15),
    ]


def test_the_draft_in_english_and_in_french():
    args = {
        "first_name": "Emma",
        "owner_name": "Camille Durand",
        "zone_kind": "role",
        "zone_code": "investor",
        "objective_title": "Raise a seed round",
    }
    with translation.override("en"):
        english = draft_text(**args)
    with translation.override("fr"):
        french = draft_text(**args)
    assert english.startswith("Hello Emma,\n\nI am working on a goal that matters to me: Raise")
    assert "“Investor / banker”" in english and english.endswith("Camille Durand")
    assert french.startswith("Bonjour Emma,")
    assert "« Investisseur / banquier »" in french or "Investisseur" in french
    assert "Would you" not in french and french.endswith("Camille Durand")


# --- Pages ---------------------------------------------------------------------------------


@pytest.fixture
def owner(client):
    user = UserFactory(language="en", full_name="Camille Durand")
    client.force_login(user)
    return user


@pytest.fixture
def objective(owner):
    return ObjectiveFactory(
        owner=owner,
        kind="financing",
        title="Raise a seed round",
        needed_roles=["investor", "mentor"],
        needed_sectors=["finance"],
    )


@pytest.fixture
def network(owner):
    people = {}
    for name, role, sector, networks, two_way, messages in NETWORK:
        people[name] = contact(
            owner,
            name,
            role_category=role,
            sector=sector,
            networks=networks,
            two_way_conversations=two_way,
            messages_sent=messages,
            email=f"{name.split()[0].lower()}@example.com" if name != "Bruno Petit" else "",
        )
    return people


def zone_url(kind="role", code="investor"):
    return reverse("contacts:introductions_zone", args=[kind, code])


def test_the_zone_page_lists_the_five_introducers_in_order_with_reasons(client, objective, network):
    stranger = UserFactory()
    contact(stranger, "Zoé Autre", role_category="investor", two_way_conversations=9)

    page = client.get(zone_url()).content.decode()

    positions = [page.index(name) for name, _reasons in EXPECTED]
    assert positions == sorted(positions)
    assert "Zoé Autre" not in page and "Chloé Roux" not in page
    for _name, reasons in EXPECTED:
        for reason in reasons:
            assert reason.replace("“", "&ldquo;") in page or reason in page
    assert "Hello Emma," in page and "data-copy=" in page


def test_the_index_lists_each_gap_and_the_network_page_links_it(client, objective, network):
    index = client.get(reverse("contacts:introductions")).content.decode()
    assert zone_url("role", "investor") in index
    assert zone_url("role", "mentor") in index  # absent: nobody is a mentor but Gilles (thin)
    assert zone_url("sector", "finance") in index
    assert zone_url("role", "investor") in client.get(reverse("contacts:network")).content.decode()


@pytest.mark.parametrize(
    "kind, code", [("role", "recruiter"), ("role", "nope"), ("planet", "mars"), ("sector", "x")]
)
def test_a_zone_the_objective_does_not_lack_is_a_404(client, objective, network, kind, code):
    assert client.get(zone_url(kind, code)).status_code == 404


def test_without_an_objective_there_is_no_zone(client, owner):
    assert client.get(zone_url()).status_code == 404
    assert client.get(reverse("contacts:introductions")).status_code == 200


def post(client, person, action, message="Hello, could you introduce me?"):
    return client.post(zone_url(), {"contact": person.pk, "action": action, "message": message})


def test_sending_by_email_sends_once(
    client, objective, network, mailoutbox, django_capture_on_commit_callbacks
):
    emma = network["Emma Noir"]
    with django_capture_on_commit_callbacks(execute=True):
        first = post(client, emma, "send", "Hello Emma,\r\nwould you?")
    with django_capture_on_commit_callbacks(execute=True):
        second = post(client, emma, "send", "Hello again")

    assert first.status_code == second.status_code == 302
    assert len(mailoutbox) == 1
    email = mailoutbox[0]
    assert email.to == ["emma@example.com"]
    assert email.reply_to == [objective.owner.email]
    assert email.subject == "Camille Durand would like an introduction"
    assert email.body.startswith("Hello Emma,\nwould you?")
    request = IntroductionRequest.objects.get()
    assert request.emailed_at is not None and request.objective_ref == objective.pk
    assert "already sent" in client.get(zone_url()).content.decode()


def test_a_contact_without_email_cannot_be_emailed(client, objective, network, mailoutbox):
    response = post(client, network["Bruno Petit"], "send")
    assert response.status_code == 302 and mailoutbox == []
    assert not IntroductionRequest.objects.exists()


def test_sending_is_limited_per_day(
    client, objective, network, mailoutbox, settings, django_capture_on_commit_callbacks
):
    settings.INTRODUCTION_EMAILS_PER_DAY = 1
    with django_capture_on_commit_callbacks(execute=True):
        post(client, network["Emma Noir"], "send")
        post(client, network["Alice Martin"], "send")
    assert len(mailoutbox) == 1
    assert IntroductionRequest.objects.filter(emailed_at__isnull=False).count() == 1


@pytest.mark.parametrize("forged", ["", "abc", "1e3", "-1", "99999999999999999999", "²"])
def test_forged_contact_ids_are_refused(client, objective, network, forged):
    response = client.post(zone_url(), {"contact": forged, "action": "asked"})
    assert response.status_code == 404
    assert not IntroductionRequest.objects.exists()


def test_another_account_s_contact_is_refused(client, objective, network, mailoutbox):
    stranger = contact(UserFactory(), "Zoé Autre", email="zoe@example.com")
    for action in ("send", "asked", "obtained"):
        assert post(client, stranger, action).status_code == 404
    assert not IntroductionRequest.objects.exists() and mailoutbox == []


def test_an_introduction_obtained_counts_towards_the_objective(client, objective, network):
    assert post(client, network["Emma Noir"], "asked").status_code == 302
    post(client, network["Emma Noir"], "obtained")
    post(client, network["Emma Noir"], "obtained")  # twice: still one

    request = IntroductionRequest.objects.get()
    assert request.status == "obtained" and request.obtained_at is not None
    progress = client.get(reverse("audits:progress", args=[objective.pk])).content.decode()
    assert 'data-testid="progress-introductions"' in progress
    section = progress.split('data-testid="progress-introductions"')[1][:300]
    assert ">1<" in section.replace(" ", "")


def test_the_zone_page_costs_the_same_for_a_small_or_a_large_network(client, objective, owner):
    def count() -> int:
        with CaptureQueriesContext(connection) as context:
            assert client.get(zone_url()).status_code == 200
        return len(context.captured_queries)

    contact(owner, "Only Investor", role_category="investor")
    small = count()
    for i in range(60):
        person = contact(
            owner, f"Person {i:02d}", role_category="executive", networks="google,linkedin",
            two_way_conversations=i % 4, email=f"p{i}@example.com",
        )  # fmt: skip
        if i % 3 == 0:
            IntroductionRequest.objects.create(
                owner=owner, introducer=person, objective_ref=objective.pk,
                zone_kind="role", zone_code="investor",
            )  # fmt: skip
    assert count() == small
    assert small <= 14


def test_a_request_whose_email_was_lost_is_sent_by_the_sweep_once(
    client, objective, network, mailoutbox, monkeypatch
):
    import datetime

    from django.utils import timezone

    from contacts import tasks

    # The broker is down: the enqueue after commit is lost (the claim is in the database).
    monkeypatch.setattr(tasks.send_introduction_email, "delay_on_commit", lambda *a: None)
    post(client, network["Emma Noir"], "send")
    request = IntroductionRequest.objects.get()
    assert request.emailed_at and request.sent_at is None and mailoutbox == []
    assert tasks.resend_introduction_emails() == 0  # too recent: its task may still be running

    IntroductionRequest.objects.update(emailed_at=timezone.now() - datetime.timedelta(minutes=6))
    assert tasks.resend_introduction_emails() == 1
    assert tasks.resend_introduction_emails() == 0
    tasks.send_introduction_email(request.pk)  # a late redelivery sends nothing more
    assert len(mailoutbox) == 1
    assert IntroductionRequest.objects.get().sent_at is not None


def test_a_passing_smtp_error_is_retried_and_a_refused_address_released(
    client, objective, network, mailoutbox, monkeypatch, django_capture_on_commit_callbacks
):
    import smtplib

    from django.core.mail import EmailMessage

    def fail(error):
        def send(self, *args, **kwargs):
            raise error

        return send

    monkeypatch.setattr(EmailMessage, "send", fail(smtplib.SMTPServerDisconnected("down")))
    with django_capture_on_commit_callbacks(execute=True):
        post(client, network["Emma Noir"], "send")
    request = IntroductionRequest.objects.get()
    assert request.emailed_at is not None and request.sent_at is None  # the sweep will retry

    refused = smtplib.SMTPRecipientsRefused({"alice@example.com": (550, b"no")})
    monkeypatch.setattr(EmailMessage, "send", fail(refused))
    with django_capture_on_commit_callbacks(execute=True):
        post(client, network["Alice Martin"], "send")
    alice = IntroductionRequest.objects.get(introducer=network["Alice Martin"])
    assert alice.emailed_at is None and alice.sent_at is None  # can be copied or sent again


def test_the_index_costs_the_same_for_a_small_or_a_large_network(client, objective, owner):
    def count() -> int:
        with CaptureQueriesContext(connection) as context:
            assert client.get(reverse("contacts:introductions")).status_code == 200
        return len(context.captured_queries)

    small = count()
    for i in range(40):
        contact(owner, f"Person {i:02d}", role_category=["investor", "mentor", "peer"][i % 3])
    assert count() == small
