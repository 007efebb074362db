from django.urls import path

from audits.cycles import views

# Mounted under /audits/ in the "audits" namespace (config/urls.py).
urlpatterns = [
    path("<int:pk>/next-cycle/", views.cycle_start_view, name="cycle_start"),
    path("<int:pk>/cycle/ask-again/", views.cycle_ask_again_view, name="cycle_ask_again"),
    path("<int:pk>/compare/", views.cycle_compare, name="cycle_compare"),
    path("benchmark/", views.benchmark, name="benchmark"),
    path("benchmark/leave/", views.benchmark_leave_view, name="benchmark_leave"),
]
