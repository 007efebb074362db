"""PostgreSQL advisory locks that order answers and score compiles of one audit.

An answer raises the audit's needs_scoring flag only if it is down, so that answers arriving
together do not queue on the audit's row. A compile clears the flag, then reads the answers.
Without more, an answer whose transaction found the flag up but committed only after the
compile had read would be left out of the score with the flag down. So each answer holds a
shared lock on its audit until it commits, and a compile takes the exclusive one before
clearing the flag: it waits for the answers in flight, and the answers that come later wait
for the flag to be cleared, find it down and raise it again.

Transaction-level locks: released at commit or rollback. Other databases (SQLite in
development) lock the whole database for each write transaction, which orders them already.
"""

from django.db import connection

# The first half of the two-part advisory lock key: this module's locks, whatever else
# the database's other users lock.
NAMESPACE = 0x45505241  # "EPRA"


def _advisory(function: str, audit_id: int) -> None:
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {function}(%s, %s)", [NAMESPACE, audit_id])


def lock_audit_for_answer(audit_id: int) -> None:
    """Held by an answer's transaction; answers never wait for each other."""
    _advisory("pg_advisory_xact_lock_shared", audit_id)


def lock_audit_for_compile(audit_id: int) -> None:
    """Waits for the answers in flight; holds off new ones until this transaction ends."""
    _advisory("pg_advisory_xact_lock", audit_id)
