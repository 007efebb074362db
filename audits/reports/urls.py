from django.urls import path

from audits.reports import consultant_views, views

# The owner's report, under /audits/ in the "audits" namespace (config/urls.py).
urlpatterns = [
    path("<int:pk>/report/", views.report_html, name="report"),
    path("<int:pk>/report.pdf", views.report_pdf, name="report_pdf"),
]

# The client's report for the engaged consultant, under /consultant/ ("consulting" namespace).
consultant_urlpatterns = [
    path(
        "clients/<int:client_id>/audits/<int:audit_id>/report/",
        consultant_views.client_report_html,
        name="client_report",
    ),
    path(
        "clients/<int:client_id>/audits/<int:audit_id>/report.pdf",
        consultant_views.client_report_pdf,
        name="client_report_pdf",
    ),
]
