"""The categories a network is described with: role categories and sectors.

Shared by objectives (the profiles an objective needs) and contacts (what each contact is).
Plain choices: no queries, no models.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RoleCategory(models.TextChoices):
    RECRUITER = "recruiter", _("Recruiter / HR")
    INVESTOR = "investor", _("Investor / banker")
    EXECUTIVE = "executive", _("Executive / decision maker")
    CLIENT = "client", _("Client / buyer")
    SUPPLIER = "supplier", _("Supplier")
    PEER = "peer", _("Peer / expert")
    MENTOR = "mentor", _("Mentor")
    JOURNALIST = "journalist", _("Journalist / influencer")
    OTHER = "other", _("Other")


class Sector(models.TextChoices):
    TECHNOLOGY = "technology", _("Technology and digital")
    FINANCE = "finance", _("Banking, finance and insurance")
    CONSULTING = "consulting", _("Consulting and services to businesses")
    INDUSTRY = "industry", _("Industry and manufacturing")
    ENERGY = "energy", _("Energy and environment")
    CONSTRUCTION = "construction", _("Construction and real estate")
    RETAIL = "retail", _("Retail and consumer goods")
    HEALTH = "health", _("Health and social care")
    EDUCATION = "education", _("Education and research")
    PUBLIC = "public", _("Public sector")
    MEDIA = "media", _("Media, communication and culture")
    LEGAL = "legal", _("Legal")
    TRANSPORT = "transport", _("Transport and logistics")
    FOOD = "food", _("Agriculture and food")
    HOSPITALITY = "hospitality", _("Tourism and hospitality")
    NONPROFIT = "nonprofit", _("Non-profit")
    OTHER = "other", _("Other")
