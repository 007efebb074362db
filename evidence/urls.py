from django.urls import path

app_name = "evidence"

urlpatterns: list = []

# --- textflags: check before you post, the excerpts behind a figure ---
from evidence import excerpt_views  # noqa: E402
from evidence.drafts import views as draft_views  # noqa: E402

urlpatterns += [
    path("excerpts/<str:network>/<str:group>/", excerpt_views.excerpts, name="excerpts"),
    path("check/", draft_views.check, name="draft_check"),
    path("check/flags.json", draft_views.check_json, name="draft_check_json"),
]
# --- end textflags ---
