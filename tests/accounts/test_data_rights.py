import codecs
import csv
import datetime
import io
import json
import zipfile

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import Activity, User
from audits.consulting.services import review_for, review_publish, review_save
from audits.feedback.release import feedback_release
from audits.feedback.services import (
    feedback_answer,
    feedback_decline,
    feedback_purge,
)
from audits.models import (
    Answer,
    Audit,
    Engagement,
    FeedbackLink,
    FeedbackOptOut,
    FeedbackRequest,
    FeedbackResponse,
    Objective,
    Question,
)
from contacts.models import Contact
from tests.factories import PASSWORD, AuditFactory, ConsultantFactory
from tests.helpers.consulting import engage
from tests.helpers.feedback import fresh_token, make_requests

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner_with_everything():
    audit = AuditFactory()
    owner = audit.owner
    Contact.objects.create(
        owner=owner, full_name="Ana Lopes", email="ana@ex.com", networks="linkedin"
    )
    requests = make_requests(audit, "a@ex.com", "b@ex.com", "c@ex.com")
    FeedbackRequest.objects.filter(audit=audit).update(status="sent")
    for request in requests:
        request.refresh_from_db()
        feedback_answer(
            request=request,
            appraisal="positive",
            perceptions={},
            keep_doing="Secret words",
            change="",
        )
    feedback_release(audit_id=audit.pk)
    engage(owner, ConsultantFactory())
    return owner, audit


def test_a_user_downloads_all_their_data_without_individual_peer_answers(
    client, owner_with_everything
):
    owner, audit = owner_with_everything
    client.force_login(owner)

    response = client.get(reverse("accounts:my_data_export"))

    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert data["account"]["email"] == owner.email
    assert data["contacts"][0]["full_name"] == "Ana Lopes"
    assert data["audits"][0]["id"] == audit.pk
    requests = [r for r in data["feedback_requests"] if r["audit"] == audit.pk]
    assert len(requests) == 3
    assert data["engagements"][0]["status"] == "active"
    assert "Secret words" not in response.content.decode()  # answers only as totals
    logged = [(e["action"], e["detail"], e["actor__email"]) for e in data["activity"]]
    assert ("data_export", "JSON", owner.email) in logged  # this very download included


def test_erasing_the_account_needs_the_email_and_password(client, owner_with_everything):
    owner, _audit = owner_with_everything
    client.force_login(owner)

    wrong = client.post(
        reverse("accounts:my_data"),
        {"email": owner.email, "password": "nope"},
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert "The password is not correct." in wrong.content.decode()
    assert User.objects.filter(pk=owner.pk).exists()


def test_erasing_the_account_removes_everything_it_owns_but_peers_opt_outs(
    client, owner_with_everything
):
    owner, audit = owner_with_everything
    (extra,) = make_requests(audit, "optout@ex.com")
    feedback_decline(request=extra, opt_out=True, token=fresh_token(extra))
    client.force_login(owner)

    response = client.post(
        reverse("accounts:my_data"), {"email": owner.email.upper(), "password": PASSWORD}
    )

    assert response.status_code == 302
    assert not User.objects.filter(pk=owner.pk).exists()
    for model in (Audit, Objective, Contact, FeedbackRequest, FeedbackResponse, Engagement):
        assert not model.objects.exists(), model.__name__
    assert FeedbackOptOut.objects.count() == 1
    assert client.get(reverse("dashboard")).status_code == 302


def test_contacts_can_be_deleted(client):
    audit = AuditFactory()
    mine = [
        Contact.objects.create(owner=audit.owner, full_name=f"P{i}", networks="google")
        for i in range(3)
    ]
    theirs = Contact.objects.create(owner=AuditFactory().owner, full_name="T", networks="x")
    client.force_login(audit.owner)

    client.post(
        reverse("contacts:list"),
        {
            "ids": [mine[0].pk, mine[1].pk],
            "action": "delete",
            "role_category": "__keep__",
            "sector": "__keep__",
            "relationship": "__keep__",
        },
    )
    client.post(
        reverse("contacts:list"),
        {
            "ids": [theirs.pk],
            "action": "delete",
            "role_category": "__keep__",
            "sector": "__keep__",
            "relationship": "__keep__",
        },
    )

    assert list(Contact.objects.filter(owner=audit.owner)) == [mine[2]]
    assert Contact.objects.filter(pk=theirs.pk).exists()


def test_the_retention_job_purges_dead_links_and_forgets_old_recipients(settings):
    settings.FEEDBACK_RELEASE_K = 1  # the release itself is tested in tests/feedback
    audit = AuditFactory()
    answered, waiting, old = make_requests(audit, "a@ex.com", "b@ex.com", "c@ex.com")
    for request in (answered, waiting, old):
        fresh_token(request)
    answered.refresh_from_db()
    feedback_answer(request=answered, appraisal="neutral", perceptions={}, keep_doing="", change="")
    feedback_release(audit_id=audit.pk)
    FeedbackRequest.objects.filter(pk=old.pk).update(
        expires_at=timezone.now() - datetime.timedelta(days=400), status="expired"
    )

    links, forgotten = feedback_purge()

    assert links == 2
    assert list(FeedbackLink.objects.values_list("request_id", flat=True)) == [waiting.pk]
    assert forgotten == 1
    old.refresh_from_db()
    assert (old.email, old.name, old.status) == ("", "", "expired")


def _zip_tables(response) -> dict[str, list[dict]]:
    """Each CSV of the downloaded ZIP as a list of row dicts, README as text under "README"."""
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))) as archive:
        files = {"README": archive.read("README.txt").decode("utf-8-sig")}
        for name in archive.namelist():
            if name.endswith(".csv"):
                raw = archive.read(name)
                assert raw.startswith(codecs.BOM_UTF8), name
                files[name] = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    return files


@pytest.fixture
def owner_with_answers_and_review(owner_with_everything):
    owner, audit = owner_with_everything
    questions = Question.objects.filter(
        dimension__pillar__questionnaire=audit.questionnaire, kind=Question.Kind.AGREEMENT
    )[:3]
    for value, question in enumerate(questions, start=2):
        Answer.objects.create(audit=audit, question=question, scale_value=value)
    engagement = Engagement.objects.get(client=owner, status="active")
    pillar = audit.questionnaire.pillars.first()
    review = review_save(
        review=review_for(engagement=engagement, audit=audit),
        findings="Solid",
        ratings={pillar.code: (4, "Fine")},
        recommendations=["Post weekly"],
    )
    review_publish(review=review)
    return owner, audit


def test_a_user_downloads_all_their_data_as_csv_files_in_a_zip(
    client, owner_with_answers_and_review
):
    owner, audit = owner_with_answers_and_review
    client.force_login(owner)

    response = client.get(reverse("accounts:my_data_export_csv"))

    assert response["Content-Disposition"] == 'attachment; filename="epratiques-my-data.zip"'
    files = _zip_tables(response)
    assert {
        "account.csv",
        "objectives.csv",
        "audits.csv",
        "audits_answers.csv",
        "feedback_requests.csv",
        "reviews.csv",
        "reviews_pillars.csv",
        "reviews_recommendations.csv",
        "contacts.csv",
        "engagements.csv",
        "export.csv",
    } <= set(files)
    assert files["account.csv"] == [
        {
            "email": owner.email,
            "full_name": owner.full_name,
            "language": "en",
            "is_consultant": "false",
            "date_joined": owner.date_joined.isoformat(),
            "past_employers": "",
        }
    ]
    assert sorted(
        (r["audits.id"], r["question"], r["value"]) for r in files["audits_answers.csv"]
    ) == (
        sorted(
            (str(audit.pk), a.question.code, str(a.scale_value))
            for a in Answer.objects.filter(audit=audit).select_related("question")
        )
    )
    assert len(files["audits_answers.csv"]) == 3
    contacts = Contact.objects.filter(owner=owner).order_by("full_name")
    assert [(c["full_name"], c["email"], c["networks"]) for c in files["contacts.csv"]] == [
        (c.full_name, c.email, c.networks) for c in contacts.filter(full_name="Ana Lopes")
    ]
    assert len(files["feedback_requests.csv"]) == 3
    assert files["reviews_pillars.csv"][0]["reviews.row"] == files["reviews.csv"][0]["row"]
    assert files["reviews_recommendations.csv"][0]["text"] == "Post weekly"
    assert "Secret words" not in str(files)  # peer answers only as totals


def test_a_cell_that_a_spreadsheet_would_run_as_a_formula_is_neutralised(client):
    owner = AuditFactory().owner
    Contact.objects.create(owner=owner, full_name='=HYPERLINK("http://x.example")', networks="x")
    Objective.objects.filter(owner=owner).update(title="+1 then -2 @sum")
    client.force_login(owner)

    files = _zip_tables(client.get(reverse("accounts:my_data_export_csv")))

    assert files["contacts.csv"][0]["full_name"] == '\'=HYPERLINK("http://x.example")'
    assert files["objectives.csv"][0]["title"] == "'+1 then -2 @sum"


def test_the_csv_download_holds_nothing_of_another_user(client, owner_with_answers_and_review):
    owner, _audit = owner_with_answers_and_review
    other = AuditFactory().owner
    Contact.objects.create(owner=other, full_name="Other Person", networks="x")
    client.force_login(other)

    files = _zip_tables(client.get(reverse("accounts:my_data_export_csv")))

    text = str(files)
    assert files["account.csv"][0]["email"] == other.email
    for foreign in (owner.email, "Ana Lopes", "a@ex.com", "Solid", "Post weekly"):
        assert foreign not in text
    assert {
        "audits_answers.csv",
        "feedback_requests.csv",
        "reviews.csv",
        "engagements.csv",
    }.isdisjoint(files)
    assert [c["full_name"] for c in files["contacts.csv"]] == ["Other Person"]


def test_the_csv_download_needs_a_login(client):
    url = reverse("accounts:my_data_export_csv")

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_the_csv_download_readme_is_in_the_users_language(client):
    owner = AuditFactory(objective__owner__language="fr").owner
    client.force_login(owner)

    readme = _zip_tables(client.get(reverse("accounts:my_data_export_csv")))["README"]

    assert "Une section vide n’a pas de fichier" in readme
    assert "objectives.csv: vos objectifs" in readme


def test_the_csv_download_is_logged_in_the_activity(client):
    owner = AuditFactory().owner
    client.force_login(owner)

    client.get(reverse("accounts:my_data_export_csv"))

    entry = Activity.objects.get(subject=owner)
    assert (entry.action, entry.actor, entry.detail) == ("data_export", owner, "CSV")


def _queries_for_csv_download(client, contacts: int) -> int:
    owner = AuditFactory().owner
    Contact.objects.bulk_create(
        Contact(owner=owner, full_name=f"Person {i}", networks="linkedin") for i in range(contacts)
    )
    client.force_login(owner)
    with CaptureQueriesContext(connection) as queries:
        files = _zip_tables(client.get(reverse("accounts:my_data_export_csv")))
    assert len(files["contacts.csv"]) == contacts
    return len(queries)


def test_the_csv_download_queries_do_not_grow_with_the_contacts(client):
    assert _queries_for_csv_download(client, 10) == _queries_for_csv_download(client, 200)


def test_a_consultant_s_download_holds_the_reviews_they_wrote(
    client, owner_with_answers_and_review
):
    owner, _audit = owner_with_answers_and_review
    consultant = Engagement.objects.get(client=owner, status="active").consultant
    client.force_login(consultant)

    data = json.loads(client.get(reverse("accounts:my_data_export")).content)

    assert [(r["audit__owner__email"], r["findings"]) for r in data["reviews_written"]] == [
        (owner.email, "Solid")
    ]
    assert data["audits"] == []  # the client's audit itself is not the consultant's data


@pytest.mark.parametrize(
    ("count", "language", "message"),
    [
        (1, "en", "1 contact deleted."),
        (2, "en", "2 contacts deleted."),
        (1, "fr", "1 contact supprimé."),
        (2, "fr", "2 contacts supprimés."),
    ],
)
def test_the_deletion_message_agrees_with_the_count(client, count, language, message):
    audit = AuditFactory()
    audit.owner.language = language
    audit.owner.save()
    ids = [
        Contact.objects.create(owner=audit.owner, full_name=f"P{i}", networks="google").pk
        for i in range(count)
    ]
    client.force_login(audit.owner)

    response = client.post(
        reverse("contacts:list"),
        {
            "ids": ids,
            "action": "delete",
            "role_category": "__keep__",
            "sector": "__keep__",
            "relationship": "__keep__",
        },
        follow=True,
    )

    assert message in response.content.decode()
