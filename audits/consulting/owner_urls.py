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
