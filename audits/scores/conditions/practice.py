"""Conditions that read the self-audit and the objective record: conduct, engagement, strategy.

Each dimension rule fires on the self-assessed dimension (below LOW_DIMENSION), on precise
raw answers, or on the peers' rating of that dimension (below LOW_PEERS, released answers).
"""

from __future__ import annotations

from audits.scores.conditions.base import (
    AGREE,
    DISAGREE,
    RARELY,
    SOMETIMES,
    Finding,
    Signals,
    one,
)
from audits.scores.engine import Inputs, Reputation

DEADLINE_CLOSE = 30  # days

Q_CHOSEN_PER_GOAL = "strategy.tools.chosen_per_goal"
Q_EVERYWHERE = "strategy.tools.everywhere"  # reverse
Q_PURPOSE_KNOWN = "strategy.tools.purpose_known"
Q_SEEK_EXPERTISE = "strategy.helpers.seek_expertise"
Q_EXCUSES = "strategy.helpers.excuses"  # reverse
Q_EXTERNAL_VIEW = "strategy.helpers.external_view"
Q_ASK_FEEDBACK = "engagement.listening.ask_feedback"
Q_SILENCE_APPROVAL = "engagement.listening.silence_as_approval"  # reverse
Q_REPLY_COMMENTS = "engagement.two_way.reply_comments"
Q_REPLY_DELAY = "engagement.two_way.reply_delay"
Q_COMMENT_OTHERS = "engagement.participation.comment_others"
Q_SELF_CENTRED = "engagement.participation.self_centred"  # reverse
Q_BUSY_PERIODS = "engagement.constancy.busy_periods"
Q_RHYTHM = "engagement.constancy.rhythm"
Q_MEETINGS = "engagement.offline.meetings"
Q_EMBELLISH = "conduct.transparency.embellish"  # reverse
Q_PITCH = "conduct.commercial_restraint.pitch_new_contacts"  # reverse
Q_SALES_CHANNEL = "conduct.commercial_restraint.sales_channel"  # reverse
Q_SOLICIT_EXECUTIVES = "conduct.commercial_restraint.solicit_executives"  # reverse
Q_EMOTIONAL = "conduct.boundaries.emotional_reactions"  # reverse
Q_PERSONAL_ATTACKS = "conduct.boundaries.personal_attacks"  # reverse
Q_SHARED_INTERNAL = "conduct.confidentiality.shared_internal"  # reverse
Q_WORKPLACE_POSTS = "conduct.confidentiality.workplace_posts"  # reverse
Q_SHARED_PASSWORDS = "conduct.security.shared_passwords"  # reverse
Q_PASSWORD_MANAGER = "conduct.security.password_manager"  # noqa: S105 (a question code)
Q_TWO_STEP = "conduct.security.two_step"
Q_SUSPICIOUS_LINKS = "conduct.security.suspicious_links"
Q_PRIVACY_SETTINGS = "conduct.security.privacy_settings"

# The choices that fire a rule, per choice question (a test checks them against the
# questionnaire).
BAD_CHOICES: dict[str, frozenset[str]] = {
    Q_ASK_FEEDBACK: frozenset({"never", "over_a_year"}),
    Q_REPLY_DELAY: frozenset({"rarely", "over_a_week"}),
    Q_COMMENT_OTHERS: frozenset({"none"}),
    Q_RHYTHM: frozenset({"hardly", "bursts"}),
    Q_MEETINGS: frozenset({"none"}),
}


def _dimension_rule(inputs: Inputs, reputation: Reputation, dimension: str) -> Signals:
    signals = Signals(inputs, reputation, dimension)
    signals.dimension_below()
    return signals


def commercial_spamming(inputs: Inputs, reputation: Reputation) -> list[Finding]:
    signals = _dimension_rule(inputs, reputation, "commercial_restraint")
    signals.at_least(Q_PITCH, SOMETIMES, "pitch")
    signals.at_least(Q_SALES_CHANNEL, AGREE, "sales_channel")
    signals.peers_below()
    return signals.findings()


def soliciting_executives(inputs: Inputs, reputation: Reputation) -> list[Finding]:
    signals = Signals(inputs, reputation)
    signals.answered(Q_SOLICIT_EXECUTIVES, True, "solicited")
    return signals.findings()


def emotional_reactions(inputs: Inputs, reputation: Reputation) -> list[Finding]:
    signals = _dimension_rule(inputs, reputation, "boundaries")
    signals.at_least(Q_EMOTIONAL, AGREE, "emotional")
    signals.answered(Q_PERSONAL_ATTACKS, True, "attacks")
    signals.peers_below()
    return signals.findings()


def confidentiality(inputs: Inputs, reputation: Reputation) -> list[Finding]:
    signals = _dimension_rule(inputs, reputation, "confidentiality")
    signals.answered(Q_SHARED_INTERNAL, True, "internal")
    signals.at_least(Q_WORKPLACE_POSTS, AGREE, "workplace")
    signals.peers_below()
    return signals.findings()


def transparency(inputs: Inputs, reputation: Reputation) -> list[Finding]:
    signals = _dimension_rule(inputs, reputation, "transparency")
    signals.answered(Q_EMBELLISH, True, "embellish")
    signals.peers_below()
    return signals.findings()


def password_reuse(inputs: Inputs, reputation: Reputation) -> list[Finding]:
    signals = Signals(inputs, reputation, "security")
    # "Neither agree nor disagree" to "I use the same password" already means some reuse.
    signals.at_least(Q_SHARED_PASSWORDS, SOMETIMES, "reuse")
    signals.answered(Q_PASSWORD_MANAGER, False, "no_manager")
    return signals.findings()


def two_step_verification(inputs: Inputs, reputation: Reputation) -> list[Finding]:
    # The security dimension as a whole speaks here: low self-assessment or peers who have
    # seen suspicious messages from the professional's accounts.
    signals = _dimension_rule(inputs, reputation, "security")
    signals.answered(Q_TWO_STEP, False, "two_step")
    signals.peers_below()
    return signals.findings()


def suspicious_links(inputs: Inputs, reputation: Reputation) -> list[Finding]:
    signals = Signals(inputs, reputation)
    signals.at_most(Q_SUSPICIOUS_LINKS, DISAGREE, "links")
    return signals.findings()


def privacy_settings(inputs: Inputs, reputation: Reputation) -> list[Finding]:
    signals = Signals(inputs, reputation)
    signals.answered(Q_PRIVACY_SETTINGS, False, "settings")
    return signals.findings()


def not_listening(inputs: Inputs, reputation: Reputation) -> list[Finding]:
    signals = _dimension_rule(inputs, reputation, "listening")
    signals.at_least(Q_SILENCE_APPROVAL, AGREE, "silence")
    signals.seldom(Q_ASK_FEEDBACK, BAD_CHOICES[Q_ASK_FEEDBACK], "ask")
    signals.peers_below()
    return signals.findings()


def slow_replies(inputs: Inputs, reputation: Reputation) -> list[Finding]:
    signals = _dimension_rule(inputs, reputation, "two_way")
    signals.chose(Q_REPLY_DELAY, BAD_CHOICES[Q_REPLY_DELAY], "delay")
    signals.at_most(Q_REPLY_COMMENTS, RARELY, "comments")
    signals.peers_below()
    return signals.findings()


def low_participation(inputs: Inputs, reputation: Reputation) -> list[Finding]:
    signals = _dimension_rule(inputs, reputation, "participation")
    signals.at_least(Q_SELF_CENTRED, AGREE, "self_centred")
    signals.seldom(Q_COMMENT_OTHERS, BAD_CHOICES[Q_COMMENT_OTHERS], "others")
    signals.peers_below()
    return signals.findings()


def lack_of_constancy(inputs: Inputs, reputation: Reputation) -> list[Finding]:
    signals = _dimension_rule(inputs, reputation, "constancy")
    signals.chose(Q_RHYTHM, BAD_CHOICES[Q_RHYTHM], "rhythm")
    signals.at_most(Q_BUSY_PERIODS, DISAGREE, "busy")
    signals.peers_below()
    return signals.findings()


def no_offline_contact(inputs: Inputs, reputation: Reputation) -> list[Finding]:
    signals = _dimension_rule(inputs, reputation, "offline")
    signals.chose(Q_MEETINGS, BAD_CHOICES[Q_MEETINGS], "meetings")
    signals.peers_below()
    return signals.findings()


def self_audit_missing(inputs: Inputs, reputation: Reputation) -> list[Finding]:
    return [] if inputs.self_scores is not None else one("missing")


def no_measurable_objective(inputs: Inputs, reputation: Reputation) -> list[Finding]:
    # The objective RECORD decides: a target and a future deadline there make it measurable,
    # whatever the self-audit says about it. A deadline due today or passed is the deadline
    # rules' to report.
    objective = inputs.objective
    due = objective.days_left is not None and objective.days_left <= 0
    return [] if objective.measurable or due else one("record")


def objective_deadline_passed(inputs: Inputs, reputation: Reputation) -> list[Finding]:
    days = inputs.objective.days_left
    return [] if days is None or days >= 0 else one("days", days=-days)


def objective_deadline_close(inputs: Inputs, reputation: Reputation) -> list[Finding]:
    days = inputs.objective.days_left
    return [] if days is None or not 0 <= days <= DEADLINE_CLOSE else one("days", days=days)


def tools_not_chosen(inputs: Inputs, reputation: Reputation) -> list[Finding]:
    signals = _dimension_rule(inputs, reputation, "tools")
    signals.at_most(Q_CHOSEN_PER_GOAL, DISAGREE, "not_chosen")
    signals.at_least(Q_EVERYWHERE, AGREE, "everywhere")
    signals.answered(Q_PURPOSE_KNOWN, False, "purpose")
    signals.peers_below()
    return signals.findings()


def no_helpers(inputs: Inputs, reputation: Reputation) -> list[Finding]:
    signals = _dimension_rule(inputs, reputation, "helpers")
    signals.at_least(Q_EXCUSES, AGREE, "excuses")
    signals.at_most(Q_SEEK_EXPERTISE, DISAGREE, "expertise")
    signals.peers_below()
    return signals.findings()


def no_external_view(inputs: Inputs, reputation: Reputation) -> list[Finding]:
    if inputs.external_review:  # an engaged consultant IS the outside view
        return []
    signals = Signals(inputs, reputation)
    signals.answered(Q_EXTERNAL_VIEW, False, "never")
    return signals.findings()


CONDITIONS = {
    "commercial_spamming": commercial_spamming,
    "soliciting_executives": soliciting_executives,
    "emotional_reactions": emotional_reactions,
    "confidentiality": confidentiality,
    "transparency": transparency,
    "password_reuse": password_reuse,
    "two_step_verification": two_step_verification,
    "suspicious_links": suspicious_links,
    "privacy_settings": privacy_settings,
    "not_listening": not_listening,
    "slow_replies": slow_replies,
    "low_participation": low_participation,
    "lack_of_constancy": lack_of_constancy,
    "no_offline_contact": no_offline_contact,
    "self_audit_missing": self_audit_missing,
    "no_measurable_objective": no_measurable_objective,
    "objective_deadline_passed": objective_deadline_passed,
    "objective_deadline_close": objective_deadline_close,
    "tools_not_chosen": tools_not_chosen,
    "no_helpers": no_helpers,
    "no_external_view": no_external_view,
}
