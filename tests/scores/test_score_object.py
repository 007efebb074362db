"""`compile_scores AUDIT --json`: the documented object (docs/scoring.md, "The score object"),
with the issue-15 scenarios run through the database, the compile and the command."""

import json

import pytest
from django.core.management import call_command

from audits.feedback.release import feedback_release
from audits.feedback.services import feedback_answer
from audits.models import Audit, FeedbackRequest, Recommendation
from audits.scores.summary import KEYS
from tests.factories import AuditFactory
from tests.helpers.feedback import make_requests

pytestmark = pytest.mark.django_db

PEER_KEYS = ("urgent", "blind_spots", "hidden_strengths")


def score_json(audit) -> dict:
    from io import StringIO

    out = StringIO()
    call_command("compile_scores", str(audit.pk), "--json", stdout=out)
    return json.loads(out.getvalue())


def ask(audit, count: int, relationship: str = "client") -> list[FeedbackRequest]:
    requests = make_requests(audit, *[f"{relationship}{i}@ex.com" for i in range(count)])
    FeedbackRequest.objects.filter(pk__in=[r.pk for r in requests]).update(
        status="sent", relationship=relationship
    )
    return requests


def answer(requests, appraisal: str, rating: int | None, dimensions) -> None:
    for request in requests:
        request.refresh_from_db()
        feedback_answer(
            request=request,
            appraisal=appraisal,
            perceptions=dict.fromkeys(dimensions, rating),
            keep_doing="",
            change="",
        )
    if requests:  # answers reach the score only when released, in batches of k
        feedback_release(audit_id=requests[0].audit_id)


@pytest.fixture
def audit():
    audit = AuditFactory()
    dimensions = {
        "objectives": 70.0,
        "listening": 70.0,
        "boundaries": 95.0,
        "security": 20.0,
    }
    Audit.objects.filter(pk=audit.pk).update(
        status="submitted",
        self_scores={
            "overall": 70.0,
            "pillars": {"strategy": 70.0, "engagement": 70.0, "conduct": 70.0},
            "dimensions": dimensions,
            "dimensions_on_five": {k: round(1 + 4 * v / 100, 2) for k, v in dimensions.items()},
        },
    )
    audit.refresh_from_db()
    return audit


def test_the_object_has_exactly_the_documented_keys(audit):
    data = score_json(audit)

    assert tuple(data) == KEYS
    assert set(data["confidence"]) == {"level", "answers", "groups"}
    assert set(data["silence"]) == {"rate", "by_group"}
    assert all(set(d) == {"self", "peers"} for d in data["dimensions"].values())
    assert len(data["plan"]) <= 3 and set(data["plan"]) <= set(data["recommendations"])


def test_sending_requests_with_no_answer_never_lowers_overall(audit):
    before = score_json(audit)
    ask(audit, 30)

    after = score_json(audit)

    assert after["overall"] == before["overall"]
    assert after["silence"]["rate"] == 100.0
    assert after["silence"]["by_group"] == {"client": 100.0}


@pytest.mark.parametrize("count", [1, 2])
def test_peer_keys_are_null_below_three_answers(audit, count):
    requests = ask(audit, 30)
    answer(requests[:count], "negative", 1, ["objectives", "listening"])

    data = score_json(audit)

    assert all(data[key] is None for key in PEER_KEYS)
    # Stored, but not released: below k nothing of them reaches the score, not even a count.
    assert data["confidence"] == {"level": "none", "answers": 0, "groups": None}
    assert all(d["peers"] is None for d in data["dimensions"].values())
    assert "urgent_change_practices" not in data["recommendations"]


def test_thirty_clients_with_ten_positive_beat_three_friends_with_more_confidence(audit):
    friends_audit = AuditFactory()
    Audit.objects.filter(pk=friends_audit.pk).update(
        status="submitted", self_scores=audit.self_scores
    )
    friends_audit.refresh_from_db()
    everywhere = ["objectives", "listening", "boundaries", "security"]
    answer(ask(audit, 30)[:10], "positive", 5, everywhere)
    answer(ask(friends_audit, 3, "friend"), "positive", 5, everywhere)

    clients, friends = score_json(audit), score_json(friends_audit)

    assert clients["overall"] >= friends["overall"]
    levels = ["none", "low", "medium", "high"]
    assert levels.index(clients["confidence"]["level"]) > levels.index(
        friends["confidence"]["level"]
    )
    assert "close_circle_answers" in friends["recommendations"]


def test_blind_spots_are_reported_per_dimension_and_urgency_names_its_cause(audit):
    requests = ask(audit, 6)
    # Boundaries: self 4.8, peers 2 -> a blind spot; security: self 1.8, peers 4 -> hidden.
    for request, appraisal in zip(
        requests[:4], ["neutral", "neutral", "negative", "positive"], strict=True
    ):
        request.refresh_from_db()
        feedback_answer(
            request=request,
            appraisal=appraisal,
            perceptions={"boundaries": 2, "security": 4, "objectives": 3},
            keep_doing="",
            change="",
        )
    feedback_release(audit_id=audit.pk)

    data = score_json(audit)

    assert data["urgent"] is True
    assert data["blind_spots"] == ["boundaries"]
    assert data["hidden_strengths"] == ["security"]
    assert data["plan"][0] == "urgent_change_practices"
    urgent = Recommendation.objects.get(audit=audit, code="urgent_change_practices")
    assert "Professional boundaries" in urgent.text["en"]


def test_a_plan_action_marked_done_stays_done_and_leaves_the_plan(audit):
    requests = ask(audit, 6)
    answer(requests[:3], "negative", 2, ["boundaries"])
    first = score_json(audit)
    done = Recommendation.objects.get(audit=audit, code=first["plan"][0], active=True)
    done.status = Recommendation.Status.DONE
    done.save(update_fields=["status"])

    answer(requests[3:4], "positive", 5, ["boundaries"])
    again = score_json(audit)

    done.refresh_from_db()
    assert done.status == "done"
    assert done.code not in again["plan"]
    assert len(again["plan"]) == 3


def test_a_suggested_date_is_kept_across_compiles(audit):
    import datetime

    requests = ask(audit, 6)
    answer(requests[:3], "negative", 2, ["boundaries"])
    score_json(audit)
    rec = Recommendation.objects.filter(audit=audit, active=True).exclude(due_on=None).first()
    Recommendation.objects.filter(pk=rec.pk).update(due_on=datetime.date(2026, 1, 2))

    answer(requests[3:4], "negative", 1, ["boundaries"])  # new inputs, a new compile
    score_json(audit)

    rec.refresh_from_db()
    assert rec.due_on == datetime.date(2026, 1, 2)
