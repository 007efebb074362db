"""The own-data import on a 10-year LinkedIn complete export: 5,000 posts, 20,000 comments,
20,000 reactions, 50,000 messages (`evidence_import_seconds`, `evidence_import_peak_mb`;
budget 20 s and 300 MB, issue 18).

Part of `make bench` (bench/__main__.py calls measure()); `python -m bench.evidence_load`
runs it alone (bench/standalone.py).
"""

from __future__ import annotations

import time
import tracemalloc

from evidence.samples import linkedin_complete_export


def measure() -> dict[str, float]:
    from accounts.services import user_ensure_verified
    from evidence.models import ActivityImport
    from evidence.services import activity_import_from_bytes

    data = linkedin_complete_export()

    def run(email: str) -> ActivityImport:
        user, _ = user_ensure_verified(email=email, password="bench-pass-2026", full_name="B")  # noqa: S106
        job = activity_import_from_bytes(owner=user, name="export.zip", data=data)
        assert job.status == ActivityImport.Status.DONE, job.error_code
        return job

    start = time.perf_counter()
    job = run("bench-evidence@example.com")
    seconds = time.perf_counter() - start
    tracemalloc.start()
    run("bench-evidence-memory@example.com")
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "evidence_import_seconds": round(seconds, 2),
        "evidence_import_peak_mb": round(peak / 1024 / 1024, 1),
        "evidence_import_zip_mb": round(len(data) / 1024 / 1024, 1),
        "evidence_import_items": sum(
            job.counts.get(k, 0) for k in ("posts", "comments", "reactions", "messages")
        ),
    }


if __name__ == "__main__":
    from bench.standalone import run_alone

    run_alone(measure)
