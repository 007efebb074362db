"""The peer page's fast paths: one join for the token, pillars and blank form kept per process."""

import pickle
import uuid

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from audits.feedback.peer_selectors import feedback_request_for_token, peer_pillars
from audits.models import FeedbackRequest
from audits.questionnaires.services import questionnaire_new_version, questionnaire_publish
from tests.helpers.feedback import ANSWER, fresh_token, make_requests

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_process_caches():
    # The caches live in the process: each test starts from empty ones.
    from audits.feedback import peer_selectors

    caches["fragments"].clear()
    peer_selectors._pillars_by_questionnaire.clear()


def test_the_request_behind_a_token_comes_with_its_audit_and_owner_in_one_query(audit):
    audit.owner.full_name = "Claire Martin"
    audit.owner.save()
    (request,) = make_requests(audit, "peer@example.com", relationship="manager")
    token = fresh_token(request)

    with CaptureQueriesContext(connection) as queries:
        found = feedback_request_for_token(token)
        seen = (
            found.pk,
            found.status,
            found.expires_at,
            found.message,
            found.language,
            found.relationship,
            found.email,
            found.audit_id,
            found.audit.questionnaire_id,
            found.audit.owner.display_name,
        )

    assert len(queries) == 1
    stored = FeedbackRequest.objects.get(pk=request.pk)
    assert seen == (
        stored.pk,
        stored.status,
        stored.expires_at,
        "Votre avis compte",
        "fr",
        "manager",
        "peer@example.com",
        audit.pk,
        audit.questionnaire_id,
        "Claire Martin",
    )
    assert found.expires_at.tzinfo is not None
    # Fields left out of the join are read on access, never made up.
    assert found.audit.objective_id == audit.objective_id
    assert found.audit.owner.language == audit.owner.language


def test_an_unknown_token_gives_none(audit):
    make_requests(audit, "peer@example.com")

    assert feedback_request_for_token("no-such-token") is None


def test_published_pillars_are_read_once_and_forgotten_when_pillars_change(audit):
    questionnaire_id = audit.questionnaire_id
    first = peer_pillars(questionnaire_id)

    with CaptureQueriesContext(connection) as again:
        assert peer_pillars(questionnaire_id) == first
    assert len(again) == 0

    questionnaire_new_version(questionnaire=audit.questionnaire)  # saves pillars: caches emptied
    with CaptureQueriesContext(connection) as after:
        peer_pillars(questionnaire_id)
    assert len(after) == 1


def test_a_draft_questionnaire_s_pillars_are_not_kept(audit):
    draft = questionnaire_new_version(questionnaire=audit.questionnaire)

    peer_pillars(draft.pk)
    with CaptureQueriesContext(connection) as again:
        peer_pillars(draft.pk)

    assert len(again) == 1
    questionnaire_publish(questionnaire=draft)
    peer_pillars(draft.pk)
    with CaptureQueriesContext(connection) as published:
        peer_pillars(draft.pk)
    assert len(published) == 0


def test_the_blank_form_is_rendered_once_per_language(client, audit):
    (first, second) = make_requests(audit, "a@example.com", "b@example.com")
    french = client.get(f"/f/{fresh_token(first)}/?lang=fr").content.decode()
    english = client.get(f"/f/{fresh_token(second)}/?lang=en").content.decode()

    assert "Que devrait-il ou elle continuer à faire\u00a0?" in french
    assert "What should they keep doing?" in english
    assert "What should they keep doing?" not in french
    # What is kept holds nothing of one peer's page: no CSRF token, no link, no name.
    fragments = [pickle.loads(value) for value in caches["fragments"]._cache.values()]  # noqa: S301
    assert len(fragments) == 2
    for fragment in fragments:
        assert 'name="appraisal"' in fragment
        assert "csrfmiddlewaretoken" not in fragment
        assert "/f/" not in fragment
        assert audit.owner.display_name not in fragment


def test_a_refused_answer_shows_its_errors_and_keeps_what_was_typed(client, audit):
    (request,) = make_requests(audit, "a@example.com")
    url = f"/f/{fresh_token(request)}/"
    client.get(url)  # the blank form is now cached

    response = client.post(url, {**ANSWER, "appraisal": "", "lang": "en"})

    body = response.content.decode()
    assert "Please choose positive, neutral or negative." in body
    assert "Moins de messages commerciaux." in body
    assert 'value="4" autocomplete="off" checked' in body


def test_the_redis_rate_limit_counter_takes_one_round_trip_and_keeps_its_first_expiry(
    redis_url,
):
    from config.cache import FailOpenRedisCache

    cache = FailOpenRedisCache(redis_url, {"KEY_PREFIX": f"test-hit-{uuid.uuid4().hex}"})
    key = "rl:peer:10.0.0.1:1"

    counts = [cache.hit(key, 60) for _ in range(3)]
    client = cache._cache.get_client(key)
    stored_key = cache.make_and_validate_key(key)
    client.expire(stored_key, 30)  # a later hit must not push the expiry back to 60
    counts.append(cache.hit(key, 60))

    assert counts == [1, 2, 3, 4]
    assert 0 < client.ttl(stored_key) <= 30
    assert cache.get(key) == 4  # the same value Django's cache API reads
    assert cache._cache.get_client(key) is client  # one client per pool, not one per call
    cache.delete(key)


def test_the_counter_lets_requests_through_while_redis_is_down():
    from config.cache import FailOpenRedisCache

    cache = FailOpenRedisCache(
        "redis://127.0.0.1:1/0", {"OPTIONS": {"socket_connect_timeout": 0.2}}
    )

    assert cache.hit("rl:peer:10.0.0.1:1", 60) == 0
