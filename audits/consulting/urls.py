from django.urls import path

from audits.consulting import annotation_views, portfolio_views, views  # issue 20

# Mounted under /consultant/ in the "consulting" namespace (config/urls.py), beside the
# client report's routes from audits/reports/urls.py.

urlpatterns = [
    path("", views.workspace, name="workspace"),
    path("invitation/<str:token>/", views.invitation_link, name="invitation"),
    path("invitations/<int:engagement_id>/accept/", views.accept, name="accept"),
    path("invitations/<int:engagement_id>/decline/", views.decline, name="decline"),
    path("clients/<int:client_id>/", views.client, name="client"),
    path("clients/<int:client_id>/end/", views.end, name="end"),
    path("clients/<int:client_id>/network/", views.client_network, name="client_network"),
    path("clients/<int:client_id>/map/", views.client_map, name="client_map"),
    path("clients/<int:client_id>/map/data.json", views.client_map_data, name="client_map_data"),
    path(
        "clients/<int:client_id>/map/search.json",
        views.client_map_search,
        name="client_map_search",
    ),
    path(
        "clients/<int:client_id>/audits/<int:audit_id>/score/",
        views.client_score,
        name="client_score",
    ),
    path(
        "clients/<int:client_id>/audits/<int:audit_id>/review/",
        views.review_edit,
        name="review",
    ),
    # Issue 20: annotated recommendations, the portfolio's export.
    path(
        "clients/<int:client_id>/audits/<int:audit_id>/plan/",
        annotation_views.plan_annotate,
        name="plan_annotate",
    ),
    path(
        "portfolio.csv",
        views.consultant_required(portfolio_views.portfolio_csv),
        name="portfolio_csv",
    ),
]

# --- The private channel (issue 20) ---------------------------------------------------------
from audits.consulting import channel_views  # noqa: E402

urlpatterns += [
    path(
        "engagements/<int:engagement_id>/messages/",
        channel_views.consultant_messages,
        name="messages",
    ),
    path(
        "engagements/<int:engagement_id>/messages/<int:message_id>/attachment",
        channel_views.consultant_message_attachment,
        name="message_attachment",
    ),
    # --- textflags ---
    path(
        "clients/<int:client_id>/excerpts/<str:network>/<str:group>/",
        views.client_excerpts,
        name="client_excerpts",
    ),
]
