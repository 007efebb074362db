"""Periodic jobs run in-process when there is no broker (`make run`: no Redis, no beat).

Without REDIS_URL, tasks run in the process that sends them (``CELERY_TASK_ALWAYS_EAGER``), but
nothing plays beat's part: reminders, expiry, the retention purge, the sweeps and the session
clean-up would never run. ``InProcessBeat`` reads ``CELERY_BEAT_SCHEDULE`` (the entries beat
enqueues in production, by task name, so a new entry needs nothing here) and runs each one in
a daemon thread when it is due, with Celery's own schedule objects (intervals and crontabs).

Every entry runs once shortly after start, as if never run before: a demo then shows reminders
and expiry at once, and the tasks are idempotent. ``config.wsgi`` starts it (runserver loads
that module) with DEBUG on and no REDIS_URL; ``PERIODIC_IN_PROCESS=0`` turns it off.
"""

import datetime
import importlib
import logging
import threading
from typing import Any

from celery import Celery
from celery.schedules import BaseSchedule, maybe_schedule
from django.db import close_old_connections, connections

from config.env import envbool

logger = logging.getLogger(__name__)

NEVER = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)
_started: "InProcessBeat | None" = None
_lock = threading.Lock()


class InProcessBeat:
    def __init__(self, schedule: dict[str, dict[str, Any]], app: Celery, tick: float = 1.0):
        self.app = app
        self.tick = tick
        self.entries: dict[str, tuple[dict[str, Any], BaseSchedule]] = {
            name: (entry, maybe_schedule(entry["schedule"], app=app))
            for name, entry in schedule.items()
        }
        self.last_run_at: dict[str, datetime.datetime] = dict.fromkeys(self.entries, NEVER)
        self.runs: dict[str, int] = dict.fromkeys(self.entries, 0)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def task(self, name: str):
        """The registered task called ``name``, importing its module if autodiscovery has not."""
        self.app.loader.import_default_modules()
        if name not in self.app.tasks:
            importlib.import_module(name.rpartition(".")[0])
        return self.app.tasks[name]

    def run_pending(self) -> list[str]:
        """Run every entry that is due now; the names of those that ran (failed ones too)."""
        ran = []
        for name, (entry, schedule) in self.entries.items():
            if not schedule.is_due(self.last_run_at[name]).is_due:
                continue
            self.last_run_at[name] = self.app.now()
            self.runs[name] += 1
            ran.append(name)
            try:
                result = self.task(entry["task"]).apply(
                    args=entry.get("args", ()), kwargs=entry.get("kwargs", {}), throw=False
                )
                if result.failed():
                    logger.error("periodic %s (%s) failed: %r", name, entry["task"], result.result)
                else:
                    logger.info("periodic %s (%s): %r", name, entry["task"], result.result)
            except Exception:
                logger.exception("periodic %s (%s) failed", name, entry["task"])
            finally:
                close_old_connections()
        return ran

    def _loop(self) -> None:
        try:
            while not self._stop.wait(self.tick):
                self.run_pending()
        finally:
            connections.close_all()

    def start(self) -> "InProcessBeat":
        self._thread = threading.Thread(target=self._loop, name="in-process-beat", daemon=True)
        self._thread.start()
        return self

    def stop(self, timeout: float = 10) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()


def wanted() -> bool:
    """Only where nothing else runs the schedule: DEBUG on, no broker, not turned off."""
    from django.conf import settings

    return (
        settings.DEBUG
        and not settings.REDIS_URL
        and settings.CELERY_TASK_ALWAYS_EAGER
        and envbool("PERIODIC_IN_PROCESS", True)
    )


def start_if_wanted() -> InProcessBeat | None:
    """Start the process's one in-process beat if ``wanted()``; it, or None."""
    global _started
    from django.conf import settings

    from config.celery import app

    with _lock:
        if _started is None and wanted():
            _started = InProcessBeat(settings.CELERY_BEAT_SCHEDULE, app).start()
            logger.info(
                "no broker: %d periodic jobs run in this process (%s)",
                len(_started.entries),
                ", ".join(_started.entries),
            )
        return _started
