"""The X (Twitter) archive: data/tweets.js (or tweet.js, tweets-part1.js...), in the archive
ZIP or uploaded on its own.

The file is JavaScript, not JSON: `window.YTD.tweets.part0 = [ {"tweet": {...}}, ... ]`.
Each tweet has created_at ("Wed Mar 05 10:12:00 +0000 2024"), full_text (or text), id_str,
in_reply_to_status_id(_str) for replies, retweeted / a "RT @" prefix for retweets, and
is_quote_status or a quoted status link for quotes. Retweets count as reactions (sharing
someone else's words), replies as comments: on the professional's own post when they answer
a tweet of the same archive (a thread), on someone else's otherwise.
"""

from __future__ import annotations

import json
import re

from contacts.importers.base import clean_notes

from .base import ActivityFileError, Archive, Limits, Progress, base_name, check_size, text_of
from .dates import parse_moment
from .records import Activity, Comment, Post, Reaction

NETWORK = "x"
_PREFIX = re.compile(r"^\s*window\.YTD\.[A-Za-z0-9_]+\.part\d+\s*=\s*")
_TWEET_FILE = re.compile(r"(?:^|/)(?:data/)?tweets?(?:-part\d+)?\.js$")
_STATUS_LINK = re.compile(r"https?://(?:www\.)?(?:twitter|x)\.com/\w+/status/\d+", re.I)


def is_tweets_file(path: str) -> bool:
    return bool(_TWEET_FILE.search(path.lower()))


def looks_like_x(text_head: str) -> bool:
    return bool(_PREFIX.match(text_head)) and "tweet" in text_head[:200].lower()


def _entries(text: str, file: str) -> list:
    body = _PREFIX.sub("", text, count=1).strip().rstrip(";")
    try:
        entries = json.loads(body)
    except (ValueError, RecursionError):
        raise ActivityFileError("bad_json", file) from None
    if not isinstance(entries, list):
        raise ActivityFileError("bad_structure", file)
    return entries


def _read_tweets(data: bytes, file: str, activity: Activity, limits: Limits) -> None:
    entries = _entries(text_of(data, file), file)
    if len(entries) > limits.max_items:
        raise ActivityFileError("too_many_items", file)
    tweets = []
    for line, entry in enumerate(entries, start=1):
        tweet = entry.get("tweet", entry) if isinstance(entry, dict) else None
        if not isinstance(tweet, dict):
            activity.skip(file, "unreadable", line)
            continue
        created = tweet.get("created_at")
        when = parse_moment(created) if isinstance(created, str) else None
        if when is None:
            activity.skip(file, "no_date", line)
            continue
        text = tweet.get("full_text", tweet.get("text", ""))
        text = clean_notes(text if isinstance(text, str) else "", limit=5_000)
        tweets.append((when, text, tweet))
    own_ids = {str(t.get("id_str") or t.get("id") or "") for _, _, t in tweets} - {""}
    for when, text, tweet in tweets:
        reply_to = str(
            tweet.get("in_reply_to_status_id_str") or tweet.get("in_reply_to_status_id") or ""
        )
        entities = tweet.get("entities") if isinstance(tweet.get("entities"), dict) else {}
        urls = entities.get("urls") if isinstance(entities.get("urls"), list) else []
        expanded = " ".join(str(u.get("expanded_url", "")) for u in urls if isinstance(u, dict))
        if tweet.get("retweeted") is True or text.startswith("RT @"):
            activity.reactions.append(Reaction(when=when))
        elif reply_to:
            activity.comments.append(Comment(when=when, text=text, on_own_post=reply_to in own_ids))
        else:
            quote = _truthy(tweet.get("is_quote_status")) or bool(_STATUS_LINK.search(expanded))
            media = tweet.get("extended_entities") or entities.get("media")
            activity.posts.append(
                Post(
                    when=when,
                    text=text,
                    kind="quote" if quote else "post",
                    has_link=bool(urls),
                    has_media=bool(media),
                    key=str(tweet.get("id_str") or ""),
                )
            )
    activity.files_read.append(base_name(file))
    activity.sources.update(("posts", "comments", "reactions"))


def _truthy(value) -> bool:
    return value is True or (isinstance(value, str) and value.lower() == "true")


def read_x_zip(archive: Archive, limits: Limits, progress: Progress) -> Activity:
    members = archive.find_all(is_tweets_file)
    if not members:
        raise ActivityFileError("nothing_to_read", archive.name)
    activity = Activity(NETWORK)
    for number, member in enumerate(members, start=1):
        _read_tweets(archive.read(member), member.filename, activity, limits)
        progress(number / len(members))
    return activity


def read_x_file(data: bytes, name: str, limits: Limits, progress: Progress) -> Activity:
    check_size(data, name, limits)
    activity = Activity(NETWORK)
    _read_tweets(data, name, activity, limits)
    progress(1.0)
    return activity
