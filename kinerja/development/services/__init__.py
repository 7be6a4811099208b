"""Every write of the development area: one function per use case (see the modules)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from kinerja.core import audit


def register_audit_actions() -> None:
    """Register the audit codes of the development area (called from the AppConfig)."""
    audit.register_actions(
        {
            "development.training.created": gettext_lazy("Pelatihan ditambahkan ke katalog"),
            "development.training.updated": gettext_lazy("Pelatihan katalog diubah"),
            "development.trainer.registered": gettext_lazy("Pengajar internal didaftarkan"),
            "development.trainer.updated": gettext_lazy("Pengajar internal diubah"),
            "development.recommendation.created": gettext_lazy("Rekomendasi pengembangan dibuat"),
            "development.recommendation.dismissed": gettext_lazy(
                "Rekomendasi pengembangan diabaikan"
            ),
            "development.plan.created": gettext_lazy("Rencana pengembangan dibuat"),
            "development.plan.item_added": gettext_lazy("Pelatihan ditambahkan ke rencana"),
            "development.plan.item_removed": gettext_lazy("Pelatihan dihapus dari rencana"),
            "development.plan.proposed": gettext_lazy("Rencana pengembangan diajukan"),
            "development.plan.agreed": gettext_lazy("Rencana pengembangan disetujui atasan"),
            "development.plan.returned": gettext_lazy("Rencana pengembangan dikembalikan"),
            "development.plan.done": gettext_lazy("Rencana pengembangan selesai"),
            "development.record.created": gettext_lazy("Pengembangan (JP) dicatat"),
        }
    )
