from django.urls import path

from audits.scores import report_views, views

# Mounted under /audits/ in the "audits" namespace (config/urls.py).
urlpatterns = [
    path("<int:pk>/score/", views.score, name="score"),
    path("<int:pk>/report/", report_views.report_html, name="report"),
    path("<int:pk>/report.pdf", report_views.report_pdf, name="report_pdf"),
    path("<int:pk>/score/recompute/", views.recompute, name="recompute"),
    path(
        "<int:pk>/recommendations/<int:rec_id>/",
        views.recommendation_status,
        name="recommendation_status",
    ),
]
