from django.urls import path

from audits.scores import views

# Mounted under /audits/ in the "audits" namespace (config/urls.py).
urlpatterns = [
    path("<int:pk>/score/", views.score, name="score"),
    path("<int:pk>/score/recompute/", views.recompute, name="recompute"),
    path("<int:pk>/score/status.json", views.score_status, name="score_status"),
    path(
        "<int:pk>/recommendations/<int:rec_id>/",
        views.recommendation_status,
        name="recommendation_status",
    ),
]
