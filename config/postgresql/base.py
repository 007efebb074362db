"""Django's PostgreSQL backend; the pool checks a connection it hands out without a round
trip when it can (ENGINE "config.postgresql", set in config/settings.py).

After a PostgreSQL restart every idle pooled connection is dead, and without a check each
would fail the request that takes it (tests/test_db_restart.py). psycopg_pool's own check,
`ConnectionPool.check_connection`, sends an empty query: one round trip on every request
that touches the database, the price of a whole query on the busiest pages (make bench,
one_query_rps_ratio). But a pooled connection is idle: the server sends nothing on it unless
it is closing it (restart, pg_terminate_backend, an idle timeout), and then its socket turns
readable. So the full check runs only for a connection the server has spoken on.

What this cannot see, no check before use can either without a round trip: a server that
vanished without closing its sockets (a host lost at once) fails one request per connection.
"""

import select

from django.db.backends.postgresql import base
from psycopg_pool import ConnectionPool


class DatabaseWrapper(base.DatabaseWrapper):
    @property
    def pool(self):
        pool = super().pool
        # Django gives the pool either its round-trip check (CONN_HEALTH_CHECKS) or none,
        # and refuses a "check" among the pool's options: this one is set on the pool it
        # made (psycopg_pool keeps the constructor's `check` there), once.
        if pool is not None and getattr(pool, "_check", "missing") is None:
            pool._check = check_pooled_connection
        return pool


def check_pooled_connection(conn) -> None:
    """Raise if `conn` is broken (the pool then discards it and takes another one)."""
    if conn.closed or _server_spoke(conn):
        ConnectionPool.check_connection(conn)


def _server_spoke(conn) -> bool:
    """True if the idle connection's socket has something to read (or is closed)."""
    try:
        fd = conn.fileno()
    except Exception:
        return True
    poller = select.poll()
    poller.register(fd, select.POLLIN | select.POLLPRI)  # hang-ups and errors come anyway
    return bool(poller.poll(0))
