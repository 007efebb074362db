"""The consultant's pages name the confidence level in the reader's language, never its code."""

import pytest
from django.urls import reverse

from audits.scores.models import ScoreSnapshot
from tests.factories import AuditFactory, ConsultantFactory
from tests.helpers.consulting import engage

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("level", "words"),
    [("low", "Confiance faible"), ("medium", "Confiance moyenne"), ("high", "Confiance élevée")],
)
def test_the_workspace_names_the_confidence_level_in_french(client, level, words):
    audit = AuditFactory()
    consultant = ConsultantFactory(language="fr")
    engage(audit.owner, consultant)
    ScoreSnapshot.objects.create(
        audit=audit, algorithm="test", inputs_hash="x", overall=46, confidence=level, figures={}
    )
    client.force_login(consultant)

    page = client.get(reverse("consulting:workspace"), HTTP_ACCEPT_LANGUAGE="fr").content.decode()

    assert f"({level})" not in page
    assert words in page
