"""A second cycle: a new audit for the same owner, answers carried over until confirmed."""

import pytest
from django.core.exceptions import ValidationError

from audits.cycles.services import cycle_start
from audits.models import Answer, Audit, Pillar
from audits.selfaudit.services import audit_submit
from tests.factories import AuditFactory, UserFactory
from tests.helpers.cycles import submitted_audit
from tests.helpers.selfaudit import section_post

pytestmark = pytest.mark.django_db


def test_it_starts_a_second_cycle_with_every_answer_prefilled():
    first = submitted_audit(level=4)

    second = cycle_start(owner=first.owner, previous=first)

    assert (second.owner, second.objective, second.previous, second.cycle) == (
        first.owner,
        first.objective,
        first,
        2,
    )
    old = {(a.question.code, a.raw_value(a.question.kind)) for a in first.answers.all()}
    new = {(a.question.code, a.raw_value(a.question.kind)) for a in second.answers.all()}
    assert new == old and len(new) > 10
    assert set(second.answers.values_list("prefilled", flat=True)) == {True}
    assert not first.answers.filter(prefilled=True).exists()


def test_a_double_click_starts_one_cycle():
    first = submitted_audit()
    assert cycle_start(owner=first.owner, previous=first) == cycle_start(
        owner=first.owner, previous=first
    )
    assert Audit.objects.filter(previous=first).count() == 1


def test_it_refuses_an_unsubmitted_audit_and_someone_elses():
    draft = AuditFactory()
    with pytest.raises(ValidationError):
        cycle_start(owner=draft.owner, previous=draft)
    first = submitted_audit()
    with pytest.raises(ValidationError):
        cycle_start(owner=UserFactory(), previous=first)
    assert not Audit.objects.filter(previous__isnull=False).exists()


def test_prefilled_answers_block_the_submit_until_each_section_is_saved(client):
    first = submitted_audit()
    second = cycle_start(owner=first.owner, previous=first)
    with pytest.raises(ValidationError, match="confirm"):
        audit_submit(audit=second)

    client.force_login(first.owner)
    page = client.get(f"/audits/{second.pk}/section/1/").content.decode()
    assert 'data-testid="prefilled-notice"' in page
    first_pillar = Pillar.objects.filter(questionnaire=second.questionnaire).first()
    carried = Answer.objects.filter(
        audit=second, question__dimension__pillar=first_pillar, prefilled=True
    ).count()
    assert carried > 0 and page.count('data-testid="prefilled"') == carried
    review = client.get(f"/audits/{second.pk}/review/").content.decode()
    assert 'data-testid="prefilled-review"' in review

    pillars = list(Pillar.objects.filter(questionnaire=second.questionnaire))
    client.post(f"/audits/{second.pk}/section/1/", section_post(second, 1))
    assert not second.answers.filter(
        question__dimension__pillar=first_pillar, prefilled=True
    ).exists()
    assert second.answers.filter(prefilled=True).exists()  # the other sections still wait
    page = client.get(f"/audits/{second.pk}/section/1/").content.decode()
    assert 'data-testid="prefilled"' not in page

    for number in range(2, len(pillars) + 1):
        client.post(f"/audits/{second.pk}/section/{number}/", section_post(second, number))
    response = client.post(f"/audits/{second.pk}/submit/")
    second.refresh_from_db()
    assert response.status_code == 302 and second.is_submitted


def test_the_dashboard_proposes_the_next_cycle_once_the_deadline_has_passed(client):
    import datetime

    first = submitted_audit()
    client.force_login(first.owner)
    page = client.get("/dashboard/").content.decode()
    assert 'data-testid="cycle-start"' in page and 'data-testid="cycle-due"' not in page

    first.objective.deadline = datetime.date.today() - datetime.timedelta(days=1)
    first.objective.save(update_fields=["deadline"])
    page = client.get("/dashboard/").content.decode()
    assert 'data-testid="cycle-due"' in page

    response = client.post(f"/audits/{first.pk}/next-cycle/")
    second = Audit.objects.get(previous=first)
    assert response.status_code == 302
    page = client.get("/dashboard/").content.decode()
    assert f"/audits/{second.pk}/compare/" in page


def test_someone_elses_audit_ids_are_404(client):
    first = submitted_audit()
    second = cycle_start(owner=first.owner, previous=first)
    outsider = UserFactory()
    client.force_login(outsider)
    assert client.post(f"/audits/{first.pk}/next-cycle/").status_code == 404
    assert client.get(f"/audits/{second.pk}/compare/").status_code == 404
    assert client.get(f"/audits/{second.pk}/cycle/ask-again/").status_code == 404
    assert (
        client.post(f"/audits/{second.pk}/cycle/ask-again/", {"people": ["1"]}).status_code == 404
    )
    assert client.get("/audits/999999/compare/").status_code == 404
    assert not Audit.objects.filter(owner=outsider).exists()
    # The owner's first audit follows nothing: no comparison page, a 404, not a 500.
    client.force_login(first.owner)
    assert client.get(f"/audits/{first.pk}/compare/").status_code == 404


def test_the_same_people_are_proposed_minus_declined_and_opted_out(client):
    from audits.feedback.services import hash_email
    from audits.models import FeedbackOptOut, FeedbackRequest
    from contacts.models import Contact
    from tests.helpers.feedback import make_requests

    first = submitted_audit()
    owner = first.owner
    kept_contact = Contact.objects.create(owner=owner, full_name="Link Person", networks="linkedin")
    gone_contact = Contact.objects.create(
        owner=owner, full_name="Opted Contact", networks="linkedin", feedback_opted_out=True
    )
    make_requests(first, "kept@example.com", "declined@example.com", "optout@example.com")
    FeedbackRequest.objects.create(
        audit=first, contact=kept_contact, name="Link Person", relationship="colleague",
        delivery="link", language="en", status="answered", expires_at=first.started_at,
    )  # fmt: skip
    FeedbackRequest.objects.create(
        audit=first, contact=gone_contact, name="Opted Contact", relationship="client",
        delivery="link", expires_at=first.started_at,
    )  # fmt: skip
    FeedbackRequest.objects.filter(email="declined@example.com").update(status="declined")
    FeedbackOptOut.objects.create(email_hash=hash_email("optout@example.com"))
    second = cycle_start(owner=owner, previous=first)
    client.force_login(owner)

    page = client.get(f"/audits/{second.pk}/cycle/ask-again/").content.decode()
    assert "kept@example.com" in page and "Link Person" in page
    for absent in ("declined@example.com", "optout@example.com", "Opted Contact"):
        assert absent not in page

    other = submitted_audit()
    foreign = make_requests(other, "foreign@example.com")[0]
    response = client.post(f"/audits/{second.pk}/cycle/ask-again/", {"people": [foreign.pk]})
    assert response.status_code == 200  # not a choice: refused by the form
    assert not FeedbackRequest.objects.filter(audit=second).exists()

    kept = FeedbackRequest.objects.get(audit=first, email="kept@example.com")
    link = FeedbackRequest.objects.get(audit=first, name="Link Person")
    client.post(f"/audits/{second.pk}/cycle/ask-again/", {"people": [kept.pk, link.pk]})
    again = {(r.email, r.contact_id, r.relationship, r.language, r.delivery)
             for r in FeedbackRequest.objects.filter(audit=second)}  # fmt: skip
    assert again == {
        ("kept@example.com", None, "client", "fr", "email"),
        ("", kept_contact.pk, "colleague", "en", "link"),
    }
    page = client.get(f"/audits/{second.pk}/cycle/ask-again/").content.decode()
    assert "kept@example.com" not in page  # already asked in this cycle
