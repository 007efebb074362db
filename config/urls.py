from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from audits.consulting import owner_urls as consulting_owner_urls
from audits.consulting import urls as consulting_urls
from audits.cycles import urls as cycles_urls
from audits.feedback import urls as feedback_urls
from audits.progress import urls as progress_urls
from audits.reports import urls as reports_urls
from audits.scores import urls as scores_urls
from audits.selfaudit import urls as selfaudit_urls
from audits.selfaudit import views as audit_views
from config import views

# The owner's audit pages come from several packages but share one namespace, "audits".
audits_urlpatterns = [
    *selfaudit_urls.urlpatterns,
    *feedback_urls.urlpatterns,
    *scores_urls.urlpatterns,
    *reports_urls.urlpatterns,
    *consulting_owner_urls.urlpatterns,
    *progress_urls.urlpatterns,
    *cycles_urls.urlpatterns,
]
# The consultant's workspace, and the client report it opens, share "consulting".
consulting_urlpatterns = [*consulting_urls.urlpatterns, *reports_urls.consultant_urlpatterns]

admin.site.site_header = "ePratiques"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("dev/outbox/", views.dev_outbox, name="dev_outbox"),  # 404 unless DEBUG
    *feedback_urls.peer_urlpatterns,
    path("dashboard/", audit_views.dashboard, name="dashboard"),
    path("audits/", include((audits_urlpatterns, "audits"))),
    path("contacts/", include("contacts.urls")),
    path("own-data/", include("evidence.urls")),
    path("consultant/", include((consulting_urlpatterns, "consulting"))),
    path("accounts/", include("accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
