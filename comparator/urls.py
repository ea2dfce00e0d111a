from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from comparator import views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
    path(settings.ADMIN_URL, admin.site.urls),
    # Before the reader pages: a comparison's change log lives under its path.
    path("", include("corrections.urls")),
    path("", include("frameworks.urls")),
]

handler404 = "comparator.views.page_not_found"
handler500 = "comparator.views.server_error"
