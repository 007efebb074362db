"""A compile never misses an answer committed while it starts (audits/locks.py)."""

import threading
import time

import pytest
from django.core.cache import cache
from django.db import connection, connections, transaction

from audits.feedback.release import feedback_release
from audits.feedback.services import feedback_answer
from audits.models import Audit, FeedbackRequest
from audits.scores.services import audit_compile_scores, debounce_key
from tests.factories import AuditFactory
from tests.helpers.feedback import answer_requests, make_requests

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks: PostgreSQL (as on CI)"
    ),
]


def _waiting_on_a_lock(compiling: threading.Thread) -> bool:
    """True once a backend waits on a lock; False if the compile ended without waiting."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and compiling.is_alive():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE datname = current_database() AND wait_event_type = 'Lock'"
            )
            if cursor.fetchone()[0]:
                return True
        time.sleep(0.02)
    return False


def test_a_compile_waits_for_a_release_being_stored_and_counts_it(monkeypatch):
    # The release is run by hand below, inside a transaction held open.
    monkeypatch.setattr("audits.feedback.release.release_if_due", lambda audit_id: None)
    audit = AuditFactory()
    answer_requests(audit, 2, release=False)
    (request,) = make_requests(audit, "late@example.com")
    FeedbackRequest.objects.filter(pk=request.pk).update(status="sent")
    request.refresh_from_db()
    feedback_answer(request=request, appraisal="negative", perceptions={}, keep_doing="", change="")
    # An earlier change raised the flag and queued a compile: this release adds neither.
    Audit.objects.filter(pk=audit.pk).update(needs_scoring=True)
    cache.set(debounce_key(audit.pk), 1, timeout=60)
    stored, release = threading.Event(), threading.Event()
    result = {}

    def answer_in_flight() -> None:
        try:
            with transaction.atomic():
                assert feedback_release(audit_id=audit.pk) == 3
                stored.set()
                release.wait(30)  # not committed yet
        finally:
            connections.close_all()

    def compile_now() -> None:
        try:
            result["snapshot"] = audit_compile_scores(audit_id=audit.pk)
        finally:
            connections.close_all()

    answering = threading.Thread(target=answer_in_flight)
    answering.start()
    assert stored.wait(30)
    compiling = threading.Thread(target=compile_now)
    compiling.start()
    waited = _waiting_on_a_lock(compiling)
    release.set()
    answering.join(30)
    compiling.join(30)

    assert waited, "the compile read the answers without waiting for the one being stored"
    assert result["snapshot"].figures["peer"]["responses"] == 3
