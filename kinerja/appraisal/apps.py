from django.apps import AppConfig


class AppraisalConfig(AppConfig):
    name = "kinerja.appraisal"
    label = "appraisal"
    verbose_name = "Penilaian kinerja"
