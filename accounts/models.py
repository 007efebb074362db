"""Users log in with their email address; consultants carry a public profile."""

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.validators import validate_no_control_characters


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **fields) -> "User":
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **fields) -> "User":
        fields.setdefault("is_staff", False)
        fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **fields)

    def create_superuser(self, email: str, password: str | None = None, **fields) -> "User":
        fields["is_staff"] = True
        fields["is_superuser"] = True
        return self._create_user(email, password, **fields)

    def get_by_natural_key(self, username: str | None) -> "User":
        # Emails are stored lower-cased; logging in must not depend on the case typed.
        return self.get(**{f"{self.model.USERNAME_FIELD}__iexact": username})


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(_("email address"), unique=True)
    full_name = models.CharField(
        _("full name"),
        max_length=150,
        blank=True,
        validators=[validate_no_control_characters],
    )
    language = models.CharField(
        _("preferred language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    is_consultant = models.BooleanField(
        _("consultant"),
        default=False,
        help_text=_("Consultants review the audits of clients who engage them."),
    )
    is_staff = models.BooleanField(_("staff status"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    # Compared with a consultant's own when they are invited (audits/consulting/independence.py).
    past_employers = models.TextField(
        _("employers, current and past"),
        max_length=2000,
        blank=True,
        help_text=_(
            "One per line. Shown to a consultant you invite only where they list the same."
        ),
    )

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.display_name

    def clean(self) -> None:
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email).lower()

    @property
    def display_name(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email


class ConsultantProfile(models.Model):
    user = models.OneToOneField(
        User, on_delete=models.CASCADE, related_name="consultant_profile", verbose_name=_("user")
    )
    headline = models.CharField(_("headline"), max_length=200, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    bio = models.TextField(_("about"), max_length=4000, blank=True)
    website = models.URLField(_("website"), blank=True)
    # Compared with the contacts of a client who invites them (audits/consulting/independence.py).
    profile_url = models.URLField(
        _("public profile URL"),
        max_length=500,
        blank=True,
        help_text=_("Your LinkedIn or other professional profile."),
    )
    past_employers = models.TextField(
        _("past employers"),
        max_length=2000,
        blank=True,
        help_text=_("One per line. Compared with your clients' own to show shared employers."),
    )

    class Meta:
        verbose_name = _("consultant profile")
        verbose_name_plural = _("consultant profiles")

    def __str__(self) -> str:
        return str(self.user)


class Activity(models.Model):
    """A sensitive action that concerns a user, shown to them (who saw or changed what)."""

    class Action(models.TextChoices):
        CONSULTANT_ACCESS = "consultant_access", _("A consultant opened your audit")
        DATA_EXPORT = "data_export", _("Your data was exported")
        CONTACTS_EXPORT = "contacts_export", _("Your contacts were exported")
        REPORT_DOWNLOAD = "report_download", _("A report was downloaded")
        CONTACTS_DELETED = "contacts_deleted", _("Contacts were deleted")
        ENGAGEMENT_CHANGED = "engagement_changed", _("An engagement changed")
        REVIEW_PUBLISHED = "review_published", _("A review was published")

    subject = models.ForeignKey(User, on_delete=models.CASCADE, related_name="activity")
    actor = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    action = models.CharField(max_length=30, choices=Action)
    detail = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activity")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.subject_id} {self.action} by {self.actor_id}"
