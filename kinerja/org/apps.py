from django.apps import AppConfig


class OrgConfig(AppConfig):
    name = "kinerja.org"
    label = "org"
    verbose_name = "Organisasi"

    def ready(self) -> None:
        from kinerja.org import permissions  # noqa: F401  (registers the rules)
        from kinerja.org.services import register_audit_actions

        register_audit_actions()
