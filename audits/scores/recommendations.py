"""Recommendation rules: from an audit's figures to concrete, bilingual actions.

Pure: no Django, no ORM. Each rule (code, severity, pillar, source, text, condition) is traced
to a product rule of DESIGN §2 or a seed article, and every recommendation to the finding that
fired it, with its evidence ("4 neutral or negative against 2 positive").
Thresholds and the list of rules: docs/scoring.md, "Recommendations".

Rules read the self-assessment two ways: the dimension score (0..100, fires below
LOW_DIMENSION) and, where a dimension is too coarse, a precise raw answer. Raw answers are read
as given, before any reversal: on a reverse item such as "I use the same password for several
of my accounts", agreeing (4 or 5) is the bad practice.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from audits.scores.engine import MEDIUM_CONFIDENCE, Gap, Inputs, Reputation
from contacts.alignment import THIN_BELOW

SEVERITIES = ("urgent", "high", "medium", "low")
LANGUAGES = ("fr", "en")

LOW_DIMENSION = 50  # a self-assessed dimension below this fires its rule
MAJORITY_SILENT = 50  # response rate % below which most people asked said nothing (000)
FEW_CHAMPIONS = 5  # the five people who exchange with you most (002)
LOW_TWO_WAY = 50  # % of conversations with an answer from both sides
IMPERSONAL_INVITATIONS = 30  # % of sent invitations without a personal note...
MIN_INVITATIONS = 5  # ...counted only from this many invitations sent
THOUSANDS = 5000  # "people who have collected more than 5,000 contacts" (003)
BIG_NETWORK = 500  # from this many contacts, a network with few exchanges is a crowd
FEW_EXCHANGES = 10  # % of contacts you ever exchanged a message with
LOW_PEER_CONDUCT = 3  # peers' mean perception of conduct (1..5) below "neither good nor bad"
DEADLINE_CLOSE = 30  # days
AGREE = 4  # agreement scale: 4 agree, 5 strongly agree
DISAGREE = 2  # agreement scale: 1 strongly disagree, 2 disagree
RARELY = 2  # frequency scale: 1 never, 2 rarely, 3 sometimes, 4 often, 5 always
SOMETIMES = 3

# Params whose value is a code the app may replace with a label (see `recommend`).
LABELLED_PARAMS = ("role", "sector", "pillar")

# The self-audit questions the rules read, with their kind (audits/questionnaires/
# epratiques_pro.toml); a test checks every one against the questionnaire.
Q_FORMULATION = "strategy.objectives.formulation"
Q_CHOSEN_PER_GOAL = "strategy.tools.chosen_per_goal"
Q_EVERYWHERE = "strategy.tools.everywhere"  # reverse
Q_PURPOSE_KNOWN = "strategy.tools.purpose_known"
Q_SEEK_EXPERTISE = "strategy.helpers.seek_expertise"
Q_EXCUSES = "strategy.helpers.excuses"  # reverse
Q_EXTERNAL_VIEW = "strategy.helpers.external_view"
Q_OUTREACH = "network.absence_zones.outreach"
Q_WAITING = "network.absence_zones.waiting"  # reverse
Q_CHAMPIONS_KNOWN = "network.champions.known"
Q_RECIPROCATE = "network.champions.reciprocate"
Q_UNPERSONALISED = "network.quality.unpersonalised_invites"
Q_NUMBERS_FIRST = "network.quality.numbers_first"  # reverse
Q_ENGAGED_CIRCLE = "network.quality.engaged_circle"
Q_ASK_FEEDBACK = "engagement.listening.ask_feedback"
Q_FEEDBACK_BALANCE = "engagement.listening.feedback_balance"
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
Q_SUSPICIOUS_LINKS = "conduct.security.suspicious_links"
Q_PRIVACY_SETTINGS = "conduct.security.privacy_settings"

QUESTION_KINDS: dict[str, str] = {
    Q_FORMULATION: "choice",
    Q_CHOSEN_PER_GOAL: "agreement",
    Q_EVERYWHERE: "agreement",
    Q_PURPOSE_KNOWN: "yes_no",
    Q_SEEK_EXPERTISE: "agreement",
    Q_EXCUSES: "agreement",
    Q_EXTERNAL_VIEW: "yes_no",
    Q_OUTREACH: "frequency",
    Q_WAITING: "agreement",
    Q_CHAMPIONS_KNOWN: "yes_no",
    Q_RECIPROCATE: "frequency",
    Q_UNPERSONALISED: "choice",
    Q_NUMBERS_FIRST: "agreement",
    Q_ENGAGED_CIRCLE: "agreement",
    Q_ASK_FEEDBACK: "frequency",
    Q_FEEDBACK_BALANCE: "choice",
    Q_SILENCE_APPROVAL: "agreement",
    Q_REPLY_COMMENTS: "frequency",
    Q_REPLY_DELAY: "choice",
    Q_COMMENT_OTHERS: "frequency",
    Q_SELF_CENTRED: "agreement",
    Q_BUSY_PERIODS: "agreement",
    Q_RHYTHM: "choice",
    Q_MEETINGS: "choice",
    Q_EMBELLISH: "yes_no",
    Q_PITCH: "frequency",
    Q_SALES_CHANNEL: "agreement",
    Q_SOLICIT_EXECUTIVES: "yes_no",
    Q_EMOTIONAL: "agreement",
    Q_PERSONAL_ATTACKS: "yes_no",
    Q_SHARED_INTERNAL: "yes_no",
    Q_WORKPLACE_POSTS: "agreement",
    Q_SHARED_PASSWORDS: "agreement",
    Q_SUSPICIOUS_LINKS: "agreement",
    Q_PRIVACY_SETTINGS: "yes_no",
}
# The choices that fire a rule, per choice question (checked against the questionnaire too).
BAD_CHOICES: dict[str, frozenset[str]] = {
    Q_FORMULATION: frozenset({"none", "vague", "written"}),
    Q_UNPERSONALISED: frozenset({"some", "many"}),
    Q_FEEDBACK_BALANCE: frozenset({"mostly_negative"}),
    Q_REPLY_DELAY: frozenset({"rarely", "over_a_week"}),
    Q_RHYTHM: frozenset({"hardly", "bursts"}),
    Q_MEETINGS: frozenset({"none"}),
}
# The self-assessed dimensions the rules read, with the names their evidence gives them.
DIMENSION_NAMES: dict[str, tuple[str, str]] = {
    "tools": ("outils", "tools"),
    "helpers": ("accompagnement", "helpers"),
    "absence_zones": ("zones d’absence", "missing profiles"),
    "champions": ("ambassadeurs", "champions"),
    "listening": ("écoute", "listening"),
    "two_way": ("dialogue", "two-way communication"),
    "participation": ("participation", "participation"),
    "constancy": ("constance", "constancy"),
    "offline": ("rencontres hors ligne", "meeting offline"),
    "transparency": ("transparence", "transparency"),
    "commercial_restraint": ("retenue commerciale", "commercial restraint"),
    "boundaries": ("limites professionnelles", "professional boundaries"),
    "confidentiality": ("confidentialité", "confidentiality"),
}

Text = dict[str, str]  # {"fr": ..., "en": ...}


@dataclass(frozen=True)
class Finding:
    key: str  # tells apart several findings of one rule (a role code); "" otherwise
    params: dict[str, str | int | float]  # fill the {placeholders} of text and evidence
    evidence: Text  # why it fired, with the figure; may hold {placeholders} too
    pillar: str | None = None  # overrides the rule's pillar (blind spots: the gap's pillar)


@dataclass(frozen=True)
class Rule:
    code: str
    severity: str
    pillar: str
    source: str  # the product rule (DESIGN §2) or seed article it comes from
    text: Text  # the action to take, with optional {placeholders}
    condition: Callable[[Inputs, Reputation], list[Finding]] = field(repr=False)


@dataclass(frozen=True)
class Recommendation:
    code: str
    key: str
    severity: str
    pillar: str
    source: str
    text: Text  # filled
    evidence: Text  # filled


def recommend(
    inputs: Inputs,
    reputation: Reputation,
    *,
    labels: Mapping[str, Mapping[str, str]] | None = None,
) -> list[Recommendation]:
    """Every finding of every rule, most severe first, then by code and key.

    `labels` ({"fr": {"investor": "Investisseurs / banquiers", ...}, "en": {...}}) names the
    role, sector and pillar codes in the texts; without it the code itself is shown.
    """
    rank = {severity: index for index, severity in enumerate(SEVERITIES)}
    found = [
        Recommendation(
            code=rule.code,
            key=finding.key,
            severity=rule.severity,
            pillar=finding.pillar or rule.pillar,
            source=rule.source,
            text=fill(rule.text, finding.params, labels),
            evidence=fill(finding.evidence, finding.params, labels),
        )
        for rule in RULES
        for finding in rule.condition(inputs, reputation)
    ]
    return sorted(found, key=lambda r: (rank[r.severity], r.code, r.key))


def fill(
    template: Text,
    params: Mapping[str, str | int | float],
    labels: Mapping[str, Mapping[str, str]] | None = None,
) -> Text:
    """Fill each language's {placeholders}; numbers written the way that language writes them."""
    filled = {}
    for language in LANGUAGES:
        names = (labels or {}).get(language, {})
        values = {
            name: names.get(value, value)
            if name in LABELLED_PARAMS and isinstance(value, str)
            else _number(value, language)
            for name, value in params.items()
        }
        filled[language] = template[language].format_map(values)
    return filled


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def _number(value: str | int | float, language: str) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        text = f"{value:,}"
        return text.replace(",", "\u202f") if language == "fr" else text
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if language == "fr" else text


# ---------------------------------------------------------------------------
# Reading the inputs
# ---------------------------------------------------------------------------


def _dimension(inputs: Inputs, code: str) -> float | None:
    return ((inputs.self_scores or {}).get("dimensions") or {}).get(code)


def _scale(inputs: Inputs, code: str) -> int | None:
    value = inputs.answers.get(code)
    # bool is an int subclass: a yes/no answer is never a scale answer.
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _yes(inputs: Inputs, code: str) -> bool | None:
    value = inputs.answers.get(code)
    return value if isinstance(value, bool) else None


def _choice(inputs: Inputs, code: str) -> str | None:
    value = inputs.answers.get(code)
    return value if isinstance(value, str) else None


class _Signals:
    """Collects the reasons one rule fires; one finding whose evidence lists them all."""

    def __init__(self, inputs: Inputs) -> None:
        self.inputs = inputs
        self.parts: list[tuple[str, str]] = []
        self.params: dict[str, str | int | float] = {}

    def add(self, fr: str, en: str, **params: str | int | float) -> None:
        self.parts.append((fr, en))
        self.params.update(params)

    def dimension_below(self, code: str) -> None:
        score = _dimension(self.inputs, code)
        if score is not None and score < LOW_DIMENSION:
            fr_name, en_name = DIMENSION_NAMES[code]
            self.add(
                f"auto-évaluation « {fr_name} » : {{{code}_score}}/100",
                f"self-assessed {en_name}: {{{code}_score}}/100",
                **{f"{code}_score": score},
            )

    def scale_at_least(self, code: str, threshold: int, fr: str, en: str) -> None:
        value = _scale(self.inputs, code)
        if value is not None and value >= threshold:
            self.add(fr, en)

    def scale_at_most(self, code: str, threshold: int, fr: str, en: str) -> None:
        value = _scale(self.inputs, code)
        if value is not None and value <= threshold:
            self.add(fr, en)

    def answered(self, code: str, answer: bool, fr: str, en: str) -> None:
        if _yes(self.inputs, code) is answer:
            self.add(fr, en)

    def bad_choice(self, code: str, fr: str, en: str) -> None:
        if _choice(self.inputs, code) in BAD_CHOICES[code]:
            self.add(fr, en)

    def findings(self) -> list[Finding]:
        if not self.parts:
            return []
        evidence = {
            "fr": " ; ".join(fr for fr, _ in self.parts) + ".",
            "en": "; ".join(en for _, en in self.parts) + ".",
        }
        return [Finding("", dict(self.params), _capitalised(evidence))]


def _capitalised(text: Text) -> Text:
    return {language: value[:1].upper() + value[1:] for language, value in text.items()}


def _one(fr: str, en: str, **params: str | int | float) -> list[Finding]:
    return [Finding("", params, {"fr": fr, "en": en})]


# ---------------------------------------------------------------------------
# Conditions, grouped by where they come from
# ---------------------------------------------------------------------------


def _urgent(inputs: Inputs, reputation: Reputation) -> list[Finding]:
    signals = _Signals(inputs)
    if reputation.urgent:
        counts = (inputs.peer or {}).get("overall") or {}
        signals.add(
            # Counts come after a colon: no plural to agree with a count of 1.
            "avis neutres ou négatifs : {unfavourable}, contre avis positifs : {positive}",
            "neutral or negative appraisals: {unfavourable}, against positive: {positive}",
            unfavourable=counts.get("neutral", 0) + counts.get("negative", 0),
            positive=counts.get("positive", 0),
        )
    signals.bad_choice(
        Q_FEEDBACK_BALANCE,
        "vous indiquez recevoir surtout des avis négatifs ou neutres",
        "you report mostly negative or neutral opinions",
    )
    return signals.findings()


def _no_feedback_requested(inputs: Inputs, reputation: Reputation) -> list[Finding]:
    if inputs.peer and inputs.peer.get("requests_sent"):
        return []
    return _one("Aucune demande d’avis envoyée.", "No feedback request sent.")


def _low_response_rate(inputs: Inputs, reputation: Reputation) -> list[Finding]:
    peer = inputs.peer or {}
    rate = peer.get("response_rate")
    if rate is None or rate >= MAJORITY_SILENT:
        return []
    return _one(
        "Taux de réponse : {rate} % ({responses} sur {sent}) ; {silent} % de silence, qui "
        "ne vaut pas approbation.",
        "Response rate: {rate}% ({responses} of {sent}); {silent}% silence, which is not approval.",
        responses=peer.get("responses", 0),
        sent=peer.get("requests_sent", 0),
        rate=rate,
        silent=peer.get("silent_rate") or 0.0,
    )


def _too_few_responses(inputs: Inputs, reputation: Reputation) -> list[Finding]:
    peer = inputs.peer or {}
    responses = peer.get("responses", 0)
    if not peer.get("requests_sent") or responses >= MEDIUM_CONFIDENCE[0]:
        return []
    return _one(
        "Réponses reçues : {responses} ; il en faut au moins {needed} pour un score fiable.",
        "Answers received: {responses}; at least {needed} are needed for a reliable score.",
        responses=responses,
        needed=MEDIUM_CONFIDENCE[0],
    )


def _no_contacts_imported(inputs: Inputs, reputation: Reputation) -> list[Finding]:
    if inputs.network.total_contacts:
        return []
    return _one("Aucun contact importé.", "No contacts imported.")


def _absent_role(inputs: Inputs, reputation: Reputation) -> list[Finding]:
    if not inputs.network.total_contacts:  # nothing imported: that rule speaks instead
        return []
    return [
        Finding(
            role,
            {"role": role},
            {
                "fr": "Aucun contact « {role} » alors que votre objectif en a besoin.",
                "en": "No “{role}” contact, although your objective needs them.",
            },
        )
        for role in inputs.network.absent_roles
    ]


def _thin_role(inputs: Inputs, reputation: Reputation) -> list[Finding]:
    if not inputs.network.total_contacts:
        return []
    return [
        Finding(
            role,
            {"role": role, "limit": THIN_BELOW},
            {
                "fr": "Moins de {limit} contacts « {role} » : trop peu pour compter dessus.",
                "en": "Fewer than {limit} “{role}” contacts: too few to count on.",
            },
        )
        for role in inputs.network.thin_roles
    ]


def _absent_sector(inputs: Inputs, reputation: Reputation) -> list[Finding]:
    if not inputs.network.total_contacts:
        return []
    return [
        Finding(
            sector,
            {"sector": sector},
            {
                "fr": "Aucun contact dans le secteur « {sector} » visé par votre objectif.",
                "en": "No contact in the “{sector}” sector your objective targets.",
            },
        )
        for sector in inputs.network.absent_sectors
    ]


def _waiting_for_contacts(inputs: Inputs, reputation: Reputation) -> list[Finding]:
    signals = _Signals(inputs)
    signals.dimension_below("absence_zones")
    signals.scale_at_least(
        Q_WAITING,
        AGREE,
        "vous attendez que les bonnes personnes viennent à vous",
        "you wait for the right people to come to you",
    )
    signals.scale_at_most(
        Q_OUTREACH,
        RARELY,
        "vous allez rarement au-devant des profils qui vous manquent",
        "you rarely reach out to the profiles you lack",
    )
    return signals.findings()


def _few_champions(inputs: Inputs, reputation: Reputation) -> list[Finding]:
    network = inputs.network
    # Champions are counted from the messages; without a messages export nothing is known.
    if network.two_way_ratio is None or network.champions >= FEW_CHAMPIONS:
        return []
    return _one(
        "Contacts ayant échangé avec vous dans les deux sens : {champions}, moins de {needed}.",
        "Contacts who have had a two-way exchange with you: {champions}, fewer than {needed}.",
        champions=network.champions,
        needed=FEW_CHAMPIONS,
    )


def _neglected_champions(inputs: Inputs, reputation: Reputation) -> list[Finding]:
    signals = _Signals(inputs)
    signals.dimension_below("champions")
    signals.answered(
        Q_CHAMPIONS_KNOWN,
        False,
        "vous ne savez pas nommer les cinq personnes qui échangent le plus avec vous",
        "you cannot name the five people who interact with you most",
    )
    signals.scale_at_most(
        Q_RECIPROCATE,
        RARELY,
        "vous lisez et commentez rarement leurs contenus en retour",
        "you rarely read and comment on their content in return",
    )
    return signals.findings()


def _low_two_way_ratio(inputs: Inputs, reputation: Reputation) -> list[Finding]:
    ratio = inputs.network.two_way_ratio
    if ratio is None or ratio >= LOW_TWO_WAY:
        return []
    return _one(
        "{ratio} % seulement de vos conversations ont eu une réponse des deux côtés.",
        "Only {ratio}% of your conversations had replies from both sides.",
        ratio=ratio,
    )


def _slow_replies(inputs: Inputs, reputation: Reputation) -> list[Finding]:
    signals = _Signals(inputs)
    signals.dimension_below("two_way")
    signals.bad_choice(
        Q_REPLY_DELAY,
        "vous répondez rarement, ou après plus d’une semaine, aux messages",
        "you rarely reply to messages, or after more than a week",
    )
    signals.scale_at_most(
        Q_REPLY_COMMENTS,
        RARELY,
        "vous répondez rarement aux commentaires sous vos publications",
        "you rarely reply to comments on your posts",
    )
    return signals.findings()


def _impersonal_invitations(inputs: Inputs, reputation: Reputation) -> list[Finding]:
    network = inputs.network
    signals = _Signals(inputs)
    share = network.unsolicited_invitation_share
    if (
        share is not None
        and network.invitations_sent >= MIN_INVITATIONS
        and share >= IMPERSONAL_INVITATIONS
    ):
        signals.add(
            "{share} % de vos {invitations} invitations envoyées n’avaient pas de message "
            "personnel",
            "{share}% of your {invitations} sent invitations had no personal message",
            share=share,
            invitations=network.invitations_sent,
        )
    signals.bad_choice(
        Q_UNPERSONALISED,
        "plus de 5 invitations sans message personnel le mois dernier",
        "more than 5 invitations without a personal message last month",
    )
    return signals.findings()


def _collecting_contacts(inputs: Inputs, reputation: Reputation) -> list[Finding]:
    network = inputs.network
    signals = _Signals(inputs)
    if network.total_contacts > THOUSANDS:
        signals.add(
            "{contacts} contacts, au-delà de {limit}",
            "{contacts} contacts, beyond {limit}",
            contacts=network.total_contacts,
            limit=THOUSANDS,
        )
    elif (
        network.two_way_ratio is not None  # the messages are known
        and network.total_contacts >= BIG_NETWORK
        and 100 * network.contacts_with_exchanges < FEW_EXCHANGES * network.total_contacts
    ):
        signals.add(
            "{contacts} contacts, dont {exchanged} seulement avec qui vous avez échangé un message",
            "{contacts} contacts, only {exchanged} of whom you ever exchanged a message with",
            contacts=network.total_contacts,
            exchanged=network.contacts_with_exchanges,
        )
    return signals.findings()


def _numbers_first(inputs: Inputs, reputation: Reputation) -> list[Finding]:
    signals = _Signals(inputs)
    signals.scale_at_least(
        Q_NUMBERS_FIRST,
        AGREE,
        "le nombre de contacts est votre principale mesure de réussite",
        "the number of contacts is your main measure of success",
    )
    signals.scale_at_most(
        Q_ENGAGED_CIRCLE,
        DISAGREE,
        "vous préférez des milliers de contacts à dix contacts attentifs",
        "you prefer thousands of contacts to ten attentive ones",
    )
    return signals.findings()


def _commercial_spamming(inputs: Inputs, reputation: Reputation) -> list[Finding]:
    signals = _Signals(inputs)
    signals.dimension_below("commercial_restraint")
    signals.scale_at_least(
        Q_PITCH,
        SOMETIMES,
        "il vous arrive d’envoyer une offre commerciale juste après une mise en relation",
        "you send sales offers to people who have just accepted your invitation",
    )
    signals.scale_at_least(
        Q_SALES_CHANNEL,
        AGREE,
        "vos réseaux servent d’abord à promouvoir vos offres",
        "your networks are mainly a channel to promote your offers",
    )
    conduct = (reputation.pillars.get("conduct") or {}).get("peers_on_five")
    if conduct is not None and conduct < LOW_PEER_CONDUCT:
        signals.add(
            "vos pairs notent votre conduite {conduct}/5",
            "your peers rate your conduct {conduct}/5",
            conduct=conduct,
        )
    return signals.findings()


def _soliciting_executives(inputs: Inputs, reputation: Reputation) -> list[Finding]:
    signals = _Signals(inputs)
    signals.answered(
        Q_SOLICIT_EXECUTIVES,
        True,
        "vous avez démarché un dirigeant sans échange préalable ces six derniers mois",
        "you approached an executive with no prior exchange in the last six months",
    )
    return signals.findings()


def _emotional_reactions(inputs: Inputs, reputation: Reputation) -> list[Finding]:
    signals = _Signals(inputs)
    signals.dimension_below("boundaries")
    signals.scale_at_least(
        Q_EMOTIONAL,
        AGREE,
        "il vous arrive de réagir à chaud sur un réseau professionnel",
        "you sometimes react in the heat of the moment on a professional network",
    )
    signals.answered(
        Q_PERSONAL_ATTACKS,
        True,
        "vous avez mis quelqu’un en cause personnellement dans un commentaire public",
        "you criticised someone personally in a public comment",
    )
    return signals.findings()


def _confidentiality(inputs: Inputs, reputation: Reputation) -> list[Finding]:
    signals = _Signals(inputs)
    signals.dimension_below("confidentiality")
    signals.answered(
        Q_SHARED_INTERNAL,
        True,
        "vous avez déjà publié une information interne ou non publique",
        "you have posted internal or non-public information",
    )
    signals.scale_at_least(
        Q_WORKPLACE_POSTS,
        AGREE,
        "vous partagez des photos ou anecdotes de réunions ou du lieu de travail",
        "you share photos or anecdotes from meetings or the workplace",
    )
    return signals.findings()


def _password_reuse(inputs: Inputs, reputation: Reputation) -> list[Finding]:
    signals = _Signals(inputs)
    # "Neither agree nor disagree" to "I use the same password" already means some reuse.
    signals.scale_at_least(
        Q_SHARED_PASSWORDS,
        SOMETIMES,
        "vous utilisez le même mot de passe pour plusieurs comptes",
        "you use the same password for several accounts",
    )
    return signals.findings()


def _suspicious_links(inputs: Inputs, reputation: Reputation) -> list[Finding]:
    signals = _Signals(inputs)
    signals.scale_at_most(
        Q_SUSPICIOUS_LINKS,
        DISAGREE,
        "vous cliquez sur des liens sans vérifier que l’expéditeur a une raison légitime de "
        "vous écrire",
        "you click links without checking that the sender has a legitimate reason to write",
    )
    return signals.findings()


def _privacy_settings(inputs: Inputs, reputation: Reputation) -> list[Finding]:
    signals = _Signals(inputs)
    signals.answered(
        Q_PRIVACY_SETTINGS,
        False,
        "paramètres de confidentialité non vérifiés depuis plus de douze mois",
        "privacy settings not checked in the last twelve months",
    )
    return signals.findings()


def _transparency(inputs: Inputs, reputation: Reputation) -> list[Finding]:
    signals = _Signals(inputs)
    signals.dimension_below("transparency")
    signals.answered(
        Q_EMBELLISH,
        True,
        "vous avez déjà exagéré vos compétences ou vos résultats sur un profil",
        "you have overstated your skills or results on a profile",
    )
    return signals.findings()


def _self_audit_missing(inputs: Inputs, reputation: Reputation) -> list[Finding]:
    if inputs.self_scores is not None:
        return []
    return _one("Auto-évaluation non soumise.", "Self-assessment not submitted.")


def _no_measurable_objective(inputs: Inputs, reputation: Reputation) -> list[Finding]:
    objective = inputs.objective
    signals = _Signals(inputs)
    # A deadline due today or passed makes the objective "not measurable" too; the deadline
    # rules speak for it.
    due = objective.days_left is not None and objective.days_left <= 0
    if not objective.measurable and not due:
        signals.add(
            "votre objectif n’a pas de quantité cible ou d’échéance",
            "your objective has no target quantity or no deadline",
        )
    signals.bad_choice(
        Q_FORMULATION,
        "vous décrivez votre objectif comme non chiffré ou non daté",
        "you describe your goal as having no figure or no deadline",
    )
    return signals.findings()


def _deadline_passed(inputs: Inputs, reputation: Reputation) -> list[Finding]:
    days = inputs.objective.days_left
    if days is None or days >= 0:
        return []
    return _one(
        "Jours écoulés depuis l’échéance : {days}.",
        "Days since the deadline: {days}.",
        days=-days,
    )


def _deadline_close(inputs: Inputs, reputation: Reputation) -> list[Finding]:
    days = inputs.objective.days_left
    if days is None or not 0 <= days <= DEADLINE_CLOSE:
        return []
    return _one(
        "Jours restants avant l’échéance : {days}.",
        "Days left before the deadline: {days}.",
        days=days,
    )


def _tools_not_chosen(inputs: Inputs, reputation: Reputation) -> list[Finding]:
    signals = _Signals(inputs)
    signals.dimension_below("tools")
    signals.scale_at_most(
        Q_CHOSEN_PER_GOAL,
        DISAGREE,
        "vos réseaux n’ont pas été choisis selon votre objectif",
        "your networks were not chosen for your goal",
    )
    signals.scale_at_least(
        Q_EVERYWHERE,
        AGREE,
        "vous vous inscrivez sur chaque nouveau réseau sans usage précis",
        "you sign up to every new network without a clear use",
    )
    signals.answered(
        Q_PURPOSE_KNOWN,
        False,
        "vous ne savez pas dire à quoi vous sert chacun de vos comptes",
        "you cannot say what each of your accounts is for",
    )
    return signals.findings()


def _no_helpers(inputs: Inputs, reputation: Reputation) -> list[Finding]:
    signals = _Signals(inputs)
    signals.dimension_below("helpers")
    signals.scale_at_least(
        Q_EXCUSES,
        AGREE,
        "le manque de temps ou de savoir-faire vous arrête",
        "a lack of time or know-how holds you back",
    )
    signals.scale_at_most(
        Q_SEEK_EXPERTISE,
        DISAGREE,
        "vous ne faites pas appel à quelqu’un quand une compétence vous manque",
        "you do not turn to someone when you lack a skill",
    )
    return signals.findings()


def _no_external_view(inputs: Inputs, reputation: Reputation) -> list[Finding]:
    signals = _Signals(inputs)
    signals.answered(
        Q_EXTERNAL_VIEW,
        False,
        "vos pratiques n’ont jamais été examinées par une personne extérieure et indépendante",
        "your practices have never been reviewed by an independent outsider",
    )
    return signals.findings()


def _not_listening(inputs: Inputs, reputation: Reputation) -> list[Finding]:
    signals = _Signals(inputs)
    signals.dimension_below("listening")
    signals.scale_at_least(
        Q_SILENCE_APPROVAL,
        AGREE,
        "vous prenez l’absence de réaction pour une approbation",
        "you take the absence of reactions for approval",
    )
    signals.scale_at_most(
        Q_ASK_FEEDBACK,
        RARELY,
        "vous demandez rarement à votre entourage ce qu’il pense de vos pratiques",
        "you rarely ask the people around you what they think of your practices",
    )
    return signals.findings()


def _low_participation(inputs: Inputs, reputation: Reputation) -> list[Finding]:
    signals = _Signals(inputs)
    signals.dimension_below("participation")
    signals.scale_at_least(
        Q_SELF_CENTRED,
        AGREE,
        "vos interventions portent surtout sur vous",
        "your activity is mostly about yourself",
    )
    signals.scale_at_most(
        Q_COMMENT_OTHERS,
        RARELY,
        "vous commentez ou relayez rarement les contenus des autres",
        "you rarely comment on or share other people’s content",
    )
    return signals.findings()


def _lack_of_constancy(inputs: Inputs, reputation: Reputation) -> list[Finding]:
    signals = _Signals(inputs)
    signals.dimension_below("constancy")
    signals.bad_choice(
        Q_RHYTHM,
        "activité par à-coups ou presque nulle ces trois derniers mois",
        "activity in bursts or hardly any over the last three months",
    )
    signals.scale_at_most(
        Q_BUSY_PERIODS,
        DISAGREE,
        "vous disparaissez en période chargée",
        "you disappear when you are busy",
    )
    return signals.findings()


def _no_offline_contact(inputs: Inputs, reputation: Reputation) -> list[Finding]:
    signals = _Signals(inputs)
    signals.dimension_below("offline")
    signals.bad_choice(
        Q_MEETINGS,
        "aucun contact en ligne rencontré en personne ces six derniers mois",
        "no online contact met in person in the last six months",
    )
    return signals.findings()


def _gap_finding(gap: Gap, fr: str, en: str) -> Finding:
    return Finding(
        gap.pillar,
        {
            "pillar": gap.pillar,
            "self": gap.self_on_five,
            "peers": gap.peers,
            "gap": abs(gap.gap),
        },
        {"fr": fr, "en": en},
        pillar=gap.pillar,
    )


def _blind_spot(inputs: Inputs, reputation: Reputation) -> list[Finding]:
    return [
        _gap_finding(
            gap,
            "« {pillar} » : vous vous notez {self}/5, vos pairs {peers}/5 (écart {gap}).",
            "“{pillar}”: you rate yourself {self}/5, your peers {peers}/5 (gap {gap}).",
        )
        for gap in reputation.blind_spots
    ]


def _hidden_strength(inputs: Inputs, reputation: Reputation) -> list[Finding]:
    return [
        _gap_finding(
            gap,
            "« {pillar} » : vos pairs vous notent {peers}/5, vous {self}/5 (écart {gap}).",
            "“{pillar}”: your peers rate you {peers}/5, you {self}/5 (gap {gap}).",
        )
        for gap in reputation.hidden_strengths
    ]


# ---------------------------------------------------------------------------
# The catalogue
# ---------------------------------------------------------------------------

RULES: tuple[Rule, ...] = (
    # Conduct & trust --------------------------------------------------------
    Rule(
        code="urgent_change_practices",
        severity="urgent",
        pillar="conduct",
        source="000 · negative + neutral > positive ⇒ urgent",
        text={
            "fr": "Changez vos pratiques en ligne dès maintenant : suspendez les messages "
            "promotionnels, relisez vos dernières publications avec un regard critique et "
            "formez-vous aux relations humaines, notamment numériques.",
            "en": "Change your online practices now: pause promotional messages, review your "
            "recent posts with a critical eye and get trained in human relations, online "
            "ones in particular.",
        },
        condition=_urgent,
    ),
    Rule(
        code="commercial_spamming",
        severity="high",
        pillar="conduct",
        source="000 · commercial spamming; 003 · not a sales pitch",
        text={
            "fr": "Arrêtez les sollicitations commerciales non demandées : ne présentez votre "
            "offre qu’aux personnes qui ont exprimé un besoin, et jamais dans le premier "
            "message après une mise en relation.",
            "en": "Stop unsolicited sales messages: present your offer only to people who "
            "have expressed a need, and never in the first message after connecting.",
        },
        condition=_commercial_spamming,
    ),
    Rule(
        code="soliciting_executives",
        severity="high",
        pillar="conduct",
        source="003 · do not solicit executives",
        text={
            "fr": "Ne sollicitez plus de dirigeants à froid pour vos produits ou votre "
            "candidature : bâtissez d’abord un échange, ou demandez une introduction à un "
            "contact commun.",
            "en": "Stop cold-pitching executives about your products or your application: "
            "build an exchange first, or ask a mutual contact for an introduction.",
        },
        condition=_soliciting_executives,
    ),
    Rule(
        code="emotional_reactions",
        severity="high",
        pillar="conduct",
        source="003 · a professional network is not a personal site",
        text={
            "fr": "Ne réagissez plus à chaud sur un réseau professionnel : attendez le "
            "lendemain avant de publier un commentaire sous le coup de l’émotion, et "
            "critiquez des idées, jamais des personnes.",
            "en": "Stop reacting in the heat of the moment on professional networks: wait "
            "until the next day before posting an emotional comment, and criticise ideas, "
            "never people.",
        },
        condition=_emotional_reactions,
    ),
    Rule(
        code="confidentiality",
        severity="high",
        pillar="conduct",
        source="003 · never share confidential information",
        text={
            "fr": "Ne publiez aucune information interne ou non publique, ni photo prise en "
            "réunion : écrivez chaque message, même privé, comme s’il allait être capturé "
            "et diffusé.",
            "en": "Post no internal or non-public information and no photos taken in "
            "meetings: write every message, even a private one, as if it will be "
            "screenshotted and shared.",
        },
        condition=_confidentiality,
    ),
    Rule(
        code="transparency",
        severity="high",
        pillar="conduct",
        source="002 · be transparent; 004 · not being transparent",
        text={
            "fr": "Relisez vos profils et retirez toute exagération : présentez fidèlement "
            "vos compétences et vos résultats, et dites-le quand vous débutez.",
            "en": "Review your profiles and remove any overstatement: present your skills "
            "and results faithfully, and say so when you are new to something.",
        },
        condition=_transparency,
    ),
    Rule(
        code="password_reuse",
        severity="high",
        pillar="conduct",
        source="003 · security hygiene: distinct passwords",
        text={
            "fr": "Utilisez un mot de passe différent pour chaque compte (un gestionnaire de "
            "mots de passe vous aide) et activez la validation en deux étapes.",
            "en": "Use a different password for every account (a password manager helps) "
            "and turn on two-step verification.",
        },
        condition=_password_reuse,
    ),
    Rule(
        code="suspicious_links",
        severity="medium",
        pillar="conduct",
        source="003 · security hygiene: suspicious links",
        text={
            "fr": "Avant de cliquer sur un lien reçu, vérifiez que l’expéditeur a une raison "
            "légitime de vous écrire ; en cas de doute, contactez-le par un autre moyen.",
            "en": "Before clicking a link you receive, check that the sender has a legitimate "
            "reason to write to you; when in doubt, contact them another way.",
        },
        condition=_suspicious_links,
    ),
    Rule(
        code="privacy_settings",
        severity="medium",
        pillar="conduct",
        source="003 · privacy of personal data",
        text={
            "fr": "Vérifiez dès cette semaine les paramètres de confidentialité de chacun de "
            "vos comptes, et limitez ce que les inconnus et les annonceurs voient de vos "
            "données personnelles.",
            "en": "Check the privacy settings of each of your accounts this week, and limit "
            "what strangers and advertisers can see of your personal data.",
        },
        condition=_privacy_settings,
    ),
    # Engagement -------------------------------------------------------------
    Rule(
        code="no_feedback_requested",
        severity="high",
        pillar="engagement",
        source="000 · ask the people around you",
        text={
            "fr": "Demandez à votre entourage professionnel si vos mots, vos images, votre "
            "comportement et vos actions en ligne lui plaisent : envoyez des demandes "
            "d’avis à au moins dix personnes de cercles différents.",
            "en": "Ask the people you work with whether they like your words, images, "
            "behaviour and actions online: send feedback requests to at least ten people "
            "from different circles.",
        },
        condition=_no_feedback_requested,
    ),
    Rule(
        code="low_response_rate",
        severity="high",
        pillar="engagement",
        source="000 · silence is not consent",
        text={
            "fr": "Relancez personnellement les personnes qui n’ont pas répondu et élargissez "
            "vos demandes : le silence de la majorité ne veut pas dire qu’elle apprécie.",
            "en": "Follow up personally with the people who have not answered and ask more "
            "people: the silence of the majority does not mean they approve.",
        },
        condition=_low_response_rate,
    ),
    Rule(
        code="too_few_responses",
        severity="medium",
        pillar="engagement",
        source="DESIGN §5 · confidence from the number of responses",
        text={
            "fr": "Recueillez au moins {needed} avis, idéalement 10, avant de vous fier au "
            "score : sollicitez d’autres collègues, clients ou partenaires.",
            "en": "Collect at least {needed} answers, ideally 10, before relying on the "
            "score: ask other colleagues, clients or partners.",
        },
        condition=_too_few_responses,
    ),
    Rule(
        code="not_listening",
        severity="high",
        pillar="engagement",
        source="004 · not listening; 000 · silence is not approval",
        text={
            "fr": "Écoutez avant de parler : lisez ce que publient vos contacts, demandez "
            "régulièrement leur avis sur vos pratiques et ne prenez jamais l’absence de "
            "réaction pour une approbation.",
            "en": "Listen before you speak: read what your contacts post, regularly ask for "
            "their opinion of your practices and never take silence for approval.",
        },
        condition=_not_listening,
    ),
    Rule(
        code="low_two_way_ratio",
        severity="high",
        pillar="engagement",
        source="002 · favour two-way communication",
        text={
            "fr": "Transformez vos monologues en conversations : répondez à chaque message "
            "reçu et terminez les vôtres par une question qui appelle une réponse.",
            "en": "Turn monologues into conversations: answer every message you receive and "
            "end yours with a question that calls for a reply.",
        },
        condition=_low_two_way_ratio,
    ),
    Rule(
        code="slow_replies",
        severity="medium",
        pillar="engagement",
        source="002 · favour two-way communication",
        text={
            "fr": "Répondez aux messages professionnels sous 48 heures et à chaque "
            "commentaire laissé sous vos publications : vos interlocuteurs doivent sentir "
            "qu’ils comptent.",
            "en": "Reply to professional messages within 48 hours and to every comment on "
            "your posts: people need to feel that they matter to you.",
        },
        condition=_slow_replies,
    ),
    Rule(
        code="low_participation",
        severity="medium",
        pillar="engagement",
        source="004 · not participating",
        text={
            "fr": "Donnez avant de demander : commentez ou relayez chaque semaine les "
            "contenus d’autres professionnels, et parlez moins de vous.",
            "en": "Give before you ask: comment on or share other professionals’ content "
            "every week, and talk less about yourself.",
        },
        condition=_low_participation,
    ),
    Rule(
        code="lack_of_constancy",
        severity="medium",
        pillar="engagement",
        source="002 · perseverance and constancy",
        text={
            "fr": "Gardez une présence minimale même en période chargée : quinze minutes "
            "par semaine pour répondre, commenter et prendre des nouvelles.",
            "en": "Keep a minimum presence even when you are busy: fifteen minutes a week to "
            "reply, comment and keep in touch.",
        },
        condition=_lack_of_constancy,
    ),
    Rule(
        code="no_offline_contact",
        severity="medium",
        pillar="engagement",
        source="002 · meet offline to strengthen the contact",
        text={
            "fr": "Proposez un café ou un rendez-vous aux contacts avec qui l’échange en "
            "ligne se passe bien : visez une rencontre par mois.",
            "en": "Suggest a coffee or a meeting to the contacts with whom online exchanges "
            "go well: aim for one meeting a month.",
        },
        condition=_no_offline_contact,
    ),
    # Network ----------------------------------------------------------------
    Rule(
        code="no_contacts_imported",
        severity="high",
        pillar="network",
        source="001 · map your network against your objectives",
        text={
            "fr": "Importez vos contacts (export LinkedIn, Google, vCard) pour cartographier "
            "votre réseau et repérer les profils qui manquent à votre objectif.",
            "en": "Import your contacts (LinkedIn export, Google, vCard) to map your network "
            "and spot the profiles your objective lacks.",
        },
        condition=_no_contacts_imported,
    ),
    Rule(
        code="absent_role",
        severity="high",
        pillar="network",
        source="001 · zones of relational absence",
        text={
            "fr": "Zone d’absence « {role} » : allez activement à la rencontre de ces "
            "profils — événements, groupes spécialisés, introductions par vos contacts — "
            "avec une invitation personnalisée.",
            "en": "Missing profile “{role}”: reach out to these people actively — events, "
            "specialised groups, introductions by your contacts — with a personal "
            "invitation.",
        },
        condition=_absent_role,
    ),
    Rule(
        code="thin_role",
        severity="medium",
        pillar="network",
        source="001 · zones of relational absence",
        text={
            "fr": "Renforcez votre présence auprès des profils « {role} » : demandez à ceux "
            "que vous connaissez de vous présenter à d’autres.",
            "en": "Strengthen your ties with “{role}” profiles: ask those you know to "
            "introduce you to others.",
        },
        condition=_thin_role,
    ),
    Rule(
        code="absent_sector",
        severity="medium",
        pillar="network",
        source="001 · zones of relational absence",
        text={
            "fr": "Entrez en relation avec des professionnels du secteur « {sector} » : "
            "participez à ses événements et rejoignez ses groupes avant de proposer quoi "
            "que ce soit.",
            "en": "Connect with professionals from the “{sector}” sector: attend its events "
            "and join its groups before offering anything.",
        },
        condition=_absent_sector,
    ),
    Rule(
        code="waiting_for_contacts",
        severity="medium",
        pillar="network",
        source="001 · proactive networking",
        text={
            "fr": "N’attendez pas que les bonnes personnes viennent à vous : chaque mois, "
            "contactez trois personnes des profils qui vous manquent, avec un message "
            "personnel.",
            "en": "Do not wait for the right people to come to you: each month, contact "
            "three people from the profiles you lack, with a personal message.",
        },
        condition=_waiting_for_contacts,
    ),
    Rule(
        code="few_champions",
        severity="medium",
        pillar="network",
        source="002 · identify your champions",
        text={
            "fr": "Faites émerger des ambassadeurs : relancez la conversation avec les "
            "contacts qui réagissent à vos publications et répondez-leur personnellement.",
            "en": "Grow your champions: restart the conversation with the contacts who react "
            "to your posts and answer them personally.",
        },
        condition=_few_champions,
    ),
    Rule(
        code="neglected_champions",
        severity="medium",
        pillar="network",
        source="002 · look after your champions",
        text={
            "fr": "Prenez soin de ceux qui échangent le plus avec vous : lisez et commentez "
            "leurs publications, et transmettez-leur les informations qui les intéressent.",
            "en": "Look after those who interact with you most: read and comment on their "
            "posts, and pass on the information that interests them.",
        },
        condition=_neglected_champions,
    ),
    Rule(
        code="impersonal_invitations",
        severity="medium",
        pillar="network",
        source="003 · unsolicited connection requests",
        text={
            "fr": "Ajoutez toujours un mot personnel à vos invitations : dites pourquoi vous "
            "souhaitez entrer en relation avec cette personne.",
            "en": "Always add a personal note to your invitations: say why you want to "
            "connect with this person.",
        },
        condition=_impersonal_invitations,
    ),
    Rule(
        code="collecting_contacts",
        severity="medium",
        pillar="network",
        source="003 · collecting thousands of contacts; 004 · caring only about numbers",
        text={
            "fr": "Privilégiez la qualité au nombre : cessez d’accumuler les contacts et "
            "entretenez les relations avec ceux qui comptent pour votre objectif.",
            "en": "Favour quality over numbers: stop collecting contacts and nurture your "
            "relationships with those who matter for your objective.",
        },
        condition=_collecting_contacts,
    ),
    Rule(
        code="numbers_first",
        severity="low",
        pillar="network",
        source="004 · caring only about numbers",
        text={
            "fr": "Mesurez votre réussite aux échanges et aux rendez-vous obtenus, pas au "
            "nombre d’abonnés : dix contacts attentifs valent mieux que dix mille "
            "indifférents.",
            "en": "Measure success by the conversations and meetings you get, not by your "
            "follower count: ten attentive contacts beat ten thousand indifferent ones.",
        },
        condition=_numbers_first,
    ),
    # Strategy ---------------------------------------------------------------
    Rule(
        code="self_audit_missing",
        severity="medium",
        pillar="strategy",
        source="000 · audit your ePratiques",
        text={
            "fr": "Terminez et soumettez votre auto-évaluation : sans elle, impossible de "
            "comparer votre regard à celui de vos pairs.",
            "en": "Finish and submit your self-assessment: without it, your view cannot be "
            "compared with your peers’.",
        },
        condition=_self_audit_missing,
    ),
    Rule(
        code="no_measurable_objective",
        severity="high",
        pillar="strategy",
        source="002 · measurable objectives; 004 · no strategy",
        text={
            "fr": "Fixez-vous un objectif mesurable : une quantité et une échéance, par "
            "exemple « trois rendez-vous avec des investisseurs d’ici fin juin ».",
            "en": "Set a measurable objective: a quantity and a deadline, for example "
            "“three meetings with investors by the end of June”.",
        },
        condition=_no_measurable_objective,
    ),
    Rule(
        code="objective_deadline_passed",
        severity="high",
        pillar="strategy",
        source="002 · measurable objectives; 001 · objectives change over a career",
        text={
            "fr": "Faites le bilan de l’objectif échu et fixez-en un nouveau, avec une "
            "quantité et une échéance adaptées à votre situation actuelle.",
            "en": "Review the objective whose deadline has passed and set a new one, with a "
            "quantity and a deadline that fit your current situation.",
        },
        condition=_deadline_passed,
    ),
    Rule(
        code="objective_deadline_close",
        severity="medium",
        pillar="strategy",
        source="002 · measurable objectives",
        text={
            "fr": "Votre échéance approche : comparez vos résultats à la cible et "
            "concentrez vos efforts sur les contacts qui peuvent vous aider à l’atteindre.",
            "en": "Your deadline is close: compare your results with the target and focus "
            "on the contacts who can help you reach it.",
        },
        condition=_deadline_close,
    ),
    Rule(
        code="tools_not_chosen",
        severity="medium",
        pillar="strategy",
        source="002 · choose the tools per objective; 004 · no strategy",
        text={
            "fr": "Choisissez vos réseaux selon votre objectif : gardez les deux ou trois "
            "qui le servent et mettez les autres en veille.",
            "en": "Choose your networks according to your objective: keep the two or three "
            "that serve it and put the others on hold.",
        },
        condition=_tools_not_chosen,
    ),
    Rule(
        code="no_helpers",
        severity="medium",
        pillar="strategy",
        source="002 · find the right people to help",
        text={
            "fr": "Entourez-vous des bonnes personnes : confiez ou apprenez auprès de "
            "quelqu’un qui s’y connaît ce que le temps ou le savoir-faire vous empêche de "
            "faire.",
            "en": "Surround yourself with the right people: delegate, or learn from someone "
            "who knows, what time or know-how keeps you from doing.",
        },
        condition=_no_helpers,
    ),
    Rule(
        code="no_external_view",
        severity="medium",
        pillar="strategy",
        source="001 · audit by an independent outside professional",
        text={
            "fr": "Faites relire votre audit par un professionnel extérieur et indépendant "
            "— ni parent, ni ami, ni ancien collègue de travail ou de loisirs — par exemple "
            "un consultant invité depuis ePratiques.",
            "en": "Have your audit reviewed by an independent outside professional — neither "
            "a relative, a friend nor a former colleague from work or leisure — for example "
            "a consultant invited through ePratiques.",
        },
        condition=_no_external_view,
    ),
    # Self against peers (any pillar) -----------------------------------------
    Rule(
        code="blind_spot",
        severity="high",
        pillar="*",  # the pillar of each gap
        source="DESIGN §5 · blind spots: self above peers by ≥ 1 point",
        text={
            "fr": "Vos pairs perçoivent « {pillar} » moins bien que vous : demandez à deux "
            "ou trois d’entre eux ce qu’ils vous conseilleraient de changer, et commencez "
            "par là.",
            "en": "Your peers see “{pillar}” less favourably than you do: ask two or three "
            "of them what they would advise you to change, and start there.",
        },
        condition=_blind_spot,
    ),
    Rule(
        code="hidden_strength",
        severity="low",
        pillar="*",
        source="DESIGN §5 · hidden strengths: peers above self by ≥ 1 point",
        text={
            "fr": "Vos pairs apprécient « {pillar} » plus que vous ne le pensez : appuyez-vous "
            "sur cette force et mettez-la davantage en avant.",
            "en": "Your peers value “{pillar}” more than you think: build on this strength "
            "and show it more.",
        },
        condition=_hidden_strength,
    ),
)
