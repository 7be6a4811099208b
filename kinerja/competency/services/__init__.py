"""Every write of the competency area: the dictionary, required levels per position,
employees' current levels (by hand and from assessment imports). Each checks permission,
validates, saves and writes the audit trail."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from kinerja.core import audit


def register_audit_actions() -> None:
    """Register the audit codes of the competency area (called from CompetencyConfig.ready)."""
    audit.register_actions(
        {
            "competency.competency.created": gettext_lazy("Kompetensi ditambahkan ke kamus"),
            "competency.competency.updated": gettext_lazy("Kompetensi di kamus diubah"),
            "competency.competency.deactivated": gettext_lazy("Kompetensi dinonaktifkan"),
            "competency.competency.reactivated": gettext_lazy("Kompetensi diaktifkan kembali"),
            "competency.dictionary.loaded": gettext_lazy(
                "Kamus kompetensi standar (PermenPANRB 38/2017) dimuat"
            ),
            "competency.requirements.set": gettext_lazy("Standar kompetensi jabatan diubah"),
            "competency.level.set": gettext_lazy("Level kompetensi pegawai ditetapkan"),
            "competency.import.committed": gettext_lazy("Hasil asesmen kompetensi diimpor"),
        }
    )
