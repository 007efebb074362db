"""Imports keep every value within its column, for a new contact and a merged one alike.

Run on PostgreSQL (as on CI): SQLite does not enforce a varchar's length, so there the
length assertions below are what fails instead of the import.
"""

import csv
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from accounts.models import User
from contacts import limits
from contacts.importers import base
from contacts.importers.base import ParsedContact
from contacts.models import Contact, ContactImport
from contacts.services.imports import (
    _absorb,
    _fitted,
    _new_contact,
    contact_import_create,
    contact_import_run,
)
from tests.factories import UserFactory
from tests.helpers.contacts import upload

TEXT_FIELDS = ("full_name", "first_name", "last_name", "company", "position", "profile_url")
KEY_FIELDS = ("url_key", "name_key", "email_key")
MAPPING = {
    "first_name": "First",
    "last_name": "Last",
    "email": "Email",
    "company": "Company",
    "profile_url": "URL",
    "notes": "Notes",
}


def csv_bytes(rows: list[dict[str, str]]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=list(MAPPING.values()), lineterminator="\r\n")
    writer.writeheader()
    writer.writerows({MAPPING[field]: value for field, value in row.items()} for row in rows)
    return out.getvalue().encode()


def run_import(owner: User, rows: list[dict[str, str]]) -> ContactImport:
    job = contact_import_create(
        owner=owner, upload=upload("contacts.csv", csv_bytes(rows)), fmt="generic_csv",
        mapping=MAPPING,
    )  # fmt: skip
    contact_import_run(import_id=job.pk)
    job.refresh_from_db()
    return job


def assert_within_columns(contact: Contact) -> None:
    for field in (*TEXT_FIELDS, *KEY_FIELDS, "phone", "notes"):
        assert len(getattr(contact, field)) <= limits.max_length(field), field


# --- The limits -----------------------------------------------------------------------------


def test_the_limits_are_the_model_columns():
    assert limits.max_length("first_name") == Contact._meta.get_field("first_name").max_length
    assert limits.max_length("first_name") == 100
    assert limits.max_length("full_name") == 200
    assert limits.max_length("notes") == 10_000
    assert limits.fit("first_name", "x" * 180) == "x" * 100
    assert limits.fit("first_name", "x" * 99 + " y") == "x" * 99  # no trailing space left
    with pytest.raises(ValueError, match="no max_length"):
        limits.max_length("other_emails")


def test_the_importers_never_cut_shorter_than_the_columns():
    # The importers' caps only guard the parser against absurd cells: the columns decide.
    for field in ("full_name", "first_name", "last_name", "company", "position"):
        assert limits.max_length(field) <= base.MAX_TEXT_CHARS, field
    assert limits.max_length("profile_url") <= base.MAX_URL_CHARS
    assert limits.max_length("notes") == base.MAX_NOTES_CHARS


LONG = st.text(alphabet=st.sampled_from("aé İﬁ-"), max_size=300)


@given(
    first=LONG, last=LONG, full=LONG, company=LONG, position=LONG, notes=LONG,
    url_tail=st.text(alphabet="abcİ-/", max_size=2_000),
    phone=st.text(alphabet="0123456789 +", min_size=1, max_size=64),
)  # fmt: skip
def test_a_merge_fills_a_contact_exactly_as_a_creation_would(
    first, last, full, company, position, notes, url_tail, phone
):
    row = _fitted(
        ParsedContact(
            row=1, network="other", first_name=first, last_name=last, full_name=full or "x",
            emails=("a@example.com",), phones=(phone,),
            profile_url=f"https://www.linkedin.com/in/{url_tail}", company=company,
            position=position, notes=notes * 40,
        )
    )  # fmt: skip
    owner = User()
    created = _new_contact(owner, row)
    merged = Contact(owner=owner, full_name=row.full_name, networks="other")
    _absorb(merged, row)

    assert_within_columns(created)
    assert_within_columns(merged)
    for field in (*TEXT_FIELDS, "url_key", "phone", "notes"):
        assert getattr(merged, field) == getattr(created, field), field
    assert _fitted(row) == row


# --- On the database ------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_duplicate_with_a_180_character_first_name_imports_cut_to_the_column():
    owner = UserFactory()
    long_first = "Marie-" + "x" * 174
    job = run_import(
        owner,
        [
            {"last_name": "Curie", "email": "marie@example.com"},
            # The same person (same email) again: her first name fills the one above.
            {"first_name": long_first, "last_name": "Curie", "email": "marie@example.com"},
        ],
    )

    assert job.status == ContactImport.Status.DONE, job.error_code
    contact = Contact.objects.get(owner=owner)
    assert contact.first_name == long_first[:100]
    assert_within_columns(contact)


@pytest.mark.django_db
def test_a_later_import_merges_a_long_first_name_as_a_new_contact_would_get_it():
    owner, other = UserFactory(), UserFactory()
    long_first = "Marie-" + "x" * 174
    assert run_import(owner, [{"last_name": "Curie", "email": "m@example.com"}]).created == 1
    row = {"first_name": long_first, "last_name": "Curie", "email": "m@example.com"}

    merged_job, created_job = run_import(owner, [row]), run_import(other, [row])

    assert (merged_job.status, merged_job.merged) == (ContactImport.Status.DONE, 1)
    assert (created_job.status, created_job.created) == (ContactImport.Status.DONE, 1)
    merged, created = Contact.objects.get(owner=owner), Contact.objects.get(owner=other)
    assert merged.first_name == created.first_name == long_first[:100]


@pytest.mark.django_db
def test_notes_are_kept_to_the_same_length_on_a_merge_as_on_a_creation():
    owner, other = UserFactory(), UserFactory()
    notes = "\n".join(f"Ligne {number}: " + "n" * 60 for number in range(200))  # ~14,000
    run_import(owner, [{"last_name": "Curie", "email": "m@example.com"}])
    row = {"last_name": "Curie", "email": "m@example.com", "notes": notes}

    run_import(owner, [row])
    run_import(other, [row])

    merged, created = Contact.objects.get(owner=owner), Contact.objects.get(owner=other)
    assert len(merged.notes) > 1_000  # not the 200 characters merges used to keep
    assert merged.notes == created.notes == notes[:10_000].rstrip()


@pytest.mark.django_db
def test_a_long_profile_url_and_a_long_name_and_company_fit_their_keys():
    # url_key (500) and name_key (420) are computed from the values: they must fit as well.
    owner = UserFactory()
    row = {
        "first_name": "Jean" + "n" * 120,
        "last_name": "Dupont" + "t" * 120,
        "company": "ﬁ" * 200,  # folds to "fi": twice as long in the key
        "profile_url": "https://www.linkedin.com/in/" + "a" * 1_500,
    }
    job = run_import(owner, [row])
    again = run_import(owner, [row])

    assert job.status == again.status == ContactImport.Status.DONE, job.error_code
    assert (job.created, again.merged) == (1, 1)  # the same keys match the second time
    assert_within_columns(Contact.objects.get(owner=owner))


@pytest.mark.django_db
def test_thirty_thousand_rows_with_a_line_break_in_the_last_cell_import():
    # The quadratic CSV reader ran past the task's soft time limit (240 s) at ~28,000 such rows.
    owner = UserFactory()
    rows = [
        {"first_name": f"Jean{n}", "last_name": "Dupont", "email": f"j{n}@example.com",
         "notes": f"Rencontré au salon\nrelancer en {n % 12 + 1}"}
        for n in range(30_000)
    ]  # fmt: skip

    job = run_import(owner, rows)

    assert job.status == ContactImport.Status.DONE, job.error_code
    assert job.created == 30_000
    contacts = Contact.objects.filter(owner=owner)
    assert contacts.count() == 30_000
    assert contacts.filter(notes__contains="\n").count() == 30_000
