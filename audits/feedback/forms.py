import re

from django import forms
from django.conf import settings
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from audits.feedback.models import FeedbackResponse, Relationship
from audits.questionnaires.models import Pillar

MAX_RECIPIENTS = 200
TEXT_LIMIT = 1000
PERCEPTION_LABELS = [
    ("1", _("1 — poor")),
    ("2", "2"),
    ("3", "3"),
    ("4", "4"),
    ("5", _("5 — excellent")),
]


class FeedbackRequestForm(forms.Form):
    contacts = forms.TypedMultipleChoiceField(coerce=int, required=False, choices=())
    emails = forms.CharField(
        label=_("Email addresses"),
        required=False,
        widget=forms.Textarea(
            attrs={"rows": 3, "placeholder": "alice@example.com, bob@example.com"}
        ),
        help_text=_("One or more addresses, separated by commas, spaces or new lines."),
    )
    relationship = forms.ChoiceField(label=_("They are my…"), choices=Relationship.choices)
    message = forms.CharField(
        label=_("Personal message"),
        required=False,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": TEXT_LIMIT}),
        help_text=_("Say why their opinion matters to you. It is shown on their page."),
    )
    language = forms.ChoiceField(label=_("Language of the request"), choices=settings.LANGUAGES)

    def __init__(self, *args, contact_choices: list[tuple[int, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contacts"].choices = contact_choices
        self.fields["contacts"].error_messages["invalid_choice"] = _(
            "Some of the selected contacts are not yours."
        )

    def clean_emails(self) -> list[str]:
        raw = self.cleaned_data["emails"]
        emails, invalid = [], []
        for item in re.split(r"[\s,;]+", raw):
            if not item:
                continue
            try:
                validate_email(item)
            except forms.ValidationError:
                invalid.append(item)
            else:
                if item.lower() not in emails:
                    emails.append(item.lower())
        if invalid:
            raise forms.ValidationError(
                _("These are not email addresses: %(list)s") % {"list": ", ".join(invalid[:10])}
            )
        return emails

    def clean(self):
        cleaned = super().clean()
        count = len(cleaned.get("contacts") or []) + len(cleaned.get("emails") or [])
        if not self.errors and count == 0:
            raise forms.ValidationError(_("Pick at least one contact or type an email address."))
        if count > MAX_RECIPIENTS:
            raise forms.ValidationError(
                _("At most %(max)d people at a time.") % {"max": MAX_RECIPIENTS}
            )
        return cleaned


class PeerAnswerForm(forms.Form):
    appraisal = forms.ChoiceField(
        label=_("Overall, how do their online words, images, behaviour and actions come across?"),
        choices=FeedbackResponse.Appraisal.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Please choose positive, neutral or negative.")},
    )
    keep_doing = forms.CharField(
        label=_("What should they keep doing?"),
        required=False,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": TEXT_LIMIT}),
    )
    change = forms.CharField(
        label=_("What should they change?"),
        required=False,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": TEXT_LIMIT}),
    )

    def __init__(self, *args, pillars: list[Pillar], questions: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.pillar_fields = []
        for pillar in pillars:
            name = f"pillar_{pillar.code}"
            self.fields[name] = forms.ChoiceField(
                label=questions.get(pillar.code) or pillar.name,
                choices=PERCEPTION_LABELS,
                required=False,
                widget=forms.RadioSelect,
                help_text=pillar.name,
            )
            self.pillar_fields.append((pillar.code, name))

    def perceptions(self) -> dict[str, int]:
        return {
            code: int(self.cleaned_data[name])
            for code, name in self.pillar_fields
            if self.cleaned_data.get(name)
        }

    def bound_pillars(self):
        return [self[name] for _code, name in self.pillar_fields]
