"""Feedback's entries in the personal-data registry (accounts.personal_data).

Peer answers are exported as the compiled, anonymous figures only (the audits section's
peer_figures): individual responses are not the professional's data to read one by one.
"""

from django.utils.translation import gettext_lazy as _

from accounts import personal_data
from audits.feedback.models import (
    FeedbackLink,
    FeedbackOptOut,
    FeedbackRequest,
    FeedbackResponse,
    PendingFeedbackAnswer,
)


@personal_data.section(
    "feedback_requests",
    models=[FeedbackRequest],
    descriptions={
        "feedback_requests": _("the people you asked for feedback and where each request stands.")
    },
    order=300,
)
def export_feedback_requests(user) -> list[dict]:
    return list(
        FeedbackRequest.objects.filter(audit__owner=user)
        .order_by("audit_id", "pk")
        .values(
            "audit",
            "name",
            "email",
            "relationship",
            "language",
            "status",
            "created_at",
            "sent_at",
            "reminders_sent",
        )
    )


personal_data.not_personal(
    FeedbackResponse,
    reason="anonymous answers, exported only as compiled figures (audits.peer_figures)",
)
personal_data.not_personal(FeedbackLink, reason="hashes of link tokens, secret by design")
personal_data.not_personal(
    FeedbackOptOut, reason="hashed addresses of peers who opted out: theirs, kept on erasure"
)
personal_data.not_personal(
    PendingFeedbackAnswer,
    reason="answers waiting for their release: not even their count per request is exported",
)
