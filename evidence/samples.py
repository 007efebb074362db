"""A LinkedIn complete export made up from a seed: the bench's 10-year export
(bench/evidence_load.py) and the demo professional's own data (audits/management/demo.py).
Posts, comments, reactions, messages and invitations with a few pitches, heated words and
internal figures among them, so that every practice figure has something to count."""

from __future__ import annotations

import csv
import io
import random
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


# How long the professional takes to answer a message, in hours, and how often they do.
REPLY_HOURS = (1, 2, 3, 5, 8, 20, 26, 50)
REPLIES = 0.7


def _messages(rng: random.Random, people: list[str], me: str, count: int, when):
    """Exchanges as they happen: a message received, then (most of the time) the reply a few
    hours later in the same conversation; the rest are messages the professional starts."""
    rows = 0
    while rows < count:
        person = rng.randrange(len(people))
        sent = datetime.strptime(when(), "%Y-%m-%d %H:%M:%S")
        received = rng.random() < 0.6
        first = [people[person], me] if received else [me, people[person]]
        yield _message_row(person, *first, sent, _text(rng, 25))
        rows += 1
        if received and rows < count and rng.random() < REPLIES:
            reply = sent + timedelta(hours=rng.choice(REPLY_HOURS))
            yield _message_row(person, me, people[person], reply, _text(rng, 25))
            rows += 1


def _message_row(person: int, sender: str, recipient: str, at: datetime, text: str) -> list:
    return [
        f"conv-{person}",
        "",
        sender,
        "",
        recipient,
        at.strftime("%Y-%m-%d %H:%M:%S") + " UTC",
        "",
        text,
        "INBOX",
    ]


def linkedin_complete_export(
    *,
    posts=5_000,
    comments=20_000,
    reactions=20_000,
    messages=50_000,
    years=10,
    seed=18,
    owner=("Camille", "Martin"),
    end: datetime | None = None,
) -> bytes:
    rng = random.Random(seed)
    end = end or datetime(2026, 11, 30, 18, 0, tzinfo=UTC)
    first, last = owner
    me = f"{first} {last}"
    span = int(timedelta(days=365 * years).total_seconds())

    def when() -> str:
        return (end - timedelta(seconds=rng.randrange(span))).strftime("%Y-%m-%d %H:%M:%S")

    people = [f"Person {i}" for i in range(2_000)]
    members = {
        "Profile.csv": _csv(
            ["First Name", "Last Name", "Headline", "Summary"],
            [[first, last, "Recruiter for tech startups", "Ten years in recruitment."]],
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
            _messages(rng, people, me, messages, when),
        ),
        "Invitations.csv": _csv(
            ["From", "To", "Sent At", "Message", "Direction"],
            (
                [
                    me,
                    people[i],
                    datetime.strptime(when(), "%Y-%m-%d %H:%M:%S").strftime("%-m/%-d/%y, %I:%M %p"),
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
