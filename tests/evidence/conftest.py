import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories import UserFactory

FIXTURES = Path(__file__).parent / "fixtures"


def fixture_bytes(relative: str) -> bytes:
    return (FIXTURES / relative).read_bytes()


def zip_of(folder: str, prefix: str = "Basic_LinkedInDataExport/", only=None) -> bytes:
    """The fixture folder as the network's ZIP would hold it."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted((FIXTURES / folder).iterdir()):
            if only is None or path.name in only:
                archive.write(path, prefix + path.name)
    return buffer.getvalue()


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


@pytest.fixture
def owner(client):
    user = UserFactory()
    client.force_login(user)
    return user


@pytest.fixture
def linkedin_zip() -> bytes:
    return zip_of("linkedin")


@pytest.fixture
def x_zip() -> bytes:
    return zip_of("x", prefix="twitter-2024/data/")
