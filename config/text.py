"""Text that people typed, made safe where it goes: one line (names, email headers and
subjects) or plain text (an email body). Pure functions, no Django model import.

"Control characters" are Unicode's Cc category (NUL…US, DEL, the C1 block: CR and LF
included) and the line and paragraph separators (U+2028, U+2029), which some mail readers
also break lines on. Format characters (Cf, such as the zero-width joiner) are kept: names in
several scripts and emoji need them.
"""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_BREAKING = {"Cc", "Zl", "Zp"}
_SPACES = re.compile(r"\s+")


def is_control(char: str) -> bool:
    return unicodedata.category(char) in _BREAKING


def has_control_chars(text: str) -> bool:
    return any(is_control(char) for char in text)


def single_line(text: str) -> str:
    """Every control character becomes a space; runs of white space become one."""
    if not text:
        return ""
    spaced = "".join(" " if is_control(char) else char for char in str(text))
    return _SPACES.sub(" ", spaced).strip()


def plain_text(text: str) -> str:
    """Line breaks normalised to LF and kept; every other control character removed."""
    if not text:
        return ""
    text = str(text).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n")
    return "".join(char for char in text if char in "\n\t" or not is_control(char))


def validate_single_line(value: str) -> None:
    """For names: a line break or another control character is refused, not silently cut."""
    if value and has_control_chars(value):
        raise ValidationError(
            _("This cannot contain line breaks, tabs or other control characters."),
            code="control_characters",
        )
