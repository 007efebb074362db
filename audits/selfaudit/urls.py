from django.urls import path

from audits.selfaudit import views

# Mounted under /audits/ in the "audits" namespace (config/urls.py).
urlpatterns = [
    path("objectives/new/", views.objective_create_view, name="objective_create"),
    path("objectives/<int:pk>/edit/", views.objective_edit, name="objective_edit"),
    path("start/", views.audit_start_view, name="start"),
    path("<int:pk>/", views.audit_resume, name="resume"),
    path("<int:pk>/section/<int:number>/", views.audit_section, name="section"),
    path("<int:pk>/review/", views.audit_review, name="review"),
    path("<int:pk>/submit/", views.audit_submit_view, name="submit"),
    path("<int:pk>/results/", views.audit_results, name="results"),
]
