from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from audits.views import peer
from audits.views import self_audit as audit_views
from config import views

admin.site.site_header = "ePratiques"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("f/", peer.peer_root),
    path("f/<str:token>/decline/", peer.peer_decline, name="peer_decline"),
    # <path:> so that even a mangled link with slashes gets the peer's own "link unknown" page.
    path("f/<path:token>/", peer.peer_page, name="peer"),
    path("dashboard/", audit_views.dashboard, name="dashboard"),
    path("audits/", include("audits.urls")),
    path("contacts/", include("contacts.urls")),
    path("consultant/", include("audits.consulting_urls")),
    path("accounts/", include("accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
