from django.urls import path

from audits.progress import views

# Mounted under /audits/ in the "audits" namespace (config/urls.py).
urlpatterns = [
    path("objectives/<int:pk>/check-in/", views.check_in, name="check_in"),
    path("objectives/<int:pk>/progress/", views.progress, name="progress"),
    path("objectives/<int:pk>/progress/frequency/", views.frequency, name="check_in_frequency"),
]
