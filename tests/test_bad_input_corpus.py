"""Bad input, one case at a time: every upload or request below gets a clear answer.

Each case states the answer its input must get: a specific status (never a 500), a message
the person can read, and no partial state (a refused upload or form creates nothing, a failed
import creates no contact and keeps no file). Files live in tests/data/bad/ (generate.py
there rebuilds them); inputs whose size is the point are built here in memory, with the
limits monkeypatched down rather than big files committed.

A case that finds a bug is marked xfail(strict=True) with the bug in its reason, so that the
suite stays green while the bug stays visible (and the mark must go once it is fixed).
"""

import csv
import datetime
import html
import io
import runpy
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from accounts.models import User
from audits.consulting.services import review_for, review_publish, review_save
from audits.feedback.services import feedback_answer
from audits.models import (
    FeedbackRequest,
    FeedbackResponse,
    Objective,
    PendingFeedbackAnswer,
    ReviewRecommendation,
)
from contacts.absence_texts import import_error_message, row_error_text
from contacts.importers.samples import linkedin_connections_csv
from contacts.models import Contact, ContactImport
from tests.factories import AuditFactory, ConsultantFactory, UserFactory
from tests.helpers.consulting import engage
from tests.helpers.contacts import upload
from tests.helpers.feedback import ANSWER, fresh_link, make_requests

pytestmark = pytest.mark.django_db

DATA = Path(__file__).parent / "data" / "bad"
HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
PREAMBLE = 'Notes:\n"When exporting your connection data, some emails may be missing."\n\n'
FAILED, DONE = ContactImport.Status.FAILED, ContactImport.Status.DONE


@dataclass
class Env:
    """What a case needs: a logged-in professional and, built only when used, the rest."""

    client: Client
    owner: User
    monkeypatch: pytest.MonkeyPatch
    settings: object
    capture: Callable
    media: Path  # MEDIA_ROOT for this test: an uploaded file left behind shows up here

    @cached_property
    def audit(self):
        return AuditFactory(objective__owner=self.owner)

    @cached_property
    def theirs(self) -> Contact:
        """Another professional's contact, whose id a forged form may carry."""
        return Contact.objects.create(
            owner=UserFactory(), full_name="Not Yours", email="not@yours.example"
        )

    @cached_property
    def mine(self) -> Contact:
        return Contact.objects.create(owner=self.owner, full_name="Ana Lopes", company="Acme")

    def peer_link(self) -> tuple[FeedbackRequest, str]:
        (request,) = make_requests(self.audit, "peer@example.com")
        return request, fresh_link(request)


@pytest.fixture
def env(client, monkeypatch, settings, django_capture_on_commit_callbacks, tmp_path) -> Env:
    settings.MEDIA_ROOT = tmp_path
    owner = UserFactory()
    client.force_login(owner)
    return Env(client, owner, monkeypatch, settings, django_capture_on_commit_callbacks, tmp_path)


def expect(response, status: int) -> str:
    """The body, once the status is exactly the expected one (a 500 is never expected)."""
    assert response.status_code == status, f"got {response.status_code}, expected {status}"
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def stored_files(env: Env) -> list[str]:
    return [str(path.relative_to(env.media)) for path in env.media.rglob("*") if path.is_file()]


def shows(body: str, text: str) -> bool:
    """The text appears on the page, as typed or HTML-escaped by the template."""
    return text in body or html.escape(text) in body


# --- Uploads ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Upload:
    """One file through the real upload view; the job runs in-process once committed.

    Exactly one outcome: `refused` (the form's message, no job), `error_code` (the job
    FAILED, its message on the detail page) or `created` (DONE, with `row_errors` listed).
    """

    name: str  # a file of tests/data/bad, or the upload's name when `build` makes the bytes
    build: Callable[[], bytes] | None = None
    format: str = ""  # "" lets the application recognise the format, as the form proposes
    refused: str = ""
    error_code: str = ""
    created: int | None = None
    row_errors: int | None = 0  # None: listing them or skipping them silently are both fine
    limits: dict[str, int] = field(default_factory=dict)  # monkeypatched "module.NAME": value
    check: Callable[[Env, ContactImport], None] | None = None

    def __call__(self, env: Env) -> None:
        for target, value in self.limits.items():
            env.monkeypatch.setattr(target, value)
        data = self.build() if self.build else (DATA / self.name).read_bytes()
        extra = {"format": self.format} if self.format else {}
        with env.capture(execute=True):
            response = env.client.post(
                reverse("contacts:import"), {"file": upload(self.name, data), **extra}
            )
        if self.refused:
            body = expect(response, 200)
            assert shows(body, self.refused)
            assert not ContactImport.objects.exists()
            assert not Contact.objects.exists()
            assert stored_files(env) == []
            return
        expect(response, 302)
        job = ContactImport.objects.get(owner=env.owner)
        assert response.url == reverse("contacts:import_detail", args=[job.pk])
        page = expect(env.client.get(response.url), 200)
        assert not job.file, "the uploaded file must not be kept once read"
        assert stored_files(env) == []
        if self.error_code:
            assert (job.status, job.error_code) == (FAILED, self.error_code)
            assert "Nothing was imported." in page
            assert shows(page, import_error_message(self.error_code))
            assert not Contact.objects.exists()
        else:
            assert (job.status, job.error_code) == (DONE, "")
            assert job.created == self.created
            assert Contact.objects.filter(owner=env.owner).count() == self.created
            assert self.row_errors is None or len(job.errors) == self.row_errors
            assert "Import finished." in page
            if self.row_errors:
                assert "could not be read" in page
                with translation.override("en"):
                    assert shows(page, row_error_text(job.errors[0]))
        if self.check:
            self.check(env, job)


def connections(*rows: str, preamble: bool = True) -> bytes:
    return ((PREAMBLE if preamble else "") + HEADER + "".join(f"{r}\n" for r in rows)).encode()


def zip_of(members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def zip_bomb() -> bytes:
    """10 MB of zeros squeezed into ~10 KB: far beyond the allowed expansion ratio."""
    return zip_of({"Connections.csv": HEADER.encode() + bytes(10 * 1024 * 1024)})


def zip_declaring_65535_members() -> bytes:
    """A real one-member ZIP whose end record claims 65,535 members."""
    data = bytearray(zip_of({"Connections.csv": connections("Ana,Lopes,,,Acme,CEO,")}))
    end = data.rfind(b"PK\x05\x06")
    data[end + 8 : end + 12] = (65_535).to_bytes(2, "little") * 2
    return bytes(data)


def bare_comma_rows() -> bytes:
    """Connections.csv with 10,000 rows of bare commas, then one real person."""
    return connections(*[",,,,,,"] * 10_000, "Ana,Lopes,,,Acme,CEO,15 Mar 2024")


def vcard_with_an_absurd_pref() -> bytes:
    """The first card's PREF passes isdigit() but not int(): that card only is lost."""
    return (
        "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ana Lopes\r\n"
        f"EMAIL;PREF={'9' * 5000}:ana@example.com\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ben Martin\r\nEND:VCARD\r\n"
    ).encode()


def names_and_companies(env: Env) -> list[tuple[str, str]]:
    return sorted(Contact.objects.filter(owner=env.owner).values_list("full_name", "company"))


def accents_survive(env: Env, job: ContactImport) -> None:
    names = [name for name, _company in names_and_companies(env)]
    assert "Hélène Dupré" in names
    assert all("\ufffd" not in name and "Ã" not in name for name in names)


def broken_quoted_printable_costs_no_card(env: Env, job: ContactImport) -> None:
    (helene,) = Contact.objects.filter(owner=env.owner, first_name="Hélène")
    assert helene.full_name.startswith("Hélène Dupré")
    assert (helene.last_name, helene.company) == ("Dupré=ZZ", "Société")
    assert Contact.objects.filter(owner=env.owner, email="ben@example.com").exists()


def mixed_endings_keep_every_row(env: Env, job: ContactImport) -> None:
    assert [n for n, _c in names_and_companies(env)] == ["Ana Lopes", "Ben Martin", "Chloé Roux"]


def no_separator_contacts(env: Env, job: ContactImport) -> None:
    assert not Contact.objects.filter(full_name__contains=":::").exists()


def formulas_stay_text_and_are_neutralised_in_the_export(env: Env, job: ContactImport) -> None:
    stored = dict(Contact.objects.filter(owner=env.owner).values_list("last_name", "first_name"))
    assert stored["Excel"] == "=cmd|' /C calc'!A0"  # kept as typed: it is only text here
    assert not Contact.objects.filter(owner=env.owner, profile_url__icontains="script").exists()
    assert not Contact.objects.filter(owner=env.owner, profile_url__startswith="data:").exists()
    export = expect(env.client.get(reverse("contacts:export")), 200).removeprefix("\ufeff")
    rows = {row["full_name"]: row for row in csv.DictReader(io.StringIO(export))}
    assert "'=cmd|' /C calc'!A0 Excel" in rows
    assert "'+33612345678 Plus" in rows
    assert "'-2+3 Minus" in rows
    assert rows["'@SUM(A1:A9) At"]["company"] == "'@Delta"
    assert rows["'+33612345678 Plus"]["position"] == "'+Boss"
    assert all(
        not value.startswith(("=", "+", "-", "@")) for r in rows.values() for value in r.values()
    )
    page = expect(env.client.get(reverse("contacts:list")), 200)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "javascript:" not in page.lower()


def duplicates_are_one_contact(env: Env, job: ContactImport) -> None:
    assert (job.created, job.skipped) == (1, 2)


def only_the_connections_are_read(env: Env, job: ContactImport) -> None:
    assert names_and_companies(env) == [("Ana Lopes", "Acme")]


def the_name_is_only_a_name(env: Env, job: ContactImport) -> None:
    assert "/" not in job.original_name and ".." not in job.original_name
    assert job.original_name.endswith("é") or job.original_name.endswith(".csv")
    assert len(job.original_name) <= 255


UPLOADS = [
    pytest.param(
        Upload("empty.csv", refused="The submitted file is empty."), id="upload-empty-file"
    ),
    pytest.param(
        Upload("bom_only.csv", format="google_csv", error_code="empty"), id="upload-only-a-bom"
    ),
    pytest.param(
        Upload("png_named.csv", format="linkedin_csv", error_code="binary"),
        id="upload-png-named-csv",
    ),
    pytest.param(
        Upload("pdf_named.vcf", error_code="binary"), id="upload-pdf-named-vcf-recognised"
    ),
    pytest.param(
        Upload("google_utf16.csv", created=2, check=accents_survive), id="upload-utf16-google-csv"
    ),
    pytest.param(
        Upload("connections_cp1252.csv", created=2, check=accents_survive),
        id="upload-windows-1252-accents",
    ),
    pytest.param(
        Upload("mixed_line_endings.csv", created=3, check=mixed_endings_keep_every_row),
        id="upload-mixed-line-endings",
    ),
    pytest.param(Upload("header_only.csv", created=0), id="upload-header-only"),
    pytest.param(
        Upload("linkedin_header_never_comes.csv", error_code="no_header"),
        id="upload-connections-header-never-comes",
    ),
    pytest.param(
        Upload("Connections.csv", build=bare_comma_rows, created=1),
        id="upload-connections-10000-bare-comma-rows",
    ),
    pytest.param(Upload("nul_bytes.csv", error_code="binary"), id="upload-nul-bytes-in-the-middle"),
    pytest.param(
        Upload(
            "Connections.csv",
            build=lambda: b"x" * 100 * 1024,
            format="linkedin_csv",
            error_code="no_header",
        ),
        id="upload-100kb-single-line",
    ),
    pytest.param(
        Upload(
            "Connections.csv",
            build=lambda: connections("Ana,Lopes,,,Acme," + "y" * 200 * 1024 + ",15 Mar 2024"),
            error_code="not_csv",
        ),
        id="upload-cell-beyond-the-csv-field-limit",
    ),
    pytest.param(Upload("vcard_no_end.vcf", error_code="bad_vcard"), id="upload-vcard-without-end"),
    pytest.param(
        Upload("vcard_broken_qp.vcf", created=2, check=broken_quoted_printable_costs_no_card),
        id="upload-vcard-broken-quoted-printable",
    ),
    pytest.param(
        Upload("vcard_garbage.vcf", error_code="bad_vcard"), id="upload-vcard-unreadable-card"
    ),
    pytest.param(
        Upload(
            "google_separators_only.csv", created=0, row_errors=None, check=no_separator_contacts
        ),
        id="upload-google-csv-only-separators",
    ),
    pytest.param(
        Upload(
            "formulas_and_javascript.csv",
            created=5,
            check=formulas_stay_text_and_are_neutralised_in_the_export,
        ),
        id="upload-formula-cells-and-javascript-urls",
    ),
    pytest.param(
        Upload("duplicate_rows.csv", created=1, check=duplicates_are_one_contact),
        id="upload-duplicate-rows",
    ),
    pytest.param(Upload("not_a_zip.zip", error_code="bad_zip"), id="upload-text-named-zip"),
    pytest.param(Upload("truncated.zip", error_code="bad_zip"), id="upload-truncated-zip"),
    pytest.param(
        Upload("Basic_LinkedInDataExport.zip", build=zip_bomb, error_code="zip_bomb"),
        id="upload-zip-bomb",
    ),
    pytest.param(
        Upload("export.zip", build=zip_declaring_65535_members, error_code="zip_bomb"),
        id="upload-zip-declaring-65535-members",
    ),
    pytest.param(
        Upload("zip_path_traversal.zip", created=1, check=only_the_connections_are_read),
        id="upload-zip-path-traversal-member",
    ),
    pytest.param(
        Upload("zip_without_connections.zip", error_code="zip_without_connections"),
        id="upload-zip-without-connections",
    ),
    pytest.param(
        Upload("zip_directory_named_connections.zip", error_code="zip_without_connections"),
        id="upload-zip-directory-named-connections",
    ),
    pytest.param(
        Upload("utf8_bom_then_invalid.csv", error_code="encoding"),
        id="upload-utf8-bom-then-invalid-bytes",
    ),
    pytest.param(
        Upload("utf16_odd_length.csv", format="linkedin_csv", error_code="encoding"),
        id="upload-utf16-odd-length",
    ),
    pytest.param(
        Upload(
            "big.csv",
            build=lambda: connections("Ana,Lopes,,,Acme,CEO,") * 20,
            refused="The file is too large",
            limits={"contacts.forms.MAX_FILE_BYTES": 1024},
        ),
        id="upload-over-the-form-limit",
    ),
    pytest.param(
        Upload(
            "big.csv",
            build=lambda: connections("Ana,Lopes,,,Acme,CEO,") * 20,
            format="linkedin_csv",
            error_code="too_large",
            limits={"contacts.importers.base.MAX_FILE_BYTES": 1024},
        ),
        id="upload-over-the-importer-limit",
    ),
    pytest.param(
        Upload(
            "Connections.csv",
            build=lambda: linkedin_connections_csv(30, seed=1),
            error_code="too_many_rows",
            limits={"contacts.importers.base.MAX_ROWS": 10},
        ),
        id="upload-too-many-rows",
    ),
    pytest.param(
        Upload(
            "Basic_LinkedInDataExport.zip",
            build=lambda: zip_of({"Connections.csv": linkedin_connections_csv(30, seed=1)}),
            error_code="zip_bomb",
            limits={"contacts.importers.base.MAX_UNZIPPED_BYTES": 1024},
        ),
        id="upload-zip-over-the-unzipped-limit",
    ),
    pytest.param(
        Upload(
            "../../../etc/" + "é" * 300 + ".csv",
            build=lambda: connections("Ana,Lopes,,,Acme,CEO,"),
            created=1,
            check=the_name_is_only_a_name,
        ),
        id="upload-traversal-and-300-char-file-name",
    ),
    pytest.param(
        # An absurd PREF is ignored: both cards are kept, nothing is lost.
        Upload("pref.vcf", build=vcard_with_an_absurd_pref, created=2, row_errors=0),
        id="upload-vcard-pref-of-5000-digits",
    ),
    pytest.param(
        Upload("contacts.vcf", build=lambda: b"MZ\x90\x00\x03\x00" * 100, error_code="binary"),
        id="upload-windows-program",
    ),
]


# --- Requests ---------------------------------------------------------------------------------

REQUESTS = []


def request_case(fn=None, *, xfail: str = ""):
    """Register a case_* function (the id is its name without the prefix)."""

    def register(fn):
        marks = [pytest.mark.xfail(strict=True, reason=xfail)] if xfail else []
        case_id = fn.__name__.removeprefix("case_").replace("_", "-")
        REQUESTS.append(pytest.param(fn, id=case_id, marks=marks))
        return fn

    return register(fn) if fn else register


UNREADABLE_GENERIC = {"png_named.csv": "binary", "bom_only.csv": "empty"} | {
    "utf16_odd_length.csv": "encoding"
}


@request_case
def case_upload_recognised_as_generic_csv_but_unreadable(env: Env) -> None:
    """Format left to recognition: these go to the column step, which cannot read them."""
    outcomes = {}
    for name, code in UNREADABLE_GENERIC.items():
        with env.capture(execute=True):
            response = env.client.post(
                reverse("contacts:import"),
                {"file": upload(name, (DATA / name).read_bytes())},
                follow=True,
            )
        assert shows(expect(response, 200), import_error_message(code))
        job = ContactImport.objects.filter(owner=env.owner).latest("id")
        detail = expect(env.client.get(reverse("contacts:import_detail", args=[job.pk])), 200)
        outcomes[name] = (job.status, job.error_code, shows(detail, import_error_message(code)))
    assert outcomes == {name: (FAILED, code, True) for name, code in UNREADABLE_GENERIC.items()}
    assert stored_files(env) == []
    assert not Contact.objects.exists()


@request_case
def case_upload_unterminated_quote(env: Env) -> None:
    with env.capture(execute=True):
        env.client.post(
            reverse("contacts:import"),
            {"file": upload("Connections.csv", (DATA / "unterminated_quote.csv").read_bytes())},
        )
    job = ContactImport.objects.get(owner=env.owner)
    page = expect(env.client.get(reverse("contacts:import_detail", args=[job.pk])), 200)
    assert not Contact.objects.filter(first_name__contains=",,,").exists()
    if job.status == FAILED:  # refusing the whole file is a fine answer...
        assert job.error_code == "not_csv"
        assert not Contact.objects.exists()
        assert shows(page, import_error_message("not_csv"))
    else:  # ...and so is listing the broken row
        assert job.status == DONE
        assert job.errors
        assert shows(page, job.errors[0]["message"])


@request_case
def case_upload_with_a_forged_format(env: Env) -> None:
    body = expect(
        env.client.post(
            reverse("contacts:import"),
            {"file": upload("x.csv", connections("Ana,Lopes,,,,,")), "format": "exe"},
        ),
        200,
    )
    assert "Select a valid choice" in body
    assert not ContactImport.objects.exists()


@request_case
def case_upload_with_a_forged_network(env: Env) -> None:
    body = expect(
        env.client.post(
            reverse("contacts:import"),
            {"file": upload("x.csv", connections("Ana,Lopes,,,,,")), "network": "myspace"},
        ),
        200,
    )
    assert "Select a valid choice" in body
    assert not ContactImport.objects.exists()


@request_case
def case_upload_without_a_file(env: Env) -> None:
    body = expect(env.client.post(reverse("contacts:import"), {"format": "vcard"}), 200)
    assert "This field is required." in body
    assert not ContactImport.objects.exists()


@request_case
def case_column_mapping_with_a_forged_column(env: Env) -> None:
    data = "Prénom;Nom;Courriel\nÉlodie;Garnier;elodie@sg.example\n".encode()
    with env.capture(execute=True):
        env.client.post(
            reverse("contacts:import"),
            {"file": upload("export.csv", data), "format": "generic_csv"},
        )
    job = ContactImport.objects.get(owner=env.owner)
    url = reverse("contacts:import_mapping", args=[job.pk])
    with env.capture(execute=True):
        body = expect(env.client.post(url, {"first_name": "password", "email": "Courriel"}), 200)
    assert "Select a valid choice" in body
    job.refresh_from_db()
    assert job.status == ContactImport.Status.MAPPING
    assert not Contact.objects.exists()


@request_case
def case_url_negative_id(env: Env) -> None:
    expect(env.client.get("/contacts/-1/edit/"), 404)


@request_case
def case_url_non_numeric_id(env: Env) -> None:
    expect(env.client.get("/audits/abc/score/"), 404)
    expect(env.client.get("/contacts/import/1e3/"), 404)


@request_case
def case_url_non_ascii_digits(env: Env) -> None:
    expect(env.client.get("/contacts/١٢/edit/"), 404)


@request_case
def case_url_id_beyond_bigint(env: Env) -> None:
    huge = "9" * 30
    expect(env.client.get(f"/contacts/import/{huge}/"), 404)
    expect(env.client.get(f"/contacts/{huge}/edit/"), 404)
    expect(env.client.get(f"/audits/objectives/{huge}/edit/"), 404)
    expect(env.client.get(f"/audits/{env.audit.pk}/section/{huge}/"), 404)
    expect(env.client.post(f"/audits/{env.audit.pk}/recommendations/{huge}/", {"status": "x"}), 404)
    expect(env.client.get("/contacts/" + "9" * 5000 + "/edit/"), 404)  # beyond int() of a str


@request_case
def case_url_forged_feedback_request_id(env: Env) -> None:
    expect(env.client.post(f"/audits/{env.audit.pk}/feedback/999999/link/"), 404)


@request_case
def case_audit_start_with_a_non_numeric_objective(env: Env) -> None:
    for forged in ("1; DROP TABLE", "²", "9" * 5000, "9" * 30):
        expect(env.client.post(reverse("audits:start"), {"objective": forged}), 404)


@request_case
def case_bulk_edit_with_forged_ids(env: Env) -> None:
    mine, theirs = env.mine, env.theirs
    body = expect(
        env.client.post(
            reverse("contacts:list"),
            {"ids": [mine.pk, theirs.pk, "abc", "-5"], "role_category": "investor"}
            | {"sector": "__keep__", "relationship": "__keep__"},
        ),
        200,
    )
    assert shows(body, "Some of the selected contacts are not yours or no longer exist.")
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.role_category != "investor"
    assert theirs.role_category != "investor"


@request_case
def case_bulk_delete_with_someone_elses_id(env: Env) -> None:
    theirs = env.theirs
    body = expect(
        env.client.post(
            reverse("contacts:list"),
            {"ids": [theirs.pk], "action": "delete"}
            | {"role_category": "__keep__", "sector": "__keep__", "relationship": "__keep__"},
        ),
        200,
    )
    assert shows(body, "Some of the selected contacts are not yours or no longer exist.")
    assert Contact.objects.filter(pk=theirs.pk).exists()


# str.isdigit() accepts what int() refuses: "²" (a digit to Unicode, not a decimal) and any
# number of more than 4,300 digits (Python's limit on int() of a string).
NOT_INTS = ["²", "9" * 5000]


@request_case
def case_bulk_edit_with_ids_that_look_like_digits(env: Env) -> None:
    mine = env.mine
    for forged in NOT_INTS:
        body = expect(
            env.client.post(
                reverse("contacts:list"),
                {"ids": [mine.pk, forged], "role_category": "investor"}
                | {"sector": "__keep__", "relationship": "__keep__"},
            ),
            200,
        )
        assert shows(body, "Some of the selected contacts are not yours or no longer exist.")
    mine.refresh_from_db()
    assert mine.role_category != "investor"


@request_case
def case_contact_edit_with_a_javascript_url_and_a_10kb_name(env: Env) -> None:
    mine = env.mine
    body = expect(
        env.client.post(
            reverse("contacts:edit", args=[mine.pk]),
            {"full_name": "n" * 10_000, "profile_url": "javascript:alert(1)"}
            | {"role_category": "other", "sector": "other", "relationship": ""},
        ),
        200,
    )
    assert "Enter a valid URL." in body
    assert "Ensure this value has at most 200 characters (it has 10000)." in body
    mine.refresh_from_db()
    assert (mine.full_name, mine.profile_url) == ("Ana Lopes", "")


@request_case
def case_contact_search_of_10kb(env: Env) -> None:
    env.mine  # noqa: B018 - one contact to list
    body = expect(env.client.get(reverse("contacts:list"), {"q": "é" * 10_000}), 200)
    assert "Ana Lopes" in body  # an invalid filter is no filter


@request_case
def case_contact_list_page_not_a_number(env: Env) -> None:
    expect(env.client.get(reverse("contacts:list"), {"page": "-1e9"}), 200)


@request_case
def case_map_data_unknown_grouping(env: Env) -> None:
    response = env.client.get(reverse("contacts:map_data"), {"group": "<script>"})
    expect(response, 400)
    assert response.json() == {"error": "Unknown grouping."}


@request_case
def case_feedback_request_for_someone_elses_contact(env: Env) -> None:
    theirs = env.theirs
    body = expect(
        env.client.post(
            reverse("audits:feedback_new", args=[env.audit.pk]),
            {"contacts": [theirs.pk, "x"], "relationship": "client", "language": "en"},
        ),
        200,
    )
    assert shows(body, "Some of the selected contacts are not yours.")
    assert not FeedbackRequest.objects.exists()


@request_case
def case_feedback_request_with_contacts_that_look_like_digits(env: Env) -> None:
    for forged in NOT_INTS:
        body = expect(
            env.client.post(
                reverse("audits:feedback_new", args=[env.audit.pk]),
                {"contacts": [forged], "relationship": "client", "language": "en"},
            ),
            200,
        )
        assert shows(body, "Some of the selected contacts are not yours.")
    assert not FeedbackRequest.objects.exists()


@request_case
def case_review_acknowledgement_with_an_id_that_looks_like_digits(env: Env) -> None:
    engagement = engage(env.owner, ConsultantFactory())
    review = review_save(
        review=review_for(engagement=engagement, audit=env.audit),
        findings="A clear strategy.",
        ratings={},
        recommendations=["Reply to every comment."],
    )
    review_publish(review=review)
    url = reverse("audits:review_read", args=[env.audit.pk])
    for forged in NOT_INTS:
        response = env.client.post(url, {"review": review.pk, "recommendation": forged})
        expect(response, 302)
        assert response.url == url
    assert not ReviewRecommendation.objects.filter(acknowledged_at__isnull=False).exists()


@request_case
def case_feedback_request_message_over_limit(env: Env) -> None:
    body = expect(
        env.client.post(
            reverse("audits:feedback_new", args=[env.audit.pk]),
            {"emails": "a@ex.com", "relationship": "client", "language": "en"}
            | {"message": "m" * 1001},
        ),
        200,
    )
    assert "Ensure this value has at most 1000 characters (it has 1001)." in body
    assert not FeedbackRequest.objects.exists()


def peer_post(env: Env, changes: dict) -> tuple[FeedbackRequest, str]:
    request, url = env.peer_link()
    env.client.logout()
    body = expect(env.client.post(url, {**ANSWER, **changes, "lang": "en"}), 200)
    assert not FeedbackResponse.objects.exists()
    assert not PendingFeedbackAnswer.objects.exists()
    request.refresh_from_db()
    assert request.status == FeedbackRequest.Status.SENT
    return request, body


@request_case
def case_peer_answer_rating_out_of_range(env: Env) -> None:
    _request, body = peer_post(env, {"item_objectives": "9"})
    assert "Select a valid choice. 9 is not one of the available choices." in body


@request_case
def case_peer_answer_appraisal_script(env: Env) -> None:
    _request, body = peer_post(env, {"appraisal": "<script>alert(1)</script>"})
    assert "Select a valid choice." in body
    assert "<script>alert(1)</script>" not in body


@request_case
def case_peer_comment_of_1001_chars(env: Env) -> None:
    _request, body = peer_post(env, {"keep_doing": "k" * 1001})
    assert "Ensure this value has at most 1000 characters (it has 1001)." in body


@request_case
def case_peer_answer_with_an_unknown_item_field(env: Env) -> None:
    _request, url = env.peer_link()
    env.client.logout()
    body = expect(env.client.post(url, {**ANSWER, "item_x": "9", "lang": "en"}), 200)
    assert "Your answer has been recorded anonymously" in body
    payload = PendingFeedbackAnswer.objects.get().payload
    assert payload["perceptions"] == {
        "objectives": 4,
        "alignment": 3,
        "security": None,
        "boundaries": 5,
    }


VALID_OBJECTIVE = {
    "kind": "job_search",
    "title": "Find a product manager position",
    "target_quantity": "5",
    "target_unit": "interviews",
    "deadline": (datetime.date.today() + datetime.timedelta(days=90)).isoformat(),
}


def objective_refused(env: Env, changes: dict, message: str) -> None:
    body = expect(
        env.client.post(reverse("audits:objective_create"), VALID_OBJECTIVE | changes), 200
    )
    assert shows(body, message)
    assert not Objective.objects.exists()


@request_case
def case_objective_title_of_10000_chars(env: Env) -> None:
    objective_refused(
        env, {"title": "t" * 10_000}, "Ensure this value has at most 160 characters (it has 10000)."
    )


@request_case
def case_objective_target_1e9(env: Env) -> None:
    objective_refused(env, {"target_quantity": "1e9"}, "Enter a whole number.")


@request_case
def case_objective_target_beyond_the_maximum(env: Env) -> None:
    objective_refused(env, {"target_quantity": "1000000000"}, "less than or equal to 1000000")


@request_case
def case_objective_deadline_0000_00_00(env: Env) -> None:
    objective_refused(env, {"deadline": "0000-00-00"}, "Enter a valid date.")


@request_case
def case_objective_unknown_kind(env: Env) -> None:
    objective_refused(env, {"kind": "world_domination"}, "Select a valid choice.")


def peer_page(url: str, status: int, text: str) -> None:
    body = expect(Client().get(url, {"lang": "en"}), status)
    assert shows(body, text), body[:500]


UNKNOWN_LINK = "This link does not work"
EN = {"lang": "en"}


@request_case
def case_peer_token_unknown(env: Env) -> None:
    peer_page("/f/" + "A" * 43 + "/", 404, UNKNOWN_LINK)


@request_case
def case_peer_token_garbage(env: Env) -> None:
    peer_page("/f/%00%ff%fe..%2F..%2Fetc%2Fpasswd/", 404, UNKNOWN_LINK)


@request_case
def case_peer_token_of_10kb(env: Env) -> None:
    peer_page("/f/" + "t" * 10_240 + "/", 404, UNKNOWN_LINK)


@request_case
def case_peer_token_unicode(env: Env) -> None:
    peer_page("/f/" + "日本語🙂é\u202e" * 50 + "/", 404, UNKNOWN_LINK)


@request_case
def case_peer_token_used(env: Env) -> None:
    request, url = env.peer_link()
    feedback_answer(request=request, appraisal="positive", perceptions={}, keep_doing="", change="")
    peer_page(url, 410, "An answer was already given through this link")
    expect(Client().post(url, ANSWER), 410)
    assert PendingFeedbackAnswer.objects.count() == 1


@request_case
def case_peer_token_expired(env: Env) -> None:
    request, url = env.peer_link()
    FeedbackRequest.objects.filter(pk=request.pk).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    peer_page(url, 410, "This link has expired")
    expect(Client().post(url, ANSWER), 410)
    assert not FeedbackResponse.objects.exists()


@request_case
def case_peer_decline_with_a_garbage_token(env: Env) -> None:
    body = expect(Client().post("/f/" + "z" * 5000 + "/decline/", {"opt_out": "1"} | EN), 404)
    assert UNKNOWN_LINK in body


@request_case
def case_peer_page_with_an_unsupported_method(env: Env) -> None:
    _request, url = env.peer_link()
    expect(Client().put(url, b"appraisal=positive"), 405)
    expect(Client().get(url + "decline/"), 405)


@request_case
def case_peer_tokens_in_a_flood(env: Env) -> None:
    env.settings.FEEDBACK_RATE_LIMIT = 3
    # One fixed window, so that a minute ending mid-test cannot reset the count.
    env.monkeypatch.setattr("config.ratelimit.time", SimpleNamespace(time=lambda: 1_800_000_000))
    client = Client()
    statuses = [client.get(f"/f/guess-{i}/").status_code for i in range(4)]
    assert statuses == [404, 404, 404, 429]
    body = expect(client.get("/f/guess-5/", HTTP_ACCEPT_LANGUAGE="en"), 429)
    assert "Too many requests" in body


def strict_client(env: Env) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(env.owner)
    return client


@request_case
def case_csrf_missing_on_upload(env: Env) -> None:
    response = strict_client(env).post(
        reverse("contacts:import"), {"file": upload("c.csv", connections("Ana,Lopes,,,,,"))}
    )
    expect(response, 403)
    assert not ContactImport.objects.exists()


@request_case
def case_csrf_missing_on_bulk_delete(env: Env) -> None:
    mine = env.mine
    response = strict_client(env).post(
        reverse("contacts:list"),
        {"ids": [mine.pk], "action": "delete"}
        | {"role_category": "__keep__", "sector": "__keep__", "relationship": "__keep__"},
    )
    expect(response, 403)
    assert Contact.objects.filter(pk=mine.pk).exists()


@request_case
def case_csrf_missing_on_peer_answer(env: Env) -> None:
    _request, url = env.peer_link()
    expect(Client(enforce_csrf_checks=True).post(url, ANSWER), 403)
    assert not FeedbackResponse.objects.exists()


@request_case
def case_csrf_missing_on_objective(env: Env) -> None:
    expect(strict_client(env).post(reverse("audits:objective_create"), VALID_OBJECTIVE), 403)
    assert not Objective.objects.exists()


@request_case
def case_accept_language_of_10kb(env: Env) -> None:
    header = ",".join(f"x{i}-yy;q=0.{i % 10}" for i in range(1000))[:10_240]
    expect(Client().get("/", HTTP_ACCEPT_LANGUAGE=header), 200)
    expect(env.client.get(reverse("dashboard"), HTTP_ACCEPT_LANGUAGE=header), 200)


@request_case
def case_accept_language_garbage(env: Env) -> None:
    expect(Client().get("/", HTTP_ACCEPT_LANGUAGE=";;q=abc,,*;q=-1,fr;q=2,\x00"), 200)


@request_case
def case_htmx_header_on_a_full_page(env: Env) -> None:
    body = expect(env.client.get(reverse("dashboard"), HTTP_HX_REQUEST="true"), 200)
    assert "<html" in body


@request_case
def case_htmx_header_on_a_forged_import(env: Env) -> None:
    expect(env.client.get("/contacts/import/999999/", HTTP_HX_REQUEST="true"), 404)


@request_case
def case_bogus_host_header(env: Env) -> None:
    expect(Client().get("/", HTTP_HOST="evil.example"), 400)
    expect(env.client.get(reverse("dashboard"), HTTP_HOST="evil.example"), 400)


@request_case
def case_malformed_host_header(env: Env) -> None:
    expect(Client().get("/", HTTP_HOST="exa mple..com:99999999"), 400)
    expect(Client().get("/", HTTP_HOST="h" * 10_000), 400)


@request_case
def case_forged_session_cookie(env: Env) -> None:
    client = Client()
    client.cookies["sessionid"] = "forged" * 100
    response = client.get(reverse("dashboard"))
    expect(response, 302)
    assert response.url.startswith(reverse("account_login"))


# --- The corpus -------------------------------------------------------------------------------


def test_the_corpus_is_big_enough_and_its_files_are_small_and_regenerable():
    assert len(UPLOADS) + len(REQUESTS) >= 30
    for path in DATA.iterdir():
        assert path.stat().st_size < 50 * 1024, path.name
    generated = runpy.run_path(str(DATA / "generate.py"))["files"]()
    assert {name: (DATA / name).read_bytes() for name in generated} == generated


@pytest.mark.parametrize("case", [*UPLOADS, *REQUESTS])
def test_bad_input_gets_a_clear_answer_and_leaves_nothing_half_done(case, env):
    case(env)
