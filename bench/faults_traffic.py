"""`make faults`: the load the faults are injected under (bench.faults_load), every request
timestamped.

ROLES client threads, as bench.mixed_load's roles: peers GET /f/<token>/ then POST an answer
(fresh tokens, on a bench user's audits), professionals browse the demo dashboard, score,
contacts, map data and absence zones, the consultant reads the client's score and HTML
report. A request fails on a connection error or any status other than 200 (with the form,
or the "recorded" page for a peer's POST).
"""

import threading
import time
from collections import Counter
from time import monotonic as now
from urllib.parse import urlencode

from bench.http_load import ANSWER, CSRF_INPUT, RECORDED, Client

ROLES = (("peer", 6), ("professional", 3), ("consultant", 1))  # 10 client threads


class Load:
    """ROLES threads, each request timestamped: (start, end, role, ok, reason)."""

    def __init__(self, port: int, tokens: dict[str, int], sessions: dict[str, str], audit):
        self.port = port
        self.tokens = list(tokens)
        self.token_audits = tokens
        self.sessions = sessions
        self.audit = audit
        self.lock = threading.Lock()
        self.requests: list[tuple[float, float, str, bool, str]] = []
        self.acknowledged: Counter[int] = Counter()  # audit id -> answers acknowledged
        self.stop = threading.Event()
        self.threads: list[threading.Thread] = []

    def request(self, client: Client, method: str, url: str, body=None):
        start = now()
        try:
            status, data = client.request(method, url, body)
        except Exception as exc:  # OSError, http.client's errors: a failed request
            status, data = None, type(exc).__name__.encode()
        return start, now(), status, data

    def record(self, start: float, end: float, role: str, ok: bool, reason: str = "") -> None:
        with self.lock:
            self.requests.append((start, end, role, ok, reason))

    def peer(self) -> None:
        client = Client(self.port)
        try:
            while not self.stop.is_set():
                with self.lock:
                    if not self.tokens:
                        return
                    token = self.tokens.pop()
                url = f"/f/{token}/"
                start, end, status, page = self.request(client, "GET", url)
                found = CSRF_INPUT.search(page) if status == 200 else None
                if found is None:
                    self.record(start, end, "peer", False, f"GET {status or page.decode()}")
                    with self.lock:
                        self.tokens.append(token)  # not used: kept for a later try
                    time.sleep(0.05)  # a failing page is not hammered in a tight loop
                    continue
                self.record(start, end, "peer", True)
                body = urlencode({**ANSWER, "csrfmiddlewaretoken": found.group(1).decode()})
                start, end, status, page = self.request(client, "POST", url, body.encode())
                if status == 200 and RECORDED in page:
                    self.record(start, end, "peer", True)
                    with self.lock:
                        self.acknowledged[self.token_audits[token]] += 1
                else:
                    self.record(start, end, "peer", False, f"POST {status or page.decode()}")
                    time.sleep(0.05)
        finally:
            client.close()

    def browse(self, role: str, urls) -> None:
        from bench.mixed_load import SessionConnection

        client = Client(self.port)
        try:
            while not self.stop.is_set():
                if client.conn is None:
                    client.conn = SessionConnection(
                        self.sessions[role], "127.0.0.1", self.port, timeout=30
                    )
                url = next(urls)
                start, end, status, data = self.request(client, "GET", url)
                if status == 200:
                    self.record(start, end, role, True)
                else:
                    path = url.split("?")[0]
                    self.record(start, end, role, False, f"GET {status or data.decode()} {path}")
                    time.sleep(0.05)
        finally:
            client.close()

    def start(self) -> None:
        from bench.mixed_load import consultant_urls, professional_urls

        targets = []
        for role, count in ROLES:
            for number in range(count):
                if role == "peer":
                    targets.append((self.peer, ()))
                elif role == "professional":
                    targets.append((self.browse, (role, professional_urls(self.audit, number))))
                else:
                    targets.append((self.browse, (role, consultant_urls(self.audit))))
        self.threads = [threading.Thread(target=t, args=a, daemon=True) for t, a in targets]
        for thread in self.threads:
            thread.start()

    def finish(self) -> float:
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=60)
        return now()

    # figures

    def ok(self) -> int:
        return sum(1 for request in self.requests if request[3])

    def failed(self, window: tuple[float, float] | None = None, inside: bool = True) -> list:
        failures = [request for request in self.requests if not request[3]]
        if window is None:
            return failures
        start, end = window
        return [r for r in failures if (r[0] <= end and r[1] >= start) == inside]

    def reasons(self) -> dict[str, int]:
        return dict(Counter(f"{r[2]} {r[4]}" for r in self.failed()).most_common(8))

    def per_role(self) -> str:
        counts = Counter((r[2], r[3]) for r in self.requests)
        return ", ".join(
            f"{role} {counts[(role, True)]} ok/{counts[(role, False)]} failed" for role, _ in ROLES
        )

    def timeline(self, origin: float) -> str:
        """Requests finished per second around `origin` (the fault): ok/failed."""
        seconds: dict[int, list[int]] = {}
        for _start, end, _role, ok, _reason in self.requests:
            second = int((end - origin) // 1)
            seconds.setdefault(second, [0, 0])[0 if ok else 1] += 1
        return " ".join(
            f"{s:+d}:{ok}/{bad}" for s, (ok, bad) in sorted(seconds.items()) if -4 < s < 12
        )
