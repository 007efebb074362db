"""With the broker down, a peer's answer is still stored and acknowledged; the sweep catches up."""

import threading

import pytest
from django.db import transaction

from audits.models import FeedbackResponse, PendingFeedbackAnswer
from audits.scores.tasks import sweep_audits_needing_scores
from config.celery import app as celery_app
from tests.fixtures.worker import broker_stopped
from tests.helpers.feedback import ANSWER, fresh_link, make_requests


@pytest.fixture
def broker_down():
    with broker_stopped():
        yield


@pytest.mark.django_db(transaction=True)
def test_an_answer_is_stored_while_the_broker_is_down_and_released_and_compiled_later(
    client, broker_down, settings
):
    from audits.feedback.tasks import release_answers_sweep
    from tests.factories import AuditFactory

    settings.FEEDBACK_RELEASE_K = 1  # so that this one answer is due for a release at once
    audit = AuditFactory()
    (request,) = make_requests(audit, names=["Sam"])
    url = fresh_link(request)
    result = {}

    def answer() -> None:
        result["response"] = client.post(url, {**ANSWER, "lang": "en"})

    caller = threading.Thread(target=answer)
    caller.start()
    caller.join(timeout=30)

    assert not caller.is_alive(), "the answer hung on the dead broker"
    assert result["response"].status_code == 200
    assert "recorded anonymously" in result["response"].content.decode()
    assert PendingFeedbackAnswer.objects.filter(audit=audit).count() == 1
    assert not FeedbackResponse.objects.filter(audit=audit).exists()  # its release was lost

    # The broker is back (here: tasks in-process); the periodic sweep releases the answer,
    # and the release schedules the compile (run in-process here).
    celery_app.conf.task_always_eager = True
    with transaction.atomic():
        assert release_answers_sweep() == 1
    assert FeedbackResponse.objects.filter(audit=audit).count() == 1
    with transaction.atomic():
        sweep_audits_needing_scores()  # compiles whatever is still flagged
    audit.refresh_from_db()
    assert audit.needs_scoring is False
    assert audit.peer_summary["responses"] == 1


@pytest.mark.django_db(transaction=True)
def test_with_all_of_redis_down_cache_included_the_peer_page_still_works(
    client, broker_down, settings
):
    """The cache (rate limits, debounce) is Redis too: its outage must not fail a peer."""
    from tests.factories import AuditFactory

    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "config.cache.FailOpenRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        },
    }
    audit = AuditFactory()
    (request,) = make_requests(audit, names=["Sam"])
    url = fresh_link(request)

    page = client.get(url)
    answered = client.post(url, {**ANSWER, "lang": "en"})

    assert page.status_code == 200
    assert answered.status_code == 200
    assert "recorded anonymously" in answered.content.decode()
    assert PendingFeedbackAnswer.objects.filter(audit=audit).count() == 1
