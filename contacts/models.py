"""A professional's contacts, merged across networks, and the imports that brought them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from contacts.taxonomy import RoleCategory, Sector


class Network(models.TextChoices):
    LINKEDIN = "linkedin", "LinkedIn"
    GOOGLE = "google", "Google"
    PHONE = "phone", _("Phone (vCard)")
    FACEBOOK = "facebook", "Facebook"
    X = "x", "X / Twitter"
    VIADEO = "viadeo", "Viadeo"
    INSTAGRAM = "instagram", "Instagram"
    OTHER = "other", _("Other")


class Relationship(models.TextChoices):
    UNKNOWN = "", _("Not set")
    FAMILY = "family", _("Family")
    FRIEND = "friend", _("Friend")
    FORMER_COLLEAGUE = "former_colleague", _("Former colleague")
    COLLEAGUE = "colleague", _("Colleague")
    CLIENT = "client", _("Client")
    SUPPLIER = "supplier", _("Supplier")
    MANAGER = "manager", _("Manager")
    NETWORK = "network", _("Network contact")
    OTHER = "other", _("Other")


class Contact(models.Model):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="contacts"
    )
    full_name = models.CharField(_("name"), max_length=200)
    first_name = models.CharField(_("first name"), max_length=100, blank=True)
    last_name = models.CharField(_("last name"), max_length=100, blank=True)
    email = models.EmailField(_("email"), max_length=254, blank=True)
    other_emails = models.JSONField(_("other emails"), default=list, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    profile_url = models.URLField(_("profile URL"), max_length=500, blank=True)
    company = models.CharField(_("company"), max_length=200, blank=True)
    position = models.CharField(_("position"), max_length=200, blank=True)
    role_category = models.CharField(
        _("category"), max_length=20, choices=RoleCategory, default=RoleCategory.OTHER
    )
    sector = models.CharField(_("sector"), max_length=20, choices=Sector, default=Sector.OTHER)
    # A category or sector corrected by the professional is never overwritten by an import.
    category_set_by_user = models.BooleanField(default=False)
    sector_set_by_user = models.BooleanField(default=False)
    relationship = models.CharField(
        _("relationship"), max_length=20, choices=Relationship, blank=True, default=""
    )
    # Sorted network codes joined by commas ("google,linkedin"): filterable by regex on every
    # database, and the overlap between networks is a GROUP BY on this one column.
    networks = models.CharField(_("networks"), max_length=120, default="")
    connected_on = models.DateField(_("connected on"), null=True, blank=True)
    # A TextField's max_length is not a database constraint: it caps the edit form, and the
    # imports cut notes to it (contacts.limits), as they cut every other column.
    notes = models.TextField(_("notes"), max_length=10_000, blank=True)
    # From a LinkedIn export's messages.csv and Invitations.csv.
    messages_sent = models.PositiveIntegerField(default=0)
    messages_received = models.PositiveIntegerField(default=0)
    conversations = models.PositiveIntegerField(default=0)
    two_way_conversations = models.PositiveIntegerField(default=0)
    last_exchange_on = models.DateField(null=True, blank=True)
    invitation = models.CharField(max_length=10, blank=True, default="")  # sent / received
    invitation_with_message = models.BooleanField(null=True, blank=True)
    # Set when this person, through a personal link the owner copied for them, asked never to
    # be asked again: the owner can no longer send them a feedback request.
    feedback_opted_out = models.BooleanField(_("asked not to be asked for feedback"), default=False)
    # Merge keys, normalised (see contacts.merging): profile URL, then email, then name+company.
    url_key = models.CharField(max_length=500, blank=True, default="")
    email_key = models.CharField(max_length=254, blank=True, default="")
    name_key = models.CharField(max_length=420, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["full_name", "id"]
        indexes = [
            models.Index(fields=["owner", "full_name"]),
            models.Index(fields=["owner", "url_key"]),
            models.Index(fields=["owner", "email_key"]),
            models.Index(fields=["owner", "name_key"]),
            models.Index(fields=["owner", "role_category"]),
            models.Index(fields=["owner", "sector"]),
            models.Index(fields=["owner", "company"]),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def network_list(self) -> list[str]:
        return [code for code in self.networks.split(",") if code]

    def get_networks_display(self) -> list[str]:
        labels = dict(Network.choices)
        return [str(labels.get(code, code)) for code in self.network_list]

    @property
    def exchanges(self) -> int:
        return self.messages_sent + self.messages_received


class ContactImport(models.Model):
    class Status(models.TextChoices):
        MAPPING = "mapping", _("Waiting for the column mapping")
        PENDING = "pending", _("Waiting")
        RUNNING = "running", _("Importing")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="contact_imports"
    )
    file = models.FileField(upload_to="imports/%Y/%m/", blank=True)
    original_name = models.CharField(max_length=255)
    size = models.PositiveBigIntegerField(default=0)
    format = models.CharField(max_length=20)
    network = models.CharField(max_length=20, choices=Network, blank=True, default="")
    mapping = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=10, choices=Status, default=Status.PENDING)
    created = models.PositiveIntegerField(default=0)
    merged = models.PositiveIntegerField(default=0)
    skipped = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)  # RowError.as_dict() of each row left out
    error_code = models.CharField(max_length=40, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("contact import")
        verbose_name_plural = _("contact imports")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self) -> str:
        return self.original_name

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)


class IntroductionRequest(models.Model):
    """A request, to one of the professional's contacts, for an introduction to a profile their
    objective lacks (an absence zone). One per contact and zone, so that the same person is never
    asked twice for the same thing; "obtained" counts as progress towards the objective."""

    class Status(models.TextChoices):
        ASKED = "asked", _("Asked")
        OBTAINED = "obtained", _("Introduction obtained")

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="introduction_requests"
    )
    introducer = models.ForeignKey(
        Contact, on_delete=models.CASCADE, related_name="introduction_requests"
    )
    # The objective it serves, by id only: objectives belong to `audits`, which `contacts`
    # never imports (contacts.objectives gives the active one).
    objective_ref = models.PositiveIntegerField(null=True, blank=True)
    zone_kind = models.CharField(max_length=10)  # "role" or "sector", as contacts.alignment
    zone_code = models.CharField(max_length=20)
    language = models.CharField(max_length=8, default="fr")
    message = models.TextField(max_length=2000, blank=True)
    status = models.CharField(max_length=10, choices=Status, default=Status.ASKED)
    # Set by the guarded update that claims the one email this request may send (asked for);
    # `sent_at` by the task that sends it, claimed the same way. Asked for and not sent a few
    # minutes later (an enqueue lost with the broker, a passing SMTP error): the sweep sends it.
    emailed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    obtained_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("introduction request")
        verbose_name_plural = _("introduction requests")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "introducer", "objective_ref", "zone_kind", "zone_code"],
                name="one_introduction_request_per_zone",
            )
        ]

    def __str__(self) -> str:
        return f"{self.introducer_id}:{self.zone_kind}:{self.zone_code}"
