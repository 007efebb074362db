import io
import zipfile

import pytest
from django.urls import reverse

from contacts.importers import RowError
from contacts.models import Contact, ContactImport
from tests.factories import UserFactory
from tests.helpers.contacts import upload

pytestmark = pytest.mark.django_db

GOOGLE_CSV = (
    "\ufeffFirst Name,Last Name,Organization Name,Organization Title,E-mail 1 - Value\n"
    "Claire,Fontaine,Banque Alpine,Chargée d'affaires,claire@alpine.example\n"
).encode()


def post_upload(client, name, data, django_capture_on_commit_callbacks, **extra):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(
            reverse("contacts:import"),
            {"file": upload(name, data), **extra},
            HTTP_ACCEPT_LANGUAGE="en",
        )


def test_a_linkedin_zip_is_imported_with_its_messages(
    client, owner, linkedin_zip, django_capture_on_commit_callbacks
):
    response = post_upload(
        client, "Basic_LinkedInDataExport.zip", linkedin_zip, django_capture_on_commit_callbacks
    )

    job = ContactImport.objects.get(owner=owner)
    assert response.url == reverse("contacts:import_detail", args=[job.pk])
    assert job.status == ContactImport.Status.DONE
    assert job.format == "linkedin_zip"
    assert job.created > 0
    assert Contact.objects.filter(owner=owner).count() == job.created
    assert Contact.objects.filter(owner=owner, two_way_conversations__gt=0).exists()
    assert not job.file  # the uploaded file is not kept
    page = client.get(response.url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Import finished." in page
    assert f"{job.created} new contacts" in page


def test_the_progress_fragment_is_served_to_htmx(client, owner):
    job = ContactImport.objects.create(owner=owner, original_name="x.csv", format="linkedin_csv")

    response = client.get(
        reverse("contacts:import_detail", args=[job.pk]),
        HTTP_HX_REQUEST="true",
        HTTP_ACCEPT_LANGUAGE="en",
    )

    body = response.content.decode()
    assert 'hx-trigger="every 1s"' in body
    assert "<html" not in body


def test_the_same_person_from_two_networks_is_one_contact(
    client, owner, django_capture_on_commit_callbacks
):
    linkedin = (
        'Notes:\n"Export"\n\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\n'
        "Claire,Fontaine,https://www.linkedin.com/in/claire-fontaine,,Banque Alpine,"
        "Chargée d'affaires,15 Mar 2024\n"
    ).encode()
    post_upload(client, "Connections.csv", linkedin, django_capture_on_commit_callbacks)
    post_upload(client, "contacts.csv", GOOGLE_CSV, django_capture_on_commit_callbacks)

    contact = Contact.objects.get(owner=owner)
    assert contact.network_list == ["google", "linkedin"]
    assert contact.email == "claire@alpine.example"
    assert contact.profile_url.endswith("/in/claire-fontaine")
    assert ContactImport.objects.filter(owner=owner, merged=1).count() == 1


def test_a_binary_file_fails_with_a_clear_message_and_nothing_changes(
    client, owner, django_capture_on_commit_callbacks
):
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20
    post_upload(client, "photo.csv", png, django_capture_on_commit_callbacks, format="linkedin_csv")

    job = ContactImport.objects.get(owner=owner)
    assert job.status == ContactImport.Status.FAILED
    page = client.get(reverse("contacts:import_detail", args=[job.pk]), HTTP_ACCEPT_LANGUAGE="en")
    assert "Nothing was imported." in page.content.decode()
    assert "not a text or ZIP export" in page.content.decode()
    assert not Contact.objects.exists()


def test_a_zip_without_connections_is_refused(client, owner, django_capture_on_commit_callbacks):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("Profile.csv", "First Name,Last Name\nA,B\n")
    post_upload(client, "export.zip", buffer.getvalue(), django_capture_on_commit_callbacks)

    job = ContactImport.objects.get(owner=owner)
    assert job.status == ContactImport.Status.FAILED
    assert job.error_code == "zip_without_connections"
    page = client.get(reverse("contacts:import_detail", args=[job.pk]), HTTP_ACCEPT_LANGUAGE="en")
    assert "no Connections.csv" in page.content.decode()


def test_an_empty_file_is_refused_by_the_form(client, owner):
    response = client.post(
        reverse("contacts:import"), {"file": upload("empty.csv", b"")}, HTTP_ACCEPT_LANGUAGE="en"
    )

    assert response.status_code == 200
    assert "The submitted file is empty." in response.content.decode() or (
        "The file is empty." in response.content.decode()
    )
    assert not ContactImport.objects.exists()


def test_a_file_over_the_limit_is_refused_by_the_form(client, owner, monkeypatch):
    monkeypatch.setattr("contacts.forms.MAX_FILE_BYTES", 1024)

    response = client.post(
        reverse("contacts:import"),
        {"file": upload("big.csv", b"a,b\n" * 1000)},
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 200
    assert "The file is too large" in response.content.decode()
    assert not ContactImport.objects.exists()


def test_rows_that_cannot_be_read_are_listed_and_downloadable(
    client, owner, django_capture_on_commit_callbacks
):
    data = (
        b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        b"Ana,Lopes,,,Acme,CEO,15 Mar 2024\n"
        b",,,,Nameless Corp,,\n"
    )
    post_upload(client, "Connections.csv", data, django_capture_on_commit_callbacks)

    job = ContactImport.objects.get(owner=owner)
    assert job.status == ContactImport.Status.DONE
    assert job.created == 1
    assert len(job.errors) == 1
    errors = client.get(reverse("contacts:import_errors", args=[job.pk]))
    text = b"".join(errors.streaming_content).decode()
    assert "row,message" in text
    assert '2,"Row 2: no name, email or profile URL"' in text


def test_rows_left_out_are_told_in_the_readers_language(client, owner):
    job = ContactImport.objects.create(
        owner=owner,
        original_name="contacts.vcf",
        format="vcard",
        status=ContactImport.Status.DONE,
        errors=[
            RowError(3, "anonymous").as_dict(),
            RowError(4, "unreadable", "card", "not_closed").as_dict(),
            {"row": 7, "message": "Row 7: kept from an older import"},
        ],
    )
    owner.language = "fr"
    owner.save(update_fields=["language"])
    page = client.get(reverse("contacts:import_detail", args=[job.pk])).content.decode()
    download = client.get(reverse("contacts:import_errors", args=[job.pk]))
    text = b"".join(download.streaming_content).decode()
    for shown in (page, text):
        assert "Ligne 3\u00a0: aucun nom" in shown
        assert "Carte 4\u00a0: illisible (la carte n’a pas de ligne END:VCARD)" in shown
        assert "Row 7: kept from an older import" in shown
    assert "Row 3" not in page


def test_a_generic_csv_asks_for_its_columns_first(
    client, owner, django_capture_on_commit_callbacks
):
    data = "Prénom;Nom;Société;Courriel\nÉlodie;Garnier;Société Générale;elodie@sg.example\n"
    post_upload(
        client,
        "export.csv",
        data.encode("cp1252"),
        django_capture_on_commit_callbacks,
        format="generic_csv",
    )
    job = ContactImport.objects.get(owner=owner)
    assert job.status == ContactImport.Status.MAPPING

    page = client.get(reverse("contacts:import_mapping", args=[job.pk]))
    assert "Société" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("contacts:import_mapping", args=[job.pk]),
            {"first_name": "Prénom", "last_name": "Nom", "company": "Société", "email": "Courriel"},
        )

    contact = Contact.objects.get(owner=owner)
    assert contact.full_name == "Élodie Garnier"
    assert contact.company == "Société Générale"
    assert contact.sector == "finance"


def test_someone_elses_import_is_a_404(client, owner):
    other = ContactImport.objects.create(
        owner=UserFactory(),
        original_name="theirs.csv",
        format="linkedin_csv",
        errors=[{"row": 2, "message": "secret"}],
    )

    assert client.get(reverse("contacts:import_detail", args=[other.pk])).status_code == 404
    assert client.get(reverse("contacts:import_errors", args=[other.pk])).status_code == 404
    assert client.get(reverse("contacts:import_mapping", args=[other.pk])).status_code == 404
