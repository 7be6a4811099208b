"""REST API of the appraisal area under /api/v1/appraisal/."""

from kinerja.appraisal.api import urls_evaluation, urls_execution

urlpatterns = [*urls_execution.urlpatterns, *urls_evaluation.urlpatterns]
