"""Filters for plain-text emails, rendered with autoescape off (HTML escaping would show
"&amp;" in a text email): every value that a user wrote goes through one of them instead.

    {{ owner_name|one_line }}   a name: no line break, no control character
    {{ message|plain_text }}    a paragraph: line breaks kept, other control characters gone
"""

from django import template

from config import text

register = template.Library()


@register.filter(is_safe=False)
def one_line(value) -> str:
    return text.single_line("" if value is None else str(value))


@register.filter(is_safe=False)
def plain_text(value) -> str:
    return text.plain_text("" if value is None else str(value))
