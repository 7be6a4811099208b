from django.apps import AppConfig


class AppraisalConfig(AppConfig):
    name = "kinerja.appraisal"
    label = "appraisal"
    verbose_name = "Penilaian kinerja"

    def ready(self) -> None:
        from kinerja.appraisal import permissions  # noqa: F401  (registers the rules)
        from kinerja.appraisal.reminders import register_reminders
        from kinerja.appraisal.services import evaluation, execution, predicate_run

        execution.register_audit_actions()
        evaluation.register_audit_actions()
        predicate_run.register_audit_actions()
        register_reminders()
