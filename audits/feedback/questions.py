"""What peers are asked about each pillar, in their words (not the self-audit's wording)."""

from django.utils.translation import gettext_lazy as _

PILLAR_QUESTIONS = {
    "strategy": _("Their online presence seems purposeful: they know what they are after."),
    "network": _("They are connected with the right people and value quality over numbers."),
    "engagement": _("They listen, answer, take part in exchanges and keep in touch over time."),
    "conduct": _(
        "They are transparent and trustworthy: no sales spam, no outbursts, no indiscretion."
    ),
}


def pillar_questions() -> dict[str, str]:
    return {code: str(text) for code, text in PILLAR_QUESTIONS.items()}
