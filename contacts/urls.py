from django.urls import path

from contacts import views

app_name = "contacts"

urlpatterns = [
    path("", views.contact_list, name="list"),
    path("<int:pk>/edit/", views.contact_edit, name="edit"),
    path("export.csv", views.contact_export, name="export"),
    path("import/", views.import_upload, name="import"),
    path("import/<int:pk>/", views.import_detail, name="import_detail"),
    path("import/<int:pk>/columns/", views.import_mapping, name="import_mapping"),
    path("import/<int:pk>/errors.csv", views.import_errors, name="import_errors"),
    path("network/", views.network, name="network"),
    path("map/", views.network_map, name="map"),
    path("map/data.json", views.map_data, name="map_data"),
    path("introductions/", views.introductions, name="introductions"),
    path(
        "introductions/<str:kind>/<str:code>/",
        views.introductions_zone,
        name="introductions_zone",
    ),
    path("map/search.json", views.map_search_data, name="map_search"),
]
