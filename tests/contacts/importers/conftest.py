from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def fixture_bytes():
    """Read a file of tests/contacts/importers/fixtures/ as bytes."""
    return lambda name: (FIXTURES / name).read_bytes()
