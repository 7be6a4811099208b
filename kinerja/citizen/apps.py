from django.apps import AppConfig


class CitizenConfig(AppConfig):
    name = "kinerja.citizen"
    label = "citizen"
    verbose_name = "Layanan publik dan pengaduan"

    def ready(self) -> None:
        from kinerja.citizen import permissions  # noqa: F401  (registers the rules)
