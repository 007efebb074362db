"""The least work a peer's GET + POST pair can do: a reference for feedback_rps_ratio.

Issue 5 asks the peer page to reach half the throughput of a trivial view. To know what is
possible on a machine, the bench also serves this view and measures it the same way
(`floor_rps_ratio`): the pair below does only what the page cannot do without, each step in
its cheapest form, and nothing else —

- GET: the rate-limit hit (Redis), then ONE statement that finds the request behind the
  token and marks it opened; a few bytes of HTML carrying the CSRF token;
- POST: the CSRF check and the rate-limit hit, then ONE statement that claims the request
  and stores the pending answer (audits/feedback/release.py), committed durably.

Left out, and so making the floor higher than any real page: templates and translations,
form validation and its messages, the closed-link pages, the count of waiting answers and
the release's enqueue. PostgreSQL only (data-
modifying WITH). This module is served by the bench's gunicorn only, never by the site.
"""

import json

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils.html import escape
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from accounts.models import User
from audits.feedback.services import hash_token
from audits.models import Audit, FeedbackLink, FeedbackRequest, PendingFeedbackAnswer
from config.ratelimit import rate_limited

_LINK = FeedbackLink._meta.db_table
_REQUEST = FeedbackRequest._meta.db_table
_AUDIT = Audit._meta.db_table
_PENDING = PendingFeedbackAnswer._meta.db_table
_USER = User._meta.db_table
_OPEN = ", ".join(f"'{status}'" for status in sorted(FeedbackRequest.OPEN_STATUSES))

OPEN_SQL = f"""
WITH found AS (
    SELECT r.id, r.audit_id, r.status, r.message FROM {_LINK} l
    JOIN {_REQUEST} r ON r.id = l.request_id WHERE l.token_hash = %s
), opened AS (
    UPDATE {_REQUEST} SET status = 'opened', opened_at = now()
    WHERE id IN (SELECT id FROM found) AND status IN ('pending', 'sent') AND expires_at > now()
)
SELECT found.status, found.message, u.full_name FROM found
JOIN {_AUDIT} a ON a.id = found.audit_id JOIN {_USER} u ON u.id = a.owner_id
"""  # noqa: S608 — table names from the models, values as parameters

ANSWER_SQL = f"""
WITH claimed AS (
    UPDATE {_REQUEST} r SET status = 'opened' FROM {_LINK} l
    WHERE l.request_id = r.id AND l.token_hash = %s
      AND r.status IN ({_OPEN}) AND r.expires_at > now()
      AND NOT EXISTS (SELECT 1 FROM {_PENDING} p WHERE p.request_id = r.id)
    RETURNING r.id, r.audit_id, r.relationship
), stored AS (
    INSERT INTO {_PENDING} (request_id, audit_id, payload)
    SELECT id, audit_id, jsonb_build_object('relationship', relationship, 'appraisal', %s,
        'perceptions', %s::jsonb, 'keep_doing', %s, 'change', %s) FROM claimed
    RETURNING audit_id
)
SELECT count(*) FROM stored
"""  # noqa: S608

PAGE = (
    '<!DOCTYPE html><html lang="en"><title>{name}</title><p>{message}</p>'
    '<form method="post"><input type="hidden" name="csrfmiddlewaretoken" value="{csrf}">'
    "</form></html>"
)


@never_cache
@rate_limited("peer", lambda: settings.FEEDBACK_RATE_LIMIT)
@require_http_methods(["GET", "POST"])
def peer_floor_view(request: HttpRequest, token: str) -> HttpResponse:
    token_hash = hash_token(token)
    with connection.cursor() as cursor:
        if request.method == "GET":
            cursor.execute(OPEN_SQL, [token_hash])
            row = cursor.fetchone()
            if row is None:
                return HttpResponse("unknown link", status=404)
            return HttpResponse(
                PAGE.format(name=escape(row[2]), message=escape(row[1]), csrf=get_token(request))
            )
        data = request.POST
        perceptions = {
            name.removeprefix("item_"): int(value)
            for name, value in data.items()
            if name.startswith("item_") and value in {"1", "2", "3", "4", "5"}
        }
        cursor.execute(
            ANSWER_SQL,
            [
                token_hash,
                data.get("appraisal", "")[:10],
                json.dumps(perceptions),
                data.get("keep_doing", "")[:1000],
                data.get("change", "")[:1000],
            ],
        )
        (stored,) = cursor.fetchone()
    if not stored:
        return HttpResponse("closed link", status=410)
    return HttpResponse("recorded anonymously")
