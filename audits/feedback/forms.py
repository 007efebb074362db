import re
from collections.abc import Sequence

from django import forms
from django.conf import settings
from django.core.validators import validate_email
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from audits.feedback.models import FeedbackResponse, Relationship
from audits.feedback.questions import CANNOT_SAY, SCALE, PeerItem

MAX_RECIPIENTS = 200
TEXT_LIMIT = 1000


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

    def __init__(self, *args, items: Sequence[PeerItem], **kwargs):
        super().__init__(*args, **kwargs)
        language = get_language() or "fr"
        self.item_fields = []
        for item in items:
            name = f"item_{item.code}"
            self.fields[name] = forms.ChoiceField(
                label=item.text(language),
                choices=[*SCALE, CANNOT_SAY],
                required=False,
                widget=forms.RadioSelect,
                help_text=item.group(language),
            )
            self.item_fields.append((item.code, name))

    def perceptions(self) -> dict[str, int | None]:
        """item code -> 1..5, or None for "can't say"; statements left blank are left out."""
        ratings: dict[str, int | None] = {}
        for code, name in self.item_fields:
            value = self.cleaned_data.get(name)
            if value:
                ratings[code] = None if value == CANNOT_SAY[0] else int(value)
        return ratings

    def bound_items(self):
        return [self[name] for _code, name in self.item_fields]
