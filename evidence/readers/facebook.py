"""Facebook's "Download your information" in JSON: posts (your_posts_1.json, or
your_posts__check_ins__photos_and_videos_1.json in newer exports), comments (comments.json)
and reactions (posts_and_comments.json / likes_and_reactions_1.json), in the ZIP or on their
own.

Facebook writes its UTF-8 text escaped as if each byte were a Latin-1 character ("Ã©" for
"é", "\\u00c3\\u00a9" in the file): every string is repaired with
`s.encode("latin-1").decode("utf-8")`, and kept as it is when that fails (a string that was
right already). Timestamps are Unix seconds.
"""

from __future__ import annotations

import json
import re

from contacts.importers.base import clean_notes

from .base import ActivityFileError, Archive, Limits, Progress, base_name, check_size, text_of
from .dates import from_timestamp
from .records import Activity, Comment, Post, Reaction

NETWORK = "facebook"
_OWN = re.compile(
    r"\b(?:his|her|their|your) own\b|\bsa propre\b|\bson propre\b|\bses propres\b", re.I
)
_REPLY = re.compile(r"\breplied to\b|\ba répondu\b|\brépondu\b", re.I)


def repair(text: str) -> str:
    """Undo Facebook's Latin-1 mis-encoding of UTF-8; a string that is not mis-encoded (it
    does not survive the round trip) is returned as it is."""
    if text.isascii():
        return text
    try:
        return text.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text


def kind_of(path: str) -> str | None:
    name = base_name(path).lower()
    if not name.endswith(".json"):
        return None
    if name.startswith("your_posts") or name.startswith("vos_publications"):
        return "posts"
    if name.startswith("comments") or name.startswith("commentaires"):
        return "comments"
    if name.startswith(("posts_and_comments", "likes_and_reactions", "reactions")):
        return "reactions"
    return None


def _load(data: bytes, file: str):
    try:
        return json.loads(text_of(data, file))
    except (ValueError, RecursionError):
        raise ActivityFileError("bad_json", file) from None


def _list(document, *keys: str) -> list:
    if isinstance(document, list):
        return document
    if isinstance(document, dict):
        for key in keys:
            if isinstance(document.get(key), list):
                return document[key]
    return []


def structure_of(document) -> str | None:
    """Which file a JSON document is when its name says nothing."""
    if isinstance(document, dict):
        if any(k in document for k in ("comments_v2", "comments")):
            return "comments"
        if any(k in document for k in ("reactions_v2", "reactions")):
            return "reactions"
        if "status_updates_v2" in document:
            return "posts"
    if isinstance(document, list) and document and isinstance(document[0], dict):
        data = document[0].get("data")
        if isinstance(data, list) and any(isinstance(d, dict) and "post" in d for d in data):
            return "posts"
        if "timestamp" in document[0]:
            return "reactions" if "post" not in json.dumps(document[0])[:2000] else "posts"
    return None


def _first(entry: dict, key: str):
    data = entry.get("data")
    for item in data if isinstance(data, list) else []:
        if isinstance(item, dict) and key in item:
            return item[key]
    return None


def _read(kind: str, document, file: str, activity: Activity, limits: Limits) -> None:
    entries = _list(
        document, "status_updates_v2", "comments_v2", "comments", "reactions_v2", "reactions"
    )
    if not entries and not isinstance(document, (list, dict)):
        raise ActivityFileError("bad_structure", file)
    if len(entries) > limits.max_items:
        raise ActivityFileError("too_many_items", file)
    for line, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict):
            activity.skip(file, "unreadable", line)
            continue
        if kind == "comments":
            comment = _first(entry, "comment")
            comment = comment if isinstance(comment, dict) else {}
            when = from_timestamp(comment.get("timestamp") or entry.get("timestamp"))
            text = comment.get("comment")
            title = repair(entry.get("title")) if isinstance(entry.get("title"), str) else ""
        else:
            when = from_timestamp(entry.get("timestamp"))
            text = _first(entry, "post")
            title = ""
        if when is None:
            activity.skip(file, "no_date", line)
            continue
        text = clean_notes(repair(text), limit=5_000) if isinstance(text, str) else ""
        if kind == "posts":
            attachments = json.dumps(entry.get("attachments") or [])[:20_000]
            activity.posts.append(
                Post(
                    when=when,
                    text=text,
                    has_link='"external_context"' in attachments,
                    has_media='"media"' in attachments,
                )
            )
        elif kind == "comments":
            activity.comments.append(
                Comment(
                    when=when,
                    text=text,
                    on_own_post=bool(_OWN.search(title)) if title else None,
                    is_reply=bool(_REPLY.search(title)) if title else None,
                )
            )
        else:
            activity.reactions.append(Reaction(when=when))
    activity.files_read.append(base_name(file))
    activity.sources.add(kind)


def read_facebook_zip(archive: Archive, limits: Limits, progress: Progress) -> Activity:
    members = [m for m in archive.find_all(lambda path: kind_of(path) is not None)]
    if not members:
        raise ActivityFileError("nothing_to_read", archive.name)
    activity = Activity(NETWORK)
    for number, member in enumerate(members, start=1):
        kind = kind_of(member.filename)
        _read(kind, _load(archive.read(member), member.filename), member.filename, activity, limits)
        progress(number / len(members))
    return activity


def read_facebook_file(data: bytes, name: str, limits: Limits, progress: Progress) -> Activity:
    check_size(data, name, limits)
    document = _load(data, name)
    kind = kind_of(name) or structure_of(document)
    if kind is None:
        raise ActivityFileError("bad_structure", name)
    activity = Activity(NETWORK)
    _read(kind, document, name, activity, limits)
    progress(1.0)
    return activity
