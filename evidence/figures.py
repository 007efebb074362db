"""Practice figures: what one network's export shows the professional actually does.

Pure functions over the normalised records (evidence.readers.records), no ORM. Every figure
is an aggregate over the 12 months (365 days) before the export's most recent item, so that
an old export reads as the year it covers rather than as silence since. Each share comes with
its base (the number of items it is a share of, `<name>_base`), and a figure whose base is 0
is absent from the result, never a made-up 0. The keys and their meanings: docs/scoring.md,
"Evidence (own data)"; each one is tied there to the seed rule it measures.

The flags on texts (pitch, heated, leaks) come from evidence.textflags.flag_text, the one
home of those rules; only the professional's own words are flagged (posts, comments, the
messages and invitation notes they sent), never what others wrote to them.
"""

from __future__ import annotations

import bisect
import itertools
import statistics
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from contacts.classification import classify
from evidence.readers.linkedin import fold
from evidence.readers.records import Activity
from evidence.textflags import flag_text

WINDOW = timedelta(days=365)
LEAK_FLAGS = ("confidential", "internal_document", "internal_figures", "client_name")
MAX_EXCERPTS_PER_FLAG = 20
FIRST_MESSAGE_FLAG = "first_message_pitch"  # a figure's own excerpt code (not a text flag)
_STOP_WORDS = frozenset(
    [
        "avec",
        "dans",
        "pour",
        "vers",
        "chez",
        "mon",
        "une",
        "des",
        "les",
        "sur",
        "the",
        "and",
        "for",
        "with",
        "from",
        "into",
    ]
)


@dataclass(frozen=True)
class ObjectiveTerms:
    """What the active objective needs, as plain values (audits owns the objective)."""

    title: str = ""
    roles: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()


@dataclass(frozen=True)
class Excerpt:
    kind: str  # post, comment, message, invitation
    flag: str
    occurred_on: date | None
    excerpt: str


@dataclass
class Evidence:
    network: str
    figures: dict = field(default_factory=dict)
    period_start: date | None = None
    period_end: date | None = None
    excerpts: list[Excerpt] = field(default_factory=list)


def _share(figures: dict, name: str, count: int, base: int) -> None:
    """`name` = count / base with `name_base`, both absent when the base is 0."""
    if base:
        figures[name] = round(count / base, 3)
        figures[f"{name}_base"] = base


def _flags(text: str, client_names: tuple[str, ...]) -> list:
    return flag_text(text, client_names=client_names) if text else []


def compute(
    activity: Activity,
    *,
    client_names: Iterable[str] = (),
    objective: ObjectiveTerms | None = None,
    max_excerpts: int = MAX_EXCERPTS_PER_FLAG,
) -> Evidence:
    """The figures and flagged excerpts of one network's export."""
    clients = tuple(name for name in client_names if name and len(name.strip()) >= 3)
    result = Evidence(network=activity.network)
    figures = result.figures
    _profile_figures(activity, objective, figures)
    if activity.recommendations_received is not None:
        figures["recommendations_received"] = activity.recommendations_received
    if activity.endorsements_received is not None:
        figures["endorsements_received"] = activity.endorsements_received

    moments = [
        item.when
        for items in (
            activity.posts,
            activity.comments,
            activity.reactions,
            activity.messages,
            activity.invitations,
        )
        for item in items
        if item.when is not None
    ]
    if not moments:
        return result
    end = max(moments)
    start = end - WINDOW
    result.period_start, result.period_end = start.date(), end.date()

    def recent(items):
        return [item for item in items if item.when is not None and start < item.when <= end]

    posts = [post for post in recent(activity.posts) if post.kind != "repost"]
    comments = recent(activity.comments)
    reactions = recent(activity.reactions)
    messages = recent(activity.messages)
    invitations = recent(activity.invitations)
    sent = [m for m in messages if m.outgoing]
    sent_invitations = [i for i in invitations if i.outgoing]
    sources = activity.sources

    if "posts" in sources:
        figures["posts_12m"] = len(posts)
    if "comments" in sources:
        figures["comments_12m"] = len(comments)
    if "reactions" in sources:
        figures["reactions_12m"] = len(reactions)
    if "messages" in sources:
        figures["messages_12m"] = len(sent)
        figures["messages_received_12m"] = len(messages) - len(sent)
    if "invitations" in sources:
        figures["invitations_12m"] = len(sent_invitations)
        figures["invitations_received_12m"] = len(invitations) - len(sent_invitations)

    if sources & {"posts", "comments"}:
        _rhythm(posts, comments, start, end, figures)

    found: list[tuple[datetime, Excerpt]] = []
    counts: dict[str, int] = defaultdict(int)
    pitched = heated = leaks = 0
    for kind, items in (("post", posts), ("comment", comments)):
        for item in items:
            flags = _flags(item.text, clients)
            codes = {flag.code for flag in flags}
            pitched += kind == "post" and "pitch" in codes
            heated += "heated" in codes
            leaks += bool(codes & set(LEAK_FLAGS))
            for flag in flags:
                counts[flag.code] += 1
                found.append((item.when, Excerpt(kind, flag.code, item.when.date(), flag.excerpt)))
    pitched_messages: dict[int, str] = {}
    for index, message in enumerate(sent):
        flags = _flags(message.text, clients)
        for flag in flags:
            if flag.code == "pitch":
                pitched_messages[index] = flag.excerpt
            if flag.code in LEAK_FLAGS:
                counts[flag.code] += 1
                found.append(
                    (message.when, Excerpt("message", flag.code, message.when.date(), flag.excerpt))
                )
        leaks += any(flag.code in LEAK_FLAGS for flag in flags)
    for invitation in sent_invitations:
        flags = _flags(invitation.note, clients)
        for flag in flags:
            counts[flag.code] += 1
            found.append(
                (
                    invitation.when,
                    Excerpt("invitation", flag.code, invitation.when.date(), flag.excerpt),
                )
            )
        leaks += any(flag.code in LEAK_FLAGS for flag in flags)

    _share(figures, "pitch_share", pitched, len(posts))
    if len(posts):
        figures["pitch_base"] = figures.pop("pitch_share_base")
    _share(figures, "heated_share", heated, len(posts) + len(comments))
    leak_base = len(posts) + len(comments) + len(sent) + len(sent_invitations)
    if leak_base:
        figures["leak_count"] = leaks
        figures["leak_base"] = leak_base
    if counts:
        figures["flag_counts"] = dict(sorted(counts.items()))

    judged = [c for c in comments if c.on_own_post is not None]
    _share(figures, "comments_on_others_share", sum(not c.on_own_post for c in judged), len(judged))
    replies = [c for c in comments if c.is_reply is not None]
    _share(
        figures, "replies_to_comments_share", sum(bool(c.is_reply) for c in replies), len(replies)
    )

    if "messages" in sources:
        _conversation_figures(messages, figures)
        _first_messages(activity, sent, pitched_messages, start, end, figures, found)
    if "invitations" in sources:
        with_note = sum(bool(i.note) for i in sent_invitations)
        _share(figures, "invitations_with_note_share", with_note, len(sent_invitations))

    result.excerpts = _keep_recent(found, max_excerpts)
    return result


def _rhythm(posts, comments, start: datetime, end: datetime, figures: dict) -> None:
    """Constancy: weeks with at least one post or comment, and the longest gap without any
    (the window's edges count: a year without a word is a 365-day silence)."""
    moments = sorted(item.when for item in (*posts, *comments))
    figures["active_weeks_12m"] = len({moment.isocalendar()[:2] for moment in moments})
    figures["active_weeks_base"] = 52
    edges = [start, *moments, end]
    figures["longest_silence_days"] = max((b - a).days for a, b in itertools.pairwise(edges))


def _conversation_figures(messages, figures: dict) -> None:
    """Two-way conversations, the share of received messages answered and the median delay
    of the answers (from the first unanswered received message to the owner's next one)."""
    by_conversation = defaultdict(list)
    for message in messages:
        by_conversation[message.conversation].append(message)
    two_way = 0
    delays: list[float] = []
    waiting_runs = 0
    for thread in by_conversation.values():
        thread.sort(key=lambda m: m.when)
        if any(m.outgoing for m in thread) and any(not m.outgoing for m in thread):
            two_way += 1
        waiting_since = None
        for message in thread:
            if not message.outgoing:
                if waiting_since is None:
                    waiting_since = message.when
                    waiting_runs += 1
            elif waiting_since is not None:
                delays.append((message.when - waiting_since).total_seconds() / 3600)
                waiting_since = None
    _share(figures, "two_way_ratio", two_way, len(by_conversation))
    if "two_way_ratio" in figures:
        figures["two_way_base"] = figures.pop("two_way_ratio_base")
    _share(figures, "answered_share", len(delays), waiting_runs)
    if delays:
        figures["median_reply_hours"] = round(statistics.median(delays), 1)
        figures["reply_base"] = len(delays)


def _first_messages(activity, sent, pitched, start, end, figures, found) -> None:
    """For each person who became a connection in the window (Connections.csv, else an
    accepted-or-not invitation), the first message the owner sent them on or after that
    day: is it a sales pitch?"""
    connected: dict[str, date] = {}
    for invitation in activity.invitations:
        if invitation.other and invitation.when is not None:
            connected.setdefault(invitation.other, invitation.when.date())
    for connection in activity.connections:
        if connection.name and connection.connected_on is not None:
            connected[connection.name] = connection.connected_on
    by_person: dict[str, list[tuple[datetime, int]]] = defaultdict(list)
    for index, message in enumerate(sent):
        if message.other:
            by_person[message.other].append((message.when, index))
    base = pitches = 0
    for person, day in connected.items():
        if not start.date() <= day <= end.date() or person not in by_person:
            continue
        thread = sorted(by_person[person])
        moments = [moment.date() for moment, _ in thread]
        position = bisect.bisect_left(moments, day)
        if position == len(thread):
            continue
        when, index = thread[position]
        base += 1
        if index in pitched:
            pitches += 1
            found.append(
                (when, Excerpt("message", FIRST_MESSAGE_FLAG, when.date(), pitched[index]))
            )
    _share(figures, "first_message_pitch_share", pitches, base)


def _keep_recent(found: list[tuple[datetime, Excerpt]], limit: int) -> list[Excerpt]:
    found.sort(key=lambda pair: pair[0], reverse=True)
    kept: list[Excerpt] = []
    per_flag: dict[str, int] = defaultdict(int)
    for _, excerpt in found:
        if per_flag[excerpt.flag] < limit:
            per_flag[excerpt.flag] += 1
            kept.append(excerpt)
    return kept


def _profile_figures(activity: Activity, objective: ObjectiveTerms | None, figures: dict) -> None:
    profile = activity.profile
    if profile is None or objective is None:
        return
    if profile.headline:
        figures["headline_matches_objective"] = matches_objective(profile.headline, objective)
    if profile.summary:
        figures["summary_matches_objective"] = matches_objective(profile.summary, objective)


def matches_objective(text: str, objective: ObjectiveTerms) -> bool:
    """Does the text speak to the objective: a role or sector it needs (the contact
    classifier reads the text like a job title), or a significant word of its title?"""
    found = classify(text[:500], "")
    if found.role in objective.roles and found.role != "other":
        return True
    if found.sector in objective.sectors and found.sector != "other":
        return True
    folded = f" {fold(text)} "
    words = {w.strip(".,;:!?()'\"") for w in fold(objective.title).split()}
    return any(len(w) >= 5 and w not in _STOP_WORDS and f" {w}" in folded for w in words)
