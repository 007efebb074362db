"""Reads for the peer page, the busiest page of the site: every link opened and answered.

Both reads are shaped by `make bench` (docs/performance.md, feedback_rps_ratio): the
request behind a token is one hand-written join, because compiling the equivalent
`select_related` query cost more CPU than the rest of the page; and the pillars asked about
are read once per process, since a published questionnaire never changes.
"""

import datetime

from django.core.cache import caches
from django.db import connection
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone, translation

from accounts.models import User
from audits.feedback.models import FeedbackLink, FeedbackRequest, PendingFeedbackAnswer
from audits.feedback.questions import PILLAR_QUESTIONS, PeerItem
from audits.feedback.services import hash_token
from audits.questionnaires.models import Dimension, Pillar, Questionnaire
from audits.selfaudit.models import Audit, Objective

_REQUEST_USED = {
    "id",
    "audit_id",
    "status",
    "expires_at",
    "message",
    "language",
    "relationship",
    "email",
    "delivery",
}
# In the model's order: Model.from_db expects the values of the fields it is given that way.
_REQUEST_FIELDS = tuple(
    f.attname for f in FeedbackRequest._meta.concrete_fields if f.attname in _REQUEST_USED
)


def _request_for_token_sql() -> str:
    request = FeedbackRequest._meta
    columns = ", ".join(
        f"r.{f.column}" for f in request.concrete_fields if f.attname in _REQUEST_FIELDS
    )
    return (
        f"SELECT {columns}, a.questionnaire_id, a.owner_id, u.full_name, u.email, "  # noqa: S608
        "o.title, "
        f"EXISTS (SELECT 1 FROM {PendingFeedbackAnswer._meta.db_table} p "
        "WHERE p.request_id = r.id) "
        f"FROM {FeedbackLink._meta.db_table} l "
        f"JOIN {request.db_table} r ON r.id = l.request_id "
        f"JOIN {Audit._meta.db_table} a ON a.id = r.audit_id "
        f"JOIN {User._meta.db_table} u ON u.id = a.owner_id "
        f"JOIN {Objective._meta.db_table} o ON o.id = a.objective_id "
        "WHERE l.token_hash = %s"
    )


_REQUEST_FOR_TOKEN_SQL = _request_for_token_sql()


def feedback_request_for_token(token: str) -> FeedbackRequest | None:
    """The request behind a token, with its audit and owner, or None.

    One query, the same whether the token exists or not. The audit and the owner carry only
    the fields the page uses; the others are deferred (read on access, never overwritten).
    `request.has_answer` says whether an answer is stored (released or not): the request of an
    answer not yet released still looks opened everywhere else.
    """
    with connection.cursor() as cursor:
        cursor.execute(_REQUEST_FOR_TOKEN_SQL, [hash_token(token)])
        row = cursor.fetchone()
    if row is None:
        return None
    values = dict(zip(_REQUEST_FIELDS, row, strict=False))
    if timezone.is_naive(values["expires_at"]):  # SQLite keeps UTC without an offset
        values["expires_at"] = timezone.make_aware(values["expires_at"], datetime.UTC)
    extra = row[len(_REQUEST_FIELDS) :]
    questionnaire_id, owner_id, owner_name, owner_email, objective, pending = extra
    request = FeedbackRequest.from_db(connection.alias, list(values), list(values.values()))
    request.has_answer = bool(pending) or values["status"] == FeedbackRequest.Status.ANSWERED
    owner = User.from_db(
        connection.alias,
        *_in_model_order(User, {"id": owner_id, "full_name": owner_name, "email": owner_email}),
    )
    audit = Audit.from_db(
        connection.alias,
        *_in_model_order(
            Audit,
            {"id": values["audit_id"], "owner_id": owner_id, "questionnaire_id": questionnaire_id},
        ),
    )
    audit.owner = owner
    request.audit = audit
    request.objective_title = objective  # stated in one line where the page asks about it
    return request


def _in_model_order(model, values: dict) -> tuple[list[str], list]:
    """(field names, values) in the order of the model's fields, as Model.from_db wants."""
    names = [f.attname for f in model._meta.concrete_fields if f.attname in values]
    return names, [values[name] for name in names]


_pillars_by_questionnaire: dict[int, tuple[Pillar, ...]] = {}


def peer_pillars(questionnaire_id: int) -> tuple[Pillar, ...]:
    """The pillars peers give a perception of, in order; cached once published."""
    cached = _pillars_by_questionnaire.get(questionnaire_id)
    if cached is not None:
        return cached
    pillars = tuple(
        Pillar.objects.filter(questionnaire_id=questionnaire_id).select_related("questionnaire")
    )
    if pillars and pillars[0].questionnaire.status == Questionnaire.Status.PUBLISHED:
        _pillars_by_questionnaire[questionnaire_id] = pillars
    return pillars


_items_by_questionnaire: dict[int, tuple[PeerItem, ...]] = {}


def peer_items(questionnaire_id: int) -> tuple[PeerItem, ...]:
    """The statements peers rate, in order: one behaviour per dimension (questionnaire v2 on),
    or, for audits on a version without them, one per pillar. Cached once published."""
    cached = _items_by_questionnaire.get(questionnaire_id)
    if cached is not None:
        return cached
    dimensions = list(
        Dimension.objects.filter(pillar__questionnaire_id=questionnaire_id)
        .exclude(peer_text_fr="", peer_text_en="")
        .order_by("pillar__position", "position")
    )
    if dimensions:
        items = tuple(
            PeerItem(
                d.code,
                d.peer_text_fr,
                d.peer_text_en,
                d.name_fr,
                d.name_en,
                d.peer_states_objective,
            )
            for d in dimensions
        )
    else:
        items = tuple(
            PeerItem(p.code, *_both(PILLAR_QUESTIONS.get(p.code, p.name_en)), p.name_fr, p.name_en)
            for p in peer_pillars(questionnaire_id)
        )
    published = Questionnaire.objects.filter(
        pk=questionnaire_id, status=Questionnaire.Status.PUBLISHED
    ).exists()
    if items and published:
        _items_by_questionnaire[questionnaire_id] = items
    return items


def _both(text) -> tuple[str, str]:
    texts = []
    for language in ("fr", "en"):
        with translation.override(language):
            texts.append(str(text))
    return texts[0], texts[1]


@receiver([post_save, post_delete], sender=Dimension)
@receiver([post_save, post_delete], sender=Pillar)
@receiver([post_save, post_delete], sender=Questionnaire)
def _forget_pillars(**kwargs) -> None:
    # Published questionnaires do not change; this covers drafts being published and test
    # databases reusing ids after a rollback.
    _pillars_by_questionnaire.clear()
    _items_by_questionnaire.clear()
    caches["fragments"].clear()  # the peer page's blank form, rendered from these pillars
