"""The own-data import on a 10-year LinkedIn complete export: 5,000 posts, 20,000 comments,
20,000 reactions, 50,000 messages (`evidence_import_seconds`, `evidence_import_peak_mb`;
budget 20 s and 300 MB, issue 18).

Part of `make bench` (bench/__main__.py calls measure()); `python -m bench.evidence_load`
runs it alone on a throwaway test database and merges its figures into bench/results.json.
"""

from __future__ import annotations

import csv
import io
import json
import random
import time
import tracemalloc
import zipfile
from datetime import UTC, datetime, timedelta

WORDS = [
    "listening",
    "clients",
    "team",
    "lesson",
    "project",
    "growth",
    "network",
    "meeting",
    "trust",
    "open",
    "question",
    "thanks",
    "launch",
    "week",
    "insight",
    "practice",
    "career",
    "advice",
    "event",
    "conference",
    "story",
]
PHRASES = ["Book a demo today", "What an outrageous decision", "Our revenue reached 3 M€", ""]


def _text(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."
    if rng.random() < 0.1:
        text += " " + rng.choice(PHRASES)
    return text


def _csv(header: list[str], rows) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def linkedin_complete_export(
    *, posts=5_000, comments=20_000, reactions=20_000, messages=50_000, years=10, seed=18
) -> bytes:
    rng = random.Random(seed)
    end = datetime(2026, 11, 30, 18, 0, tzinfo=UTC)
    span = int(timedelta(days=365 * years).total_seconds())

    def when() -> str:
        return (end - timedelta(seconds=rng.randrange(span))).strftime("%Y-%m-%d %H:%M:%S")

    people = [f"Person {i}" for i in range(2_000)]
    members = {
        "Profile.csv": _csv(
            ["First Name", "Last Name", "Headline", "Summary"],
            [["Camille", "Martin", "Recruiter for tech startups", "Ten years in recruitment."]],
        ),
        "Shares.csv": _csv(
            ["Date", "ShareLink", "ShareCommentary", "SharedUrl", "MediaUrl", "Visibility"],
            (
                [
                    when(),
                    f"https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A{i}",
                    _text(rng, 40),
                    "",
                    "",
                    "MEMBER_NETWORK",
                ]
                for i in range(posts)
            ),
        ),
        "Comments.csv": _csv(
            ["Date", "Link", "Message"],
            (
                [
                    when(),
                    "https://www.linkedin.com/feed/update/urn:li:activity:"
                    + str(rng.randrange(posts * 3)),
                    _text(rng, 15),
                ]
                for _ in range(comments)
            ),
        ),
        "Reactions.csv": _csv(
            ["Date", "Type", "Link"],
            ([when(), "LIKE", "https://www.linkedin.com/feed/update/x"] for _ in range(reactions)),
        ),
        "messages.csv": _csv(
            [
                "CONVERSATION ID",
                "CONVERSATION TITLE",
                "FROM",
                "SENDER PROFILE URL",
                "TO",
                "DATE",
                "SUBJECT",
                "CONTENT",
                "FOLDER",
            ],
            (
                (
                    lambda person, mine: [
                        f"conv-{person}",
                        "",
                        "Camille Martin" if mine else people[person],
                        "",
                        people[person] if mine else "Camille Martin",
                        when() + " UTC",
                        "",
                        _text(rng, 25),
                        "INBOX",
                    ]
                )(rng.randrange(len(people)), rng.random() < 0.5)
                for _ in range(messages)
            ),
        ),
        "Invitations.csv": _csv(
            ["From", "To", "Sent At", "Message", "Direction"],
            (
                [
                    "Camille Martin",
                    people[i],
                    "1/5/24, 10:12 AM",
                    "Glad to connect" if i % 3 else "",
                    "OUTGOING",
                ]
                for i in range(500)
            ),
        ),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(f"Complete_LinkedInDataExport/{name}", data)
    return buffer.getvalue()


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
    from bench.__main__ import RESULTS, connection, settings, setup_test_environment

    setup_test_environment()
    settings.ALLOWED_HOSTS = ["*"]
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        figures = measure()
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    try:
        previous = json.loads(RESULTS.read_text())
    except (OSError, ValueError):
        previous = {}
    RESULTS.write_text(json.dumps(previous | figures, indent=2, sort_keys=True) + "\n")
    print(json.dumps(figures, indent=2, sort_keys=True))
