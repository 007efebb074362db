import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Control characters (line breaks, tabs, NUL, escapes) and the Unicode line and paragraph
# separators: a name holding one breaks email headers and the lines of a message.
_REFUSED_CATEGORIES = {"Cc", "Zl", "Zp"}


def validate_no_control_characters(value: str) -> None:
    if any(unicodedata.category(char) in _REFUSED_CATEGORIES for char in value or ""):
        raise ValidationError(
            _("Line breaks, tabs and other control characters are not allowed here."),
            code="control_characters",
        )
