"""The consultant annotates the automatic plan; the client reads one merged plan once the
review is published; annotations survive recompiles of the same audit."""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from audits.consulting.annotations import annotation_save
from audits.consulting.merged_plan import merged_plan
from audits.consulting.models import RecommendationAnnotation, Review
from audits.consulting.services import (
    engagement_revoke,
    review_for,
    review_publish,
    review_save,
)
from audits.scores.models import Recommendation
from audits.scores.services import audit_compile_scores
from contacts.models import Contact
from tests.factories import ConsultantFactory
from tests.helpers.reports import engage, scored_audit

pytestmark = pytest.mark.django_db

ADJUSTED = "Ask two former clients for a short written testimonial."
REASON = "Not relevant for a notary: the rule reads too much into three answers."
OWN = "Meet your local bar association once a quarter."


def rec(audit, code) -> Recommendation:
    return Recommendation.objects.get(audit=audit, code=code)


@pytest.fixture
def world():
    """A scored audit (blind_spot, emotional_reactions, no_contacts_imported,
    too_few_responses, hidden_strength), its engaged consultant and a draft review."""
    audit = scored_audit()
    consultant = ConsultantFactory(full_name="Claire Conseil", language="en")
    engagement = engage(audit, consultant)
    review = review_for(engagement=engagement, audit=audit)
    return audit, consultant, engagement, review


def annotate_three(audit, review):
    annotation_save(review=review, recommendation=rec(audit, "blind_spot"), decision="agreed")
    annotation_save(
        review=review,
        recommendation=rec(audit, "emotional_reactions"),
        decision="adjusted",
        wording=ADJUSTED,
    )
    annotation_save(
        review=review,
        recommendation=rec(audit, "too_few_responses"),
        decision="set_aside",
        reason=REASON,
    )


def kinds(plan) -> dict[str, str]:
    return {item.text: item.kind for item in [*plan.items, *plan.set_aside, *plan.gone]}


def test_annotations_survive_a_recompile_and_a_vanished_one_is_no_longer_raised(world):
    audit, _consultant, _engagement, review = world
    annotate_three(audit, review)
    annotation_save(
        review=review, recommendation=rec(audit, "no_contacts_imported"), decision="agreed"
    )
    no_contacts_text = rec(audit, "no_contacts_imported").text["en"]
    ids_before = set(Recommendation.objects.filter(audit=audit).values_list("pk", flat=True))

    # The client imports a contact: the recompile no longer raises "no contacts imported".
    Contact.objects.create(owner=audit.owner, full_name="Ana", networks="linkedin")
    audit_compile_scores(audit_id=audit.pk)
    audit_compile_scores(audit_id=audit.pk)  # and once more, with the same inputs

    assert not rec(audit, "no_contacts_imported").active
    assert ids_before <= set(
        Recommendation.objects.filter(audit=audit).values_list("pk", flat=True)
    )
    assert RecommendationAnnotation.objects.filter(review=review).count() == 4
    with translation.override("en"):
        plan = merged_plan(review)
    by_text = kinds(plan)
    assert by_text[rec(audit, "blind_spot").text["en"]] == "agreed"
    assert by_text[ADJUSTED] == "adjusted"
    assert [i.reason for i in plan.set_aside] == [REASON]
    assert [(i.text, i.attribution) for i in plan.gone] == [(no_contacts_text, "no longer raised")]
    # Not also listed as a live item of the plan.
    assert no_contacts_text not in [i.text for i in plan.items]


def test_an_annotation_whose_recommendation_row_is_gone_is_kept_with_its_text(world):
    audit, _consultant, _engagement, review = world
    annotation_save(
        review=review,
        recommendation=rec(audit, "emotional_reactions"),
        decision="set_aside",
        reason=REASON,
    )
    original = rec(audit, "emotional_reactions").text["en"]
    Recommendation.objects.filter(audit=audit, code="emotional_reactions").delete()

    with translation.override("en"):
        plan = merged_plan(review)

    assert [(i.text, i.reason, i.attribution) for i in plan.gone] == [
        (original, REASON, "no longer raised")
    ]
    assert plan.set_aside == []


def test_an_action_the_client_closed_is_neither_in_the_plan_nor_no_longer_raised(world):
    audit, _consultant, _engagement, review = world
    annotation_save(review=review, recommendation=rec(audit, "blind_spot"), decision="agreed")
    Recommendation.objects.filter(audit=audit, code="blind_spot").update(status="done")

    plan = merged_plan(review)

    assert plan.gone == []
    assert "agreed" not in {i.kind for i in plan.items}


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "en",
            {
                "epratiques": "ePratiques",
                "agreed": "ePratiques, agreed by Claire Conseil",
                "adjusted": "adjusted by Claire Conseil",
                "own": "Claire Conseil's recommendation",
                "set_aside": "set aside by Claire Conseil",
            },
        ),
        (
            "fr",
            {
                "epratiques": "ePratiques",
                "agreed": "ePratiques, approuvée par Claire Conseil",
                "adjusted": "ajustée par Claire Conseil",
                "own": "Recommandation de Claire Conseil",
                "set_aside": "écartée par Claire Conseil",
            },
        ),
    ],
)
def test_the_merged_plan_says_who_stands_behind_each_item(client, world, language, expected):
    audit, _consultant, _engagement, review = world
    annotate_three(audit, review)
    review_save(review=review, findings="Solid.", ratings={}, recommendations=[OWN])
    review_publish(review=review)
    audit.owner.language = language
    audit.owner.save(update_fields=["language"])
    client.force_login(audit.owner)

    with translation.override(language):
        plan = merged_plan(review)
    page = client.get(
        reverse("audits:review_read", args=[audit.pk]), HTTP_ACCEPT_LANGUAGE=language
    ).content.decode()

    found = {item.kind: item.attribution for item in [*plan.items, *plan.set_aside]}
    assert found == expected
    for words in expected.values():
        assert f">{escape(words)}<" in page or f"{escape(words)}:" in page, words
    own_item = next(i for i in plan.items if i.kind == "own")
    assert own_item.text == OWN
    # The plan keeps the automatic order, the consultant's own items after it.
    assert [i.kind for i in plan.items][-1] == "own"
    assert REASON in page
    assert ADJUSTED in page


def test_drafts_stay_private_until_the_review_is_published(client, world):
    audit, _consultant, _engagement, review = world
    annotate_three(audit, review)
    review_save(review=review, findings="Draft findings.", ratings={}, recommendations=[OWN])
    client.force_login(audit.owner)
    pages = [
        reverse("audits:review_read", args=[audit.pk]),
        reverse("audits:report", args=[audit.pk]),
        reverse("accounts:my_data_export"),
    ]

    for url in pages:
        page = client.get(url).content.decode()
        assert ADJUSTED not in page, url
        assert REASON not in page, url
        assert OWN not in page, url

    review_publish(review=review)
    review_page = client.get(pages[0]).content.decode()
    report = client.get(pages[1]).content.decode()
    export = client.get(pages[2]).json()
    for page in (review_page, report):
        assert ADJUSTED in page
        assert REASON in page
        assert OWN in page
    assert {a["decision"] for a in export["review_annotations"]} == {
        "agreed",
        "adjusted",
        "set_aside",
    }


def test_the_consultant_s_export_holds_their_draft_annotations(client, world):
    audit, consultant, _engagement, review = world
    annotate_three(audit, review)
    client.force_login(consultant)

    data = client.get(reverse("accounts:my_data_export")).json()

    assert [a["wording"] for a in data["review_annotations"] if a["wording"]] == [ADJUSTED]
    assert {a["as"] for a in data["review_annotations"]} == {"consultant"}


# --- the page and its form ------------------------------------------------------------------


def plan_url(audit, owner_id=None, audit_id=None):
    return reverse(
        "consulting:plan_annotate", args=[owner_id or audit.owner_id, audit_id or audit.pk]
    )


def post(client, audit, recommendation_id, decision, *, wording="", reason="", url=None):
    prefix = f"r{recommendation_id}"
    return client.post(
        url or plan_url(audit),
        {
            "recommendation": recommendation_id,
            f"{prefix}-decision": decision,
            f"{prefix}-wording": wording,
            f"{prefix}-reason": reason,
        },
    )


def test_the_consultant_annotates_through_the_page_and_clears_an_annotation(client, world):
    audit, consultant, _engagement, review = world
    client.force_login(consultant)
    target = rec(audit, "emotional_reactions")

    page = client.get(plan_url(audit))
    assert page.status_code == 200
    assert page.content.decode().count('data-testid="annotate"') == 5

    response = post(client, audit, target.pk, "adjusted", wording=ADJUSTED)
    assert response.status_code == 302
    note = RecommendationAnnotation.objects.get(review=review)
    assert (note.code, note.decision, note.wording) == ("emotional_reactions", "adjusted", ADJUSTED)

    assert post(client, audit, target.pk, "").status_code == 302
    assert not RecommendationAnnotation.objects.exists()


@pytest.mark.parametrize(
    ("decision", "field", "message"),
    [
        ("adjusted", "wording", "Write your wording of this recommendation."),
        ("set_aside", "reason", "Say why you set this recommendation aside."),
        ("approved", "", "Select a valid choice."),
    ],
)
def test_an_incomplete_annotation_is_refused_with_its_reason(
    client, world, decision, field, message
):
    audit, consultant, _engagement, _review = world
    client.force_login(consultant)

    response = post(client, audit, rec(audit, "blind_spot").pk, decision)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not RecommendationAnnotation.objects.exists()


def test_user_text_is_escaped_on_every_page(client, world):
    audit, consultant, _engagement, review = world
    client.force_login(consultant)
    post(client, audit, rec(audit, "blind_spot").pk, "adjusted", wording="<script>x()</script>")
    review_save(review=review, findings="Fine.", ratings={}, recommendations=[])
    review_publish(review=review)

    consultant_page = client.get(plan_url(audit)).content.decode()
    client.force_login(audit.owner)
    client_page = client.get(reverse("audits:review_read", args=[audit.pk])).content.decode()

    for page in (consultant_page, client_page):
        assert "<script>x()" not in page
        assert "&lt;script&gt;x()" in page


def test_a_published_review_s_annotations_are_final(client, world):
    audit, consultant, _engagement, review = world
    annotate_three(audit, review)
    review_save(review=review, findings="Done.", ratings={}, recommendations=[])
    review_publish(review=review)
    client.force_login(consultant)

    response = post(client, audit, rec(audit, "blind_spot").pk, "set_aside", reason="changed")

    assert response.status_code == 302
    assert RecommendationAnnotation.objects.get(code="blind_spot").decision == "agreed"
    page = client.get(plan_url(audit)).content.decode()
    assert "Save this annotation" not in page


def test_another_consultant_another_client_and_forged_ids_reach_nothing(client, world):
    audit, consultant, _engagement, _review = world
    other_audit = scored_audit()
    other_consultant = ConsultantFactory()
    engage(other_audit, other_consultant)
    foreign = rec(other_audit, "blind_spot")
    own_rec = rec(audit, "blind_spot")

    # Another consultant, engaged elsewhere: this client's plan is a 404, read or write.
    client.force_login(other_consultant)
    assert client.get(plan_url(audit)).status_code == 404
    assert post(client, audit, own_rec.pk, "agreed").status_code == 404
    # The engaged consultant: another client's audit under this client, or under its owner.
    client.force_login(consultant)
    assert client.get(plan_url(audit, audit_id=other_audit.pk)).status_code == 404
    assert client.get(plan_url(other_audit)).status_code == 404
    # A recommendation id of another client's audit, or no id at all, or garbage.
    for forged in (foreign.pk, 999999, "abc", "", "1e9", "²"):
        response = post(client, audit, forged, "agreed")
        assert response.status_code == 404, forged
    # The client themself is no consultant.
    client.force_login(audit.owner)
    assert client.get(plan_url(audit)).status_code == 403
    assert not RecommendationAnnotation.objects.exists()


def test_a_revoked_consultant_can_neither_annotate_nor_read(client, world):
    audit, consultant, engagement, review = world
    annotate_three(audit, review)
    review_save(review=review, findings="Done.", ratings={}, recommendations=[])
    engagement_revoke(engagement=engagement, client=audit.owner)
    client.force_login(consultant)

    read = client.get(plan_url(audit))
    write = post(client, audit, rec(audit, "hidden_strength").pk, "agreed")

    for response in (read, write):
        assert response.status_code == 403
        assert "Your access to this client has ended" in response.content.decode()
        assert ADJUSTED not in response.content.decode()
    assert RecommendationAnnotation.objects.count() == 3


def test_the_plan_page_reads_a_fixed_number_of_queries(
    client, world, django_assert_max_num_queries
):
    audit, consultant, _engagement, review = world
    annotate_three(audit, review)
    client.force_login(consultant)
    client.get(plan_url(audit))  # warm the caches (sessions, questionnaire)

    with django_assert_max_num_queries(25):
        assert client.get(plan_url(audit)).status_code == 200


def test_a_consultant_s_erasure_drops_draft_annotations_and_keeps_published_ones(world):
    from accounts.services import user_erase

    audit, consultant, _engagement, review = world
    annotate_three(audit, review)
    review_save(review=review, findings="Published.", ratings={}, recommendations=[])
    review_publish(review=review)
    other = scored_audit()
    draft = review_for(engagement=engage(other, consultant), audit=other)
    annotation_save(review=draft, recommendation=rec(other, "blind_spot"), decision="agreed")

    user_erase(user=consultant)

    assert not RecommendationAnnotation.objects.filter(review__audit=other).exists()
    assert RecommendationAnnotation.objects.filter(review=review).count() == 3
    with translation.override("en"):
        plan = merged_plan(Review.objects.get(pk=review.pk))  # the erased consultant's, afresh
    assert {i.attribution for i in plan.items if i.kind == "agreed"} == {
        "ePratiques, agreed by a former consultant"
    }
