from django import forms
from django.utils.translation import gettext_lazy as _

from audits.questionnaires.models import Pillar

RATINGS = [("", _("— not rated —")), *[(str(i), str(i)) for i in range(1, 6)]]
MAX_OWN_RECOMMENDATIONS = 10


class InviteConsultantForm(forms.Form):
    email = forms.EmailField(label=_("Consultant's email"))
    message = forms.CharField(
        label=_("Message"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 1000}),
    )
    share_contacts = forms.BooleanField(
        label=_("Also share my individual contacts (otherwise aggregated figures only)"),
        required=False,
    )


class IndependenceForm(forms.Form):
    not_relative = forms.BooleanField(label=_("I am not a relative of this client."))
    not_friend = forms.BooleanField(label=_("I am not a friend of this client."))
    not_former_colleague = forms.BooleanField(
        label=_("I am not a former colleague of this client, at work or in leisure.")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.error_messages["required"] = _(
                "An independent review needs this declaration: tick every box to accept."
            )


class ReviewForm(forms.Form):
    findings = forms.CharField(
        label=_("Overall findings"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": 5000}),
    )

    def __init__(self, *args, pillars: list[Pillar], **kwargs):
        super().__init__(*args, **kwargs)
        self.pillar_codes = []
        for pillar in pillars:
            self.fields[f"rating_{pillar.code}"] = forms.TypedChoiceField(
                label=_("Rating: %(pillar)s") % {"pillar": pillar.name},
                choices=RATINGS,
                coerce=int,
                empty_value=None,
                required=False,
            )
            self.fields[f"comment_{pillar.code}"] = forms.CharField(
                label=_("Comment: %(pillar)s") % {"pillar": pillar.name},
                required=False,
                max_length=3000,
                widget=forms.Textarea(attrs={"rows": 3, "maxlength": 3000}),
            )
            self.pillar_codes.append(pillar.code)
        for i in range(MAX_OWN_RECOMMENDATIONS):
            self.fields[f"recommendation_{i}"] = forms.CharField(
                label=_("Recommendation %(n)d") % {"n": i + 1},
                required=False,
                max_length=2000,
            )

    def ratings(self) -> dict[str, tuple[int | None, str]]:
        return {
            code: (self.cleaned_data[f"rating_{code}"], self.cleaned_data[f"comment_{code}"])
            for code in self.pillar_codes
        }

    def recommendations(self) -> list[str]:
        return [self.cleaned_data[f"recommendation_{i}"] for i in range(MAX_OWN_RECOMMENDATIONS)]


# --- Independence with a match, and the private channel (issue 20) ---------------------------


class ExplainedIndependenceForm(IndependenceForm):
    """The client's contacts include the consultant: the boxes say what they can declare,
    the explanation is required, and the client approves it before access starts."""

    explanation = forms.CharField(
        label=_("Why your review stays independent"),
        help_text=_("Your client reads this and must approve it before you see their audit."),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": 2000}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("not_relative", "not_friend", "not_former_colleague"):
            self.fields[name].required = False
        self.fields["explanation"].error_messages["required"] = _(
            "Your client's contacts include you: explain why your review stays independent, "
            "or decline the invitation."
        )


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Your message"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 4000}),
    )
    attachment = forms.FileField(
        required=False,
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".pdf,.png,.jpg,.jpeg,.txt,"
                "application/pdf,image/png,image/jpeg,text/plain"
            }
        ),
    )

    def __init__(self, *args, **kwargs):
        from django.conf import settings

        super().__init__(*args, **kwargs)
        size = settings.CONSULTING_ATTACHMENT_MAX_BYTES / (1024 * 1024)
        self.fields["attachment"].label = _(
            "Attachment (PDF, PNG, JPEG or plain text, %(size)s MB at most)"
        ) % {"size": f"{size:g}"}


# --- Annotated recommendations (issue 20, item 2) ------------------------------------------


class AnnotationForm(forms.Form):
    """The consultant's word on one automatic recommendation (one form per recommendation,
    told apart by its prefix)."""

    decision = forms.ChoiceField(
        label=_("Your decision"),
        required=False,
        choices=[
            ("", _("No opinion yet")),
            ("agreed", _("Agreed")),
            ("adjusted", _("Adjusted (my wording below)")),
            ("set_aside", _("Set aside (my reason below)")),
        ],
    )
    wording = forms.CharField(
        label=_("Your wording"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": 2000}),
    )
    reason = forms.CharField(
        label=_("Why you set it aside"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": 2000}),
    )
