"""Root URL configuration."""

from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from kinerja.core.verification import verify_document

urlpatterns = [
    path("", include("kinerja.insight.urls")),
    path("akun/", include("kinerja.core.urls")),
    path("verifikasi/<str:token>/", verify_document, name="verification"),
    path("organisasi/", include("kinerja.org.urls")),
    path("kinerja/", include("kinerja.planning.urls")),
    path("penilaian/", include("kinerja.appraisal.urls")),
    path("layanan/", include("kinerja.citizen.urls")),
    path("publik/", include("kinerja.citizen.public_urls")),
    path("umpan-balik/", include("kinerja.behaviour.urls")),
    path("kompetensi/", include("kinerja.competency.urls")),
    path("pengembangan/", include("kinerja.development.urls")),
    path("talenta/", include("kinerja.talent.urls")),
    path("karier/", include("kinerja.career.urls")),
    path("pengawasan/", include("kinerja.oversight.urls")),
    path("forum/", include("kinerja.forum.urls")),
    path("notifikasi/", include("kinerja.core.notification_urls")),
    path("api/v1/planning/", include("kinerja.planning.api_urls")),
    path("api/v1/appraisal/", include("kinerja.appraisal.api_urls")),
    path("api/v1/citizen/", include("kinerja.citizen.api_urls")),
    path("api/v1/behaviour/", include("kinerja.behaviour.api_urls")),
    path("api/v1/competency/", include("kinerja.competency.api_urls")),
    path("api/v1/development/", include("kinerja.development.api_urls")),
    path("api/v1/talent/", include("kinerja.talent.api_urls")),
    path("api/v1/career/", include("kinerja.career.api_urls")),
    path("api/v1/oversight/", include("kinerja.oversight.api_urls")),
    path("api/v1/forum/", include("kinerja.forum.api_urls")),
    path("api/v1/notifications/", include("kinerja.core.api_notifications")),
    path("api/v1/", include("kinerja.org.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("django-admin/", admin.site.urls),
]
