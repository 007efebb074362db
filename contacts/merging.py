"""Keys that say two rows are the same person, whatever network they came from. No ORM.

Matching order: profile URL, then any email, then normalised name + company.
"""

import unicodedata
from urllib.parse import urlsplit


def fold(text: str) -> str:
    """Lower-case, accents removed, punctuation as spaces, single spaces."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return " ".join("".join(c if c.isalnum() else " " for c in plain).split())


def url_key(url: str) -> str:
    """linkedin.com/in/jean-dupont whatever the scheme, www, case, query or trailing slash."""
    if not url:
        return ""
    parts = urlsplit(url.strip() if "://" in url else f"https://{url.strip()}")
    host = parts.hostname or ""
    if host.startswith("www."):
        host = host[4:]
    path = parts.path.rstrip("/").lower()
    return f"{host}{path}" if host else ""


def email_key(email: str) -> str:
    return (email or "").strip().lower()


def name_key(full_name: str, company: str = "") -> str:
    name = fold(full_name)
    if not name:
        return ""
    return f"{name}|{fold(company)}"
