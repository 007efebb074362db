"""A name with a line break, a tab or NUL is refused with a clear error wherever a person types
it (sign-up, profile, the admin): it would otherwise break email headers and message lines."""

import pytest
from django.urls import reverse

from accounts.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

BAD_NAMES = [
    "Eve\r\nBcc: all@example.com",
    "Eve\nSmith",
    "Eve\x00Smith",
    "Eve\tSmith",
    "Eve\u2028Smith",
]
MESSAGE = "Line breaks, tabs and other control characters are not allowed here."


@pytest.mark.parametrize("name", BAD_NAMES)
def test_signup_refuses_a_name_with_control_characters(client, name):
    response = client.post(
        reverse("account_signup"),
        {
            "email": "eve@example.com",
            "full_name": name,
            "password1": "a-long-unusual-passphrase",
            "password2": "a-long-unusual-passphrase",
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert MESSAGE in page or "Null characters are not allowed." in page
    assert not User.objects.filter(email="eve@example.com").exists()


@pytest.mark.parametrize("name", BAD_NAMES)
def test_the_profile_refuses_a_name_with_control_characters(client, name):
    user = UserFactory(full_name="Eve Martin")
    client.force_login(user)

    response = client.post(
        reverse("accounts:profile"),
        {"full_name": name, "language": "en"},
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert MESSAGE in page or "Null characters are not allowed." in page
    user.refresh_from_db()
    assert user.full_name == "Eve Martin"


def test_the_profile_still_accepts_accents_apostrophes_and_hyphens(client):
    user = UserFactory()
    client.force_login(user)

    client.post(reverse("accounts:profile"), {"full_name": "Zoé O'Brien-Lefèvre", "language": "fr"})

    user.refresh_from_db()
    assert user.full_name == "Zoé O'Brien-Lefèvre"


def test_the_error_is_in_french_for_a_french_visitor(client):
    client.force_login(UserFactory(language="fr"))

    response = client.post(reverse("accounts:profile"), {"full_name": "A\nB", "language": "fr"})

    assert "Les retours à la ligne" in response.content.decode()


def test_the_admin_refuses_a_name_with_control_characters(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    user = UserFactory(full_name="Eve Martin")
    url = reverse("admin:accounts_user_change", args=[user.pk])
    form = client.get(url).context["adminform"].form
    data = {
        key: value
        for key, value in form.initial.items()
        if value is not None and key not in {"password", "groups", "user_permissions"}
    }
    data.update(
        {
            "full_name": "Eve\r\nBcc: all@example.com",
            "last_login_0": "",
            "last_login_1": "",
            "date_joined_0": "2026-01-01",
            "date_joined_1": "10:00:00",
            "consultant_profile-TOTAL_FORMS": "0",
            "consultant_profile-INITIAL_FORMS": "0",
        }
    )

    response = client.post(url, data, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 200
    assert MESSAGE in response.content.decode()
    user.refresh_from_db()
    assert user.full_name == "Eve Martin"


def test_the_admin_refuses_such_a_name_when_adding_a_user(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    response = client.post(
        reverse("admin:accounts_user_add"),
        {
            "email": "new@example.com",
            "full_name": "New\nUser",
            "password1": "a-long-unusual-passphrase",
            "password2": "a-long-unusual-passphrase",
            "usable_password": "true",
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 200
    assert MESSAGE in response.content.decode()
    assert not User.objects.filter(email="new@example.com").exists()
