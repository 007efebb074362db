from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("profile/", views.profile, name="profile"),
    path("language/", views.set_language, name="set_language"),
    path("my-data/", views.my_data, name="my_data"),
    path("activity/", views.activity, name="activity"),
    path("my-data/export.json", views.my_data_export, name="my_data_export"),
    path("my-data/export.zip", views.my_data_export_csv, name="my_data_export_csv"),
]
