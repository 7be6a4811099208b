"""Public pages for citizens without an account, under /publik/: the survey, the complaint
form, the status of a complaint by its ticket code. Each area adds its own list."""

from kinerja.citizen.public import urls_complaints, urls_survey

app_name = "public"
urlpatterns = [*urls_survey.urlpatterns, *urls_complaints.urlpatterns]
