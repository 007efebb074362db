"""Pages written for their reader: the owner reads "your score" and "Me"; the engaged
consultant reads the client's score, "Client" in the legends, and no banner telling them to
change *their* practices, but their own call to action: write the review."""

import html
import re

import pytest
from django.urls import reverse
from django.utils import translation

from audits.scores.services import audit_compile_scores
from tests.factories import AuditFactory, UserFactory
from tests.helpers.consulting import engage
from tests.helpers.feedback import answer_requests as answer

pytestmark = pytest.mark.django_db

WORDS = {
    "en": {
        "owner_title": "My reputation score",
        "client_title": "The client's reputation score",
        "owner_urgent": "Urgent: change your online practices now.",
        "client_urgent": "Urgent for your client:",
        "me": "Me",
        "client": "Client",
        "owner_plan": "Your plan: three actions first",
        "client_plan": "The client's plan: three actions first",
        "write_review": "Write your review",
    },
    "fr": {
        "owner_title": "Mon score de réputation",
        "client_title": "Le score de réputation du client",
        "owner_urgent": "Urgent\u00a0: changez dès maintenant vos pratiques en ligne.",
        "client_urgent": "Urgent pour votre client\u00a0:",
        "me": "Moi",
        "client": "Client",
        "owner_plan": "Votre plan\u00a0: trois actions d’abord",
        "client_plan": "Le plan du client\u00a0: trois actions d’abord",
        "write_review": "Rédiger votre revue",
    },
}


@pytest.fixture
def urgent_audit():
    audit = AuditFactory()
    answer(audit, 4, appraisal="negative")
    audit_compile_scores(audit_id=audit.pk)
    consultant = UserFactory(is_consultant=True)
    engage(audit.owner, consultant)
    return audit, consultant


def _page(client, user, url, language):
    user.language = language
    user.save(update_fields=["language"])
    client.force_login(user)
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def _legend(body):
    return re.search(r'id="chart-labels" data-self="([^"]*)"', body).group(1)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_owner_reads_their_own_score(client, urgent_audit, language):
    audit, _consultant = urgent_audit
    words = WORDS[language]

    body = _page(client, audit.owner, reverse("audits:score", args=[audit.pk]), language)

    assert words["owner_title"] in body
    assert words["owner_urgent"] in body
    assert words["owner_plan"] in body
    assert _legend(body) == words["me"]
    assert words["client_title"] not in body


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_consultant_reads_the_clients_score_with_their_own_call_to_action(
    client, urgent_audit, language
):
    audit, consultant = urgent_audit
    words = WORDS[language]
    url = reverse("consulting:client_score", args=[audit.owner_id, audit.pk])

    body = _page(client, consultant, url, language)

    assert words["client_title"] in body
    assert words["owner_title"] not in body
    assert words["client_urgent"] in body
    assert words["owner_urgent"] not in body  # not told to change *their* practices
    assert words["client_plan"] in body and words["owner_plan"] not in body
    assert _legend(body) == words["client"]
    review = reverse("consulting:review", args=[audit.owner_id, audit.pk])
    banner = re.search(r'data-testid="urgent">(.*?)</div>', body, re.S).group(1)
    assert f'href="{review}"' in banner and words["write_review"] in banner
    with translation.override(language):
        assert ">" + translation.gettext("Me") + "<" not in body


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_consultant_reads_the_clients_report(client, urgent_audit, language):
    audit, consultant = urgent_audit
    words = WORDS[language]
    url = reverse("consulting:client_report", args=[audit.owner_id, audit.pk])

    body = _page(client, consultant, url, language)

    assert words["client_urgent"] in body and words["owner_urgent"] not in body
    assert words["client_plan"] in body and words["owner_plan"] not in body
    radar = re.search(r'data-testid="radar">(.*?)</figure>', body, re.S).group(1)
    assert f">{words['client']}</text>" in radar
    assert f">{words['me']}</text>" not in radar
    assert f">{words['me']} (" not in body  # table headers "Me (/100)"

    owner_body = _page(client, audit.owner, reverse("audits:report", args=[audit.pk]), language)
    owner_radar = re.search(r'data-testid="radar">(.*?)</figure>', owner_body, re.S).group(1)
    assert f">{words['me']}</text>" in owner_radar
    assert words["owner_urgent"] in owner_body


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_consultant_reads_the_clients_network_and_map(client, urgent_audit, language):
    audit, consultant = urgent_audit
    with translation.override(language):
        mine = [translation.gettext(s) for s in ("My champions", "Map of my network")]
        theirs = [
            translation.gettext(s)
            for s in ("The client's champions", "Map of the client's network")
        ]
    network = _page(
        client, consultant, reverse("consulting:client_network", args=[audit.owner_id]), language
    )
    network_map = _page(
        client, consultant, reverse("consulting:client_map", args=[audit.owner_id]), language
    )
    owner_map = _page(client, audit.owner, reverse("contacts:map"), language)

    assert mine[0] not in network and theirs[0] in network
    assert mine[1] not in network_map and theirs[1] in network_map
    assert f'data-me="{WORDS[language]["client"]}"' in network_map
    assert f'data-me="{WORDS[language]["me"]}"' in owner_map and mine[1] in owner_map
