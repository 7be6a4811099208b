"""REST API of the appraisal area, one module per subject, each with its `urlpatterns`."""
