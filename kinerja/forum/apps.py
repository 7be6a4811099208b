from django.apps import AppConfig


class ForumConfig(AppConfig):
    name = "kinerja.forum"
    label = "forum"
    verbose_name = "Sosialisasi dan forum"

    def ready(self) -> None:
        from kinerja.forum import permissions  # noqa: F401  (registers the rules)
        from kinerja.forum.reminders import register_reminders
        from kinerja.forum.services import register_audit_actions

        register_audit_actions()
        register_reminders()
