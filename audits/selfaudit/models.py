"""A professional's objectives and self-audits, with their answers."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from audits.questionnaires.models import Choice, Question, Questionnaire
from contacts.taxonomy import RoleCategory


class Objective(models.Model):
    class Kind(models.TextChoices):
        JOB_SEARCH = "job_search", _("Job search")
        START_COMPANY = "start_company", _("Starting a company")
        COMMERCIAL = "commercial", _("Commercial action")
        PURCHASING = "purchasing", _("Purchasing")
        FINANCING = "financing", _("Finding financing partners")
        OTHER = "other", _("Other")

    # The profiles each kind of objective usually needs; the professional can change them.
    DEFAULT_ROLES = {
        Kind.JOB_SEARCH: [RoleCategory.RECRUITER, RoleCategory.EXECUTIVE, RoleCategory.PEER,
                          RoleCategory.MENTOR],
        Kind.START_COMPANY: [RoleCategory.INVESTOR, RoleCategory.MENTOR, RoleCategory.CLIENT,
                             RoleCategory.SUPPLIER, RoleCategory.PEER],
        Kind.COMMERCIAL: [RoleCategory.CLIENT, RoleCategory.EXECUTIVE, RoleCategory.JOURNALIST,
                          RoleCategory.PEER],
        Kind.PURCHASING: [RoleCategory.SUPPLIER, RoleCategory.PEER, RoleCategory.EXECUTIVE],
        Kind.FINANCING: [RoleCategory.INVESTOR, RoleCategory.MENTOR, RoleCategory.EXECUTIVE],
        Kind.OTHER: [RoleCategory.PEER],
    }  # fmt: skip

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="objectives"
    )
    kind = models.CharField(_("kind of objective"), max_length=20, choices=Kind)
    title = models.CharField(_("in a few words"), max_length=160)
    target_quantity = models.PositiveIntegerField(_("target"))
    target_unit = models.CharField(_("unit"), max_length=80)
    deadline = models.DateField(_("deadline"))
    needed_roles = models.JSONField(_("profiles needed"), default=list, blank=True)
    needed_sectors = models.JSONField(_("sectors needed"), default=list, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    archived = models.BooleanField(_("archived"), default=False)

    class Meta:
        verbose_name = _("objective")
        verbose_name_plural = _("objectives")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(target_quantity__gt=0), name="objective_target_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def target(self) -> str:
        return f"{self.target_quantity} {self.target_unit}"

    def get_needed_roles_display(self) -> list[str]:
        labels = dict(RoleCategory.choices)
        return [str(labels.get(code, code)) for code in self.needed_roles]

    def get_needed_sectors_display(self) -> list[str]:
        from contacts.taxonomy import Sector

        labels = dict(Sector.choices)
        return [str(labels.get(code, code)) for code in self.needed_sectors]


class Audit(models.Model):
    class Status(models.TextChoices):
        IN_PROGRESS = "in_progress", _("In progress")
        SUBMITTED = "submitted", _("Submitted")

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="audits"
    )
    objective = models.ForeignKey(Objective, on_delete=models.PROTECT, related_name="audits")
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.PROTECT, related_name="audits"
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status, default=Status.IN_PROGRESS
    )
    started_at = models.DateTimeField(_("started"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last saved"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    # The self-assessment figures computed on submit (audits.selfaudit.scoring):
    # {"algorithm": ..., "overall": ..., "pillars": {...}, "dimensions": {...}, ...}
    self_scores = models.JSONField(_("self scores"), null=True, blank=True)
    # Set by every peer answer, cleared by the compile job: the database, not the broker,
    # remembers that figures are out of date (a lost enqueue is picked up by the sweep).
    needs_scoring = models.BooleanField(default=False)
    # Peer figures compiled from the responses (audits.feedback.aggregate).
    peer_summary = models.JSONField(null=True, blank=True)
    # Audit cycles (audits/cycles): the audit this one follows for the same owner, and its
    # number in the chain (1 for a first audit), so that a later cycle is compared with it.
    previous = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="next_cycles"
    )
    cycle = models.PositiveSmallIntegerField(_("cycle"), default=1)

    class Meta:
        verbose_name = _("audit")
        verbose_name_plural = _("audits")
        ordering = ["-started_at", "-id"]

    def __str__(self) -> str:
        return f"{self.owner} — {self.objective} ({self.started_at:%Y-%m-%d})"

    @property
    def is_submitted(self) -> bool:
        return self.status == self.Status.SUBMITTED


class Answer(models.Model):
    """One self-assessment answer; exactly one of the value columns is used, by question kind."""

    audit = models.ForeignKey(Audit, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    scale_value = models.PositiveSmallIntegerField(null=True, blank=True)
    bool_value = models.BooleanField(null=True, blank=True)
    choice = models.ForeignKey(Choice, on_delete=models.PROTECT, null=True, blank=True)
    text_value = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Copied from the previous cycle's audit and not confirmed yet: shown as such on the
    # section page until the professional saves that section (audits/cycles/services.py).
    prefilled = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["audit", "question"], name="one_answer_per_question"),
            models.CheckConstraint(
                condition=models.Q(scale_value__isnull=True)
                | models.Q(scale_value__gte=1, scale_value__lte=5),
                name="answer_scale_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.audit_id}:{self.question_id}"

    def raw_value(self, kind: str) -> object:
        """The value in the shape the pure scoring module expects for this kind of question."""
        if kind in (Question.Kind.AGREEMENT, Question.Kind.FREQUENCY):
            return self.scale_value
        if kind == Question.Kind.YES_NO:
            return self.bool_value
        if kind == Question.Kind.CHOICE:
            return self.choice.code if self.choice_id else None
        return self.text_value or None
