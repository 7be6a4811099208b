from django.apps import AppConfig


class CitizenConfig(AppConfig):
    name = "kinerja.citizen"
    label = "citizen"
    verbose_name = "Layanan publik dan pengaduan"

    def ready(self) -> None:
        from kinerja.citizen import permissions  # noqa: F401  (registers the rules)
        from kinerja.citizen.services.requests import register_audit_actions as services_area

        services_area()  # services area: catalogue, requests, imports
        from kinerja.citizen.services.survey import register_audit_actions as survey_area

        survey_area()  # survey area: paper imports
        from kinerja.citizen.services.complaints import register_area as complaints_area

        complaints_area()  # complaints area: audit codes, daily escalation
        from kinerja.citizen.sources_hooks import register_sources

        register_sources()  # sources area: audit codes, daily recomputation of fed indicators
