"""Readers of the networks' own data exports, to normalised records (records.py).

Pure Python, no Django: `read_export(name, data)` detects the network (or takes it as
`network`) and returns an `Activity`, or raises `ActivityFileError` naming the file inside
the upload that is wrong and a stable code (evidence.error_texts words it). Nothing else
may escape: tests/evidence/test_readers_fuzz.py feeds random bytes.

One module per network: linkedin.py (CSV files of the complete export), x.py (tweets.js),
facebook.py (JSON). base.py holds the limits and the ZIP guards, dates.py the date formats.
"""

from __future__ import annotations

from .base import ZIP_SIGNATURES, ActivityFileError, Archive, Limits, Progress, no_progress
from .facebook import kind_of, read_facebook_file, read_facebook_zip
from .linkedin import read_linkedin_csv, read_linkedin_zip
from .records import Activity
from .x import is_tweets_file, looks_like_x, read_x_file, read_x_zip

__all__ = ["NETWORKS", "Activity", "ActivityFileError", "Limits", "detect_network", "read_export"]

NETWORKS = ("linkedin", "x", "facebook")
_LINKEDIN_MARKERS = (
    "shares.csv", "comments.csv", "reactions.csv", "messages.csv", "invitations.csv",
    "profile.csv", "connections.csv", "partages.csv", "profil.csv",
)  # fmt: skip


def _zip_network(archive: Archive) -> str | None:
    paths = [path.lower() for path in archive.paths()]
    if any(is_tweets_file(path) for path in paths):
        return "x"
    if any(path.rsplit("/", 1)[-1] in _LINKEDIN_MARKERS for path in paths):
        return "linkedin"
    if any(kind_of(path) for path in paths):
        return "facebook"
    return None


def _file_network(name: str, data: bytes) -> str | None:
    lowered = name.lower()
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if lowered.endswith(".js") or head.startswith(b"window.YTD"):
        return "x"
    if lowered.endswith(".json") or head[:1] in (b"{", b"["):
        return "facebook"
    if lowered.endswith((".csv", ".txt")) or b"," in head or b";" in head:
        return "linkedin"
    return None


def detect_network(name: str, data: bytes, limits: Limits | None = None) -> str | None:
    """The network an upload comes from, from its content first, or None."""
    limits = limits or Limits()
    if data.startswith(ZIP_SIGNATURES):
        archive = Archive(data, name, limits)
        try:
            return _zip_network(archive)
        finally:
            archive.close()
    return _file_network(name, data)


def read_export(
    name: str,
    data: bytes,
    *,
    network: str | None = None,
    limits: Limits | None = None,
    progress: Progress = no_progress,
) -> Activity:
    """Everything the upload holds, normalised; ActivityFileError for a refused file."""
    limits = limits or Limits()
    if network is not None and network not in NETWORKS:
        raise ValueError(f"unknown network {network!r}")
    if len(data) > limits.max_upload_bytes:
        raise ActivityFileError("too_large", name)
    if not data.strip():
        raise ActivityFileError("empty", name)
    if data.startswith(ZIP_SIGNATURES):
        archive = Archive(data, name, limits)
        try:
            network = network or _zip_network(archive)
            if network is None:
                raise ActivityFileError("nothing_to_read", name)
            reader = {"linkedin": read_linkedin_zip, "x": read_x_zip, "facebook": read_facebook_zip}
            return reader[network](archive, limits, progress)
        finally:
            archive.close()
    if network is None:
        network = _file_network(name, data)
        if network is None:
            raise ActivityFileError("unknown_network", name)
    if network == "x":
        return read_x_file(data, name, limits, progress)
    if network == "facebook":
        return read_facebook_file(data, name, limits, progress)
    return read_linkedin_csv(data, name, limits, progress)


__all__ += ["looks_like_x"]
