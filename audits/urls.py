from django.urls import path

from audits.views import consulting, feedback, report, score
from audits.views import self_audit as views

app_name = "audits"

urlpatterns = [
    path("objectives/new/", views.objective_create_view, name="objective_create"),
    path("objectives/<int:pk>/edit/", views.objective_edit, name="objective_edit"),
    path("start/", views.audit_start_view, name="start"),
    path("<int:pk>/", views.audit_resume, name="resume"),
    path("<int:pk>/section/<int:number>/", views.audit_section, name="section"),
    path("<int:pk>/review/", views.audit_review, name="review"),
    path("<int:pk>/submit/", views.audit_submit_view, name="submit"),
    path("<int:pk>/results/", views.audit_results, name="results"),
    path("consultants/", consulting.consultants, name="consultants"),
    path(
        "consultants/<int:engagement_id>/revoke/",
        consulting.consultant_revoke,
        name="consultant_revoke",
    ),
    path(
        "consultants/<int:engagement_id>/sharing/",
        consulting.consultant_sharing,
        name="consultant_sharing",
    ),
    path("<int:pk>/consultant-review/", consulting.review_read, name="review_read"),
    path("<int:pk>/score/", score.score, name="score"),
    path("<int:pk>/report/", report.report_html, name="report"),
    path("<int:pk>/report.pdf", report.report_pdf, name="report_pdf"),
    path("<int:pk>/score/recompute/", score.recompute, name="recompute"),
    path(
        "<int:pk>/recommendations/<int:rec_id>/",
        score.recommendation_status,
        name="recommendation_status",
    ),
    path("<int:pk>/feedback/", feedback.feedback_overview, name="feedback"),
    path("<int:pk>/feedback/new/", feedback.feedback_new, name="feedback_new"),
    path("<int:pk>/feedback/<int:request_id>/link/", feedback.feedback_link, name="feedback_link"),
]
