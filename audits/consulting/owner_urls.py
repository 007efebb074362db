from django.urls import path

from audits.consulting import views

# The professional's side of consulting, under /audits/ in the "audits" namespace.
urlpatterns = [
    path("consultants/", views.consultants, name="consultants"),
    path(
        "consultants/<int:engagement_id>/revoke/",
        views.consultant_revoke,
        name="consultant_revoke",
    ),
    path(
        "consultants/<int:engagement_id>/sharing/",
        views.consultant_sharing,
        name="consultant_sharing",
    ),
    path("<int:pk>/consultant-review/", views.review_read, name="review_read"),
]

# --- Independence and the private channel (issue 20) ----------------------------------------
from audits.consulting import channel_views  # noqa: E402

urlpatterns += [
    path(
        "consultants/<int:engagement_id>/approve/",
        views.consultant_approve,
        name="consultant_approve",
    ),
    path(
        "consultants/<int:engagement_id>/messages/",
        channel_views.client_messages,
        name="consultant_messages",
    ),
    path(
        "consultants/<int:engagement_id>/messages/<int:message_id>/attachment",
        channel_views.client_message_attachment,
        name="consultant_message_attachment",
    ),
]
