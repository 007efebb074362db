"""After a PostgreSQL restart, the pool's idle connections are dead: none reaches a request.

The check that keeps them out (config/postgresql) costs a round trip only for a connection
the server spoke on: a quiet one is handed out as it is.
"""

import time

import psycopg
import pytest
from django.db import connection
from psycopg_pool import ConnectionPool

from accounts.models import User
from config.postgresql.base import check_pooled_connection

pytestmark = pytest.mark.django_db(transaction=True)


def _terminate_other_backends() -> None:
    """What a restart does to the pool: the server drops every connection to this database.

    Only this test database's, from a connection outside the pool; waits until they are gone.
    """
    params = connection.settings_dict
    with psycopg.connect(
        dbname=params["NAME"],
        user=params["USER"] or None,
        password=params["PASSWORD"] or None,
        host=params["HOST"] or None,
        port=params["PORT"] or None,
        autocommit=True,
    ) as admin:
        admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        deadline = time.monotonic() + 10
        while admin.execute(
            "SELECT count(*) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        ).fetchone()[0]:
            assert time.monotonic() < deadline, "the backends did not go away"
            time.sleep(0.05)


def _needs_the_pool():
    if connection.vendor != "postgresql" or connection.pool is None:
        pytest.skip("needs PostgreSQL with the psycopg pool (DB_POOL on)")


def _counting_full_checks(monkeypatch) -> list:
    full_checks = []
    original = ConnectionPool.check_connection

    def counted(conn):
        full_checks.append(conn)
        original(conn)

    monkeypatch.setattr(ConnectionPool, "check_connection", staticmethod(counted))
    return full_checks


def test_the_pool_hands_out_a_quiet_connection_without_a_round_trip(monkeypatch):
    _needs_the_pool()
    assert connection.pool._check is check_pooled_connection
    User.objects.count()
    connection.close()
    full_checks = _counting_full_checks(monkeypatch)

    for _ in range(3):
        assert User.objects.count() >= 0
        connection.close()

    assert full_checks == []


def test_connections_the_server_dropped_are_replaced_not_handed_to_a_query(monkeypatch):
    _needs_the_pool()
    User.objects.count()
    connection.close()  # back to the pool, idle
    assert connection.pool.get_stats()["pool_available"] >= 1

    full_checks = _counting_full_checks(monkeypatch)

    _terminate_other_backends()

    for _ in range(3):  # each query takes a connection from the pool again
        assert User.objects.count() >= 0
        connection.close()
    assert full_checks  # the dead connections were looked at closely, and thrown away
