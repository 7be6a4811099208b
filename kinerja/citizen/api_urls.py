"""REST API of the citizen area under /api/v1/citizen/."""

from kinerja.citizen.api import urls_complaints, urls_services, urls_sources, urls_survey

urlpatterns = [
    *urls_services.urlpatterns,
    *urls_survey.urlpatterns,
    *urls_complaints.urlpatterns,
    *urls_sources.urlpatterns,
]
