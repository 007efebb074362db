"""Mixed load under gunicorn on loopback: peers, professionals and a consultant at once.

`measure()` reuses bench.feedback_load's server (3 workers x 2 threads as in production,
DEBUG off, the bench's throwaway database, a private Redis database when REDIS_URL is set)
and bench.http_load's clients and phases: 20 client threads with keep-alive connections, each
given a role in fixed proportions (ROLES):

- peer: GET /f/<token>/ then POST an answer (bench.http_load's step), fresh tokens issued
  beforehand on audits of a bench user of their own, so the demo dashboard stays realistic;
- professional (the demo login, with its submitted audit, contacts and feedback): the
  dashboard, the score page, a page of the contact list, the map data, the absence zones;
- consultant (the demo consultant, engaged with a published review): the workspace, the
  client's score page and the client's HTML report.

Logged-in roles send a `sessionid` cookie for a session created here with
django.contrib.sessions (database sessions, shared with gunicorn), as a login would.
The run is bounded in time (BENCH_LOAD_SECONDS, 10 s), in requests (BENCH_LOAD_REQUESTS)
and, for peers, in tokens (BENCH_LOAD_TOKENS). A request fails on a connection error or any
status other than the expected one (200, with the form or the "recorded" page for peers).
"""

import http.client
import itertools
import os
import shutil
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

from bench.feedback_load import (
    WARMUP_SECONDS,
    flush_bench_redis,
    issue_tokens,
    server_database_url,
    start_server,
    trivial_step,
    wait_ready,
)
from bench.http_load import Client, Phase, peer_step
from bench.supervision import free_port, log_tail, stop_process

SECONDS = float(os.environ.get("BENCH_LOAD_SECONDS", "10"))
MAX_REQUESTS = int(os.environ.get("BENCH_LOAD_REQUESTS", "50000"))
TOKENS = int(os.environ.get("BENCH_LOAD_TOKENS", "3000"))
ROLES = (("peer", 14), ("professional", 5), ("consultant", 1))  # 20 client threads
CONTACT_PAGES = 6  # the demo network has ~325 contacts, 50 a page


class SessionConnection(http.client.HTTPConnection):
    """Adds a session cookie to the csrftoken cookie that bench.http_load's Client sends."""

    def __init__(self, session_key: str, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.session_key = session_key

    def request(self, method, url, body=None, headers=None, **kwargs):
        headers = dict(headers or {})
        cookies = [headers.get("Cookie", ""), f"sessionid={self.session_key}"]
        headers["Cookie"] = "; ".join(cookie for cookie in cookies if cookie)
        return super().request(method, url, body=body, headers=headers, **kwargs)


def session_for(user) -> str:
    """A logged-in session in the shared database, as django.contrib.auth.login makes it."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key


class RoleView:
    """The Phase as one role sees it: shared figures, plus per-role counts."""

    def __init__(self, phase: Phase, role: str, stats: Counter):
        self.phase, self.role, self.stats = phase, role, stats

    def timed(self, client: Client, method: str, url: str, body: bytes | None = None):
        status, data = self.phase.timed(client, method, url, body)
        if status is None:  # a connection error, already counted by the phase
            with self.phase.lock:
                self.stats[(self.role, "failed")] += 1
        return status, data

    def fail(self, reason: str) -> None:
        self.phase.fail(f"{self.role} {reason}")
        with self.phase.lock:
            self.stats[(self.role, "failed")] += 1

    def succeed(self, count: int = 1) -> None:
        self.phase.succeed(count)
        with self.phase.lock:
            self.stats[(self.role, "ok")] += count


def browse(urls, session_key: str, port: int):
    """A logged-in role: GET its URLs in turn, each must answer 200."""

    def step(client: Client, view: RoleView) -> None:
        if client.conn is None:
            client.conn = SessionConnection(session_key, "127.0.0.1", port, timeout=30)
        url = next(urls)
        status, _data = view.timed(client, "GET", url)
        if status == 200:
            view.succeed()
        elif status is not None:
            view.fail(f"{status} {url.split('?')[0]}")

    return step


def professional_urls(audit, start: int = 0):
    """The pages a professional goes through in turn (dashboard, score, contacts, map, zones)."""
    page = itertools.count(start)
    while True:
        yield "/dashboard/"
        yield f"/audits/{audit.pk}/score/"
        yield f"/contacts/?page={next(page) % CONTACT_PAGES + 1}"
        yield "/contacts/map/data.json?group=category"
        yield "/contacts/network/"


def consultant_urls(audit):
    """The consultant's workspace, then the client's score page and HTML report."""
    base = f"/consultant/clients/{audit.owner_id}/audits/{audit.pk}"
    return itertools.cycle(["/consultant/", f"{base}/score/", f"{base}/report/"])


def mixed_step(*, port: int, tokens: list[str], professional, consultant, audit):
    """One step per call; each client thread takes a role on its first call."""
    roles = itertools.chain.from_iterable([role] * count for role, count in ROLES)
    stats: Counter = Counter()
    lock = threading.Lock()
    pro_session, consultant_session = session_for(professional), session_for(consultant)
    peer = peer_step(tokens)
    count = itertools.count()

    def step(client: Client, phase: Phase) -> bool:
        with phase.lock:
            if phase.ok + sum(phase.failures.values()) >= MAX_REQUESTS:
                return False
        with lock:
            if not hasattr(client, "role_step"):
                role = next(roles)
                number = next(count)
                if role == "peer":
                    client.role_step = peer
                elif role == "professional":
                    client.role_step = browse(professional_urls(audit, number), pro_session, port)
                else:
                    client.role_step = browse(consultant_urls(audit), consultant_session, port)
                client.role_view = RoleView(phase, role, stats)
        result = client.role_step(client, client.role_view)
        return result is not False

    return step, stats


def bench_users(audit):
    """The demo consultant, and an audit of a bench user of its own to issue peer tokens on.

    Peers answer on that user's audits, so that the demo professional's dashboard stays the
    realistic one (not hundreds of bench audits).
    """
    from accounts.services import user_ensure_verified
    from audits.management.demo import DEMO_LOGINS
    from audits.selfaudit.services import audit_start, objective_create

    users = {login.role: login for login in DEMO_LOGINS}
    assert audit.owner.email == users["professional"].email
    consultant, _ = user_ensure_verified(
        email=users["consultant"].email,
        password=users["consultant"].password,
        full_name=users["consultant"].full_name,
        is_consultant=True,
    )
    peer_owner, _ = user_ensure_verified(
        email="bench-mixed-peers@example.com",
        password="bench-pass-2026",  # noqa: S106
        full_name="Bench peers",
    )
    fields = ("kind", "title", "target_quantity", "target_unit", "deadline", "needed_roles")
    objective = objective_create(
        owner=peer_owner, **{name: getattr(audit.objective, name) for name in fields}
    )
    return consultant, audit_start(owner=peer_owner, objective=objective)


def measure(*, audit) -> dict[str, float]:
    """The four mixed-load figures; gunicorn is always stopped before returning."""
    professional = audit.owner
    consultant, target = bench_users(audit)
    started = time.perf_counter()
    tokens, _audit_ids = issue_tokens(audit=target, count=TOKENS)
    issued_in = time.perf_counter() - started

    workdir = Path(tempfile.mkdtemp(prefix="epratiques-bench-mixed-"))
    log = workdir / "gunicorn.log"
    server = None
    try:
        port = free_port()
        step, stats = mixed_step(
            port=port,
            tokens=tokens,
            professional=professional,
            consultant=consultant,
            audit=audit,
        )  # sessions first: the SQLite copy must hold them
        database_url, _sqlite_copy = server_database_url(workdir)
        server = start_server(port=port, database_url=database_url, log=log)
        wait_ready(server, port, log)
        Phase(port, WARMUP_SECONDS).run(trivial_step)
        phase = Phase(port, SECONDS).run(step)
        stop_process(server)

        failed = sum(phase.failures.values())
        total = phase.ok + failed
        print(
            f"mixed load: {TOKENS} tokens issued in {issued_in:.1f} s; "
            f"{total} requests in {phase.elapsed:.2f} s ({len(tokens)} tokens left)"
        )
        for role, threads in ROLES:
            print(
                f"mixed load: {role:<12} {threads:>2} threads, "
                f"{stats[(role, 'ok')]} ok, {stats[(role, 'failed')]} failed"
            )
        if not tokens:
            print("mixed load: peers used every token before the end (raise BENCH_LOAD_TOKENS)")
        if failed:
            print(f"mixed load: failures {dict(phase.failures)}\n{log_tail(log)}")
        return {
            "load_rps": round(phase.rps, 1),
            "load_p95_ms": round(phase.p95_ms(), 1),
            "load_error_rate": round(failed / total, 4) if total else 1.0,
            "load_requests": total,
        }
    finally:
        if server is not None:
            stop_process(server)
        flush_bench_redis()
        shutil.rmtree(workdir, ignore_errors=True)
