"""What the professional (and their consultant) can see: nothing of an answer before its release.

The peers have opened their links (that shows, as "opened or answered"). With 1 and 2
answers, every page, the JSON of compile_scores, the PDF and the data export are exactly
what they were with none, apart from the one sentence that counts the answers
waiting for a release. The third answer releases the batch: only then do figures appear.
"""

import io
import json
import re

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from accounts.models import Activity
from accounts.personal_data import user_data
from audits.feedback.release import feedback_release
from audits.feedback.services import feedback_answer
from audits.models import FeedbackRequest
from audits.scores.services import audit_compile_scores
from tests.factories import AuditFactory, ConsultantFactory
from tests.helpers.consulting import engage
from tests.helpers.feedback import make_requests

pytestmark = pytest.mark.django_db

WAITING = re.compile(r'<p class="mb-1" data-testid="pending-release">.*?</p>', re.S)
VOLATILE = [
    re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"'),
    re.compile(r'<meta name="csrf-token" content="[^"]+"'),
    re.compile(r"(generated on|générée? le) [^·<]*", re.I),
    re.compile(r'"exported_at": "[^"]+"'),
]


def normalised(text: str) -> str:
    text = COMMENTS.sub(_sorted_comments, WAITING.sub("", text))
    for pattern in VOLATILE:
        text = pattern.sub("", text)
    return re.sub(r"\s+", " ", text)


def everything_the_owner_sees(audit, owner: Client, consultant: Client, engagement) -> dict:
    pages = {
        name: owner.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
        for name, url in {
            "score": reverse("audits:score", args=[audit.pk]),
            "feedback": reverse("audits:feedback", args=[audit.pk]),
            "report": reverse("audits:report", args=[audit.pk]),
            "dashboard": reverse("dashboard"),
        }.items()
    }
    # The activity log, without the visits this test makes itself (the consultant's, once an
    # hour, and the PDF downloads): they are about the readers, not about any answer.
    pages["activity"] = repr(
        sorted(
            Activity.objects.filter(subject=audit.owner)
            .exclude(
                action__in=[Activity.Action.CONSULTANT_ACCESS, Activity.Action.REPORT_DOWNLOAD]
            )
            .values_list("action", "detail", "created_at")
        )
    )
    pages["consultant score"] = consultant.get(
        reverse("consulting:client_score", args=[engagement.client_id, audit.pk]),
        HTTP_ACCEPT_LANGUAGE="en",
    ).content.decode()
    out = io.StringIO()
    call_command("compile_scores", str(audit.pk), "--json", stdout=out)
    pages["compile_scores --json"] = out.getvalue()
    export = user_data(audit.owner)
    export.pop("exported_at")
    export.pop("activity")  # compared above, without the readers' own visits
    export["recommendations"].sort(key=lambda r: (r["audit"], r["code"], r["key"]))
    pages["data export"] = json.dumps(export, default=str, sort_keys=True)
    pages = {name: normalised(text) for name, text in pages.items()}
    return pages


COMMENTS = re.compile(r'(<ul class="list-unstyled" data-testid="comments">)(.*?)(</ul>)', re.S)


def _sorted_comments(match: re.Match) -> str:
    # Comments are shuffled on every view: compare them as a set.
    items = sorted(re.findall(r"<li.*?</li>", match.group(2), re.S))
    return match.group(1) + "".join(items) + match.group(3)


def pdf_text(owner: Client, audit) -> str:
    response = owner.get(reverse("audits:report_pdf", args=[audit.pk]), HTTP_ACCEPT_LANGUAGE="en")
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    return normalised(text)


@pytest.fixture
def scene(client):
    audit = AuditFactory(objective__owner__language="en")
    requests = make_requests(audit, "a@ex.com", "b@ex.com", "c@ex.com", "d@ex.com")
    # Every peer opened their link (the page marks it opened before anyone can answer): what
    # must not show is the answer, not the opening.
    FeedbackRequest.objects.filter(audit=audit).update(status="opened")
    audit_compile_scores(audit_id=audit.pk)
    client.force_login(audit.owner)
    consultant = ConsultantFactory()
    engagement = engage(audit.owner, consultant)
    reviewer = Client()
    reviewer.force_login(consultant)
    # Once, so that the consultant's first look is in the activity log before any comparison.
    everything_the_owner_sees(audit, client, reviewer, engagement)
    return audit, requests, client, reviewer, engagement


def answer(request, appraisal, text):
    request.refresh_from_db()
    assert feedback_answer(
        request=request,
        appraisal=appraisal,
        perceptions={"strategy": 1, "network": 1, "engagement": 1, "conduct": 1},
        keep_doing=text,
        change=text,
    )
    # What the worker does after each answer: a release (when due) and a compile.
    feedback_release(audit_id=request.audit_id)
    audit_compile_scores(audit_id=request.audit_id)


def test_one_and_two_answers_change_nothing_the_owner_or_consultant_can_see(scene):
    audit, requests, owner, consultant, engagement = scene
    before = everything_the_owner_sees(audit, owner, consultant, engagement)
    pdf_before = pdf_text(owner, audit)

    answer(requests[0], "negative", "First secret")
    one = everything_the_owner_sees(audit, owner, consultant, engagement)
    answer(requests[1], "negative", "Second secret")
    two = everything_the_owner_sees(audit, owner, consultant, engagement)
    pdf_two = pdf_text(owner, audit)

    for name in before:
        assert one[name] == before[name], f"one answer changed {name}"
        assert two[name] == before[name], f"two answers changed {name}"
    assert pdf_two == pdf_before
    score = owner.get(reverse("audits:score", args=[audit.pk]), HTTP_ACCEPT_LANGUAGE="en")
    assert "2 answers are waiting for a release" in score.content.decode()
    for text in ("secret", ">Answered<", 'data-testid="urgent"'):
        assert text not in two["feedback"] + two["score"]


def test_the_third_answer_releases_the_batch_and_only_then_do_figures_appear(scene):
    audit, requests, owner, consultant, engagement = scene
    answer(requests[0], "negative", "First secret")
    answer(requests[1], "negative", "Second secret")
    two = everything_the_owner_sees(audit, owner, consultant, engagement)

    answer(requests[2], "neutral", "Third secret")
    three = everything_the_owner_sees(audit, owner, consultant, engagement)

    assert three["score"] != two["score"]
    assert "3 answers out of 4 requests sent" in three["score"]
    assert 'data-testid="urgent"' in three["score"]
    for text in ("First secret", "Second secret", "Third secret"):
        assert text in three["feedback"]
    assert three["feedback"].count(">Answered<") == 3
    assert "3 through links emailed by ePratiques, 0 through links" in three["score"]
    assert "3 through links emailed by ePratiques" in three["consultant score"]
    assert json.loads(three["compile_scores --json"])["confidence"]["answers"] == 3


def test_a_fourth_answer_after_a_release_changes_nothing_until_the_next_batch(scene):
    audit, requests, owner, consultant, engagement = scene
    for request, text in zip(requests[:3], ["a", "b", "c"], strict=True):
        answer(request, "positive", f"Kept {text}")
    three = everything_the_owner_sees(audit, owner, consultant, engagement)

    answer(requests[3], "negative", "Fourth secret")
    four = everything_the_owner_sees(audit, owner, consultant, engagement)

    for name in three:
        assert four[name] == three[name], _first_difference(three[name], four[name])


def _first_difference(a: str, b: str) -> str:
    at = next(
        (i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b))
    )
    return f"{a[at - 200 : at + 200]!r}\n!=\n{b[at - 200 : at + 200]!r}"


def test_the_data_export_holds_no_pending_answer(scene):
    audit, requests, *_rest = scene
    answer(requests[0], "negative", "Pending secret")

    exported = user_data(audit.owner)

    assert "Pending secret" not in json.dumps(exported, default=str)
    (audit_data,) = exported["audits"]
    statuses = {r["status"] for r in exported["feedback_requests"] if r["audit"] == audit.pk}
    assert statuses == {"opened"}  # the answered request looks like the others
    assert audit_data["peer_figures"]["responses"] == 0  # figures from released answers only
