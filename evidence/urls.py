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

# --- textflags: check before you post, the excerpts behind a figure ---
from evidence import excerpt_views  # noqa: E402
from evidence.drafts import views as draft_views  # noqa: E402

urlpatterns += [
    path("excerpts/<str:network>/<str:group>/", excerpt_views.excerpts, name="excerpts"),
    path("check/", draft_views.check, name="draft_check"),
    path("check/flags.json", draft_views.check_json, name="draft_check_json"),
]
# --- end textflags ---
