"""Check before you post (evidence/drafts): findings and tips in both languages, the
recipient picked among one's own contacts only, nothing pasted kept anywhere, a rate limit."""

import json
import logging

import pytest
import redis
from django.apps import apps
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection, models
from django.urls import reverse

from contacts.models import Contact
from evidence.drafts.checks import check_draft
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = "/own-data/check/"
JSON_URL = "/own-data/check/flags.json"


def codes(findings):
    return [f.code for f in findings]


def test_the_urls_are_the_documented_ones():
    assert reverse("evidence:draft_check") == URL
    assert reverse("evidence:draft_check_json") == JSON_URL


def test_a_pitch_in_a_first_message_is_a_pitch_to_a_new_contact():
    text = "Thanks for connecting! Book a call and I'll show you our platform."
    assert codes(check_draft(text, kind="message", new_contact=True)) == ["pitch_new_contact"]
    assert codes(check_draft(text, kind="post")) == ["pitch"]


def test_an_invitation_without_a_personal_note_is_flagged_and_one_with_a_context_is_not():
    assert codes(check_draft("", kind="invitation")) == ["no_personal_note"]
    assert codes(check_draft("Je souhaite vous ajouter à mon réseau.", kind="invitation")) == [
        "no_personal_note"
    ]
    note = "Bonjour Léa, nous nous sommes croisés au salon de Rennes, ravi de garder le contact."
    assert check_draft(note, kind="invitation") == []


def test_a_cold_approach_to_an_executive():
    found = codes(check_draft("", kind="invitation", new_contact=True, executive=True))
    assert found == ["cold_executive", "no_personal_note"]
    # A known executive with a shared context is not a cold approach.
    note = "Hello Anne, we met at the Lyon board dinner; I enjoyed your talk on governance."
    assert check_draft(note, kind="invitation", new_contact=True, executive=True) == []


def test_leaks_and_heated_wording_each_come_with_their_tip_in_both_languages():
    text = "Confidentiel : Northwind a un CA de 4 M€, c'est une honte !"
    findings = check_draft(text, kind="post", client_names=["Northwind"])
    assert codes(findings) == ["client_name", "internal_figures", "confidential", "heated"]
    for finding in findings:
        assert finding.tip["fr"] and finding.tip["en"] and finding.tip["fr"] != finding.tip["en"]
        assert finding.seed
    # French typography: no-break spaces inside « » and before the colon.
    assert "«\u00a0un" in findings[0].tip["fr"]
    assert "l’offre\u00a0:" in check_draft("buy now", kind="post")[0].tip["fr"]


@pytest.fixture
def owner(client):
    user = UserFactory(language="fr")
    client.force_login(user)
    return user


def test_the_page_needs_a_login(client):
    response = client.get(URL)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client.post(JSON_URL, {"text": "x", "kind": "post"}).status_code == 302


def test_the_page_works_without_javascript_in_french(client, owner):
    response = client.post(
        URL,
        {"text": "Découvrez notre offre spéciale !", "kind": "message", "new_contact": "on"},
        HTTP_ACCEPT_LANGUAGE="fr",
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert 'data-code="pitch_new_contact"' in body
    assert "Argumentaire à un nouveau contact" in body
    assert "Ne vendez pas dans le premier message" in body


def test_the_json_endpoint_answers_in_english_for_an_english_user(client):
    user = UserFactory(language="en")
    client.force_login(user)
    response = client.post(JSON_URL, {"text": "What a joke, you idiots.", "kind": "comment"})
    data = response.json()
    assert [f["code"] for f in data["findings"]] == ["heated"]
    assert data["findings"][0]["title"] == "Heated wording"
    assert data["findings"][0]["excerpt"]


def test_the_json_endpoint_is_csrf_protected(owner):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(owner)
    assert strict.post(JSON_URL, {"text": "x", "kind": "post"}).status_code == 403
    strict.get(URL)
    token = strict.cookies[settings.CSRF_COOKIE_NAME].value
    response = strict.post(JSON_URL, {"text": "x", "kind": "post"}, HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 200


def test_a_contact_of_ones_own_sets_the_recipient(client, owner):
    boss = Contact.objects.create(
        owner=owner, full_name="Anne Dirigeante", role_category="executive", networks="linkedin"
    )
    response = client.post(JSON_URL, {"text": "", "kind": "invitation", "contact": boss.pk})
    assert [f["code"] for f in response.json()["findings"]] == [
        "cold_executive",
        "no_personal_note",
    ]


@pytest.mark.parametrize("forged", ["other", "999999999", "abc", "-3", "1e9"])
def test_another_accounts_contact_or_a_forged_id_is_an_error_not_a_500(client, owner, forged):
    other = Contact.objects.create(
        owner=UserFactory(), full_name="Not Yours", role_category="executive", networks="x"
    )
    value = str(other.pk) if forged == "other" else forged
    response = client.post(JSON_URL, {"text": "Hello", "kind": "message", "contact": value})
    assert response.status_code == 400
    assert "contact" in response.json()["errors"]
    page = client.post(URL, {"text": "Hello", "kind": "message", "contact": value})
    assert page.status_code == 200
    assert "Not Yours" not in page.content.decode()


@pytest.mark.parametrize(
    "data",
    [{}, {"kind": "poem"}, {"text": "x" * 6000, "kind": "post"}, {"text": "\x00", "kind": 1}],
)
def test_bad_input_is_a_clear_400(client, owner, data):
    assert client.post(JSON_URL, data).status_code == 400
    assert client.post(URL, data).status_code == 200


def test_the_client_names_come_from_ones_own_client_contacts_only(client, owner):
    Contact.objects.create(owner=owner, full_name="Paul", company="Globex", relationship="client")
    Contact.objects.create(
        owner=UserFactory(), full_name="X", company="Initech", relationship="client"
    )
    Contact.objects.create(owner=owner, full_name="Y", company="Hooli", relationship="friend")
    text = "Great week with Globex, Initech and Hooli."
    response = client.post(JSON_URL, {"text": text, "kind": "post"})
    (finding,) = response.json()["findings"]
    assert finding["code"] == "client_name" and "Globex" in finding["excerpt"]


def _text_columns():
    for model in apps.get_models():
        fields = [
            f.column
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField | models.JSONField)
        ]
        if fields:
            yield model._meta.db_table, fields


def _found_in_database(marker: str) -> list[str]:
    hits = []
    with connection.cursor() as cursor:
        for table, columns in _text_columns():
            where = " OR ".join(f'CAST("{c}" AS TEXT) LIKE %s' for c in columns)
            # Table and column names come from the models, not from input.
            sql = f'SELECT COUNT(*) FROM "{table}" WHERE {where}'  # noqa: S608
            cursor.execute(sql, [f"%{marker}%"] * len(columns))
            if cursor.fetchone()[0]:
                hits.append(table)
    for session in Session.objects.all():
        if marker in json.dumps(session.get_decoded(), default=str):
            hits.append("session")
    return hits


def _found_in_cache(marker: str) -> list[str]:
    options = settings.CACHES["default"]
    hits = []
    if options["BACKEND"].endswith("RedisCache"):
        client = redis.Redis.from_url(options["LOCATION"])
        try:
            for key in client.scan_iter(count=500):
                value = client.get(key) if client.type(key) == b"string" else b""
                if marker.encode() in key or marker.encode() in (value or b""):
                    hits.append(key.decode(errors="replace"))
        finally:
            client.close()
    from django.core.cache import caches

    for alias in settings.CACHES:
        store = getattr(caches[alias], "_cache", None)
        if isinstance(store, dict) and any(marker.encode() in bytes(v) for v in store.values()):
            hits.append(alias)
    return hits


def test_nothing_pasted_is_stored_anywhere(client, owner, caplog):
    marker = "Zorglubtext4471"
    text = f"Confidentiel : {marker} a un CA de 4 M€, découvrez notre offre spéciale !"
    Contact.objects.create(owner=owner, full_name="Ana", networks="linkedin")
    caplog.set_level(logging.DEBUG)
    for url in (URL, JSON_URL):
        for kind in ("post", "message", "invitation"):
            response = client.post(url, {"text": text, "kind": kind, "new_contact": "on"})
            assert response.status_code == 200
            assert marker in response.content.decode()  # shown back to its author, that is all
            assert "no-store" in response["Cache-Control"]  # nor in a browser or proxy cache
    assert _found_in_database(marker) == []
    assert _found_in_cache(marker) == []
    assert marker not in caplog.text
    assert marker not in json.dumps(dict(client.session.items()), default=str)


def test_the_check_is_rate_limited(client, owner, settings):
    settings.DRAFT_CHECK_RATE_LIMIT = 3
    statuses = [client.post(JSON_URL, {"text": "hi", "kind": "post"}).status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 429, 429]
    assert client.get(URL).status_code == 429  # the page and its JSON twin share the budget


def _queries(client, method, url, data=None) -> int:
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as context:
        response = getattr(client, method)(url, data or {})
    assert response.status_code == 200
    return len(context.captured_queries)


def test_the_draft_check_costs_the_same_queries_with_many_contacts(client, owner):
    data = {"text": "Découvrez notre offre spéciale", "kind": "message"}
    few = (_queries(client, "get", URL), _queries(client, "post", JSON_URL, data))
    Contact.objects.bulk_create(
        Contact(owner=owner, full_name=f"C{n}", company=f"Co{n}", relationship="client")
        for n in range(400)
    )
    many = (_queries(client, "get", URL), _queries(client, "post", JSON_URL, data))
    assert few == many


def test_the_excerpts_page_costs_the_same_queries_with_many_excerpts(client, owner):
    from evidence.models import FlaggedExcerpt

    url = "/own-data/excerpts/linkedin/leak/"
    FlaggedExcerpt.objects.create(
        owner=owner, network="linkedin", kind="post", flag="client_name", excerpt="x"
    )
    one = _queries(client, "get", url)
    FlaggedExcerpt.objects.bulk_create(
        FlaggedExcerpt(owner=owner, network="linkedin", kind="post", flag=flag, excerpt="y")
        for flag in ("confidential", "internal_figures", "internal_document") * 80
    )
    body = client.get(url).content.decode()
    assert body.count('<li class="card') == 100  # the newest hundred, not the archive
    assert _queries(client, "get", url) == one
