"""The contacts app's entries in the personal-data registry (accounts.personal_data)."""

from django.utils.translation import gettext_lazy as _

from accounts import personal_data
from contacts.models import Contact, ContactImport, IntroductionRequest


@personal_data.section(
    "contacts", models=[Contact], descriptions={"contacts": _("your contacts.")}, order=600
)
def export_contacts(user) -> list[dict]:
    return list(
        Contact.objects.filter(owner=user).values(
            "full_name",
            "email",
            "phone",
            "profile_url",
            "company",
            "position",
            "role_category",
            "sector",
            "relationship",
            "networks",
            "connected_on",
            "notes",
            "messages_sent",
            "messages_received",
        )
    )


@personal_data.section(
    "contact_imports",
    models=[ContactImport],
    descriptions={"contact_imports": _("the summaries of your contact imports.")},
    order=610,
)
def export_contact_imports(user) -> list[dict]:
    return list(
        ContactImport.objects.filter(owner=user).values(
            "original_name", "format", "status", "created", "merged", "skipped", "created_at"
        )
    )


@personal_data.eraser(order=10)
def delete_uploaded_files(user) -> None:
    """Uploads still on disk hold other people's data: the files go with their rows."""
    for job in ContactImport.objects.filter(owner=user).exclude(file=""):
        job.file.delete(save=False)


@personal_data.section(
    "introduction_requests",
    models=[IntroductionRequest],
    descriptions={
        "introduction_requests": _(
            "the introductions you asked your contacts for, and those you obtained."
        )
    },
    order=620,
)
def export_introduction_requests(user) -> list[dict]:
    return list(
        IntroductionRequest.objects.filter(owner=user)
        .order_by("created_at", "pk")
        .values(
            "introducer__full_name",
            "zone_kind",
            "zone_code",
            "message",
            "status",
            "emailed_at",
            "sent_at",
            "obtained_at",
            "created_at",
        )
    )
