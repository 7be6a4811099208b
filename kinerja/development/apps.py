from django.apps import AppConfig


class DevelopmentConfig(AppConfig):
    name = "kinerja.development"
    label = "development"
    verbose_name = "Pengembangan kompetensi"

    def ready(self) -> None:
        from kinerja.development import permissions  # noqa: F401  (registers the rules)
        from kinerja.development.services import register_audit_actions

        register_audit_actions()
