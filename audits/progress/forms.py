from django import forms
from django.utils.translation import gettext_lazy as _

from audits.progress.models import Frequency

# Bounds that any honest week fits in: a typo of five digits is refused, not charted.
MAX_RESULTS = 1000
MAX_MINUTES = 100 * 60


class CheckInForm(forms.Form):
    results = forms.IntegerField(min_value=0, max_value=MAX_RESULTS, initial=0)
    introductions = forms.IntegerField(
        label=_("Introductions obtained"),
        min_value=0,
        max_value=MAX_RESULTS,
        initial=0,
        help_text=_("Outside those you marked obtained on the introductions page."),
    )
    minutes = forms.IntegerField(
        label=_("Time spent on it (minutes)"), min_value=0, max_value=MAX_MINUTES, initial=0
    )
    done = forms.MultipleChoiceField(
        label=_("Actions of your plan done"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    note = forms.CharField(
        label=_("A short note (optional)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, objective, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = {str(r.pk): r for r in plan}
        self.fields["results"].label = _("%(unit)s obtained since your last check-in") % {
            "unit": objective.target_unit.capitalize()
        }
        self.fields["done"].choices = [(key, r.local_text) for key, r in self.plan.items()]
        if not plan:
            del self.fields["done"]

    def done_items(self) -> list:
        return [self.plan[key] for key in self.cleaned_data.get("done") or []]


class FrequencyForm(forms.Form):
    frequency = forms.ChoiceField(label=_("Ask me to check in"), choices=Frequency.choices)
