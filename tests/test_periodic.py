"""Periodic work: the beat schedule names real tasks, sessions are cleared, and without a broker
(`make run`) the same schedule runs in-process (config.scheduler)."""

import datetime
import os
import subprocess
import sys
from pathlib import Path

import pytest
from celery.schedules import crontab
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.utils import timezone

from config import scheduler
from config.celery import app as celery_app
from config.celery import clear_expired_sessions
from config.scheduler import NEVER, InProcessBeat

# The jobs close the thread's database connections after each run.
pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent
CALLS: list[tuple] = []


@celery_app.task(name="tests.test_periodic.record")
def record(*args, **kwargs) -> str:
    CALLS.append((args, kwargs))
    return "recorded"


@celery_app.task(name="tests.test_periodic.explode")
def explode() -> None:
    raise RuntimeError("boom")


@pytest.fixture(autouse=True)
def _no_calls():
    CALLS.clear()


def test_every_beat_entry_names_a_registered_task():
    beat = InProcessBeat(settings.CELERY_BEAT_SCHEDULE, celery_app)
    for entry, _ in beat.entries.values():
        assert beat.task(entry["task"]).name == entry["task"]


def test_sessions_are_cleared_on_a_schedule():
    entry = settings.CELERY_BEAT_SCHEDULE["clear-expired-sessions"]
    assert entry["task"] == clear_expired_sessions.name
    assert isinstance(entry["schedule"], crontab)


def test_clearing_sessions_deletes_the_expired_ones_only():
    for age_days in (0, 30):
        store = SessionStore()
        store["kept"] = age_days == 0
        store.create()
        Session.objects.filter(session_key=store.session_key).update(
            expire_date=timezone.now() + datetime.timedelta(days=1 - age_days)
        )

    clear_expired_sessions.delay()

    assert [SessionStore().decode(s.session_data) for s in Session.objects.all()] == [
        {"kept": True}
    ]


def test_every_entry_runs_once_at_start_then_when_due():
    schedule = {
        "often": {"task": "tests.test_periodic.record", "schedule": 3600.0, "args": (1,)},
        "daily": {
            "task": "tests.test_periodic.record",
            "schedule": crontab(hour=9, minute=0),
            "kwargs": {"kind": "daily"},
        },
    }
    beat = InProcessBeat(schedule, celery_app)

    assert beat.run_pending() == ["often", "daily"]
    assert CALLS == [((1,), {}), ((), {"kind": "daily"})]
    assert beat.run_pending() == []  # neither is due again yet

    beat.last_run_at["often"] -= datetime.timedelta(hours=1, seconds=1)
    assert beat.run_pending() == ["often"]
    assert beat.runs == {"often": 2, "daily": 1}


def test_a_failing_job_is_logged_and_the_others_still_run(monkeypatch):
    errors = []
    monkeypatch.setattr(
        scheduler.logger, "error", lambda *args, **kw: errors.append(args[0] % args[1:])
    )
    schedule = {
        "bad": {"task": "tests.test_periodic.explode", "schedule": 60.0},
        "good": {"task": "tests.test_periodic.record", "schedule": 60.0},
    }
    beat = InProcessBeat(schedule, celery_app)

    assert beat.run_pending() == ["bad", "good"]

    assert len(CALLS) == 1
    assert errors == ["periodic bad (tests.test_periodic.explode) failed: RuntimeError('boom')"]


def test_the_thread_runs_the_schedule_until_stopped():
    beat = InProcessBeat(
        {"often": {"task": "tests.test_periodic.record", "schedule": 0.05}}, celery_app, tick=0.02
    ).start()
    try:
        deadline = datetime.datetime.now() + datetime.timedelta(seconds=10)
        while len(CALLS) < 3 and datetime.datetime.now() < deadline:
            beat._stop.wait(0.02)
        assert beat.running
    finally:
        beat.stop()
    assert len(CALLS) >= 3
    assert not beat.running
    assert beat.last_run_at["often"] > NEVER


def wsgi_starts_in_process_beat(**env: str) -> bool:
    """Import config.wsgi as runserver does, in a fresh process; did the in-process beat start?"""
    code = "import config.wsgi, config.scheduler as s; print(s._started is not None)"
    clean = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "DEBUG"}}
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**clean, "SECRET_KEY": "test-only", "PERIODIC_IN_PROCESS": "1", **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return result.stdout.strip().splitlines()[-1] == "True"


def test_runserver_without_a_broker_runs_the_periodic_jobs_in_process():
    assert wsgi_starts_in_process_beat(DEBUG="1")


@pytest.mark.parametrize(
    "env",
    [
        {"DEBUG": "1", "REDIS_URL": "redis://127.0.0.1:1/0"},  # beat and workers do it
        {"DEBUG": "0"},  # production never runs jobs inside the web server
        {"DEBUG": "1", "PERIODIC_IN_PROCESS": "0"},
    ],
)
def test_with_a_broker_with_debug_off_or_turned_off_nothing_runs_in_process(env):
    assert not wsgi_starts_in_process_beat(**env)
