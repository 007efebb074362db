"""Evidence in the score (issue 18): the third column, the "you say / your data shows" blind
spot, the evidence rules with their excerpts, who sees what, compile_scores --json, and the
score itself unchanged by evidence."""

import io
import json

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audits.models import Audit, Recommendation, ScoreSnapshot
from audits.scores.services import audit_compile_scores
from evidence.models import FlaggedExcerpt, NetworkEvidence
from evidence.signals import send_evidence_changed
from tests.factories import AuditFactory, ConsultantFactory, UserFactory
from tests.helpers.consulting import engage
from tests.helpers.feedback import answer_requests as answer

pytestmark = pytest.mark.django_db

FIGURES = {
    "posts_12m": 50,
    "pitch_share": 0.38,
    "pitch_base": 50,
    "heated_share": 0.01,
    "leak_count": 0,
    "active_weeks_12m": 31,
}


def says_good_on_pitching(audit) -> None:
    """The professional rates their commercial restraint 4.6 out of 5."""
    scores = dict(audit.self_scores or {})
    scores.setdefault("dimensions", {})
    scores["dimensions"] = {**scores["dimensions"], "commercial_restraint": 90.0}
    scores["dimensions_on_five"] = {
        **(scores.get("dimensions_on_five") or {}),
        "commercial_restraint": 4.6,
    }
    scores.setdefault("overall", 80.0)
    scores.setdefault("pillars", {"conduct": 80.0})
    Audit.objects.filter(pk=audit.pk).update(self_scores=scores)
    audit.refresh_from_db()


def with_evidence(audit, figures=None):
    NetworkEvidence.objects.create(
        owner=audit.owner, network="linkedin", figures=figures or FIGURES
    )
    FlaggedExcerpt.objects.create(
        owner=audit.owner,
        network="linkedin",
        kind="post",
        flag="pitch",
        excerpt="Découvrez notre offre spéciale…",
    )
    return audit_compile_scores(audit_id=audit.pk)


@pytest.fixture
def audit():
    audit = AuditFactory()
    answer(audit, 3)
    says_good_on_pitching(audit)
    return audit


def test_evidence_never_moves_the_score(audit):
    before = audit_compile_scores(audit_id=audit.pk)
    after = with_evidence(audit)
    assert after.pk != before.pk  # a new snapshot: what the data shows is new
    assert after.overall == before.overall
    assert after.figures["reputation"] == before.figures["reputation"]
    assert "evidence" not in before.figures
    assert after.figures["evidence"]["networks"]["linkedin"]["pitch_share"] == 0.38


def test_without_evidence_the_page_has_two_columns_and_no_evidence_noise(client, audit):
    audit_compile_scores(audit_id=audit.pk)
    client.force_login(audit.owner)
    body = client.get(reverse("audits:score", args=[audit.pk])).content.decode()
    assert 'data-testid="dimensions"' in body
    assert 'data-testid="evidence-column"' not in body
    assert 'data-testid="evidence-gaps"' not in body
    assert "My data" not in body


def test_with_evidence_the_page_shows_three_columns_and_the_blind_spot_in_english(client, audit):
    with_evidence(audit)
    client.force_login(audit.owner)
    body = client.get(reverse("audits:score", args=[audit.pk])).content.decode()
    assert 'data-testid="evidence-column"' in body
    assert 'data-figure="pitch_share"' in body
    assert "You say you rarely pitch; 38% of your last 50 posts on LinkedIn are pitches." in body


def test_the_blind_spot_reads_in_french_with_french_numbers(client, audit):
    audit.owner.language = "fr"
    audit.owner.save(update_fields=["language"])
    with_evidence(audit)
    client.force_login(audit.owner)
    body = client.get(
        reverse("audits:score", args=[audit.pk]), HTTP_ACCEPT_LANGUAGE="fr"
    ).content.decode()
    assert (
        "Vous dites démarcher rarement\u202f; 38\u202f% de vos 50 dernières publications sur "
        "LinkedIn sont des argumentaires commerciaux." in body
    )


def test_no_blind_spot_when_the_professional_does_not_claim_the_good_practice(client):
    audit = AuditFactory()
    answer(audit, 3)
    snapshot = with_evidence(audit)
    assert snapshot.figures["evidence"]["gaps"] == []
    assert snapshot.figures["evidence"]["dimensions"]["commercial_restraint"][0]["bad"] is True


def test_a_recommendation_fires_from_the_figure_with_its_excerpts_link(client, audit):
    with_evidence(audit)
    rec = Recommendation.objects.get(audit=audit, code="evidence_pitching", active=True)
    assert rec.key == "linkedin"
    assert "38% of your last 50 posts on LinkedIn are pitches" in rec.evidence["en"]
    assert "38\u202f% de vos 50 dernières publications" in rec.evidence["fr"]
    client.force_login(audit.owner)
    body = client.get(reverse("audits:score", args=[audit.pk])).content.decode()
    link = reverse("evidence:excerpts", args=["linkedin", "pitch"])
    assert f'href="{link}"' in body
    page = client.get(link).content.decode()
    assert "Découvrez notre offre spéciale" in page


def test_the_excerpts_are_the_owners_only(client, audit):
    with_evidence(audit)
    client.force_login(UserFactory())
    page = client.get(reverse("evidence:excerpts", args=["linkedin", "pitch"])).content.decode()
    assert "Découvrez notre offre" not in page
    assert client.get("/own-data/excerpts/linkedin/nothing/").status_code == 404
    assert client.get("/own-data/excerpts/myspace/pitch/").status_code == 404


@pytest.mark.parametrize("shared", [False, True])
def test_a_consultant_sees_the_figures_and_the_excerpts_only_when_contacts_are_shared(
    audit, shared
):
    with_evidence(audit)
    consultant = ConsultantFactory()
    engage(audit.owner, consultant, share_contacts=shared)
    browser = Client()
    browser.force_login(consultant)
    owner_id = audit.owner_id
    body = browser.get(
        reverse("consulting:client_score", args=[owner_id, audit.pk])
    ).content.decode()
    assert 'data-figure="pitch_share"' in body  # the figures, always
    excerpts = reverse("consulting:client_excerpts", args=[owner_id, "linkedin", "pitch"])
    response = browser.get(excerpts)
    if shared:
        assert f'href="{excerpts}"' in body
        assert response.status_code == 200
        assert "Découvrez notre offre spéciale" in response.content.decode()
    else:
        assert 'data-testid="excerpts-link"' not in body
        assert response.status_code == 403
        assert "Découvrez notre offre" not in response.content.decode()


def test_a_consultant_of_another_client_reaches_no_excerpt(audit):
    with_evidence(audit)
    other_client = UserFactory()
    consultant = ConsultantFactory()
    engage(other_client, consultant, share_contacts=True)
    browser = Client()
    browser.force_login(consultant)
    url = reverse("consulting:client_excerpts", args=[audit.owner_id, "linkedin", "pitch"])
    assert browser.get(url).status_code == 404


def test_compile_scores_json_has_the_evidence_object(audit):
    with_evidence(audit)
    out = io.StringIO()
    call_command("compile_scores", str(audit.pk), "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["evidence"] == {"linkedin": FIGURES}


def test_compile_scores_json_evidence_is_empty_without_own_data(audit):
    out = io.StringIO()
    call_command("compile_scores", str(audit.pk), "--json", stdout=out)
    assert json.loads(out.getvalue())["evidence"] == {}


def test_the_score_page_costs_the_same_queries_with_evidence(client):
    plain, rich = AuditFactory(), AuditFactory()
    for audit in (plain, rich):
        answer(audit, 3)
        says_good_on_pitching(audit)
    audit_compile_scores(audit_id=plain.pk)
    with_evidence(
        rich, {**FIGURES, "heated_share": 0.2, "leak_count": 3, "longest_silence_days": 90}
    )
    NetworkEvidence.objects.create(owner=rich.owner, network="x", figures=FIGURES)
    audit_compile_scores(audit_id=rich.pk)
    counts = []
    for audit in (plain, rich):
        client.force_login(audit.owner)
        with CaptureQueriesContext(connection) as context:
            assert client.get(reverse("audits:score", args=[audit.pk])).status_code == 200
        counts.append(len(context.captured_queries))
    assert counts[0] == counts[1]


def test_the_report_has_the_three_columns_only_with_evidence(client, audit):
    audit_compile_scores(audit_id=audit.pk)
    client.force_login(audit.owner)
    url = reverse("audits:report", args=[audit.pk])
    assert 'data-testid="report-evidence"' not in client.get(url).content.decode()
    with_evidence(audit)
    body = client.get(url).content.decode()
    assert 'data-testid="report-evidence"' in body
    assert "You say you rarely pitch; 38% of your last 50 posts on LinkedIn are pitches." in body


def test_evidence_changed_recompiles_the_latest_audit(audit, django_capture_on_commit_callbacks):
    audit_compile_scores(audit_id=audit.pk)
    NetworkEvidence.objects.create(owner=audit.owner, network="linkedin", figures=FIGURES)
    with django_capture_on_commit_callbacks(execute=True):
        send_evidence_changed(audit.owner)
    latest = ScoreSnapshot.objects.filter(audit=audit).order_by("-computed_at", "-id").first()
    assert latest.figures["evidence"]["networks"]["linkedin"]["posts_12m"] == 50


def test_the_two_way_ratio_speaks_to_two_way_communication_with_its_base():
    from audits.scores.evidence import evidence_rows

    rows = evidence_rows({"linkedin": {"two_way_ratio": 0.2, "two_way_base": 40}})

    (row,) = rows["two_way"]
    assert (row["figure"], row["base"], row["bad"]) == ("two_way_ratio", 40, True)
    assert (
        evidence_rows({"linkedin": {"two_way_ratio": 0.6, "two_way_base": 40}})["two_way"][0]["bad"]
        is False
    )


def test_every_figure_that_fires_a_rule_has_its_evidence_text_in_the_catalogue():
    """A figure of evidence_map.toml that fires a rule must be worded under that rule in
    recommendations.toml (the catalogue checks both languages), or its compile would fail."""
    from audits.scores.catalogue import rules
    from audits.scores.evidence import evidence_map

    catalogue = rules()
    missing = [
        (entry["figure"], entry["rule"])
        for entry in evidence_map()
        if entry.get("rule") and entry["figure"] not in catalogue[entry["rule"]].evidence
    ]
    assert missing == []


def test_the_consultant_reads_the_blind_spot_about_the_client_not_about_themself(audit):
    with_evidence(audit)
    consultant = ConsultantFactory(language="en")
    engage(audit.owner, consultant)
    browser = Client()
    browser.force_login(consultant)
    for name in ("consulting:client_score", "consulting:client_report"):
        body = browser.get(
            reverse(name, args=[audit.owner_id, audit.pk]), HTTP_ACCEPT_LANGUAGE="en"
        ).content.decode()
        assert "the client rates themself 4.6 out of 5; Posts that pitch (LinkedIn): 38%" in body
        assert "You say you rarely pitch" not in body
        assert "The client&#x27;s data" in body or "The client's data" in body
