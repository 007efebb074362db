"""Answers reach FeedbackResponse only in batches of k, shuffled, with their groups kept ≥ k."""

import datetime
from collections import Counter

import pytest
from django.utils import timezone

from audits.feedback.release import (
    batch_labels,
    feedback_release,
    feedback_release_sweep,
    feedback_round_close,
    release_status,
)
from audits.feedback.services import feedback_answer
from audits.models import FeedbackRequest, FeedbackResponse, PendingFeedbackAnswer
from tests.helpers.feedback import make_requests

pytestmark = pytest.mark.django_db


def sent(audit, *emails, relationship="client"):
    requests = make_requests(audit, *emails, relationship=relationship)
    FeedbackRequest.objects.filter(pk__in=[r.pk for r in requests]).update(status="sent")
    for request in requests:
        request.refresh_from_db()
    return requests


def answer(request, appraisal="positive", **extra):
    return feedback_answer(
        request=request,
        appraisal=appraisal,
        perceptions=extra.pop("perceptions", {}),
        keep_doing=extra.pop("keep_doing", ""),
        change=extra.pop("change", ""),
    )


@pytest.mark.parametrize(
    ("relationships", "expected"),
    [
        (["client"] * 3, ["client"] * 3),
        (["client", "client", "friend"], ["other"] * 3),
        (["client"] * 3 + ["friend"], ["other"] * 4),  # 1 "other" alone: clients join it
        (["client"] * 3 + ["friend"] * 3 + ["manager"], ["other"] * 3 + ["friend"] * 3 + ["other"]),
        (["client"] * 4 + ["friend"] * 3, ["client"] * 4 + ["friend"] * 3),
        (["other", "client", "client", "client"], ["other"] * 4),
    ],
)
def test_every_label_of_a_batch_has_none_or_at_least_k_answers(relationships, expected):
    assert batch_labels(relationships, 3) == expected


def test_batch_labels_never_leave_a_group_of_one_or_two_whatever_the_mix():
    import itertools

    kinds = ["client", "friend", "colleague", "other"]
    for size in range(3, 8):
        for mix in itertools.product(kinds, repeat=size):
            counts = Counter(batch_labels(list(mix), 3))
            assert all(n >= 3 for n in counts.values()), mix


def test_one_and_two_answers_are_kept_pending_and_the_third_releases_all_three(audit):
    first, second, third = sent(audit, "a@ex.com", "b@ex.com", "c@ex.com")

    answer(first, keep_doing="One")
    answer(second, keep_doing="Two")
    assert feedback_release(audit_id=audit.pk) == 0
    assert not FeedbackResponse.objects.exists()
    assert {r.status for r in FeedbackRequest.objects.filter(pk__in=[first.pk, second.pk])} == {
        "opened"
    }

    answer(third, keep_doing="Three")
    assert feedback_release(audit_id=audit.pk) == 3

    assert sorted(FeedbackResponse.objects.values_list("keep_doing", flat=True)) == [
        "One",
        "Three",
        "Two",
    ]
    assert set(FeedbackRequest.objects.values_list("status", flat=True)) == {"answered"}
    assert not PendingFeedbackAnswer.objects.exists()
    today = timezone.localdate()
    monday = today - datetime.timedelta(days=today.weekday())
    assert set(FeedbackResponse.objects.values_list("week", flat=True)) == {monday}
    assert feedback_release(audit_id=audit.pk) == 0  # idempotent


def test_the_release_copies_the_payload_whatever_fields_the_peer_form_has(audit):
    requests = sent(audit, "a@ex.com", "b@ex.com", "c@ex.com")
    for index, request in enumerate(requests):
        answer(request, appraisal="neutral", perceptions={"strategy": index + 1}, change="x")

    feedback_release(audit_id=audit.pk)

    rows = list(FeedbackResponse.objects.values("appraisal", "perceptions", "change"))
    assert sorted(r["perceptions"]["strategy"] for r in rows) == [1, 2, 3]
    assert {(r["appraisal"], r["change"]) for r in rows} == {("neutral", "x")}
    with pytest.raises(ValueError, match="not FeedbackResponse fields"):
        feedback_answer(request=requests[0], appraisal="positive", name="Ana")


def test_a_small_group_is_stored_as_other(audit):
    clients = sent(audit, "a@ex.com", "b@ex.com", relationship="client")
    friend = sent(audit, "f@ex.com", relationship="friend")
    for request in clients + friend:
        answer(request)

    feedback_release(audit_id=audit.pk)

    assert set(FeedbackResponse.objects.values_list("relationship", flat=True)) == {"other"}


def test_the_sweep_releases_what_a_lost_enqueue_left_and_withholds_closed_rounds(audit):
    from tests.factories import AuditFactory

    requests = sent(audit, "a@ex.com", "b@ex.com", "c@ex.com")
    for request in requests:
        answer(request)  # on_commit never runs in this test: as if the enqueue was lost
    closed = AuditFactory()
    (lonely, _silent) = sent(closed, "l@ex.com", "s@ex.com")
    answer(lonely, keep_doing="Never to be read")
    assert feedback_release_sweep() == (3, 0)  # the round is open: nothing withheld yet
    FeedbackRequest.objects.filter(audit=closed).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )

    assert feedback_release_sweep() == (0, 1)

    assert FeedbackResponse.objects.filter(audit=audit).count() == 3
    assert not FeedbackResponse.objects.filter(audit=closed).exists()
    assert PendingFeedbackAnswer.objects.get(audit=closed).payload is None
    assert "Never to be read" not in str(list(PendingFeedbackAnswer.objects.values_list()))
    status = release_status(closed.pk)
    assert (status.waiting, status.withheld, status.round_open) == (0, 1, False)


def test_closing_the_round_expires_open_requests_and_withholds_what_waits(client, audit):
    requests = sent(audit, "a@ex.com", "b@ex.com", "c@ex.com", "d@ex.com")
    answer(requests[0])
    answer(requests[1])

    assert feedback_round_close(audit_id=audit.pk) == 4

    assert set(FeedbackRequest.objects.values_list("status", flat=True)) == {"expired"}
    assert not FeedbackResponse.objects.exists()
    page = client.get(f"/audits/{audit.pk}/feedback/", HTTP_ACCEPT_LANGUAGE="en")
    body = page.content.decode()
    assert "2 answers will never be shown" in body
    assert 'data-testid="answered">0<' in body


def test_the_channels_of_released_answers_are_counted_emailed_and_copied(audit):
    emailed = sent(audit, "a@ex.com", "b@ex.com")
    copied = make_requests(audit, names=["Sam", "Lou"])
    FeedbackRequest.objects.filter(pk__in=[r.pk for r in copied]).update(status="sent")
    for request in [*emailed, *copied]:
        request.refresh_from_db()
        answer(request)

    before = release_status(audit.pk)
    feedback_release(audit_id=audit.pk)
    after = release_status(audit.pk)

    assert (before.emailed, before.copied, before.waiting) == (0, 0, 4)
    assert (after.emailed, after.copied, after.waiting) == (2, 2, 0)


def test_the_last_open_request_being_answered_shows_nothing_and_withholds_nothing(audit):
    requests = sent(audit, "a@ex.com", "b@ex.com", "c@ex.com", "d@ex.com")
    for request in requests[:3]:
        answer(request)
    feedback_release(audit_id=audit.pk)
    before = release_status(audit.pk)

    answer(requests[3])  # the last one still open
    feedback_release_sweep()

    after = release_status(audit.pk)
    assert (before.round_open, after.round_open) == (True, True)
    assert (after.waiting, after.withheld) == (1, 0)
