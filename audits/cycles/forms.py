from django import forms
from django.utils.translation import gettext_lazy as _

from audits.cycles.models import BenchmarkParticipation


class AskAgainForm(forms.Form):
    """Tick the people of the previous cycle to ask again (choices: the proposals)."""

    people = forms.MultipleChoiceField(
        label=_("People asked last time"), widget=forms.CheckboxSelectMultiple, required=True
    )
    message = forms.CharField(
        label=_("Personal message (optional)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        required=False,
    )

    def __init__(self, *args, proposals=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["people"].choices = [
            (p.key, p.request.name or p.request.email) for p in proposals
        ]


class BenchmarkForm(forms.ModelForm):
    class Meta:
        model = BenchmarkParticipation
        fields = ["sector"]
        widgets = {"sector": forms.Select(attrs={"class": "form-select"})}
