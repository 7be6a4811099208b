from django.apps import AppConfig


class PlanningConfig(AppConfig):
    name = "kinerja.planning"
    label = "planning"
    verbose_name = "Perencanaan kinerja"

    def ready(self) -> None:
        from kinerja.planning import permissions  # noqa: F401  (registers the rules)
        from kinerja.planning.reminders import register_reminders
        from kinerja.planning.services import register_audit_actions

        register_audit_actions()
        register_reminders()
