"""Everything ePratiques holds about one user, as plain JSON-ready data (right of access).

Peer answers are given as the compiled, anonymous figures only: individual responses are not
exported, so that a group below the anonymity threshold cannot be read one answer at a time.
"""

from django.utils import timezone

from accounts.models import Activity, User


def user_data(user: User) -> dict:
    from audits.models import Audit, Engagement, FeedbackRequest, Objective, Review
    from contacts.models import Contact, ContactImport

    audits = Audit.objects.filter(owner=user).select_related("objective", "questionnaire")
    return {
        "exported_at": timezone.now().isoformat(),
        "account": {
            "email": user.email,
            "full_name": user.full_name,
            "language": user.language,
            "is_consultant": user.is_consultant,
            "date_joined": user.date_joined.isoformat(),
        },
        "objectives": list(
            Objective.objects.filter(owner=user).values(
                "id",
                "kind",
                "title",
                "target_quantity",
                "target_unit",
                "deadline",
                "needed_roles",
                "needed_sectors",
                "created_at",
            )
        ),
        "audits": [
            {
                "id": audit.pk,
                "objective": audit.objective_id,
                "questionnaire": f"{audit.questionnaire.code} v{audit.questionnaire.version}",
                "status": audit.status,
                "started_at": audit.started_at,
                "submitted_at": audit.submitted_at,
                "self_scores": audit.self_scores,
                "answers": [
                    {"question": a.question.code, "value": a.raw_value(a.question.kind)}
                    for a in audit.answers.select_related("question", "choice")
                ],
                "peer_figures": audit.peer_summary,
                "snapshots": list(
                    audit.snapshots.values("computed_at", "algorithm", "overall", "confidence")
                ),
                "recommendations": list(
                    audit.recommendations.values("code", "key", "severity", "status", "text")
                ),
                "feedback_requests": list(
                    FeedbackRequest.objects.filter(audit=audit).values(
                        "name",
                        "email",
                        "relationship",
                        "language",
                        "status",
                        "created_at",
                        "sent_at",
                        "reminders_sent",
                    )
                ),
                "reviews": [
                    {
                        "consultant": getattr(r.engagement.consultant, "email", ""),
                        "status": r.status,
                        "findings": r.findings,
                        "published_at": r.published_at,
                        "pillars": list(r.pillars.values("pillar", "rating", "comment")),
                        "recommendations": list(
                            r.recommendations.values("text", "acknowledged_at")
                        ),
                    }
                    for r in Review.objects.filter(audit=audit).select_related(
                        "engagement__consultant"
                    )
                ],
            }
            for audit in audits
        ],
        "contacts": list(
            Contact.objects.filter(owner=user).values(
                "full_name",
                "email",
                "phone",
                "profile_url",
                "company",
                "position",
                "role_category",
                "sector",
                "relationship",
                "networks",
                "connected_on",
                "notes",
                "messages_sent",
                "messages_received",
            )
        ),
        "contact_imports": list(
            ContactImport.objects.filter(owner=user).values(
                "original_name", "format", "status", "created", "merged", "skipped", "created_at"
            )
        ),
        "engagements": list(
            Engagement.objects.filter(client=user).values(
                "invited_email",
                "status",
                "share_contacts",
                "independence_declared_at",
                "created_at",
                "ended_at",
            )
        )
        + list(
            Engagement.objects.filter(consultant=user).values(
                "client__email", "status", "independence_declared_at", "created_at", "ended_at"
            )
        ),
        # As a consultant: the reviews this user wrote for clients.
        "reviews_written": list(
            Review.objects.filter(engagement__consultant=user).values(
                "audit__owner__email", "status", "findings", "published_at"
            )
        ),
        "activity": list(
            Activity.objects.filter(subject=user).values(
                "action", "detail", "actor__email", "created_at"
            )
        ),
    }
