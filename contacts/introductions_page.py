"""Reads for the introductions pages: a fixed number of queries whatever the network's size."""

from dataclasses import dataclass

from django.db.models import Q
from django.http import Http404
from django.utils import translation

from accounts.models import User
from contacts.alignment import Zone
from contacts.introduction_texts import draft_text, reason_text, zone_name
from contacts.introductions import Candidate, Suggestion, rank
from contacts.models import Contact, IntroductionRequest
from contacts.objectives import active_objective
from contacts.selectors import CHAMPION, exchanges_expression, network_alignment
from contacts.taxonomy import RoleCategory, Sector

# The ranking reads at most this many contacts, the most engaged first: enough for every real
# network's likely introducers, and the page's cost stays bounded on a 30,000-contact import.
CANDIDATES_LIMIT = 3000


@dataclass
class Proposal:
    contact: Contact
    suggestion: Suggestion
    reasons: list[str]
    draft: str
    request: IntroductionRequest | None


def zones_and_objective(owner: User) -> tuple[object | None, list[Zone]]:
    """The active objective and its absent or thin zones (those that call for an introduction)."""
    objective = active_objective(owner)
    if objective is None:
        return None, []
    alignment = network_alignment(owner, objective.needed_roles, objective.needed_sectors)
    return objective, alignment.gaps


def zone_for(owner: User, kind: str, code: str) -> tuple[object, Zone]:
    """One gap of the active objective, or 404 (an unknown code, a covered or unneeded zone)."""
    valid = RoleCategory.values if kind == "role" else Sector.values if kind == "sector" else []
    if code not in valid:
        raise Http404
    objective, gaps = zones_and_objective(owner)
    zone = next((z for z in gaps if z.kind == kind and z.code == code), None)
    if zone is None:
        raise Http404
    return objective, zone


def _candidates(owner: User, zone: Zone, target_sectors: list[str]) -> list[Contact]:
    """Only contacts that at least one reason can apply to, the most engaged first."""
    from contacts.introductions import rules

    signals = CHAMPION | Q(networks__contains=",")
    if zone.kind == "role":
        close = [zone.code, *rules().close_roles.get(zone.code, ())]
        signals |= Q(role_category__in=close) | Q(sector__in=target_sectors)
    else:
        signals |= Q(sector=zone.code)
    return list(
        Contact.objects.filter(signals, owner=owner)
        .annotate(exchange_count=exchanges_expression())
        .order_by("-two_way_conversations", "-exchange_count", "full_name", "id")
        .only(
            "id", "full_name", "first_name", "email", "company", "position", "role_category",
            "sector", "networks", "two_way_conversations", "messages_sent", "messages_received",
        )[:CANDIDATES_LIMIT]
    )  # fmt: skip


def zone_proposals(owner: User, objective, zone: Zone) -> list[Proposal]:
    sectors = [s for s in objective.needed_sectors if s in Sector.values]
    contacts = {c.pk: c for c in _candidates(owner, zone, sectors)}
    suggestions = rank(
        (
            Candidate(
                id=c.pk,
                full_name=c.full_name,
                role_category=c.role_category,
                sector=c.sector,
                networks=tuple(c.network_list),
                two_way=c.two_way_conversations,
                exchanges=c.exchange_count,
            )
            for c in contacts.values()
        ),
        zone_kind=zone.kind,
        zone_code=zone.code,
        target_sectors=sectors,
    )
    requests = {
        r.introducer_id: r
        for r in IntroductionRequest.objects.filter(
            owner=owner,
            objective_ref=objective.pk,
            zone_kind=zone.kind,
            zone_code=zone.code,
            introducer_id__in=[s.candidate.id for s in suggestions],
        )
    }
    owner_name = owner.display_name
    return [
        Proposal(
            contact=contacts[s.candidate.id],
            suggestion=s,
            reasons=[reason_text(r) for r in s.reasons],
            draft=draft_for(contacts[s.candidate.id], owner_name, objective, zone),
            request=requests.get(s.candidate.id),
        )
        for s in suggestions
    ]


def draft_for(contact: Contact, owner_name: str, objective, zone: Zone, language: str = "") -> str:
    with translation.override(language or translation.get_language()):
        return draft_text(
            first_name=contact.first_name or contact.full_name.split(" ")[0],
            owner_name=owner_name,
            zone_kind=zone.kind,
            zone_code=zone.code,
            objective_title=objective.title,
        )


def zone_label(zone: Zone) -> str:
    return zone_name(zone.kind, zone.code)


def obtained_count(owner: User, objective_id: int) -> int:
    return IntroductionRequest.objects.filter(
        owner=owner, objective_ref=objective_id, status=IntroductionRequest.Status.OBTAINED
    ).count()
