"""The figures of one network in words, for the page and the consultant: one sentence each,
in the reader's language, the base always said beside a share (docs/scoring.md, "Evidence
(own data)")."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from config.templatetags.numbers import percent


@dataclass(frozen=True)
class FigureLine:
    key: str
    text: str


def _pct(share: float) -> str:
    return percent(round(share * 100), 0)


def _count(figures: dict, key: str, words) -> FigureLine | None:
    """`words(n)`: the ngettext call, written where makemessages can see its strings."""
    if key not in figures:
        return None
    n = figures[key]
    return FigureLine(key, words(n) % {"n": n})


def _share(figures: dict, key: str, base_key: str, text: str) -> FigureLine | None:
    if key not in figures or base_key not in figures:
        return None
    return FigureLine(key, text % {"share": _pct(figures[key]), "base": figures[base_key]})


def describe(figures: dict) -> list[FigureLine]:
    lines = [
        _count(
            figures,
            "posts_12m",
            lambda n: ngettext("%(n)d post in 12 months.", "%(n)d posts in 12 months.", n),
        ),
        _count(
            figures,
            "comments_12m",
            lambda n: ngettext("%(n)d comment in 12 months.", "%(n)d comments in 12 months.", n),
        ),
        _count(
            figures,
            "reactions_12m",
            lambda n: ngettext(
                "%(n)d reaction (like, repost) in 12 months.",
                "%(n)d reactions (likes, reposts) in 12 months.",
                n,
            ),
        ),
        _count(
            figures,
            "messages_12m",
            lambda n: ngettext(
                "%(n)d message sent in 12 months.", "%(n)d messages sent in 12 months.", n
            ),
        ),
        _count(
            figures,
            "invitations_12m",
            lambda n: ngettext(
                "%(n)d invitation sent in 12 months.", "%(n)d invitations sent in 12 months.", n
            ),
        ),
    ]
    if "active_weeks_12m" in figures:
        lines.append(
            FigureLine(
                "active_weeks_12m",
                _("Active (a post or a comment) %(n)d weeks out of 52.")
                % {"n": figures["active_weeks_12m"]},
            )
        )
    lines.append(
        _count(
            figures,
            "longest_silence_days",
            lambda n: ngettext(
                "Longest silence: %(n)d day without a post or a comment.",
                "Longest silence: %(n)d days without a post or a comment.",
                n,
            ),
        )
    )
    lines += [
        _share(
            figures,
            "pitch_share",
            "pitch_base",
            _("%(share)s of your %(base)d posts read as a sales pitch."),
        ),
        _share(
            figures,
            "heated_share",
            "heated_share_base",
            _("%(share)s of your %(base)d posts and comments use heated or emotional wording."),
        ),
        _share(
            figures,
            "comments_on_others_share",
            "comments_on_others_share_base",
            _("%(share)s of your %(base)d comments are on other people's posts (giving first)."),
        ),
        _share(
            figures,
            "replies_to_comments_share",
            "replies_to_comments_share_base",
            _("%(share)s of your %(base)d comments answer someone's comment."),
        ),
        _share(
            figures,
            "two_way_ratio",
            "two_way_base",
            _("%(share)s of your %(base)d conversations went both ways."),
        ),
        _share(
            figures,
            "answered_share",
            "answered_share_base",
            _("You answered %(share)s of the %(base)d messages you received."),
        ),
    ]
    if "median_reply_hours" in figures:
        lines.append(
            FigureLine(
                "median_reply_hours",
                _("Half of your %(base)d answers came within %(hours)s hours.")
                % {
                    "base": figures["reply_base"],
                    "hours": number_format(figures["median_reply_hours"], use_l10n=True),
                },
            )
        )
    lines += [
        _share(
            figures,
            "first_message_pitch_share",
            "first_message_pitch_share_base",
            _("%(share)s of your first messages to %(base)d new connections were a pitch."),
        ),
        _share(
            figures,
            "invitations_with_note_share",
            "invitations_with_note_share_base",
            _("%(share)s of your %(base)d invitations carried a personal note."),
        ),
    ]
    if "leak_count" in figures:
        lines.append(
            FigureLine(
                "leak_count",
                ngettext(
                    "%(n)d of %(base)d texts may leak confidential information.",
                    "%(n)d of %(base)d texts may leak confidential information.",
                    figures["leak_count"],
                )
                % {"n": figures["leak_count"], "base": figures["leak_base"]},
            )
        )
    for key, yes, no in (
        (
            "headline_matches_objective",
            _("Your headline speaks to your objective."),
            _("Your headline does not speak to your objective."),
        ),
        (
            "summary_matches_objective",
            _("Your summary speaks to your objective."),
            _("Your summary does not speak to your objective."),
        ),
    ):
        if key in figures:
            lines.append(FigureLine(key, yes if figures[key] else no))
    lines += [
        _count(
            figures,
            "recommendations_received",
            lambda n: ngettext(
                "%(n)d recommendation received.", "%(n)d recommendations received.", n
            ),
        ),
        _count(
            figures,
            "endorsements_received",
            lambda n: ngettext(
                "%(n)d skill endorsement received.", "%(n)d skill endorsements received.", n
            ),
        ),
    ]
    return [line for line in lines if line is not None]


def flag_label(flag: str) -> str:
    labels = {
        "pitch": _("Sales pitch"),
        "heated": _("Heated or emotional wording"),
        "confidential": _("Marked confidential"),
        "internal_document": _("Internal document announced"),
        "internal_figures": _("Internal figures"),
        "client_name": _("A client's name"),
        "first_message_pitch": _("First message to a new connection is a pitch"),
    }
    return labels.get(flag, flag)
