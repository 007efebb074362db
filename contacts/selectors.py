"""Reads for the contact pages; each a fixed number of queries whatever the network's size."""

from dataclasses import dataclass

from django.db.models import BooleanField, Count, ExpressionWrapper, F, Q, QuerySet, Sum
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from accounts.models import User
from contacts.alignment import Alignment, align
from contacts.models import Contact, ContactImport, Network
from contacts.taxonomy import RoleCategory, Sector

MAP_TOP_COMPANIES = 40
# Below this many contacts, a group is not named to a consultant who does not see individual
# contacts: a company holding one or two of them would all but name the people.
MAP_MIN_GROUP = 3
MAP_DRILL_LIMIT = 150
CHAMPIONS_LIMIT = 10


def contact_get_for_owner(user: User, pk: int) -> Contact:
    return get_object_or_404(Contact, pk=pk, owner=user)


def contact_import_get_for_owner(user: User, pk: int) -> ContactImport:
    return get_object_or_404(ContactImport, pk=pk, owner=user)


def network_filter(code: str) -> Q:
    """Contacts that came from one network (codes are stored sorted, comma-separated)."""
    return Q(networks__regex=rf"(^|,){code}(,|$)")


@dataclass(frozen=True)
class ContactFilters:
    q: str = ""
    network: str = ""
    category: str = ""
    sector: str = ""
    company: str = ""
    relationship: str | None = None


def contacts_for_owner(user: User, filters: ContactFilters | None = None) -> QuerySet[Contact]:
    contacts = Contact.objects.filter(owner=user)
    f = filters or ContactFilters()
    if f.q:
        for word in f.q.split()[:5]:
            contacts = contacts.filter(
                Q(full_name__icontains=word)
                | Q(company__icontains=word)
                | Q(position__icontains=word)
                | Q(email__icontains=word)
            )
    if f.network in Network.values:
        contacts = contacts.filter(network_filter(f.network))
    if f.category in RoleCategory.values:
        contacts = contacts.filter(role_category=f.category)
    if f.sector in Sector.values:
        contacts = contacts.filter(sector=f.sector)
    if f.company:
        contacts = contacts.filter(company__iexact=f.company)
    if f.relationship is not None:
        contacts = contacts.filter(relationship=f.relationship)
    return contacts


def exchanges_expression():
    return F("messages_sent") + F("messages_received")


# The one definition of a champion (DESIGN §2, seed 002: those who comment and exchange with
# you most): a contact with at least one two-way conversation. Scoring, map and network page
# all count and list them through CHAMPION and `champions_queryset`.
CHAMPION = Q(two_way_conversations__gt=0)


def champions_queryset(owner_id: int) -> QuerySet[Contact]:
    """Every champion of one professional, most two-way conversations first."""
    return (
        Contact.objects.filter(CHAMPION, owner_id=owner_id)
        .annotate(exchange_count=exchanges_expression())
        .order_by("-two_way_conversations", "-exchange_count", "full_name")
    )


def champions(user: User, limit: int = CHAMPIONS_LIMIT) -> list[Contact]:
    """Those who exchange with the professional most (the network page and the rules)."""
    return list(champions_queryset(user.pk)[:limit])


@dataclass(frozen=True)
class NetworkOverlap:
    per_network: dict[str, int]  # contacts that came from each network
    combinations: list[tuple[list[str], int]]  # e.g. (["google", "linkedin"], 120)
    in_several: int  # contacts found in more than one network


def network_overlap(user: User) -> NetworkOverlap:
    rows = (
        Contact.objects.filter(owner=user)
        .values_list("networks")
        .annotate(n=Count("id"))
        .order_by("-n")
    )
    per_network: dict[str, int] = {}
    combinations = []
    in_several = 0
    for networks, n in rows:
        codes = [c for c in networks.split(",") if c]
        combinations.append((codes, n))
        if len(codes) > 1:
            in_several += n
        for code in codes:
            per_network[code] = per_network.get(code, 0) + n
    return NetworkOverlap(per_network, combinations, in_several)


def network_alignment(user: User, needed_roles: list[str], needed_sectors: list[str]) -> Alignment:
    contacts = Contact.objects.filter(owner=user)
    role_counts = dict(contacts.values_list("role_category").annotate(n=Count("id")).order_by())
    sector_counts = dict(contacts.values_list("sector").annotate(n=Count("id")).order_by())
    return align(
        needed_roles=needed_roles,
        needed_sectors=needed_sectors,
        role_counts=role_counts,
        sector_counts=sector_counts,
        total_contacts=sum(role_counts.values()),
    )


GROUPS = {"category": "role_category", "sector": "sector", "company": "company"}


def _cluster_figures(**extra) -> dict:
    return {
        "n": Count("id"),
        "exchanges": Sum(exchanges_expression()),
        "champions": Count("id", filter=CHAMPION),
        "multi_network": Count("id", filter=Q(networks__contains=",")),
        **extra,
    }


def map_clusters(user: User, group: str, *, min_size: int = 1) -> list[dict]:
    """One node per category, sector or company (the top ones), never one per contact.

    With `min_size` above 1 (a consultant who does not see individual contacts), a group
    with fewer contacts is never named: all of them are counted together in one "other"
    node (for categories and sectors, with the taxonomy's own "other").
    """
    field = GROUPS[group]
    contacts = Contact.objects.filter(owner=user)
    if group == "company":
        contacts = contacts.exclude(company="")
    rows = contacts.values(field).annotate(**_cluster_figures()).order_by("-n", field)
    if min_size > 1:
        rows = rows.filter(n__gte=min_size)
    if group == "company":
        rows = rows[:MAP_TOP_COMPANIES]
    labels = dict(RoleCategory.choices) if group == "category" else dict(Sector.choices)
    clusters = []
    for row in rows:
        value = row[field]
        clusters.append(
            {
                "value": value,
                "label": str(labels.get(value, value)) if group != "company" else value,
                "count": row["n"],
                "exchanges": row["exchanges"] or 0,
                "champions": row["champions"],
                "multi_network": row["multi_network"],
            }
        )
    if min_size > 1:
        _merge_the_rest(clusters, contacts, group)
    return clusters


def _merge_the_rest(clusters: list[dict], contacts: QuerySet[Contact], group: str) -> None:
    """Add what the named clusters leave out (one more query) to an "other" cluster."""
    totals = contacts.aggregate(**_cluster_figures())
    rest = {
        "count": totals["n"] - sum(c["count"] for c in clusters),
        "exchanges": (totals["exchanges"] or 0) - sum(c["exchanges"] for c in clusters),
        "champions": totals["champions"] - sum(c["champions"] for c in clusters),
        "multi_network": totals["multi_network"] - sum(c["multi_network"] for c in clusters),
    }
    if rest["count"] <= 0:
        return
    other = next((c for c in clusters if group != "company" and c["value"] == "other"), None)
    if other is None:
        if group == "company":
            other = {"value": "", "label": _("Other companies")}
        else:
            labels = dict(RoleCategory.choices) if group == "category" else dict(Sector.choices)
            other = {"value": "other", "label": str(labels["other"])}
        other.update(dict.fromkeys(rest, 0))
        clusters.append(other)
    for key, value in rest.items():
        other[key] += value
    other["merged"] = True
    clusters.sort(key=lambda c: -c["count"])


def map_cluster_contacts(
    user: User, group: str, value: str, *, focus: int | None = None
) -> list[dict]:
    """Drill-down: the most engaged contacts of one cluster, at most MAP_DRILL_LIMIT, most
    engaged first; `focus` (a contact found by the map's search) is added if it is further
    down the list, so that the map can show it (one more query, only then)."""
    if "\x00" in value:  # no stored value holds one, and PostgreSQL refuses it in a query
        return []
    field = GROUPS[group]
    contacts = (
        Contact.objects.filter(owner=user, **{field: value})
        .annotate(
            exchange_count=exchanges_expression(),
            is_champion=ExpressionWrapper(CHAMPION, output_field=BooleanField()),
        )
        .order_by("-two_way_conversations", "-exchange_count", "full_name")
        .values(
            "id",
            "full_name",
            "company",
            "position",
            "networks",
            "exchange_count",
            "is_champion",
        )
    )
    rows = list(contacts[:MAP_DRILL_LIMIT])
    if focus is not None and all(row["id"] != focus for row in rows):
        rows.extend(contacts.filter(pk=focus))
    return [
        {
            "id": c["id"],
            "label": c["full_name"],
            "company": c["company"],
            "position": c["position"],
            "networks": [n for n in c["networks"].split(",") if n],
            "exchanges": c["exchange_count"],
            "champion": c["is_champion"],
        }
        for c in rows
    ]


def recent_imports(user: User, limit: int = 5) -> list[ContactImport]:
    return list(ContactImport.objects.filter(owner=user)[:limit])
