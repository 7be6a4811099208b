from django.apps import AppConfig


class TalentConfig(AppConfig):
    name = "kinerja.talent"
    label = "talent"
    verbose_name = "Manajemen talenta"

    def ready(self) -> None:
        from kinerja.talent import permissions  # noqa: F401  (registers the rules)
        from kinerja.talent.services.settings import register_audit_actions

        register_audit_actions()
