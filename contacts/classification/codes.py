"""The role and sector codes: the values of contacts.taxonomy.RoleCategory and Sector, in the
same order (a test keeps them in step). Plain strings, so that the classifier needs no Django."""

ROLE_CODES = (
    "recruiter",
    "investor",
    "executive",
    "client",
    "supplier",
    "peer",
    "mentor",
    "journalist",
    "other",
)
SECTOR_CODES = (
    "technology",
    "finance",
    "consulting",
    "industry",
    "energy",
    "construction",
    "retail",
    "health",
    "education",
    "public",
    "media",
    "legal",
    "transport",
    "food",
    "hospitality",
    "nonprofit",
    "other",
)
OTHER = "other"
