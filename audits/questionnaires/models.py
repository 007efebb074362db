"""Versioned questionnaires: pillars → dimensions → questions (→ choices), in French and English.

A published version is immutable: audits started on it keep it forever, and a change is made
on a new draft version (see services.questionnaire_new_version).
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from audits.questionnaires.bilingual import Bilingual


class PublishedQuestionnaireError(ValidationError):
    pass


class Questionnaire(Bilingual, models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        # A questionnaire: masculine in French, where a review's "Published" is feminine.
        PUBLISHED = "published", pgettext_lazy("questionnaire status", "Published")
        RETIRED = "retired", pgettext_lazy("questionnaire status", "Retired")

    code = models.SlugField(_("code"), max_length=50)
    version = models.PositiveIntegerField(_("version"))
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.DRAFT)
    title_fr = models.CharField(_("title (French)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)
    description_fr = models.TextField(_("description (French)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    class Meta:
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")
        ordering = ["code", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="questionnaire_code_version"),
        ]

    def __str__(self) -> str:
        return f"{self.title_en or self.code} v{self.version}"

    @property
    def title(self) -> str:
        return self.local("title")

    @property
    def description(self) -> str:
        return self.local("description")

    @property
    def is_editable(self) -> bool:
        return self.status == self.Status.DRAFT


class QuestionnairePart(Bilingual, models.Model):
    """Rows below a questionnaire: frozen once their questionnaire is published."""

    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        abstract = True
        ordering = ["position", "id"]

    def save(self, *args, **kwargs) -> None:
        if not self.owning_questionnaire().is_editable:
            raise PublishedQuestionnaireError(
                _("A published questionnaire cannot be changed: create a new version.")
            )
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if not self.owning_questionnaire().is_editable:
            raise PublishedQuestionnaireError(
                _("A published questionnaire cannot be changed: create a new version.")
            )
        return super().delete(*args, **kwargs)

    def owning_questionnaire(self) -> Questionnaire:
        raise NotImplementedError


class NamedPart(QuestionnairePart):
    """A pillar or a dimension: a weighted, named group, in both languages."""

    code = models.SlugField(_("code"), max_length=50)
    weight = models.FloatField(_("weight"), default=1.0)
    name_fr = models.CharField(_("name (French)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120)
    description_fr = models.TextField(_("description (French)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)

    class Meta(QuestionnairePart.Meta):
        abstract = True

    def __str__(self) -> str:
        return self.name_en or self.code

    @property
    def name(self) -> str:
        return self.local("name")

    @property
    def description(self) -> str:
        return self.local("description")


class Pillar(NamedPart):
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="pillars"
    )

    class Meta(NamedPart.Meta):
        verbose_name = _("pillar")
        verbose_name_plural = _("pillars")
        constraints = [
            models.UniqueConstraint(fields=["questionnaire", "code"], name="pillar_code"),
            models.CheckConstraint(condition=models.Q(weight__gt=0), name="pillar_weight_positive"),
        ]

    def owning_questionnaire(self) -> Questionnaire:
        return self.questionnaire


class Dimension(NamedPart):
    pillar = models.ForeignKey(Pillar, on_delete=models.CASCADE, related_name="dimensions")
    # The one observable behaviour peers rate (blank: peers are not asked about it).
    peer_text_fr = models.TextField(_("peer statement (French)"), blank=True, default="")
    peer_text_en = models.TextField(_("peer statement (English)"), blank=True, default="")
    peer_states_objective = models.BooleanField(_("peer page states the objective"), default=False)

    class Meta(NamedPart.Meta):
        verbose_name = _("dimension")
        verbose_name_plural = _("dimensions")
        constraints = [
            models.UniqueConstraint(fields=["pillar", "code"], name="dimension_code"),
            models.CheckConstraint(
                condition=models.Q(weight__gt=0), name="dimension_weight_positive"
            ),
        ]

    def owning_questionnaire(self) -> Questionnaire:
        return self.pillar.questionnaire

    @property
    def peer_text(self) -> str:
        return self.local("peer_text")


class Question(QuestionnairePart):
    class Kind(models.TextChoices):
        AGREEMENT = "agreement", _("Agreement (1–5)")
        FREQUENCY = "frequency", _("Frequency (1–5)")
        YES_NO = "yes_no", _("Yes / no")
        CHOICE = "choice", _("Single choice")
        TEXT = "text", _("Free text")

    dimension = models.ForeignKey(Dimension, on_delete=models.CASCADE, related_name="questions")
    code = models.CharField(_("code"), max_length=120)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind)
    reverse = models.BooleanField(
        _("reverse-scored"),
        default=False,
        help_text=_("Agreeing (or answering often, or yes) is the bad practice."),
    )
    weight = models.FloatField(_("weight"), default=1.0)
    required = models.BooleanField(_("required"), default=True)
    text_fr = models.CharField(_("text (French)"), max_length=400)
    text_en = models.CharField(_("text (English)"), max_length=400)
    help_fr = models.CharField(_("help (French)"), max_length=400, blank=True)
    help_en = models.CharField(_("help (English)"), max_length=400, blank=True)

    class Meta(QuestionnairePart.Meta):
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        constraints = [
            models.UniqueConstraint(fields=["dimension", "code"], name="question_code"),
            models.CheckConstraint(
                condition=models.Q(weight__gt=0), name="question_weight_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.code

    def owning_questionnaire(self) -> Questionnaire:
        return self.dimension.pillar.questionnaire

    @property
    def text(self) -> str:
        return self.local("text")

    @property
    def help(self) -> str:
        return self.local("help")

    @property
    def is_scored(self) -> bool:
        return self.kind != self.Kind.TEXT


class Choice(QuestionnairePart):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    code = models.SlugField(_("code"), max_length=50)
    score = models.PositiveSmallIntegerField(_("score (0–100)"))
    label_fr = models.CharField(_("label (French)"), max_length=200)
    label_en = models.CharField(_("label (English)"), max_length=200)

    class Meta(QuestionnairePart.Meta):
        verbose_name = _("choice")
        verbose_name_plural = _("choices")
        constraints = [
            models.UniqueConstraint(fields=["question", "code"], name="choice_code"),
            models.CheckConstraint(condition=models.Q(score__lte=100), name="choice_score_range"),
        ]

    def __str__(self) -> str:
        return self.label_en or self.code

    def owning_questionnaire(self) -> Questionnaire:
        return self.question.dimension.pillar.questionnaire

    @property
    def label(self) -> str:
        return self.local("label")
