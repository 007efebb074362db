from django.urls import path

from evidence import views

app_name = "evidence"

urlpatterns = [
    path("", views.own_data, name="home"),
    path("imports/<int:pk>/status.json", views.import_status, name="import_status"),
    path("imports/<int:pk>/delete/", views.import_delete, name="import_delete"),
    path("excerpts/<int:pk>/delete/", views.excerpt_delete, name="excerpt_delete"),
    path("excerpts/delete/", views.excerpts_delete, name="excerpts_delete"),
    path("<str:network>/delete/", views.network_delete, name="network_delete"),
]
