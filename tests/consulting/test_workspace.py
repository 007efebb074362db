"""The consultant's workspace says, client by client, whether the review is published."""

import pytest
from django.urls import reverse

from audits.consulting.services import review_for, review_publish, review_save
from tests.factories import AuditFactory
from tests.helpers.consulting import engage

pytestmark = pytest.mark.django_db


def test_each_client_row_says_to_write_or_published_not_both(client, consultant):
    published, pending = AuditFactory(), AuditFactory()
    review = review_for(engagement=engage(published.owner, consultant), audit=published)
    review_save(review=review, findings="Clear goals.", ratings={}, recommendations=[])
    review_publish(review=review)
    engage(pending.owner, consultant)
    client.force_login(consultant)

    page = client.get(reverse("consulting:workspace"), HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert "To write or published" not in page
    rows = {
        owner.display_name: page.split(owner.display_name, 1)[1].split("</tr>", 1)[0]
        for owner in (published.owner, pending.owner)
    }
    assert "Review published" in rows[published.owner.display_name]
    assert "To write" in rows[pending.owner.display_name]
    assert "Review published" not in rows[pending.owner.display_name]
