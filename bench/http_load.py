"""Keep-alive HTTP clients driving a server on loopback, in timed phases of client threads.

Shared by the load benches (bench.feedback_load, bench.mixed_load, bench.faults_traffic):
`Client` is one simulated browser (a keep-alive connection and its csrftoken cookie);
`Phase` runs CLIENTS threads on a step until a deadline, counting successes, failures,
latencies and, given the server's pid, the CPU time the server and PostgreSQL spent;
`peer_step` is a peer's pair, GET /f/<token>/ then POST a valid answer to it.
"""

import http.client
import math
import os
import re
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlencode

CLIENTS = 20
ANSWER = {
    "lang": "en",
    "appraisal": "positive",
    "pillar_strategy": "4",
    "pillar_network": "3",
    "pillar_engagement": "4",
    "pillar_conduct": "5",
    "keep_doing": "Sharing the case studies of your clients, they are concrete and useful.",
    "change": "Post a little less often, and answer the comments under your posts.",
}
CSRF_INPUT = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')
CSRF_COOKIE = re.compile(r"(?:^|[\s,])csrftoken=([^;,\s]+)")
RECORDED = b"recorded anonymously"


class Client:
    """One simulated browser: a keep-alive connection and its csrftoken cookie."""

    def __init__(self, port: int):
        self.port = port
        self.conn: http.client.HTTPConnection | None = None
        self.csrf_cookie = ""

    def request(self, method: str, url: str, body: bytes | None = None) -> tuple[int, bytes]:
        headers = {"Host": f"127.0.0.1:{self.port}"}
        if self.csrf_cookie:
            headers["Cookie"] = f"csrftoken={self.csrf_cookie}"
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        if self.conn is None:
            self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            self.conn.request(method, url, body=body, headers=headers)
            response = self.conn.getresponse()
            data = response.read()
        except (OSError, http.client.HTTPException):
            self.close()
            raise
        # The cookie is Secure (DEBUG off) but this is plain loopback: kept by hand.
        for value in response.headers.get_all("Set-Cookie") or []:
            found = CSRF_COOKIE.search(value)
            if found:
                self.csrf_cookie = found.group(1)
        if response.will_close:
            self.close()
        return response.status, data

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def cpu_seconds(root_pid: int) -> dict[str, float]:
    """CPU time (user + system) used so far by gunicorn (`root_pid` and its workers) and by
    PostgreSQL's processes on this machine, read from /proc; empty where there is no /proc."""
    ticks = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    totals = {"server": 0.0, "postgres": 0.0}
    proc = Path("/proc")
    if not proc.is_dir():
        return {}
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            command = (entry / "comm").read_text().strip()
        except OSError:
            continue
        name_end = stat.rindex(")")
        fields = stat[name_end + 2 :].split()
        parent, used = int(fields[1]), (int(fields[11]) + int(fields[12])) / ticks
        if int(entry.name) == root_pid or parent == root_pid:
            totals["server"] += used
        elif command.startswith("postgres"):
            totals["postgres"] += used
    return totals


class Phase:
    """CLIENTS threads running `step(client, phase)` until the deadline or no more work."""

    def __init__(self, port: int, seconds: float, server_pid: int | None = None):
        self.port = port
        self.seconds = seconds
        self.server_pid = server_pid
        self.cpu: dict[str, float] = {}
        self.lock = threading.Lock()
        self.latencies: list[float] = []
        self.ok = 0
        self.failures: Counter[str] = Counter()
        self.elapsed = 0.0

    def timed(self, client: Client, method: str, url: str, body: bytes | None = None):
        start = time.perf_counter()
        try:
            status, data = client.request(method, url, body)
        except (OSError, http.client.HTTPException) as exc:
            self.fail(f"{method} {type(exc).__name__}")
            return None, b""
        latency = time.perf_counter() - start
        with self.lock:
            self.latencies.append(latency)
        return status, data

    def fail(self, reason: str) -> None:
        with self.lock:
            self.failures[reason] += 1

    def succeed(self, count: int = 1) -> None:
        with self.lock:
            self.ok += count

    def run(self, step) -> "Phase":
        barrier = threading.Barrier(CLIENTS + 1)
        ends: list[float] = []

        def worker():
            client = Client(self.port)
            barrier.wait()
            deadline = time.perf_counter() + self.seconds
            try:
                while time.perf_counter() < deadline and step(client, self):
                    pass
            finally:
                client.close()
                with self.lock:
                    ends.append(time.perf_counter())

        threads = [threading.Thread(target=worker, daemon=True) for _ in range(CLIENTS)]
        for thread in threads:
            thread.start()
        cpu_before = cpu_seconds(self.server_pid) if self.server_pid else {}
        barrier.wait()
        start = time.perf_counter()
        for thread in threads:
            thread.join(timeout=self.seconds + 120)
        self.elapsed = max(ends, default=start) - start
        if cpu_before:
            after = cpu_seconds(self.server_pid)
            self.cpu = {name: after[name] - cpu_before[name] for name in cpu_before}
        return self

    def cpu_ms_per_request(self, name: str) -> float:
        """CPU milliseconds `name` (server, postgres) spent per successful request."""
        if name not in self.cpu or not self.ok:
            return -1.0
        return round(self.cpu[name] * 1000 / self.ok, 2)

    @property
    def rps(self) -> float:
        return self.ok / self.elapsed if self.elapsed else 0.0

    def p95_ms(self) -> float:
        ordered = sorted(self.latencies)
        if not ordered:
            return 0.0
        return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)] * 1000


def get_ok_step(url: str):
    def step(client: Client, phase: Phase) -> bool:
        status, data = phase.timed(client, "GET", url)
        if status == 200 and data == b"ok":
            phase.succeed()
        elif status is not None:
            phase.fail(f"{url} {status}")
        return True

    return step


def peer_step(tokens: list[str], prefix: str = "/f/"):
    def step(client: Client, phase: Phase) -> bool:
        try:
            token = tokens.pop()
        except IndexError:
            return False  # every token used: the phase ends early
        url = f"{prefix}{token}/"
        status, page = phase.timed(client, "GET", url)
        found = CSRF_INPUT.search(page) if status == 200 else None
        if found is None:
            if status is not None:
                phase.fail(f"GET {status}")
            return True
        phase.succeed()
        body = urlencode({**ANSWER, "csrfmiddlewaretoken": found.group(1).decode()}).encode()
        status, page = phase.timed(client, "POST", url, body)
        if status == 200 and RECORDED in page:
            phase.succeed()
        elif status is not None:
            phase.fail(f"POST {status}" if status != 200 else "POST 200 not recorded")
        return True

    return step
