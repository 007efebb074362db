"""A contact's name is asked for feedback in an email's subject: no control character."""

import pytest
from django.urls import reverse

from contacts.models import Contact
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

FORM = {
    "full_name": "Ana Lopez",
    "company": "Acme",
    "position": "Engineer",
    "role_category": "other",
    "sector": "other",
    "relationship": "",
    "email": "",
    "profile_url": "",
    "notes": "Met at a conference.\r\nFollow up in May.",
}


@pytest.mark.parametrize("field", ["full_name", "company", "position"])
@pytest.mark.parametrize("bad", ["Ana\r\nBcc: x@evil.example", "Ana\tLopez", "Ana\u2028Lopez"])
def test_editing_a_contact_refuses_control_characters_in_names(client, field, bad):
    owner = UserFactory()
    contact = Contact.objects.create(owner=owner, full_name="Ana Lopez", networks="linkedin")
    client.force_login(owner)

    response = client.post(reverse("contacts:edit", args=[contact.pk]), {**FORM, field: bad})

    assert response.status_code == 200
    assert "cannot contain line breaks" in response.content.decode()
    contact.refresh_from_db()
    assert contact.full_name == "Ana Lopez" and "\n" not in contact.company + contact.position


def test_notes_keep_their_line_breaks(client):
    owner = UserFactory()
    contact = Contact.objects.create(owner=owner, full_name="Ana Lopez", networks="linkedin")
    client.force_login(owner)

    response = client.post(reverse("contacts:edit", args=[contact.pk]), FORM)

    assert response.status_code == 302
    contact.refresh_from_db()
    assert "Follow up in May." in contact.notes
