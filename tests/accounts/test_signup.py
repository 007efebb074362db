import re

import pytest
from allauth.account.models import EmailAddress
from django.core import signing
from django.urls import reverse

from accounts.models import ConsultantProfile, User
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

SIGNUP = {
    "email": "Alice@Example.com",
    "full_name": "Alice Durand",
    "password1": "a-long-unusual-passphrase",
    "password2": "a-long-unusual-passphrase",
}


def confirmation_link(message) -> str:
    match = re.search(r"https?://[^/\s]+(/accounts/confirm-email/[^\s]+/)", message.body)
    assert match, message.body
    return match.group(1)


def test_signup_creates_an_unverified_user_and_sends_a_verification_link(client, mailoutbox):
    response = client.post(reverse("account_signup"), SIGNUP, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 302
    user = User.objects.get(email="alice@example.com")
    assert user.full_name == "Alice Durand"
    assert user.language == "en"
    assert not user.is_consultant
    assert not EmailAddress.objects.get(user=user).verified
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["alice@example.com"]
    confirmation_link(mailoutbox[0])


def test_an_unverified_user_cannot_log_in(client):
    UserFactory(email="bob@example.com", verified=False)

    response = client.post(
        reverse("account_login"), {"login": "bob@example.com", "password": PASSWORD}
    )

    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session


def test_the_verification_link_verifies_and_then_login_works(client, mailoutbox):
    client.post(reverse("account_signup"), SIGNUP)
    link = confirmation_link(mailoutbox[0])

    assert client.get(link).status_code == 200
    response = client.post(link)

    assert response.status_code == 302
    assert EmailAddress.objects.get(email="alice@example.com").verified
    client.logout()
    response = client.post(
        reverse("account_login"),
        {"login": "ALICE@example.com", "password": SIGNUP["password1"]},
    )
    assert response.status_code == 302
    assert response.url == reverse("dashboard")


def test_signup_as_consultant_creates_the_consultant_profile(client):
    client.post(reverse("account_signup"), {**SIGNUP, "is_consultant": "on"})

    user = User.objects.get(email="alice@example.com")
    assert user.is_consultant
    assert ConsultantProfile.objects.filter(user=user).exists()


def test_signup_with_a_taken_email_says_so(client, mailoutbox):
    UserFactory(email="alice@example.com")

    response = client.post(reverse("account_signup"), SIGNUP, HTTP_ACCEPT_LANGUAGE="en")

    # allauth prevents account enumeration: the form is accepted but nobody gets a second
    # account, and the owner of the address is told by email that someone tried.
    assert response.status_code == 302
    assert User.objects.filter(email__iexact="alice@example.com").count() == 1
    assert len(mailoutbox) == 1
    assert "already" in mailoutbox[0].body.lower()


def test_signup_with_mismatched_passwords_shows_the_error(client):
    response = client.post(
        reverse("account_signup"),
        {**SIGNUP, "password2": "something-else-entirely"},
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 200
    assert "You must type the same password each time." in response.content.decode()
    assert not User.objects.exists()


def test_wrong_password_gives_a_clear_message(client):
    UserFactory(email="carol@example.com")

    response = client.post(
        reverse("account_login"),
        {"login": "carol@example.com", "password": "not-the-password"},
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 200
    assert "The email address and/or password you specified are not correct." in (
        response.content.decode()
    )
    assert "_auth_user_id" not in client.session


def test_repeated_wrong_passwords_are_rate_limited(client):
    UserFactory(email="dave@example.com")
    url = reverse("account_login")
    pages = [
        client.post(
            url, {"login": "dave@example.com", "password": "nope"}, HTTP_ACCEPT_LANGUAGE="en"
        ).content.decode()
        for _ in range(6)
    ]
    right = client.post(
        url, {"login": "dave@example.com", "password": PASSWORD}, HTTP_ACCEPT_LANGUAGE="en"
    )

    assert all("Too many failed login attempts" not in page for page in pages[:5])
    assert "Too many failed login attempts" in pages[5]
    # Even the right password is refused while the limit holds.
    assert "Too many failed login attempts" in right.content.decode()
    assert "_auth_user_id" not in client.session


def test_an_expired_verification_link_gets_a_clear_page(client, mailoutbox, settings):
    client.post(reverse("account_signup"), SIGNUP, HTTP_ACCEPT_LANGUAGE="en")
    link = confirmation_link(mailoutbox[0])
    settings.ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS = 0

    response = client.get(link, HTTP_ACCEPT_LANGUAGE="en")
    client.post(link, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 200
    assert "expired or is invalid" in response.content.decode()
    assert not EmailAddress.objects.get(email="alice@example.com").verified


def test_a_forged_verification_link_gets_a_clear_page(client):
    forged = signing.dumps(123456, salt="not-allauth")
    response = client.get(
        reverse("account_confirm_email", args=[forged]), HTTP_ACCEPT_LANGUAGE="en"
    )

    assert response.status_code == 200
    assert "expired or is invalid" in response.content.decode()
