from django.apps import AppConfig


class OversightConfig(AppConfig):
    name = "kinerja.oversight"
    label = "oversight"
    verbose_name = "Pengawasan internal"

    def ready(self) -> None:
        from kinerja.core.permissions import register_inspection_scope
        from kinerja.oversight import permissions  # registers the rules
        from kinerja.oversight.reminders import register_reminders
        from kinerja.oversight.services import register_audit_actions

        register_inspection_scope(permissions.audited_unit_paths)
        register_audit_actions()
        register_reminders()
