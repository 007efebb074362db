from django import forms
from django.utils.translation import gettext_lazy as _

from config.text import validate_single_line
from contacts.importers import FORMATS
from contacts.importers.base import MAX_FILE_BYTES
from contacts.importers.generic_csv import FIELDS
from contacts.models import Contact, Network, Relationship
from contacts.selectors import ContactFilters
from contacts.taxonomy import RoleCategory, Sector

FORMAT_LABELS = {
    "linkedin_zip": _("LinkedIn export (ZIP as downloaded)"),
    "linkedin_csv": _("LinkedIn Connections.csv"),
    "google_csv": _("Google Contacts (CSV)"),
    "vcard": _("vCard (phone, Outlook, Apple)"),
    "generic_csv": _("Other CSV (you choose the columns)"),
}
FIELD_LABELS = {
    "first_name": _("First name"),
    "last_name": _("Last name"),
    "full_name": _("Full name"),
    "email": _("Email"),
    "phone": _("Phone"),
    "company": _("Company"),
    "position": _("Position"),
    "profile_url": _("Profile URL"),
    "connected_on": _("Connected on"),
    "notes": _("Notes"),
}
NO_CHANGE = "__keep__"


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "LinkedIn export (ZIP or Connections.csv), Google Contacts CSV, vCard, or CSV."
        ),
    )
    format = forms.ChoiceField(
        label=_("Format"),
        choices=[("", _("Recognise it for me")), *[(f, FORMAT_LABELS[f]) for f in FORMATS]],
        required=False,
    )
    network = forms.ChoiceField(
        label=_("Network these contacts come from"),
        choices=[("", _("Recognise it for me")), *Network.choices],
        required=False,
        help_text=_("Used for vCard and other CSV files; LinkedIn and Google are recognised."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size == 0:
            raise forms.ValidationError(_("The file is empty."))
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(
                _("The file is too large (%(size)d MB); the limit is %(limit)d MB.")
                % {"size": upload.size // (1024 * 1024), "limit": MAX_FILE_BYTES // (1024 * 1024)}
            )
        return upload


class MappingForm(forms.Form):
    """For a generic CSV: which column holds each piece of information."""

    def __init__(self, *args, header: list[str], guessed: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        columns = [("", _("— not in this file —")), *[(c, c) for c in header]]
        for field in FIELDS:
            self.fields[field] = forms.ChoiceField(
                label=FIELD_LABELS[field],
                choices=columns,
                required=False,
                initial=guessed.get(field, ""),
            )

    def clean(self):
        cleaned = super().clean()
        if not any(cleaned.get(f) for f in ("full_name", "first_name", "last_name", "email")):
            raise forms.ValidationError(_("Choose at least the column of the name or the email."))
        return cleaned

    def mapping(self) -> dict[str, str]:
        return {field: column for field, column in self.cleaned_data.items() if column}


class ContactFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    network = forms.ChoiceField(
        label=_("Network"), choices=[("", _("All networks")), *Network.choices], required=False
    )
    category = forms.ChoiceField(
        label=_("Category"),
        choices=[("", _("All categories")), *RoleCategory.choices],
        required=False,
    )
    sector = forms.ChoiceField(
        label=_("Sector"), choices=[("", _("All sectors")), *Sector.choices], required=False
    )
    company = forms.CharField(label=_("Company"), required=False, max_length=200)
    relationship = forms.ChoiceField(
        label=_("Relationship"),
        choices=[
            (NO_CHANGE, _("All relationships")),
            *[(v or "none", label) for v, label in Relationship.choices],
        ],
        required=False,
    )

    def to_filters(self) -> ContactFilters:
        """The filters to apply: none at all when the form is not valid."""
        if not self.is_valid():
            return ContactFilters()
        data = self.cleaned_data
        return ContactFilters(
            q=data["q"].strip(),
            network=data["network"],
            category=data["category"],
            sector=data["sector"],
            company=data["company"].strip(),
            relationship=self.relationship_filter(),
        )

    def relationship_filter(self) -> str | None:
        value = self.cleaned_data.get("relationship") or NO_CHANGE
        if value == NO_CHANGE:
            return None
        return "" if value == "none" else value


class ContactForm(forms.ModelForm):
    class Meta:
        model = Contact
        fields = [
            "full_name",
            "company",
            "position",
            "role_category",
            "sector",
            "relationship",
            "email",
            "profile_url",
            "notes",
        ]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    profile_url = forms.URLField(
        label=_("Profile URL"), required=False, assume_scheme="https", max_length=500
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A contact's name goes into the subject and greeting of a feedback request.
        for name in ("full_name", "company", "position"):
            self.fields[name].validators.append(validate_single_line)


NOT_SET = "none"


class BulkEditForm(forms.Form):
    """Every select starts on "Keep": only what the user picks changes."""

    ids = forms.TypedMultipleChoiceField(coerce=int, choices=(), required=True)
    role_category = forms.ChoiceField(
        label=_("Category"),
        choices=[(NO_CHANGE, _("Keep")), *RoleCategory.choices],
        initial=NO_CHANGE,
    )
    sector = forms.ChoiceField(
        label=_("Sector"), choices=[(NO_CHANGE, _("Keep")), *Sector.choices], initial=NO_CHANGE
    )
    # "Not set" is the empty relationship: it travels as "none", since an empty value would
    # fail the required check (and an empty initial would select "Not set" instead of "Keep").
    relationship = forms.ChoiceField(
        label=_("Relationship"),
        choices=[
            (NO_CHANGE, _("Keep")),
            *[(v or NOT_SET, label) for v, label in Relationship.choices],
        ],
        initial=NO_CHANGE,
    )

    def __init__(self, *args, allowed_ids: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("role_category", "sector", "relationship"):
            self.fields[name].widget.attrs["class"] = "form-select form-select-sm"
        # Only contacts shown to this owner can be ticked: a forged id is a form error.
        self.fields["ids"].choices = [(i, i) for i in allowed_ids]
        self.fields["ids"].error_messages["invalid_choice"] = _(
            "Some of the selected contacts are not yours or no longer exist."
        )
        self.fields["ids"].error_messages["required"] = _("Tick at least one contact.")

    def changes(self) -> dict[str, str]:
        changes = {
            field: self.cleaned_data[field]
            for field in ("role_category", "sector", "relationship")
            if self.cleaned_data[field] != NO_CHANGE
        }
        if changes.get("relationship") == NOT_SET:
            changes["relationship"] = ""
        return changes
