from django.apps import AppConfig


class InsightConfig(AppConfig):
    name = "kinerja.insight"
    label = "insight"
    verbose_name = "Wawasan"

    def ready(self) -> None:
        from kinerja.insight import permissions  # noqa: F401  (registers the rules)
        from kinerja.insight.reports.services import register_report_actions

        register_report_actions()
