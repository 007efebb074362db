from crispy_forms.helper import FormHelper
from django import forms
from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from accounts.models import ConsultantProfile, User
from accounts.services import user_become_consultant
from accounts.validators import validate_no_control_characters


class SignupForm(forms.Form):
    """Extra fields for allauth's sign-up form (ACCOUNT_SIGNUP_FORM_CLASS)."""

    field_order = ["email", "full_name", "password1", "password2", "is_consultant"]

    full_name = forms.CharField(
        label=_("Full name"),
        max_length=150,
        validators=[validate_no_control_characters],
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    is_consultant = forms.BooleanField(
        label=_("I am an independent consultant and want to review my clients' audits"),
        required=False,
    )

    def signup(self, request, user: User) -> None:
        user.full_name = self.cleaned_data["full_name"].strip()
        language = get_language() or settings.LANGUAGE_CODE
        user.language = language if language in dict(settings.LANGUAGES) else "fr"
        user.save(update_fields=["full_name", "language"])
        if self.cleaned_data.get("is_consultant"):
            user_become_consultant(user=user)


class ProfileForm(forms.Form):
    full_name = forms.CharField(
        label=_("Full name"), max_length=150, validators=[validate_no_control_characters]
    )
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    past_employers = forms.CharField(
        label=_("Employers, current and past"),
        help_text=_(
            "One per line. Shown to a consultant you invite only where they list the same."
        ),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 2000}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


class ConsultantProfileForm(forms.ModelForm):
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    profile_url = forms.URLField(
        label=_("Public profile URL"),
        help_text=_("Your LinkedIn or other professional profile."),
        required=False,
        max_length=500,
        assume_scheme="https",
    )

    class Meta:
        model = ConsultantProfile
        fields = ["headline", "organisation", "bio", "website", "profile_url", "past_employers"]
        widgets = {
            "bio": forms.Textarea(attrs={"rows": 4}),
            "past_employers": forms.Textarea(attrs={"rows": 3, "maxlength": 2000}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


class EraseAccountForm(forms.Form):
    email = forms.EmailField(label=_("Type your email address to confirm"))
    password = forms.CharField(label=_("Password"), widget=forms.PasswordInput)

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("email", "").lower() != self.user.email:
            raise forms.ValidationError(_("This is not the email address of your account."))
        if not self.user.check_password(cleaned.get("password", "")):
            raise forms.ValidationError(_("The password is not correct."))
        return cleaned
