"""Building answer pages the way a browser posts them."""

from audits.models import Audit, Pillar, Question


def best_value(question: Question) -> str:
    """The form value of the best practice for a question (what a model professional answers)."""
    if question.kind in (Question.Kind.AGREEMENT, Question.Kind.FREQUENCY):
        return "1" if question.reverse else "5"
    if question.kind == Question.Kind.YES_NO:
        return "no" if question.reverse else "yes"
    if question.kind == Question.Kind.CHOICE:
        return str(max(question.choices.all(), key=lambda c: c.score).pk)
    return "Nothing to add."


def worst_value(question: Question) -> str:
    if question.kind in (Question.Kind.AGREEMENT, Question.Kind.FREQUENCY):
        return "5" if question.reverse else "1"
    if question.kind == Question.Kind.YES_NO:
        return "yes" if question.reverse else "no"
    if question.kind == Question.Kind.CHOICE:
        return str(min(question.choices.all(), key=lambda c: c.score).pk)
    return "Everything."


def section_questions(audit: Audit, number: int) -> list[Question]:
    pillar = Pillar.objects.filter(questionnaire=audit.questionnaire)[number - 1]
    return list(
        Question.objects.filter(dimension__pillar=pillar)
        .order_by("dimension__position", "position", "id")
        .prefetch_related("choices")
    )


def section_post(audit: Audit, number: int, pick=best_value, action: str = "next") -> dict:
    data = {f"q_{q.pk}": pick(q) for q in section_questions(audit, number)}
    data["action"] = action
    return data
