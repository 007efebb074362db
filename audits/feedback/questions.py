"""What peers are asked, in their words (not the self-audit's wording).

From questionnaire version 2, peers rate one observable behaviour per dimension: the
statements are questionnaire data (`peer` in audits/questionnaires/epratiques_pro_v2.toml),
versioned with it. Audits on version 1 keep the four per-pillar statements below, as their
peers were asked then.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

# One scale for every statement, every label written out (the same words on a phone and in
# the heading), and "can't say" apart: it is no rating, not a middle one.
SCALE = (
    ("1", _("Strongly disagree")),
    ("2", _("Disagree")),
    ("3", _("Neither agree nor disagree")),
    ("4", _("Agree")),
    ("5", _("Strongly agree")),
)
CANNOT_SAY = ("na", _("Can’t say"))

PILLAR_QUESTIONS = {
    "strategy": _("Their online presence seems purposeful: they know what they are after."),
    "network": _("They are connected with the right people and value quality over numbers."),
    "engagement": _("They listen, answer, take part in exchanges and keep in touch over time."),
    "conduct": _(
        "They are transparent and trustworthy: no sales spam, no outbursts, no indiscretion."
    ),
}


@dataclass(frozen=True)
class PeerItem:
    """One statement a peer rates; `code` keys the rating in FeedbackResponse.perceptions."""

    code: str
    text_fr: str
    text_en: str
    group_fr: str  # the name of what it belongs to (a dimension's name), shown small
    group_en: str
    states_objective: bool = False  # the page states the professional's objective for it

    def text(self, language: str) -> str:
        return (self.text_en if language.startswith("en") else self.text_fr) or self.text_fr

    def group(self, language: str) -> str:
        return (self.group_en if language.startswith("en") else self.group_fr) or self.group_fr
