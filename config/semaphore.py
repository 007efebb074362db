"""A counting semaphore on the shared cache (Redis in production): at most `limit` holders
across every web process, for work heavy enough to slow the whole site (PDF rendering).

Each of the `limit` slots is one cache key taken with `add` (Redis SET NX, atomic) for a
lease: a process that dies while holding a slot frees it when the lease runs out. While Redis
is down, `add` fails open (config.cache) and the work goes on unbounded rather than refused.
"""

import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from django.core.cache import cache


class Busy(Exception):
    """Every slot stayed taken for as long as the caller was willing to wait."""


@contextmanager
def cache_semaphore(
    name: str, limit: int, *, lease_seconds: int, wait_seconds: float = 0.0, poll: float = 0.1
) -> Iterator[int]:
    token = uuid.uuid4().hex
    deadline = time.monotonic() + wait_seconds
    while True:
        for slot in range(max(limit, 1)):
            key = f"semaphore:{name}:{slot}"
            if cache.add(key, token, timeout=lease_seconds):
                try:
                    yield slot
                finally:
                    # Not ours any more if the lease ran out and someone else took the slot.
                    if cache.get(key) == token:
                        cache.delete(key)
                return
        if time.monotonic() >= deadline:
            raise Busy(name)
        time.sleep(poll)
