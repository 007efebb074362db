"""Every URL of the site, for every role: the expected status, nothing more.

Roles: anonymous, the owner, another professional, the engaged consultant, a consultant who
is not engaged, a consultant whose engagement was revoked, and a peer holding a feedback link.
A URL added to the site without a row here makes test_every_url_is_in_the_matrix fail.
"""

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from audits.consulting.services import engagement_revoke
from contacts.models import Contact, ContactImport
from evidence.models import ActivityImport
from tests.factories import AuditFactory, ConsultantFactory, UserFactory
from tests.helpers.consulting import engage
from tests.helpers.feedback import fresh_token, make_requests

ROLES = ("anonymous", "owner", "other", "engaged", "unengaged", "revoked", "peer")
OWNER_ONLY = {
    "anonymous": 302,
    "owner": 200,
    "other": 404,
    "engaged": 404,
    "unengaged": 404,
    "revoked": 404,
    "peer": 302,
}
OWNER_REDIRECT = {**OWNER_ONLY, "owner": 302}
ANY_USER = {
    "anonymous": 302,
    "owner": 200,
    "other": 200,
    "engaged": 200,
    "unengaged": 200,
    "revoked": 200,
    "peer": 302,
}
CONSULTANT_HOME = {
    "anonymous": 302,
    "owner": 403,
    "other": 403,
    "engaged": 200,
    "unengaged": 200,
    "revoked": 200,
    "peer": 302,
}
ENGAGED_ONLY = {
    "anonymous": 302,
    "owner": 403,
    "other": 403,
    "engaged": 200,
    "unengaged": 404,
    "revoked": 403,  # told that the access has ended (consulting/access_ended.html)
    "peer": 302,
}
PUBLIC = dict.fromkeys(ROLES, 200)

# URL names that are not pages of ours to walk (third-party or POST-only actions, which are
# covered by their own tests with POST).
NOT_WALKED = {
    "accounts:set_language",
    "audits:start",
    "audits:submit",
    "audits:recompute",
    "audits:recommendation_status",
    "audits:feedback_link",
    "audits:feedback_send_again",
    "audits:feedback_close",
    "audits:consultant_revoke",
    "audits:consultant_sharing",
    "consulting:decline",
    "consulting:end",
    "peer_decline",
    "consulting:accept",
    "consulting:invitation",
    "audits:check_in_frequency",
    # Issue 20: POST-only, and the attachments' own matrix (tests/consulting/test_channel.py).
    "audits:consultant_approve",
    "audits:consultant_message_attachment",
    "consulting:message_attachment",
    # Audit cycles and nudges (issue 19): POST-only, covered in tests/cycles, tests/feedback.
    "audits:cycle_start",
    "audits:feedback_nudged",
    "audits:benchmark_leave",
    "evidence:draft_check_json",  # POST only: tests/evidence/test_draft_check.py
    # Own data: POST-only deletions, attacked with POST in tests/evidence/test_pages.py.
    "evidence:import_delete",
    "evidence:excerpt_delete",
    "evidence:excerpts_delete",
    "evidence:network_delete",
}


@pytest.fixture
def world(db):
    audit = AuditFactory()
    owner = audit.owner
    contact = Contact.objects.create(owner=owner, full_name="Ana", networks="linkedin")
    job = ContactImport.objects.create(owner=owner, original_name="x.csv", format="linkedin_csv")
    activity = ActivityImport.objects.create(owner=owner, original_name="export.zip")
    engaged, unengaged, revoked = ConsultantFactory(), ConsultantFactory(), ConsultantFactory()
    engaged_engagement = engage(owner, engaged)
    engagement_revoke(engagement=engage(owner, revoked), client=owner)
    (request,) = make_requests(audit, "peer@example.com")
    token = fresh_token(request)
    users = {
        "owner": owner,
        "other": UserFactory(),
        "engaged": engaged,
        "unengaged": unengaged,
        "revoked": revoked,
    }
    a, o = audit.pk, owner.pk
    c = AuditFactory(objective=audit.objective, previous=audit, cycle=2).pk  # a second cycle
    rows = {
        "home": (
            "/",
            {
                **PUBLIC,
                "owner": 302,
                "other": 302,
                "engaged": 302,
                "unengaged": 302,
                "revoked": 302,
            },
        ),
        "healthz": ("/healthz", PUBLIC),
        "dev_outbox": ("/dev/outbox/", dict.fromkeys(ROLES, 404)),  # DEBUG only
        "dashboard": ("/dashboard/", ANY_USER),
        "accounts:profile": ("/accounts/profile/", ANY_USER),
        "accounts:my_data": ("/accounts/my-data/", ANY_USER),
        "accounts:activity": ("/accounts/activity/", ANY_USER),
        "accounts:my_data_export": ("/accounts/my-data/export.json", ANY_USER),
        "accounts:my_data_export_csv": ("/accounts/my-data/export.zip", ANY_USER),
        "audits:objective_create": ("/audits/objectives/new/", ANY_USER),
        "audits:objective_edit": (f"/audits/objectives/{audit.objective_id}/edit/", OWNER_ONLY),
        "audits:resume": (f"/audits/{a}/", OWNER_REDIRECT),
        "audits:section": (f"/audits/{a}/section/1/", OWNER_ONLY),
        "audits:review": (f"/audits/{a}/review/", OWNER_ONLY),
        "audits:results": (f"/audits/{a}/results/", OWNER_REDIRECT),
        "audits:score": (f"/audits/{a}/score/", OWNER_ONLY),
        "audits:score_status": (f"/audits/{a}/score/status.json", OWNER_ONLY),
        "audits:report": (f"/audits/{a}/report/", OWNER_ONLY),
        "audits:report_pdf": (f"/audits/{a}/report.pdf", OWNER_ONLY),
        "audits:review_read": (f"/audits/{a}/consultant-review/", OWNER_ONLY),
        "audits:feedback": (f"/audits/{a}/feedback/", OWNER_ONLY),
        "audits:feedback_new": (f"/audits/{a}/feedback/new/", OWNER_ONLY),
        "audits:consultants": ("/audits/consultants/", ANY_USER),
        "audits:cycle_compare": (f"/audits/{c}/compare/", OWNER_ONLY),
        "audits:cycle_ask_again": (f"/audits/{c}/cycle/ask-again/", OWNER_ONLY),
        "audits:benchmark": ("/audits/benchmark/", ANY_USER),
        "contacts:list": ("/contacts/", ANY_USER),
        "contacts:edit": (f"/contacts/{contact.pk}/edit/", OWNER_ONLY),
        "contacts:export": ("/contacts/export.csv", ANY_USER),
        "contacts:import": ("/contacts/import/", ANY_USER),
        "contacts:import_detail": (f"/contacts/import/{job.pk}/", OWNER_ONLY),
        "contacts:import_mapping": (f"/contacts/import/{job.pk}/columns/", OWNER_REDIRECT),
        "contacts:import_errors": (f"/contacts/import/{job.pk}/errors.csv", OWNER_ONLY),
        "contacts:network": ("/contacts/network/", ANY_USER),
        "contacts:map": ("/contacts/map/", ANY_USER),
        "contacts:map_data": ("/contacts/map/data.json", ANY_USER),
        "contacts:map_search": ("/contacts/map/search.json?q=ana", ANY_USER),
        "consulting:workspace": ("/consultant/", CONSULTANT_HOME),
        "consulting:client": (f"/consultant/clients/{o}/", ENGAGED_ONLY),
        "consulting:client_network": (f"/consultant/clients/{o}/network/", ENGAGED_ONLY),
        "consulting:client_map": (f"/consultant/clients/{o}/map/", ENGAGED_ONLY),
        "consulting:client_map_data": (f"/consultant/clients/{o}/map/data.json", ENGAGED_ONLY),
        # The engaged consultant of this world is shared no contacts: the search says so.
        "consulting:client_map_search": (
            f"/consultant/clients/{o}/map/search.json?q=Ana",
            {**ENGAGED_ONLY, "engaged": 403},
        ),
        "consulting:client_score": (f"/consultant/clients/{o}/audits/{a}/score/", ENGAGED_ONLY),
        "consulting:client_report": (f"/consultant/clients/{o}/audits/{a}/report/", ENGAGED_ONLY),
        "consulting:client_report_pdf": (
            f"/consultant/clients/{o}/audits/{a}/report.pdf",
            ENGAGED_ONLY,
        ),
        "consulting:review": (f"/consultant/clients/{o}/audits/{a}/review/", ENGAGED_ONLY),
        # Issue 20: the annotated plan and the portfolio's CSV.
        "consulting:plan_annotate": (f"/consultant/clients/{o}/audits/{a}/plan/", ENGAGED_ONLY),
        "consulting:portfolio_csv": ("/consultant/portfolio.csv", CONSULTANT_HOME),
        "peer": (f"/f/{token}/", PUBLIC),
        # Objective progress and introductions: the owner's objective, their absence zone.
        "audits:check_in": (f"/audits/objectives/{audit.objective_id}/check-in/", OWNER_ONLY),
        "audits:progress": (f"/audits/objectives/{audit.objective_id}/progress/", OWNER_ONLY),
        "contacts:introductions": ("/contacts/introductions/", ANY_USER),
        "contacts:introductions_zone": ("/contacts/introductions/role/recruiter/", OWNER_ONLY),
        # Issue 20: the private channel of the engaged consultant's engagement.
        "audits:consultant_messages": (
            f"/audits/consultants/{engaged_engagement.pk}/messages/",
            OWNER_ONLY,
        ),
        "consulting:messages": (
            f"/consultant/engagements/{engaged_engagement.pk}/messages/",
            {**ENGAGED_ONLY, "revoked": 404},  # not their engagement: a 404, as for a stranger
        ),
        # Own data (issue 18): each account reads its own excerpts; a consultant reads a
        # client's only when the client shares contacts (tests/scores/test_evidence.py).
        "evidence:draft_check": ("/own-data/check/", ANY_USER),
        "evidence:excerpts": ("/own-data/excerpts/linkedin/pitch/", ANY_USER),
        "consulting:client_excerpts": (
            f"/consultant/clients/{o}/excerpts/linkedin/pitch/",
            {**ENGAGED_ONLY, "engaged": 403},
        ),
        "evidence:home": ("/own-data/", ANY_USER),
        "evidence:import_status": (f"/own-data/imports/{activity.pk}/status.json", OWNER_ONLY),
    }
    return users, rows


def test_every_url_is_in_the_matrix(world):
    _users, rows = world
    names = set()

    def walk(patterns, namespace=""):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                if entry.namespace in {"admin"} or "allauth" in str(entry.urlconf_name):
                    continue
                walk(entry.url_patterns, entry.namespace or namespace)
            elif isinstance(entry, URLPattern) and entry.name:
                names.add(f"{namespace}:{entry.name}" if namespace else entry.name)

    walk(get_resolver().url_patterns)
    names = {n for n in names if not n.startswith(("account_", "socialaccount"))}
    assert names - set(rows) - NOT_WALKED == set()


@pytest.mark.parametrize("role", ROLES)
def test_each_role_reaches_exactly_what_it_should(world, role):
    users, rows = world
    client = Client()
    if role in users:
        client.force_login(users[role])
    failures = []
    for name, (url, expected) in rows.items():
        status = client.get(url).status_code
        if status != expected[role]:
            failures.append(f"{name} {url}: {status}, expected {expected[role]}")
    assert failures == []


@pytest.mark.parametrize("forged", ["999999", "0"])
def test_forged_ids_reach_nothing(world, forged):
    users, _rows = world
    client = Client()
    client.force_login(users["owner"])
    urls = [
        f"/audits/{forged}/score/",
        f"/audits/{forged}/report/",
        f"/audits/{forged}/section/1/",
        f"/contacts/{forged}/edit/",
        f"/contacts/import/{forged}/",
        f"/audits/objectives/{forged}/edit/",
        f"/audits/objectives/{forged}/check-in/",
        f"/audits/objectives/{forged}/progress/",
        f"/own-data/imports/{forged}/status.json",
    ]
    assert [client.get(u).status_code for u in urls] == [404] * len(urls)
    consultant = Client()
    consultant.force_login(users["engaged"])
    owner_id = users["owner"].pk
    assert consultant.get(f"/consultant/clients/{forged}/").status_code == 404
    assert (
        consultant.get(f"/consultant/clients/{owner_id}/audits/{forged}/score/").status_code == 404
    )
    other_audit = AuditFactory()
    assert (
        consultant.get(f"/consultant/clients/{owner_id}/audits/{other_audit.pk}/score/").status_code
        == 404
    )
    assert reverse("peer", args=["x"]) == "/f/x/"
