from django.apps import AppConfig


class BehaviourConfig(AppConfig):
    name = "kinerja.behaviour"
    label = "behaviour"
    verbose_name = "Umpan balik perilaku 360°"

    def ready(self) -> None:
        from kinerja.behaviour import permissions  # noqa: F401  (registers the rules)
        from kinerja.behaviour.reminders import register_reminders
        from kinerja.behaviour.services.rounds import register_audit_actions

        register_audit_actions()
        register_reminders()
