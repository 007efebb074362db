import pytest

from config.celery import ping

pytestmark = pytest.mark.worker


def test_a_real_worker_runs_a_task_round_trip(celery_worker):
    result = ping.delay()

    assert result.get(timeout=30) == "pong"
    assert result.successful()


def test_without_a_worker_fixture_tasks_run_in_process():
    result = ping.delay()

    assert result.get() == "pong"
    assert result.__class__.__name__ == "EagerResult"
