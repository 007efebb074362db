import pytest


@pytest.fixture(autouse=True)
def _short_debounce(settings):
    # One compile per burst still, but a burst lasts one second in tests.
    settings.SCORE_DEBOUNCE_SECONDS = 1
