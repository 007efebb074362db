"""The draft check's form: the draft, its kind, and who it is for (typed or one of the
professional's own contacts). Only cleans; the check is evidence/drafts/checks.py."""

from django import forms
from django.utils.translation import gettext_lazy as _

from contacts.models import Contact
from evidence.drafts.checks import MAX_CHARS

KIND_CHOICES = [
    ("post", _("A post")),
    ("comment", _("A comment")),
    ("message", _("A message")),
    ("invitation", _("An invitation")),
]
_CHECKBOX = forms.CheckboxInput(attrs={"class": "form-check-input"})
CONTACT_CHOICES = 300  # the contacts offered in the list, most recently connected first


class DraftCheckForm(forms.Form):
    text = forms.CharField(
        label=_("Your draft"),
        max_length=MAX_CHARS,
        required=False,
        strip=False,
        widget=forms.Textarea(
            attrs={"rows": 6, "autocomplete": "off", "class": "form-control", "spellcheck": "true"}
        ),
    )
    kind = forms.ChoiceField(
        label=_("It is"),
        choices=KIND_CHOICES,
        initial="post",
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
    )
    new_contact = forms.BooleanField(
        label=_("The recipient is a new contact"), required=False, widget=_CHECKBOX
    )
    executive = forms.BooleanField(
        label=_("The recipient is an executive"), required=False, widget=_CHECKBOX
    )
    contact = forms.IntegerField(label=_("Or pick the recipient"), required=False, min_value=1)

    def __init__(self, *args, owner, **kwargs):
        super().__init__(*args, **kwargs)
        self.owner = owner
        self.recipient: Contact | None = None

    def contact_choices(self) -> list[tuple[int, str]]:
        return list(
            Contact.objects.filter(owner=self.owner)
            .order_by("-connected_on", "full_name", "id")
            .values_list("pk", "full_name")[:CONTACT_CHOICES]
        )

    def clean_contact(self):
        contact_id = self.cleaned_data.get("contact")
        if contact_id is None:
            return None
        # Owner-scoped: another account's contact id is the same as an unknown one.
        self.recipient = Contact.objects.filter(owner=self.owner, pk=contact_id).first()
        if self.recipient is None:
            raise forms.ValidationError(_("Pick one of your own contacts."), code="unknown")
        return contact_id
