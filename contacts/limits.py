"""How long a contact's text fields may be: read from the model, the one place that says it.

An import cuts every value it stores with :func:`fit`, for a new contact and for a merge alike,
so that no value can be longer than its column: PostgreSQL refuses the whole import otherwise,
and SQLite (``make run``) would silently keep it. The importers' own caps
(``contacts.importers.base.MAX_TEXT_CHARS``...) are only a guard against absurd cells while
parsing; they stay Django-free, and a test checks that they never cut shorter than a column.
"""

from __future__ import annotations

import functools

from contacts.models import Contact


@functools.cache
def max_length(field: str) -> int:
    """The model's max_length for a text field of Contact (notes included: 10,000)."""
    length = Contact._meta.get_field(field).max_length
    if length is None:
        raise ValueError(f"Contact.{field} has no max_length")
    return length


def fit(field: str, value: str) -> str:
    """`value` cut to the column of `field`, without the spaces the cut may leave at the end."""
    limit = max_length(field)
    return value if len(value) <= limit else value[:limit].rstrip()
