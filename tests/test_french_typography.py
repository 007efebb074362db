"""Rendered French pages set a no-break space before « : ; ! ? % » (see tests/helpers)."""

from pathlib import Path

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from accounts.models import User
from audits.consulting.models import Engagement
from audits.management.demo import DEMO_LOGINS, seed_demo
from audits.questionnaires.models import Question
from config.typography import french
from tests.factories import AuditFactory
from tests.helpers.translations import po_entries
from tests.helpers.typography import typography_offences

pytestmark = pytest.mark.django_db


def test_the_checker_finds_english_typography_and_accepts_french():
    assert typography_offences("<p>Section 1 sur 4: Stratégie</p>") == [
        "Section 1 sur 4: Stratégie"
    ]
    assert typography_offences("<p>33,3%</p><p>Vraiment ?</p>") == ["33,3%", "Vraiment ?"]
    assert typography_offences('<p title="Oui !">x</p>') == ["Oui !"]
    assert (
        typography_offences(
            "<p>Section 1 sur 4\u00a0: Stratégie</p><p>33,3\u202f%</p><p>14:05</p>"
            "<p>https://epratiques.example/f/x/</p><script>a?b:c</script>"
        )
        == []
    )


def test_every_french_string_of_the_catalogue_sets_its_no_break_spaces():
    catalogue = Path(__file__).resolve().parents[1] / "locale/fr/LC_MESSAGES/django.po"
    entries = po_entries(catalogue)

    unset = [e["msgstr"] for e in entries if french(e["msgstr"]) != e["msgstr"]]
    assert unset == []


def test_french_questionnaire_texts_get_their_no_break_spaces_however_typed():
    question = Question(text_fr="Pourquoi? Parce que : voilà", text_en="Why? Because: there")

    with translation.override("fr"):
        assert question.text == "Pourquoi\u202f? Parce que\u00a0: voilà"
    with translation.override("en"):
        assert question.text == "Why? Because: there"


@pytest.mark.parametrize(
    ("language", "expected"), [("fr", "33,3\u202f% · 100\u202f%"), ("en", "33.3% · 100%")]
)
def test_percentages_are_written_as_each_language_does(language, expected):
    template = Template("{% load numbers %}{{ a|percent }} · {{ b|percent:0 }}")

    with translation.override(language):
        assert template.render(Context({"a": 33.333, "b": 100.0})) == expected


@pytest.fixture
def demo(settings):
    seed_demo()
    professional = User.objects.get(email=DEMO_LOGINS[0].email)
    consultant = User.objects.get(email=DEMO_LOGINS[1].email)
    User.objects.filter(pk__in=[professional.pk, consultant.pk]).update(language="fr")
    professional.refresh_from_db()
    consultant.refresh_from_db()
    return professional, consultant


def _offences(client, user, urls):
    client.force_login(user)
    found = {}
    for url in urls:
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="fr")
        assert response.status_code == 200, url
        offences = typography_offences(response.content.decode())
        if offences:
            found[url] = offences
    return found


def test_the_professionals_french_pages_set_no_break_spaces(client, demo):
    professional, _consultant = demo
    in_progress = AuditFactory(objective__owner=professional)
    urls = [
        reverse("dashboard"),
        reverse("audits:section", args=[in_progress.pk, 1]),
        reverse("audits:section", args=[in_progress.pk, 2]),
        reverse("audits:review", args=[in_progress.pk]),
        reverse("contacts:list"),
        reverse("contacts:network"),
        reverse("contacts:map"),
        reverse("contacts:import"),
    ]

    assert _offences(client, professional, urls) == {}


def test_the_consultants_french_pages_set_no_break_spaces(client, demo):
    professional, consultant = demo
    engagement = Engagement.objects.get(client=professional, consultant=consultant)
    urls = [
        reverse("consulting:workspace"),
        reverse("consulting:client", args=[engagement.client_id]),
    ]

    assert _offences(client, consultant, urls) == {}


def _submitted(professional):
    return professional.audits.filter(status="submitted").first()


def test_the_score_feedback_and_report_pages_set_no_break_spaces(client, demo):
    professional, _consultant = demo
    audit = _submitted(professional)
    urls = [
        reverse("audits:score", args=[audit.pk]),
        reverse("audits:results", args=[audit.pk]),
        reverse("audits:feedback", args=[audit.pk]),
        reverse("audits:feedback_new", args=[audit.pk]),
        reverse("audits:report", args=[audit.pk]),
    ]

    assert _offences(client, professional, urls) == {}


def test_the_consultants_client_score_and_report_set_no_break_spaces(client, demo):
    professional, consultant = demo
    audit = _submitted(professional)
    urls = [
        reverse("consulting:client_score", args=[professional.pk, audit.pk]),
        reverse("consulting:client_report", args=[professional.pk, audit.pk]),
        reverse("consulting:review", args=[professional.pk, audit.pk]),
        reverse("consulting:client_network", args=[professional.pk]),
        reverse("consulting:client_map", args=[professional.pk]),
    ]

    assert _offences(client, consultant, urls) == {}


def test_this_round_s_french_pages_set_no_break_spaces(client, demo):
    """Own data, the draft check, progress, introductions, the channel and the annotated plan
    (issues 18 to 20), on the demo, which now has own data, an engagement and a score."""
    professional, consultant = demo
    audit = _submitted(professional)
    engagement = Engagement.objects.get(client=professional, consultant=consultant)
    owner_urls = [
        reverse("evidence:home"),
        reverse("evidence:draft_check"),
        reverse("evidence:excerpts", args=["linkedin", "pitch"]),
        reverse("audits:progress", args=[audit.objective_id]),
        reverse("audits:check_in", args=[audit.objective_id]),
        reverse("contacts:introductions"),
        reverse("audits:consultant_messages", args=[engagement.pk]),
    ]
    consultant_urls = [
        reverse("consulting:plan_annotate", args=[professional.pk, audit.pk]),
        reverse("consulting:messages", args=[engagement.pk]),
    ]

    assert _offences(client, professional, owner_urls) == {}
    assert _offences(client, consultant, consultant_urls) == {}
