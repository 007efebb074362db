import pytest
from allauth.account.models import EmailAddress
from django.core.management import CommandError, call_command

from accounts.models import User
from audits.management.demo import DEMO_LOGINS
from audits.models import Answer, Audit, Objective

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _debug_on(settings):
    """`make run` seeds with DEBUG on; pytest-django turns it off."""
    settings.DEBUG = True


def test_with_debug_off_it_refuses_and_creates_nothing(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="--allow-production"):
        call_command("seed_demo")

    assert not User.objects.exists()
    assert not Audit.objects.exists()


def test_with_debug_off_the_explicit_flag_seeds_the_demo(settings, client):
    settings.DEBUG = False

    call_command("seed_demo", "--allow-production")

    login = DEMO_LOGINS[0]
    assert client.login(email=login.email, password=login.password)
    assert Audit.objects.filter(owner__email=login.email).exists()


def test_seed_demo_is_idempotent_and_the_logins_work(client):
    call_command("seed_demo")
    call_command("seed_demo")

    assert User.objects.count() == len(DEMO_LOGINS)
    assert EmailAddress.objects.filter(verified=True).count() == len(DEMO_LOGINS)
    for login in DEMO_LOGINS:
        assert client.login(email=login.email, password=login.password)
        user = User.objects.get(email=login.email)
        assert user.is_consultant == login.is_consultant


def test_the_demo_professional_has_an_objective_and_a_submitted_audit():
    call_command("seed_demo")
    answers = Answer.objects.count()
    call_command("seed_demo")

    professional = User.objects.get(email="demo@epratiques.example")
    assert Objective.objects.filter(owner=professional).count() == 1
    audit = Audit.objects.get(owner=professional)
    assert audit.is_submitted
    assert 0 < audit.self_scores["overall"] < 100
    assert Answer.objects.count() == answers
    assert audit.feedback_requests.count() == 30
    assert audit.feedback_responses.count() == 24
    assert audit.peer_summary["responses"] == 24
    assert audit.snapshots.exists()
    review = audit.reviews.get()
    assert review.is_published
    assert review.engagement.consultant.email == "consultant@epratiques.example"
    assert review.engagement.independence_declared_at is not None


def test_seed_demo_prints_the_logins(capsys):
    call_command("seed_demo")

    out = capsys.readouterr().out
    for login in DEMO_LOGINS:
        assert login.email in out
        assert login.password in out
    link = out.split("peer link")[1].split()[0]
    assert "/f/" in link


def test_the_printed_peer_link_opens_the_peer_page(client, capsys):
    call_command("seed_demo")
    call_command("seed_demo")
    link = capsys.readouterr().out.split("peer link")[-1].split()[0]

    response = client.get(link.split("8000", 1)[-1])

    assert response.status_code == 200
    assert "Camille Martin" in response.content.decode()


def test_the_demo_professional_has_own_data_beside_the_score():
    from audits.scores.models import ScoreSnapshot
    from evidence.models import FlaggedExcerpt, NetworkEvidence

    call_command("seed_demo")
    professional = User.objects.get(email="demo@epratiques.example")
    figures = NetworkEvidence.objects.get(owner=professional, network="linkedin").figures
    assert figures["posts_12m"] > 0 and "pitch_share" in figures
    assert FlaggedExcerpt.objects.filter(owner=professional).exists()
    snapshot = ScoreSnapshot.objects.filter(audit__owner=professional).first()
    assert snapshot.figures["evidence"]["networks"]["linkedin"]["posts_12m"] == figures["posts_12m"]
