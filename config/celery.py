"""The Celery application.

Tasks take ids, are idempotent and are enqueued after commit only (``delay_on_commit``, or
``apply_async_on_commit`` when a countdown is needed). When no broker
is configured (``REDIS_URL`` unset) settings make tasks run in-process (eager).
"""

import os

import redis
from celery import Celery
from celery.contrib.django.task import DjangoTask
from kombu.transport import redis as kombu_redis

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


class RedisChannel(kombu_redis.Channel):
    """kombu's Redis channel; used after its connection was dropped, it raises a connection error.

    When the broker goes away, Celery 5.7's worker first drops the connection
    (``Connection.collect()``, which detaches the transport from it) and then closes it. If
    the first close was cut short by the dead socket (a BRPOP in progress), the second one
    restores the unacknowledged messages (tasks waiting for their countdown, the debounced
    compiles, or running with acks_late) through a transport that has no connection any more:
    ``AttributeError: 'NoneType' object has no attribute 'hostname'``, which is not a
    connection error, so the worker exited instead of reconnecting. Same for the late ack of
    a task that finishes after the reconnection. As a connection error, the worker logs it
    and reconnects; those messages stay in Redis's unacked set and are delivered again after
    ``visibility_timeout``, and the periodic sweeps re-enqueue the compiles still pending.
    """

    def _connparams(self, asynchronous=False):
        if self.connection.client is None:
            raise redis.exceptions.ConnectionError("the broker connection was already closed")
        return super()._connparams(asynchronous=asynchronous)


class RedisTransport(kombu_redis.Transport):
    Channel = RedisChannel


app = Celery("epratiques", task_cls=Task)
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.on_after_configure.connect
def use_redis_transport(sender, source, **kwargs) -> None:
    """A redis:// broker goes through RedisTransport (unless a transport is configured).

    Not rediss://: kombu picks its TLS defaults from that scheme name, lost with a class.
    """
    if not source.broker_transport and str(source.broker_url or "").startswith("redis://"):
        source.broker_transport = f"{__name__}:RedisTransport"


@app.task(ignore_result=False, acks_late=False)
def ping() -> str:
    """Round trip used by health checks and tests: proves a worker consumes and answers."""
    return "pong"


@app.task
def clear_expired_sessions() -> None:
    """Daily (beat): delete expired database sessions, as `manage.py clearsessions` does."""
    from django.core.management import call_command

    call_command("clearsessions")
