import re

import pytest
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_password_reset_link_sets_a_new_password(client, mailoutbox):
    user = UserFactory(email="eve@example.com")

    client.post(reverse("account_reset_password"), {"email": "EVE@example.com"})
    assert len(mailoutbox) == 1
    link = re.search(r"https?://[^/\s]+(/accounts/password/reset/key/\S+)", mailoutbox[0].body)
    assert link, mailoutbox[0].body
    form_page = client.get(link.group(1), follow=True)
    response = client.post(
        form_page.redirect_chain[-1][0] if form_page.redirect_chain else link.group(1),
        {"password1": "brand-new-passphrase-42", "password2": "brand-new-passphrase-42"},
    )

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("brand-new-passphrase-42")


def test_a_reused_password_reset_link_is_refused(client, mailoutbox):
    UserFactory(email="eve@example.com")
    client.post(reverse("account_reset_password"), {"email": "eve@example.com"})
    link = re.search(r"https?://[^/\s]+(/accounts/password/reset/key/\S+)", mailoutbox[0].body)
    page = client.get(link.group(1), follow=True)
    target = page.redirect_chain[-1][0] if page.redirect_chain else link.group(1)
    client.post(
        target, {"password1": "brand-new-passphrase-42", "password2": "brand-new-passphrase-42"}
    )
    client.logout()

    again = client.get(link.group(1), follow=True, HTTP_ACCEPT_LANGUAGE="en")

    assert again.status_code == 200
    assert "Bad Token" in again.content.decode() or "invalid" in again.content.decode()


def test_an_unknown_email_gets_no_hint_that_it_is_unknown(client, mailoutbox):
    response = client.post(
        reverse("account_reset_password"), {"email": "nobody@example.com"}, follow=True
    )

    assert response.status_code == 200
    assert len(mailoutbox) <= 1
    assert all("nobody@example.com" in m.to for m in mailoutbox)
    # The visitor sees exactly what a real account's owner sees: nothing tells them apart.
    UserFactory(email="someone@example.com")
    known = client.post(
        reverse("account_reset_password"), {"email": "someone@example.com"}, follow=True
    )
    assert response.redirect_chain == known.redirect_chain
