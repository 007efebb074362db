from pathlib import Path

import pytest
from django.utils import translation

from contacts.absence_texts import row_error_text
from contacts.importers import RowError

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def fixture_bytes():
    """Read a file of tests/contacts/importers/fixtures/ as bytes."""
    return lambda name: (FIXTURES / name).read_bytes()


def english_text(item: RowError) -> str:
    """A row error as the pages word it, in English."""
    with translation.override("en"):
        return row_error_text(item.as_dict())
