from django.apps import AppConfig


class InsightConfig(AppConfig):
    name = "kinerja.insight"
    label = "insight"
    verbose_name = "Wawasan"
