"""Conditions that read the network: contacts, absence zones, champions, LinkedIn behaviour."""

from __future__ import annotations

from audits.scores.conditions.base import AGREE, DISAGREE, RARELY, Finding, Signals, one
from audits.scores.engine import MIN_INVITATIONS, Inputs, Reputation
from contacts.alignment import THIN_BELOW

FEW_CHAMPIONS = 5  # the five people who exchange with you most (002)
LOW_TWO_WAY = 50  # % of conversations with an answer from both sides
IMPERSONAL_INVITATIONS = 30  # % of sent invitations without a personal note
THOUSANDS = 5000  # "people who have collected more than 5,000 contacts" (003)
BIG_NETWORK = 500  # from this many contacts, a network with few exchanges is a crowd
FEW_EXCHANGES = 10  # % of contacts you ever exchanged a message with

Q_OUTREACH = "network.absence_zones.outreach"
Q_WAITING = "network.absence_zones.waiting"  # reverse
Q_RECIPROCATE = "network.champions.reciprocate"
Q_UNPERSONALISED = "network.quality.unpersonalised_invites"
Q_NUMBERS_FIRST = "network.quality.numbers_first"  # reverse
Q_ENGAGED_CIRCLE = "network.quality.engaged_circle"
RARE_OUTREACH = frozenset({"none"})
MANY_UNPERSONALISED = frozenset({"some", "many"})


def no_contacts_imported(inputs: Inputs, reputation: Reputation) -> list[Finding]:
    return [] if inputs.network.total_contacts else one("none")


def absent_role(inputs: Inputs, reputation: Reputation) -> list[Finding]:
    if not inputs.network.total_contacts:  # nothing imported: that rule speaks instead
        return []
    return [
        # The advice is contacts.absence_texts' (the labels name "advice:role:<code>").
        Finding(role, {"role": role, "advice": f"advice:role:{role}"}, ("absent",), gap=100)
        for role in inputs.network.absent_roles
    ]


def thin_role(inputs: Inputs, reputation: Reputation) -> list[Finding]:
    if not inputs.network.total_contacts:
        return []
    return [
        Finding(
            role,
            {"role": role, "limit": THIN_BELOW, "advice": f"advice:role:{role}"},
            ("thin",),
            gap=50,
        )
        for role in inputs.network.thin_roles
    ]


def absent_sector(inputs: Inputs, reputation: Reputation) -> list[Finding]:
    if not inputs.network.total_contacts:
        return []
    return [
        Finding(
            sector, {"sector": sector, "advice": f"advice:sector:{sector}"}, ("absent",), gap=100
        )
        for sector in inputs.network.absent_sectors
    ]


def waiting_for_contacts(inputs: Inputs, reputation: Reputation) -> list[Finding]:
    signals = Signals(inputs, reputation, "absence_zones")
    signals.dimension_below()
    signals.at_least(Q_WAITING, AGREE, "waiting")
    signals.seldom(Q_OUTREACH, RARE_OUTREACH, "outreach")
    signals.peers_below()
    return signals.findings()


def few_champions(inputs: Inputs, reputation: Reputation) -> list[Finding]:
    network = inputs.network
    # Champions are counted from the messages; without a messages export nothing is known.
    if network.two_way_ratio is None or network.champions >= FEW_CHAMPIONS:
        return []
    return one("few", champions=network.champions, needed=FEW_CHAMPIONS)


def neglected_champions(inputs: Inputs, reputation: Reputation) -> list[Finding]:
    signals = Signals(inputs, reputation, "champions")
    signals.dimension_below()
    signals.at_most(Q_RECIPROCATE, RARELY, "reciprocate")
    signals.peers_below()
    names = inputs.network.champion_names
    if not signals.names:
        return []
    if not names:  # the app cannot name them (no messages imported): ask for the export
        return signals.findings(variant="unnamed")
    signals.params.update(names=", ".join(names), first=names[0])
    return signals.findings()


def low_two_way_ratio(inputs: Inputs, reputation: Reputation) -> list[Finding]:
    ratio = inputs.network.two_way_ratio
    if ratio is None or ratio >= LOW_TWO_WAY:
        return []
    return one("ratio", ratio=ratio)


def impersonal_invitations(inputs: Inputs, reputation: Reputation) -> list[Finding]:
    network = inputs.network
    signals = Signals(inputs, reputation)
    share = network.unsolicited_invitation_share
    if (
        share is not None
        and network.invitations_sent >= MIN_INVITATIONS
        and share >= IMPERSONAL_INVITATIONS
    ):
        signals.add("share", share=share, invitations=network.invitations_sent)
    signals.chose(Q_UNPERSONALISED, MANY_UNPERSONALISED, "self")
    return signals.findings()


def collecting_contacts(inputs: Inputs, reputation: Reputation) -> list[Finding]:
    network = inputs.network
    signals = Signals(inputs, reputation)
    if network.total_contacts > THOUSANDS:
        signals.add("thousands", contacts=network.total_contacts, limit=THOUSANDS)
    elif (
        network.two_way_ratio is not None  # the messages are known
        and network.total_contacts >= BIG_NETWORK
        and 100 * network.contacts_with_exchanges < FEW_EXCHANGES * network.total_contacts
    ):
        signals.add(
            "crowd", contacts=network.total_contacts, exchanged=network.contacts_with_exchanges
        )
    return signals.findings()


def numbers_first(inputs: Inputs, reputation: Reputation) -> list[Finding]:
    signals = Signals(inputs, reputation)
    signals.at_least(Q_NUMBERS_FIRST, AGREE, "numbers")
    signals.at_most(Q_ENGAGED_CIRCLE, DISAGREE, "engaged")
    return signals.findings()


CONDITIONS = {
    "no_contacts_imported": no_contacts_imported,
    "absent_role": absent_role,
    "thin_role": thin_role,
    "absent_sector": absent_sector,
    "waiting_for_contacts": waiting_for_contacts,
    "few_champions": few_champions,
    "neglected_champions": neglected_champions,
    "low_two_way_ratio": low_two_way_ratio,
    "impersonal_invitations": impersonal_invitations,
    "collecting_contacts": collecting_contacts,
    "numbers_first": numbers_first,
}
