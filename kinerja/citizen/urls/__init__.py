"""Citizens' data under /layanan/: services and requests, the SKM survey and IKM, complaints,
indicators fed by data — one module each. Public pages (no login) live in `public_urls`."""

from kinerja.citizen.urls import complaints, services, sources, survey

app_name = "citizen"
urlpatterns = [
    *services.urlpatterns,
    *survey.urlpatterns,
    *complaints.urlpatterns,
    *sources.urlpatterns,
]
