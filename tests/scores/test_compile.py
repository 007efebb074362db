import json

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audits.models import Audit, FeedbackRequest, Recommendation, ScoreSnapshot
from audits.scores.services import audit_compile_scores, schedule_compile
from tests.factories import AuditFactory, UserFactory
from tests.helpers.feedback import answer_requests as answer
from tests.helpers.feedback import make_requests

pytestmark = pytest.mark.django_db


def test_the_same_inputs_never_add_a_second_snapshot():
    audit = AuditFactory()
    answer(audit, 3)

    first = audit_compile_scores(audit_id=audit.pk)
    again = audit_compile_scores(audit_id=audit.pk)

    assert first.pk == again.pk
    assert ScoreSnapshot.objects.filter(audit=audit).count() == 1
    answer(audit, 1, appraisal="negative")
    third = audit_compile_scores(audit_id=audit.pk)
    assert third.pk != first.pk
    assert ScoreSnapshot.objects.filter(audit=audit).count() == 2


def test_a_compile_stores_peer_figures_and_recommendations_and_clears_the_flag():
    audit = AuditFactory()
    answer(audit, 4, appraisal="negative")
    Audit.objects.filter(pk=audit.pk).update(needs_scoring=True)

    snapshot = audit_compile_scores(audit_id=audit.pk)

    audit.refresh_from_db()
    assert audit.needs_scoring is False
    assert audit.peer_summary["responses"] == 4
    assert snapshot.figures["reputation"]["urgent"] is True
    assert Recommendation.objects.filter(audit=audit, severity="urgent", active=True).exists()


def test_a_burst_of_answers_enqueues_one_compile(django_capture_on_commit_callbacks, settings):
    settings.SCORE_DEBOUNCE_SECONDS = 60
    audit = AuditFactory()

    with django_capture_on_commit_callbacks() as callbacks:
        for _ in range(5):
            schedule_compile(audit_id=audit.pk)

    compiles = [c for c in callbacks if "compile_scores" in c.__qualname__]
    assert len(compiles) == 1
    assert Audit.objects.get(pk=audit.pk).needs_scoring is True


def test_a_compile_reopens_the_window_for_later_answers(
    django_capture_on_commit_callbacks, settings
):
    settings.SCORE_DEBOUNCE_SECONDS = 60
    audit = AuditFactory()
    with django_capture_on_commit_callbacks() as first:
        schedule_compile(audit_id=audit.pk)
    audit_compile_scores(audit_id=audit.pk)

    with django_capture_on_commit_callbacks() as second:
        schedule_compile(audit_id=audit.pk)

    assert len(first) == len(second) == 1


def test_an_answer_finding_a_compile_pending_sends_nothing_more_even_without_debounce(
    django_capture_on_commit_callbacks, settings
):
    settings.SCORE_DEBOUNCE_SECONDS = 0  # no debounce: only the flag tells a compile is due
    audit = AuditFactory()
    Audit.objects.filter(pk=audit.pk).update(needs_scoring=True)

    with django_capture_on_commit_callbacks() as pending:
        schedule_compile(audit_id=audit.pk)
    with django_capture_on_commit_callbacks() as asked:
        schedule_compile(audit_id=audit.pk, even_if_pending=True)

    assert pending == []
    assert len(asked) == 1


def test_the_recompute_button_enqueues_even_with_a_compile_pending(
    client, django_capture_on_commit_callbacks, settings
):
    settings.SCORE_DEBOUNCE_SECONDS = 0
    audit = AuditFactory()
    Audit.objects.filter(pk=audit.pk).update(needs_scoring=True)
    client.force_login(audit.owner)

    with django_capture_on_commit_callbacks() as callbacks:
        client.post(reverse("audits:recompute", args=[audit.pk]))

    assert [c for c in callbacks if "compile_scores" in c.__qualname__]


def test_the_command_prints_the_score_object_as_json(capsys):
    audit = AuditFactory()
    answer(audit, 3)

    call_command("compile_scores", str(audit.pk), "--json")

    data = json.loads(capsys.readouterr().out)
    assert data["confidence"]["answers"] == 3
    assert data["confidence"]["level"] in {"none", "low", "medium", "high"}
    assert ScoreSnapshot.objects.filter(audit=audit).count() == 1


def test_the_command_refuses_an_unknown_audit():
    with pytest.raises(CommandError, match="No audit"):
        call_command("compile_scores", "999999", "--json")


def test_the_score_page_cost_does_not_grow_with_answers(client):
    small, large = AuditFactory(), AuditFactory()
    answer(small, 3)
    answer(large, 60)
    for audit in (small, large):
        audit_compile_scores(audit_id=audit.pk)

    counts = []
    for audit in (small, large):
        client.force_login(audit.owner)
        with CaptureQueriesContext(connection) as context:
            response = client.get(reverse("audits:score", args=[audit.pk]))
        assert response.status_code == 200
        counts.append(len(context.captured_queries))

    assert counts[0] == counts[1]


def test_recommendations_can_be_marked_done_or_dismissed_and_stay_so(client):
    audit = AuditFactory()
    answer(audit, 4, appraisal="negative")
    audit_compile_scores(audit_id=audit.pk)
    rec = Recommendation.objects.filter(audit=audit, active=True).first()
    client.force_login(audit.owner)

    client.post(
        reverse("audits:recommendation_status", args=[audit.pk, rec.pk]), {"status": "done"}
    )
    answer(audit, 1, appraisal="negative")
    audit_compile_scores(audit_id=audit.pk)

    rec.refresh_from_db()
    assert rec.status == "done"
    bad = client.post(
        reverse("audits:recommendation_status", args=[audit.pk, rec.pk]), {"status": "deleted"}
    )
    assert bad.status_code == 302
    rec.refresh_from_db()
    assert rec.status == "done"


def test_someone_elses_score_and_recommendations_are_404(client):
    audit = AuditFactory()
    answer(audit, 3, appraisal="negative")
    audit_compile_scores(audit_id=audit.pk)
    rec = Recommendation.objects.filter(audit=audit).first()
    client.force_login(UserFactory())

    assert client.get(reverse("audits:score", args=[audit.pk])).status_code == 404
    assert client.post(reverse("audits:recompute", args=[audit.pk])).status_code == 404
    assert (
        client.post(
            reverse("audits:recommendation_status", args=[audit.pk, rec.pk]), {"status": "done"}
        ).status_code
        == 404
    )


def test_the_score_page_shows_the_urgent_banner_and_silence(client):
    audit = AuditFactory(objective__owner__language="en")
    make_requests(audit, "quiet1@ex.com", "quiet2@ex.com")
    FeedbackRequest.objects.filter(audit=audit).update(status="sent")
    answer(audit, 3, appraisal="neutral")
    audit_compile_scores(audit_id=audit.pk)
    client.force_login(audit.owner)

    body = client.get(reverse("audits:score", args=[audit.pk])).content.decode()

    assert "Urgent: change your online practices now." in body
    assert "3 answers out of 5 requests sent" in body
    assert "silent 40%" in body
