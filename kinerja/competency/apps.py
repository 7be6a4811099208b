from django.apps import AppConfig


class CompetencyConfig(AppConfig):
    name = "kinerja.competency"
    label = "competency"
    verbose_name = "Kompetensi"
