"""The audit report: HTML and PDF, for the owner and the engaged consultant, in their language."""

import pytest
from django.db import connection
from django.template.defaultfilters import floatformat
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from audits.consulting.services import (
    engagement_invite,
)
from audits.models import Recommendation, ScoreSnapshot
from audits.reports.report import report_context, static_file_for_url, static_files_fetcher
from config.typography import french as french_typography
from contacts.models import Contact
from tests.factories import ConsultantFactory, UserFactory
from tests.helpers.reports import (
    ADVICE,
    DRAFT_FINDINGS,
    FINDINGS,
    engage,
    pdf_text,
    scored_audit,
    write_review,
)

pytestmark = pytest.mark.django_db


def overall(audit) -> str:
    return floatformat(ScoreSnapshot.objects.filter(audit=audit).first().overall, 0)


def test_the_owner_downloads_a_pdf_with_the_score_and_the_published_review(client):
    audit = scored_audit()
    published = engage(audit, ConsultantFactory())
    write_review(published, audit, FINDINGS, ADVICE)
    drafting = engage(audit, ConsultantFactory())
    write_review(drafting, audit, DRAFT_FINDINGS, "Draft advice", publish=False)
    client.force_login(audit.owner)

    response = client.get(reverse("audits:report_pdf", args=[audit.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    text = pdf_text(response)
    assert f"{overall(audit)}/100" in text
    assert "Reputation audit report" in text
    assert FINDINGS in text
    assert ADVICE in text
    assert published.consultant.display_name in text
    assert DRAFT_FINDINGS not in text
    assert "Draft advice" not in text


def test_a_draft_review_never_appears_in_the_report(client):
    audit = scored_audit()
    write_review(engage(audit, ConsultantFactory()), audit, DRAFT_FINDINGS, "Draft advice", False)
    client.force_login(audit.owner)

    body = client.get(reverse("audits:report", args=[audit.pk])).content.decode()

    assert DRAFT_FINDINGS not in body
    assert "Draft advice" not in body
    assert 'data-testid="review"' not in body


def test_the_engaged_consultant_downloads_the_same_report(client):
    audit = scored_audit()
    consultant = ConsultantFactory()
    write_review(engage(audit, consultant), audit, FINDINGS, ADVICE)
    client.force_login(consultant)

    response = client.get(reverse("consulting:client_report_pdf", args=[audit.owner_id, audit.pk]))

    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    text = pdf_text(response)
    assert f"{overall(audit)}/100" in text
    assert audit.owner.display_name in text
    assert FINDINGS in text


def test_the_report_is_in_the_readers_language(client):
    english = scored_audit(owner=UserFactory(language="en"))
    french = scored_audit(owner=UserFactory(language="fr"))

    client.force_login(english.owner)
    english_page = client.get(reverse("audits:report", args=[english.pk])).content.decode()
    client.force_login(french.owner)
    french_page = client.get(reverse("audits:report", args=[french.pk])).content.decode()

    assert "Answers and silence" in english_page and "Recommendations" in english_page
    assert "Réponses et silences" in french_page and "Recommandations" in french_page
    assert "Answers and silence" not in french_page
    rec = Recommendation.objects.filter(audit=french, active=True).first()
    assert french_typography(rec.text["fr"]) in french_page
    assert rec.text["fr"] != rec.text["en"] and rec.text["en"] not in french_page


def test_a_consultant_reads_the_clients_report_in_their_own_language(client):
    audit = scored_audit(owner=UserFactory(language="fr"))
    consultant = ConsultantFactory(language="en")
    engage(audit, consultant)
    # The client knows six recruiters; the consultant's own network has none.
    Contact.objects.bulk_create(
        Contact(owner=audit.owner, full_name=f"Recruiter {i}", role_category="recruiter")
        for i in range(6)
    )
    client.force_login(consultant)

    body = client.get(
        reverse("consulting:client_report", args=[audit.owner_id, audit.pk])
    ).content.decode()

    assert "Answers and silence" in body
    assert reverse("consulting:client_report_pdf", args=[audit.owner_id, audit.pk]) in body
    zones = body.split('data-testid="absence-zones"')[1].split("</ul>")[0]
    assert "zone-covered" in zones and "Follow the recruiters" not in zones


@pytest.mark.parametrize("fmt", ["report", "report_pdf"])
def test_another_professional_and_an_unengaged_consultant_get_404(client, fmt):
    audit = scored_audit(responses=1)
    invited_only = ConsultantFactory()
    engagement_invite(client=audit.owner, email=invited_only.email)

    client.force_login(UserFactory())
    assert client.get(reverse(f"audits:{fmt}", args=[audit.pk])).status_code == 404
    for consultant in (ConsultantFactory(), invited_only):
        client.force_login(consultant)
        url = reverse(f"consulting:client_{fmt}", args=[audit.owner_id, audit.pk])
        assert client.get(url).status_code == 404


def test_the_html_report_shows_the_radar_and_the_findings_in_context(client):
    audit = scored_audit()
    client.force_login(audit.owner)

    response = client.get(reverse("audits:report", args=[audit.pk]), HTTP_ACCEPT_LANGUAGE="en")

    body = response.content.decode()
    assert response.status_code == 200
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in body
    assert 'class="chart chart-radar"' in body and 'class="chart chart-trend"' in body
    assert reverse("audits:report_pdf", args=[audit.pk]) in body
    assert "Download PDF" in body
    # Peers see the objectives at 3/5, the owner at 5/5: a blind spot, named per dimension.
    blind_spots = body.split('data-testid="blind-spots"')[1].split("</div>")[0]
    assert "Objectives" in blind_spots
    hidden = body.split('data-testid="hidden-strengths"')[1].split("</div>")[0]
    assert "Professional boundaries" in hidden
    # Absence zones of the objective, with the action for an absent profile.
    zones = body.split('data-testid="absence-zones"')[1].split("</ul>")[0]
    assert "Recruiter / HR" in zones and "Follow the recruiters" in zones
    assert "silent" in body and "Silence is not consent." in body
    assert "Wilson lower bound" in body
    assert 'data-testid="plan"' in body and "Next step:" in body


def test_the_pdf_version_has_no_navigation_and_no_buttons(rf):
    audit = scored_audit(responses=1)
    request = rf.get("/")
    request.user = audit.owner

    with translation.override("en"):
        html = render_to_string(
            "reports/report.html", {**report_context(audit, request=request), "pdf": True}
        )

    assert "navbar" not in html
    assert "Download PDF" not in html
    assert "<script" not in html
    assert "/static/css/report.css" in html
    assert "Reputation audit report" in html


def test_the_report_cost_does_not_grow_with_the_responses(client):
    small, large = scored_audit(responses=3), scored_audit(responses=40)
    for audit in (small, large):
        consultant = ConsultantFactory()
        write_review(engage(audit, consultant), audit, FINDINGS, ADVICE)

    counts = []
    for audit in (small, large):
        client.force_login(audit.owner)
        with CaptureQueriesContext(connection) as context:
            response = client.get(reverse("audits:report", args=[audit.pk]))
        assert response.status_code == 200
        counts.append(len(context.captured_queries))

    assert counts[0] == counts[1]


def test_the_pdf_reads_only_our_static_files(settings):
    base = "http://testserver/"

    assert static_file_for_url(base + "static/css/report.css", base).endswith("css/report.css")
    assert static_file_for_url("http://elsewhere.example/static/css/report.css", base) is None
    assert static_file_for_url("https://testserver/static/css/report.css", base) is None
    assert static_file_for_url(base + "media/avatar.png", base) is None
    assert static_file_for_url(base + "static/../config/settings.py", base) is None
    assert static_file_for_url(base + "static/%2e%2e/config/settings.py", base) is None
    assert static_file_for_url("file:///etc/passwd", base) is None
    assert static_file_for_url(base + "static/css/missing.css", base) is None
    fetcher = static_files_fetcher(base)
    assert b".report" in fetcher(base + "static/css/report.css").read()
    with pytest.raises(ValueError, match="only our static files"):
        fetcher("https://fonts.example.com/font.woff2")
