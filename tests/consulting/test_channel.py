"""The private channel: who reads, posts and downloads (the matrix), what is refused, the
notice that carries no content, unread counts, the exports, erasure, and the query count."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from accounts.services import user_erase
from audits.consulting.access import client_thread, consultant_thread
from audits.consulting.channel import message_post, unread_count
from audits.consulting.models import Message
from audits.consulting.services import engagement_end, engagement_revoke
from tests.factories import AuditFactory, ConsultantFactory, UserFactory
from tests.helpers.consulting import engage

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 20
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 20


@pytest.fixture(autouse=True)
def _private_root(settings, tmp_path):
    settings.CONSULTING_ATTACHMENT_ROOT = tmp_path / "attachments"
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def world():
    audit = AuditFactory(objective__owner__full_name="Lou Client")
    owner = audit.owner
    consultant = ConsultantFactory(full_name="Claire Conseil")
    engagement = engage(owner, consultant)
    message = message_post(
        access=client_thread(owner, engagement.pk),
        author=owner,
        body="A confidential question",
        upload=SimpleUploadedFile("brief.pdf", PDF),
    )
    reply = message_post(
        access=consultant_thread(consultant, engagement.pk),
        author=consultant,
        body="My answer",
        upload=SimpleUploadedFile("notes.txt", b"plain notes\n"),
    )
    return {
        "owner": owner,
        "consultant": consultant,
        "engagement": engagement,
        "message": message,
        "reply": reply,
        "other_consultant": ConsultantFactory(),
        "other_client": UserFactory(),
    }


def _urls(world):
    e, m, r = world["engagement"].pk, world["message"].pk, world["reply"].pk
    return {
        "client_thread": reverse("audits:consultant_messages", args=[e]),
        "client_file": reverse("audits:consultant_message_attachment", args=[e, m]),
        "client_reply_file": reverse("audits:consultant_message_attachment", args=[e, r]),
        "consultant_thread": reverse("consulting:messages", args=[e]),
        "consultant_file": reverse("consulting:message_attachment", args=[e, m]),
        "consultant_own_file": reverse("consulting:message_attachment", args=[e, r]),
    }


def _as(user) -> Client:
    browser = Client()
    if user is not None:
        browser.force_login(user)
    return browser


# role → {url name: expected status for GET}
MATRIX = {
    "client": {
        "client_thread": 200,
        "client_file": 200,
        "client_reply_file": 200,
        "consultant_thread": 403,
        "consultant_file": 403,
        "consultant_own_file": 403,
    },
    "consultant": {
        "client_thread": 404,
        "client_file": 404,
        "client_reply_file": 404,
        "consultant_thread": 200,
        "consultant_file": 200,
        "consultant_own_file": 200,
    },
    "other_consultant": {
        "client_thread": 404,
        "client_file": 404,
        "client_reply_file": 404,
        "consultant_thread": 404,
        "consultant_file": 404,
        "consultant_own_file": 404,
    },
    "other_client": {
        "client_thread": 404,
        "client_file": 404,
        "client_reply_file": 404,
        "consultant_thread": 403,
        "consultant_file": 403,
        "consultant_own_file": 403,
    },
    "anonymous": dict.fromkeys(
        [
            "client_thread",
            "client_file",
            "client_reply_file",
            "consultant_thread",
            "consultant_file",
            "consultant_own_file",
        ],
        302,
    ),
}
ROLE_USER = {
    "client": "owner",
    "consultant": "consultant",
    "other_consultant": "other_consultant",
    "other_client": "other_client",
    "anonymous": None,
}
# After revocation (or the consultant ending it): the client still reads everything; the
# consultant reads the thread and their own file, no longer the client's file.
AFTER_END = {
    "client": MATRIX["client"],
    "consultant": {**MATRIX["consultant"], "consultant_file": 404},
}


def _check(world, expected, role):
    user = world[ROLE_USER[role]] if ROLE_USER[role] else None
    browser = _as(user)
    got = {name: browser.get(url).status_code for name, url in _urls(world).items()}
    assert got == expected[role]


@pytest.mark.parametrize("role", list(MATRIX))
def test_who_reads_the_thread_and_its_files(world, role):
    _check(world, MATRIX, role)


@pytest.mark.parametrize("ending", ["revoked", "ended"])
@pytest.mark.parametrize("role", list(AFTER_END))
def test_after_the_access_ended_the_thread_is_read_only(world, role, ending):
    engagement = world["engagement"]
    if ending == "revoked":
        engagement_revoke(engagement=engagement, client=world["owner"])
    else:
        engagement_end(engagement=engagement, consultant=world["consultant"])
    _check(world, AFTER_END, role)
    browser = _as(world[ROLE_USER[role]])
    url = _urls(world)[f"{role}_thread"]
    page = browser.get(url).content.decode()
    assert 'data-testid="thread-read-only"' in page
    assert 'data-testid="message-form"' not in page
    response = browser.post(url, {"body": "still there?"})
    assert response.status_code == 400
    assert "read-only" in response.content.decode()
    assert Message.objects.filter(body="still there?").count() == 0


@pytest.mark.parametrize(
    ("role", "url_name", "expected"),
    [
        ("client", "client_thread", 302),
        ("consultant", "consultant_thread", 302),
        ("other_consultant", "consultant_thread", 404),
        ("other_client", "client_thread", 404),
        ("client", "consultant_thread", 403),
        ("anonymous", "client_thread", 302),
        ("anonymous", "consultant_thread", 302),
    ],
)
def test_who_posts(world, role, url_name, expected):
    user = world[ROLE_USER[role]] if ROLE_USER[role] else None
    before = Message.objects.count()
    response = _as(user).post(_urls(world)[url_name], {"body": "posted"})
    assert response.status_code == expected
    created = Message.objects.count() - before
    assert created == (1 if expected == 302 and user is not None else 0)
    if role == "anonymous":
        assert "/accounts/login/" in response["Location"]


def test_a_forged_message_id_of_another_engagement_opens_nothing(world):
    other = engage(AuditFactory().owner, world["consultant"])
    foreign = message_post(
        access=client_thread(other.client, other.pk),
        author=other.client,
        body="elsewhere",
        upload=SimpleUploadedFile("x.pdf", PDF),
    )
    e = world["engagement"].pk
    owner = _as(world["owner"])
    assert (
        owner.get(reverse("audits:consultant_message_attachment", args=[e, foreign.pk])).status_code
        == 404
    )
    assert (
        owner.get(reverse("audits:consultant_message_attachment", args=[e, 999999])).status_code
        == 404
    )
    assert owner.get(reverse("audits:consultant_messages", args=[999999])).status_code == 404


def test_an_attachment_is_downloaded_never_rendered(world):
    response = _as(world["owner"]).get(_urls(world)["client_reply_file"])
    assert response["Content-Disposition"].startswith("attachment;")
    assert 'filename="notes.txt"' in response["Content-Disposition"]
    assert response["Content-Type"] == "text/plain"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert b"".join(response.streaming_content) == b"plain notes\n"


def test_attachments_live_outside_media_and_under_a_random_name(world, settings):
    path = world["message"].attachment.path
    assert str(settings.CONSULTING_ATTACHMENT_ROOT) in path
    assert "brief" not in path
    assert world["message"].attachment_name == "brief.pdf"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("page.html", b"<html><script>alert(1)</script></html>"),
        ("fake.pdf", b"<html><script>alert(1)</script></html>"),  # the name lies
        ("image.png", PDF),  # a real PDF under an image's name
        ("report.docx", b"PK\x03\x04" + b"\x00" * 30),
        ("binary.txt", b"\x00\x01\x02\x7fELF"),
        ("picture.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>"),
    ],
)
def test_a_file_of_another_type_is_refused_with_a_clear_message(world, name, content):
    browser = _as(world["owner"])
    response = browser.post(
        _urls(world)["client_thread"],
        {"body": "see attached", "attachment": SimpleUploadedFile(name, content)},
    )
    assert response.status_code == 400
    assert (
        "Only PDF, PNG, JPEG or plain-text files (.txt) can be attached"
        in response.content.decode()
    )
    assert not Message.objects.filter(body="see attached").exists()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("a.png", PNG),
        ("b.JPG", JPEG),
        ("c.jpeg", JPEG),
        ("d.pdf", PDF),
        ("é.txt", "déjà vu\n".encode()),
    ],
)
def test_each_accepted_type_is_taken(world, name, content):
    response = _as(world["owner"]).post(
        _urls(world)["client_thread"], {"attachment": SimpleUploadedFile(name, content)}
    )
    assert response.status_code == 302
    assert Message.objects.filter(attachment_name=name).exists()


def test_a_file_over_the_limit_is_refused_with_the_limit_said(world, settings):
    settings.CONSULTING_ATTACHMENT_MAX_BYTES = 1024 * 1024
    big = SimpleUploadedFile("big.pdf", PDF + b"0" * (1024 * 1024))
    response = _as(world["owner"]).post(
        _urls(world)["client_thread"], {"body": "big", "attachment": big}
    )
    assert response.status_code == 400
    assert "This file is too large: 1 MB at most." in response.content.decode()
    assert not Message.objects.filter(body="big").exists()


def test_message_text_is_escaped_and_capped(world):
    browser = _as(world["owner"])
    url = _urls(world)["client_thread"]
    browser.post(url, {"body": "<img src=x onerror=alert(1)>"})
    page = _as(world["consultant"]).get(_urls(world)["consultant_thread"]).content.decode()
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "<img src=x" not in page
    too_long = browser.post(url, {"body": "x" * 4001})
    assert too_long.status_code == 400
    assert Message.objects.filter(body__startswith="xxxx").count() == 0
    empty = browser.post(url, {"body": "   "})
    assert empty.status_code == 400


def test_posting_is_rate_limited(world, settings):
    settings.CONSULTING_MESSAGES_PER_HOUR = 3  # the world's owner already sent one
    browser = _as(world["owner"])
    url = _urls(world)["client_thread"]
    assert [browser.post(url, {"body": f"m{i}"}).status_code for i in range(3)] == [302, 302, 429]
    assert Message.objects.filter(author=world["owner"]).count() == 3


def test_unread_counts_and_reading_clears_them(world):
    engagement = world["engagement"]
    assert unread_count(engagement, "client") == 1  # the consultant's reply
    assert unread_count(engagement, "consultant") == 1
    page = _as(world["owner"]).get(reverse("audits:consultants")).content.decode()
    assert "1 unread" in page
    _as(world["owner"]).get(_urls(world)["client_thread"])
    assert unread_count(engagement, "client") == 0
    assert unread_count(engagement, "consultant") == 1  # reading one's side clears only it
    client_page = _as(world["consultant"]).get(
        reverse("consulting:client", args=[world["owner"].pk])
    )
    assert "1 unread" in client_page.content.decode()


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_notice_carries_no_content_in_the_recipient_s_language(
    world, language, mailoutbox, django_capture_on_commit_callbacks
):
    consultant = world["consultant"]
    consultant.language = language
    consultant.save()
    _as(consultant).get(_urls(world)["consultant_thread"])  # read: the next one notifies
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        message_post(
            access=client_thread(world["owner"], world["engagement"].pk),
            author=world["owner"],
            body="Secret salary figure 98 765",
            upload=SimpleUploadedFile("payslip-secret.pdf", PDF),
        )
    (notice,) = mailoutbox
    assert notice.to == [consultant.email]
    text = notice.subject + notice.body
    for leak in ("Secret", "98 765", "payslip", "Lou Client"):
        assert leak not in text
    assert "/consultant/engagements/" in notice.body
    if language == "fr":
        assert "Vous avez un nouveau message" in notice.subject
    else:
        assert notice.subject == "You have a new message on ePratiques"


def test_one_notice_until_the_thread_is_read(world, mailoutbox, django_capture_on_commit_callbacks):
    _as(world["consultant"]).get(_urls(world)["consultant_thread"])
    mailoutbox.clear()
    access = client_thread(world["owner"], world["engagement"].pk)
    with django_capture_on_commit_callbacks(execute=True):
        for body in ("one", "two", "three"):
            message_post(access=access, author=world["owner"], body=body)
    assert len(mailoutbox) == 1


def test_both_exports_hold_the_thread(world):
    for user in (world["owner"], world["consultant"]):
        data = json.loads(_as(user).get(reverse("accounts:my_data_export")).content)
        bodies = [m["body"] for m in data["messages"]]
        assert bodies == ["A confidential question", "My answer"]
        assert {m["attachment"] for m in data["messages"]} == {"brief.pdf", "notes.txt"}
    stranger = json.loads(
        _as(world["other_consultant"]).get(reverse("accounts:my_data_export")).content
    )
    assert stranger["messages"] == []


def test_the_consultant_s_erasure_keeps_the_thread_for_the_client(world):
    user_erase(user=world["consultant"])
    page = _as(world["owner"]).get(_urls(world)["client_thread"]).content.decode()
    assert "My answer" in page
    assert "A deleted account" in page
    assert _as(world["owner"]).get(_urls(world)["client_reply_file"]).status_code == 200
    data = json.loads(_as(world["owner"]).get(reverse("accounts:my_data_export")).content)
    assert data["messages"][1]["author"] == "a deleted account"


def test_the_client_s_erasure_removes_the_thread_and_its_files(world):
    paths = [world["message"].attachment.path, world["reply"].attachment.path]
    user_erase(user=world["owner"])
    assert Message.objects.count() == 0
    import os

    assert not any(os.path.exists(p) for p in paths)
    assert _as(world["consultant"]).get(_urls(world)["consultant_thread"]).status_code == 404


def test_the_thread_page_s_queries_do_not_grow_with_messages(world, django_assert_max_num_queries):
    engagement = world["engagement"]
    browser = _as(world["owner"])
    url = _urls(world)["client_thread"]
    browser.get(url)

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        browser.get(url)
    Message.objects.bulk_create(
        Message(engagement=engagement, author=world["consultant" if i % 2 else "owner"],
                author_role="consultant" if i % 2 else "client", body=f"m{i}")
        for i in range(120)
    )  # fmt: skip
    with CaptureQueriesContext(connection) as many:
        response = browser.get(url)
    assert response.content.decode().count('data-testid="message"') == 122
    assert len(many) == len(few)


def test_a_body_far_over_the_limit_is_refused_before_it_is_read(world, settings):
    settings.CONSULTING_ATTACHMENT_MAX_BYTES = 1024 * 1024
    huge = SimpleUploadedFile("huge.pdf", PDF + b"0" * (2 * 1024 * 1024))
    response = _as(world["owner"]).post(
        _urls(world)["client_thread"], {"body": "huge", "attachment": huge}
    )
    assert response.status_code == 400
    assert "This file is too large: 1 MB at most." in response.content.decode()
    assert not Message.objects.filter(body="huge").exists()


def test_posting_still_needs_the_csrf_token(world):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(world["owner"])
    before = Message.objects.count()
    assert browser.post(_urls(world)["client_thread"], {"body": "forged"}).status_code == 403
    consultant = Client(enforce_csrf_checks=True)
    consultant.force_login(world["consultant"])
    assert consultant.post(_urls(world)["consultant_thread"], {"body": "forged"}).status_code == 403
    assert Message.objects.count() == before
    # With the token from the page, it goes through.
    page = browser.get(_urls(world)["client_thread"])
    token = page.cookies["csrftoken"].value
    response = browser.post(
        _urls(world)["client_thread"], {"body": "genuine", "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302
