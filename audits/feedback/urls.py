from django.urls import path

from audits.feedback import peer_views, views

# The owner's pages, mounted under /audits/ in the "audits" namespace (config/urls.py).
urlpatterns = [
    path("<int:pk>/feedback/", views.feedback_overview, name="feedback"),
    path("<int:pk>/feedback/new/", views.feedback_new, name="feedback_new"),
    path("<int:pk>/feedback/<int:request_id>/link/", views.feedback_link, name="feedback_link"),
    path(
        "<int:pk>/feedback/<int:request_id>/send-again/",
        views.feedback_send_again,
        name="feedback_send_again",
    ),
    path(
        "<int:pk>/feedback/<int:request_id>/nudged/",
        views.feedback_nudged,
        name="feedback_nudged",
    ),
    path("<int:pk>/feedback/close/", views.feedback_close, name="feedback_close"),
]

# The peer's pages, at the site's root (/f/<token>/): short links, no account.
peer_urlpatterns = [
    path("f/", peer_views.peer_root),
    path("f/<str:token>/decline/", peer_views.peer_decline, name="peer_decline"),
    # <path:> so that even a mangled link with slashes gets the peer's own "link unknown" page.
    path("f/<path:token>/", peer_views.peer_page, name="peer"),
]
