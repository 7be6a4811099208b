from django.apps import AppConfig


class CareerConfig(AppConfig):
    name = "kinerja.career"
    label = "career"
    verbose_name = "Karier"

    def ready(self) -> None:
        from kinerja.career import permissions  # noqa: F401  (registers the rules)
        from kinerja.career.services.credits import register_audit_actions

        register_audit_actions()
