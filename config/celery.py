"""The Celery application.

Tasks take ids, are idempotent and are enqueued after commit only (``delay_on_commit``, or
``apply_async_on_commit`` when a countdown is needed). When no broker
is configured (``REDIS_URL`` unset) settings make tasks run in-process (eager).
"""

import os

from celery import Celery
from celery.contrib.django.task import DjangoTask

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")


class Task(DjangoTask):
    """Enqueue after commit, without breaking the request if the broker is down.

    The committed database state is what records pending work; a periodic sweep picks up
    whatever a lost publish left behind. So a failed publish is logged (robust=True), never
    raised into a response that has already been committed.
    """

    def delay_on_commit(self, *args, **kwargs) -> None:
        self.apply_async_on_commit(args, kwargs)

    def apply_async_on_commit(self, args=None, kwargs=None, **options) -> None:
        from django.db import transaction

        def enqueue() -> None:
            self.apply_async(args, kwargs, **options)

        # A named function, not a functools.partial: Django's robust on_commit logs the
        # failure with the callback's __qualname__, which a partial does not have.
        enqueue.__qualname__ = f"{self.name}.apply_async_on_commit"
        transaction.on_commit(enqueue, robust=True)


app = Celery("epratiques", task_cls=Task)
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.task(ignore_result=False, acks_late=False)
def ping() -> str:
    """Round trip used by health checks and tests: proves a worker consumes and answers."""
    return "pong"
