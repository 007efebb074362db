"""Keys that say two rows are the same person, whatever network they came from. No ORM.

Matching order: profile URL, then any email, then normalised name + company.
"""

import functools
import re
import unicodedata
from urllib.parse import urlsplit

# Anything but letters and digits (\w is str.isalnum() plus the underscore).
_SEPARATORS = re.compile(r"[\W_]+")


@functools.lru_cache(maxsize=65_536)  # an import folds the same companies again and again
def fold(text: str) -> str:
    """Lower-case, accents removed, punctuation as spaces, single spaces."""
    text = text or ""
    if not text.isascii():
        decomposed = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _SEPARATORS.sub(" ", text.lower()).strip()


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
