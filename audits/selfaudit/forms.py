import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audits.questionnaires.models import Dimension, Question
from audits.selfaudit.models import Objective
from contacts.taxonomy import RoleCategory, Sector

AGREEMENT_LABELS = [
    (1, _("Strongly disagree")),
    (2, _("Disagree")),
    (3, _("Neither agree nor disagree")),
    (4, _("Agree")),
    (5, _("Strongly agree")),
]
FREQUENCY_LABELS = [
    (1, _("Never")),
    (2, _("Rarely")),
    (3, _("Sometimes")),
    (4, _("Often")),
    (5, _("Always")),
]
YES_NO_LABELS = [("yes", _("Yes")), ("no", _("No"))]
TEXT_MAX_LENGTH = 2000
QUESTION_FIELD = re.compile(r"^q_(\d+)$")


class ObjectiveForm(forms.ModelForm):
    needed_roles = forms.MultipleChoiceField(
        label=_("Profiles this objective needs"),
        choices=RoleCategory.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Leave empty to use the usual profiles for this kind of objective."),
    )
    target_quantity = forms.IntegerField(
        label=_("Target (a number)"),
        min_value=1,
        max_value=1_000_000,
        error_messages={"min_value": _("The target must be at least 1.")},
        widget=forms.NumberInput(attrs={"min": 1, "inputmode": "numeric"}),
    )
    needed_sectors = forms.MultipleChoiceField(
        label=_("Sectors that matter"),
        choices=Sector.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Objective
        fields = [
            "kind",
            "title",
            "target_quantity",
            "target_unit",
            "deadline",
            "needed_roles",
            "needed_sectors",
        ]
        help_texts = {
            "title": _("For example: find a product manager position in Lyon."),
            "target_unit": _("What you count: interviews, clients, investors met…"),
        }
        widgets = {
            "deadline": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target_unit"].required = True
        self.fields["kind"].widget.attrs["data-default-roles"] = _default_roles_json()

    def clean_title(self) -> str:
        return self.cleaned_data["title"].strip()

    def clean_target_unit(self) -> str:
        unit = self.cleaned_data["target_unit"].strip()
        if not unit:
            raise forms.ValidationError(_("Say what you count, for example “interviews”."))
        return unit

    def clean_deadline(self):
        deadline = self.cleaned_data["deadline"]
        unchanged = self.instance.pk and deadline == self.instance.deadline
        if not unchanged and deadline <= timezone.localdate():
            raise forms.ValidationError(_("The deadline must be in the future."))
        return deadline


def _default_roles_json() -> str:
    import json

    return json.dumps({str(k): [str(r) for r in v] for k, v in Objective.DEFAULT_ROLES.items()})


class SectionForm(forms.Form):
    """The questions of one section (one pillar), each as field `q_<question id>`.

    Every field is optional here: a section can be saved half done and resumed later; whether
    the required questions are answered is checked when the audit is submitted.
    """

    def __init__(self, *args, dimensions: list[Dimension], **kwargs):
        super().__init__(*args, **kwargs)
        self.dimensions = dimensions
        self.questions: dict[str, Question] = {}
        for dimension in dimensions:
            for question in dimension.questions.all():
                name = f"q_{question.pk}"
                self.questions[name] = question
                self.fields[name] = _field_for(question)

    def clean(self):
        cleaned = super().clean()
        # Answers to questions that are not on this page (another section, questionnaire or
        # audit, or a forged id) are refused as a whole rather than silently dropped.
        foreign = [
            key for key in self.data if QUESTION_FIELD.match(key) and key not in self.questions
        ]
        if foreign:
            raise forms.ValidationError(
                _("This page sent answers to questions that are not on it; nothing was saved.")
            )
        return cleaned

    def values(self) -> dict[Question, object]:
        return {question: self.cleaned_data.get(name) for name, question in self.questions.items()}

    def grouped(self) -> list[tuple[Dimension, list[tuple[Question, forms.BoundField]]]]:
        """The page in order: each dimension with its (question, bound field) pairs."""
        return [(d, [(q, self[f"q_{q.pk}"]) for q in d.questions.all()]) for d in self.dimensions]


def _field_for(question: Question) -> forms.Field:
    common = {"label": question.text, "help_text": question.help, "required": False}
    kind = question.kind
    if kind in (Question.Kind.AGREEMENT, Question.Kind.FREQUENCY):
        labels = AGREEMENT_LABELS if kind == Question.Kind.AGREEMENT else FREQUENCY_LABELS
        return forms.TypedChoiceField(
            choices=labels, coerce=int, empty_value=None, widget=forms.RadioSelect, **common
        )
    if kind == Question.Kind.YES_NO:
        return forms.TypedChoiceField(
            choices=YES_NO_LABELS,
            coerce=lambda v: v == "yes",
            empty_value=None,
            widget=forms.RadioSelect,
            **common,
        )
    if kind == Question.Kind.CHOICE:
        # From the prefetched choices: validating a page costs no query per question.
        by_id = {str(choice.pk): choice for choice in question.choices.all()}
        return forms.TypedChoiceField(
            choices=[(pk, choice.label) for pk, choice in by_id.items()],
            coerce=by_id.__getitem__,
            empty_value=None,
            widget=forms.RadioSelect,
            **common,
        )
    return forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": TEXT_MAX_LENGTH}),
        max_length=TEXT_MAX_LENGTH,
        **common,
    )


def initial_from_answers(answers: dict, questions: dict[str, Question]) -> dict[str, object]:
    initial = {}
    for name, question in questions.items():
        answer = answers.get(question.pk)
        if answer is None:
            continue
        if question.kind in (Question.Kind.AGREEMENT, Question.Kind.FREQUENCY):
            initial[name] = answer.scale_value
        elif question.kind == Question.Kind.YES_NO:
            initial[name] = "yes" if answer.bool_value else "no"
        elif question.kind == Question.Kind.CHOICE:
            initial[name] = answer.choice_id
        else:
            initial[name] = answer.text_value
    return initial
