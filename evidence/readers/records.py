"""The normalised records every reader yields, whatever the network: what the figures read.

Pure Python. Texts are the professional's own words (posts, comments, messages they sent,
invitation notes, profile); other people's messages keep no text, only who and when.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

POST_KINDS = ("post", "reply", "repost", "quote")


@dataclass(frozen=True, slots=True)
class Post:
    when: datetime | None
    text: str
    kind: str = "post"  # one of POST_KINDS (X: replies, retweets, quotes)
    has_link: bool = False
    has_media: bool = False
    key: str = ""  # the network's id of the post, to tell comments on own posts


@dataclass(frozen=True, slots=True)
class Comment:
    when: datetime | None
    text: str
    on_own_post: bool | None = None  # None: the export does not say
    is_reply: bool | None = None  # an answer to someone's comment (Facebook says so)


@dataclass(frozen=True, slots=True)
class Reaction:
    when: datetime | None


@dataclass(frozen=True, slots=True)
class Message:
    when: datetime | None
    conversation: str
    outgoing: bool  # sent by the professional
    text: str = ""  # kept only for the professional's own messages
    other: str = ""  # folded name of the other person (first recipient or the sender)


@dataclass(frozen=True, slots=True)
class Invitation:
    when: datetime | None
    outgoing: bool
    note: str = ""  # the personal note, kept only for the professional's own invitations
    other: str = ""


@dataclass(frozen=True, slots=True)
class Connection:
    name: str  # folded full name, to find the first message after the connection
    connected_on: date | None


@dataclass
class Profile:
    headline: str = ""
    summary: str = ""


@dataclass
class Activity:
    """Everything one export holds, normalised. `skipped` counts the items left out (no
    date, unreadable); `errors` lists a few of them as {"file", "code", "line"}."""

    network: str
    posts: list[Post] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    reactions: list[Reaction] = field(default_factory=list)
    messages: list[Message] = field(default_factory=list)
    invitations: list[Invitation] = field(default_factory=list)
    connections: list[Connection] = field(default_factory=list)
    profile: Profile | None = None
    recommendations_received: int | None = None
    endorsements_received: int | None = None
    skipped: int = 0
    errors: list[dict] = field(default_factory=list)
    files_read: list[str] = field(default_factory=list)
    # What the export holds ("posts", "comments", "reactions", "messages", "invitations",
    # "connections", "profile"): a count of a kind never read is absent, not 0.
    sources: set[str] = field(default_factory=set)

    MAX_ERRORS = 50

    def skip(self, file: str, code: str, line: int = 0) -> None:
        self.skipped += 1
        if len(self.errors) < self.MAX_ERRORS:
            self.errors.append({"file": file, "code": code, "line": line})

    def counts(self) -> dict[str, int]:
        return {
            "posts": len(self.posts),
            "comments": len(self.comments),
            "reactions": len(self.reactions),
            "messages": len(self.messages),
            "invitations": len(self.invitations),
            "skipped": self.skipped,
        }

    def item_count(self) -> int:
        return (
            len(self.posts)
            + len(self.comments)
            + len(self.reactions)
            + len(self.messages)
            + len(self.invitations)
            + len(self.connections)
        )
