from django.apps import AppConfig


class CompetencyConfig(AppConfig):
    name = "kinerja.competency"
    label = "competency"
    verbose_name = "Kompetensi"

    def ready(self) -> None:
        from kinerja.competency import permissions  # noqa: F401  (registers the rules)
        from kinerja.competency.services import register_audit_actions

        register_audit_actions()
