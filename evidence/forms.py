from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from evidence.models import ActivityNetwork


class ActivityUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Your export"),
        help_text=_(
            "LinkedIn's complete export (ZIP, or one of its CSV files), the X archive (ZIP or "
            "tweets.js), or Facebook's JSON download (ZIP or one of its JSON files)."
        ),
    )
    network = forms.ChoiceField(
        label=_("Network"),
        choices=[("", _("Recognise it for me")), *ActivityNetwork.choices],
        required=False,
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.EVIDENCE_MAX_UPLOAD_MB
        if upload.size == 0:
            raise forms.ValidationError(_("The file is empty."))
        if upload.size > limit * 1024 * 1024:
            raise forms.ValidationError(
                _("The file is too large (%(size)d MB); the limit is %(limit)d MB.")
                % {"size": upload.size // (1024 * 1024), "limit": limit}
            )
        return upload
