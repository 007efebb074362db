"""Faults against a real Redis and real workers: dead broker, worker killed mid-compile."""

import os
import shutil
import signal
import time
from dataclasses import asdict

import pytest

from audits.feedback.services import feedback_answer
from audits.models import Audit, FeedbackRequest, ScoreSnapshot
from audits.scores.engine import compute_reputation
from audits.scores.services import audit_compile_scores, scoring_inputs
from audits.scores.tasks import compile_scores
from bench.supervision import RedisServer, drop_broker_connections
from tests.factories import AuditFactory
from tests.helpers.feedback import make_requests

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def wait_for(condition, timeout: float = 60, message: str = "") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    pytest.fail(f"timed out waiting: {message}")


def audit_with_answers(count: int = 5) -> Audit:
    audit = AuditFactory()
    requests = make_requests(audit, *[f"p{i}@ex.com" for i in range(count)])
    FeedbackRequest.objects.filter(audit=audit).update(status="sent")
    for index, request in enumerate(requests):
        request.refresh_from_db()
        feedback_answer(
            request=request,
            appraisal=["positive", "neutral", "negative"][index % 3],
            perceptions={"strategy": 1 + index % 5, "network": 3},
            keep_doing="",
            change="",
        )
    return audit


def test_each_release_updates_the_score_through_the_worker(celery_worker_factory):
    audit = audit_with_answers(3)  # answers made while tasks ran in-process
    worker = celery_worker_factory()

    late = make_requests(audit, "late1@ex.com", "late2@ex.com", "late3@ex.com")
    FeedbackRequest.objects.filter(pk__in=[r.pk for r in late]).update(status="sent")
    for request in late:
        request.refresh_from_db()
        feedback_answer(
            request=request, appraisal="positive", perceptions={}, keep_doing="", change=""
        )

    wait_for(
        lambda: ScoreSnapshot.objects.filter(audit=audit, figures__peer__responses=6).exists(),
        message=f"the worker did not release and compile the new answers:\n{worker.log()[-3000:]}",
    )
    assert Audit.objects.get(pk=audit.pk).needs_scoring is False


def test_a_worker_killed_during_a_compile_gets_the_task_again_with_the_same_result(
    celery_worker_factory,
):
    audit = audit_with_answers(5)
    ScoreSnapshot.objects.filter(audit=audit).delete()
    Audit.objects.filter(pk=audit.pk).update(needs_scoring=True)
    worker = celery_worker_factory(pool="prefork", extra_env={"COMPILE_PAUSE_SECONDS": "3"})

    compile_scores.delay(audit.pk)
    # The compile clears the flag first, then pauses: kill its process during the pause.
    wait_for(lambda: not Audit.objects.get(pk=audit.pk).needs_scoring, 30, "compile start")
    (child,) = worker.children()
    os.kill(child, signal.SIGKILL)

    wait_for(lambda: ScoreSnapshot.objects.filter(audit=audit).exists(), 60, "redelivery")
    assert "signal 9" in worker.log() or "WorkerLostError" in worker.log()
    assert ScoreSnapshot.objects.filter(audit=audit).count() == 1
    delivered = ScoreSnapshot.objects.get(audit=audit)
    uninterrupted = audit_compile_scores(audit_id=audit.pk)
    assert uninterrupted.pk == delivered.pk
    audit.refresh_from_db()
    expected = asdict(compute_reputation(scoring_inputs(audit)))
    assert delivered.figures["reputation"]["overall"] == expected["overall"]
    assert delivered.figures["reputation"]["confidence"] == expected["confidence"]


def test_answers_given_while_redis_is_down_are_compiled_by_the_sweep_once_it_is_back(
    celery_worker_factory,
):
    from django.db import transaction

    from audits.feedback.tasks import release_answers_sweep
    from audits.scores.tasks import sweep_audits_needing_scores
    from tests.fixtures.worker import broker_stopped

    audit = AuditFactory()
    requests = make_requests(audit, "a@ex.com", "b@ex.com", "c@ex.com")
    FeedbackRequest.objects.filter(audit=audit).update(status="sent")
    with broker_stopped():
        for request in requests:
            request.refresh_from_db()
            with transaction.atomic():
                assert feedback_answer(
                    request=request, appraisal="negative", perceptions={}, keep_doing="", change=""
                )
    assert audit.feedback_responses.count() == 0  # the release's enqueue was lost
    assert not ScoreSnapshot.objects.filter(audit=audit).exists()

    celery_worker_factory()
    release_answers_sweep.delay()
    wait_for(lambda: audit.feedback_responses.count() == 3, message="the sweep did not release")
    sweep_audits_needing_scores.delay()

    wait_for(
        lambda: ScoreSnapshot.objects.filter(audit=audit, figures__peer__responses=3).exists(),
        message="the sweep did not compile the audit",
    )


@pytest.fixture
def private_redis(tmp_path):
    if shutil.which("redis-server") is None:
        pytest.skip("needs redis-server on PATH (a Redis of the test's own, to restart)")
    server = RedisServer(tmp_path)
    server.start()
    yield server
    server.stop()


def test_the_worker_reconnects_after_a_redis_restart_while_it_holds_a_countdown_task(
    private_redis, celery_worker_factory
):
    """A debounced compile waits in the worker, unacknowledged, when Redis goes away.

    Celery 5.7 then closed the lost connection twice, the second time restoring that message
    through a transport already detached from it: AttributeError, the worker exited.
    config.celery.RedisTransport turns that into a connection error: the worker reconnects.
    """
    from config.celery import app as celery_app

    saved = celery_app.conf.broker_url
    celery_app.conf.broker_url = private_redis.url  # the test publishes there too
    drop_broker_connections()
    try:
        worker = celery_worker_factory(pool="prefork", extra_env={"REDIS_URL": private_redis.url})
        audit = audit_with_answers(3)
        ScoreSnapshot.objects.filter(audit=audit).delete()
        compile_scores.apply_async((audit.pk,), countdown=120)
        wait_for(lambda: "compile_scores[" in worker.log(), 30, "the worker took the task")
        time.sleep(0.5)  # back waiting on the queue (BRPOP) with the message unacknowledged

        private_redis.stop()
        time.sleep(1)
        private_redis.start()
        drop_broker_connections()
        wait_for(
            lambda: worker.log().count("Connected to") >= 2 or worker.process.poll() is not None,
            60,
            "no reconnection",
        )
        assert worker.process.poll() is None, f"the worker exited:\n{worker.log()[-4000:]}"
        assert "Unrecoverable error" not in worker.log()

        compile_scores.delay(audit.pk)  # and it consumes again
        wait_for(
            lambda: ScoreSnapshot.objects.filter(audit=audit, figures__peer__responses=3).exists(),
            60,
            "the reconnected worker did not compile",
        )
    finally:
        celery_app.conf.broker_url = saved
        drop_broker_connections()
