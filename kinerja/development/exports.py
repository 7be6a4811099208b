"""The columns of every list, shared by its XLSX export and its PDF: one definition each."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from kinerja.core.formatting import indonesian_date, indonesian_number
from kinerja.development import rules
from kinerja.development.models import DevelopmentPlan, InternalTrainer, Recommendation, Training
from kinerja.development.selectors.reports import Savings
from kinerja.org.models import Employee


@dataclass(frozen=True)
class Table:
    """A list as a title, headers and rows of plain values (numbers stay numbers for XLSX)."""

    filename: str
    title: str
    headers: tuple[str, ...]
    rows: list[tuple[Any, ...]]
    widths: tuple[int, ...]  # relative column widths of the PDF
    total: tuple[Any, ...] | None = None


def catalogue_table(trainings: Iterable[Training]) -> Table:
    return Table(
        "katalog-pelatihan",
        "Katalog pelatihan",
        (
            "Judul",
            "Penyelenggaraan",
            "Kompetensi",
            "Penyelenggara",
            "JP",
            "Biaya per peserta (Rp)",
            "Biaya eksternal setara (Rp)",
            "Level minimal pengajar",
            "Aktif",
        ),
        [
            (
                t.title,
                t.get_delivery_display(),
                t.competency.name if t.competency else "",
                t.provider,
                t.jp,
                t.cost,
                t.external_equivalent_cost,
                t.min_trainer_level if t.is_internal else None,
                "Ya" if t.is_active else "Tidak",
            )
            for t in trainings
        ],
        (6, 3, 4, 4, 1, 3, 3, 2, 1),
    )


def trainers_table(trainers: Iterable[InternalTrainer]) -> Table:
    return Table(
        "pengajar-internal",
        "Pengajar internal",
        ("Nama", "NIP", "Unit kerja", "Kompetensi", "Level", "Tersedia", "Keterangan", "Aktif"),
        [
            (
                t.employee.name,
                t.employee.nip,
                t.employee.unit.name,
                t.competency.name,
                getattr(t, "level", None),
                _window(t),
                t.availability_note,
                "Ya" if t.is_active else "Tidak",
            )
            for t in trainers
        ],
        (4, 4, 4, 4, 1, 4, 4, 1),
    )


def _window(trainer: InternalTrainer) -> str:
    start = indonesian_date(trainer.available_from) if trainer.available_from else "…"
    end = indonesian_date(trainer.available_until) if trainer.available_until else "…"
    if not trainer.available_from and not trainer.available_until:
        return "Sepanjang tahun"
    return f"{start} – {end}"


def recommendations_table(recommendations: Iterable[Recommendation]) -> Table:
    return Table(
        "rekomendasi-pengembangan",
        "Rekomendasi pengembangan",
        ("Nama", "NIP", "Unit kerja", "Tahun", "Dasar", "Alasan", "Pelatihan disarankan", "Status"),
        [
            (
                r.employee.name,
                r.employee.nip,
                r.employee.unit.name,
                r.year,
                r.get_reason_display(),
                r.reason_text,
                r.suggested_training.title if r.suggested_training else "",
                r.get_status_display() + (f": {r.dismiss_reason}" if r.dismiss_reason else ""),
            )
            for r in recommendations
        ],
        (4, 4, 4, 1, 3, 7, 4, 3),
    )


def plans_table(plans: Iterable[DevelopmentPlan]) -> Table:
    return Table(
        "rencana-pengembangan",
        "Rencana pengembangan",
        ("Nama", "NIP", "Unit kerja", "Tahun", "Status", "JP direncanakan", "Biaya (Rp)"),
        [
            (
                p.employee.name,
                p.employee.nip,
                p.employee.unit.name,
                p.year,
                p.get_status_display(),
                getattr(p, "planned_jp", None) or 0,
                getattr(p, "planned_cost", None) or Decimal(0),
            )
            for p in plans
        ],
        (5, 4, 5, 1, 3, 2, 3),
    )


def jp_table(employees: Iterable[Employee], year: int) -> Table:
    return Table(
        f"kekurangan-jp-{year}",
        f"Pegawai dengan JP pengembangan di bawah {rules.MINIMUM_JP_PER_YEAR} JP, tahun {year}",
        ("Nama", "NIP", "Unit kerja", "Jabatan", "JP tercapai", "Kekurangan JP"),
        [
            (
                e.name,
                e.nip,
                e.unit.name,
                e.position.name if e.position else "",
                getattr(e, "jp", 0),
                getattr(e, "shortfall", 0),
            )
            for e in employees
        ],
        (5, 4, 5, 5, 2, 2),
    )


def savings_table(savings: Savings) -> Table:
    return Table(
        f"penghematan-pelatihan-internal-{savings.year}",
        f"Penghematan pelatihan internal per unit, tahun {savings.year}",
        (
            "Unit kerja",
            "Pelatihan selesai",
            "Peserta",
            "JP",
            "Biaya internal (Rp)",
            "Biaya eksternal setara (Rp)",
            "Penghematan (Rp)",
        ),
        [
            (
                row.unit_name,
                row.items,
                row.participants,
                row.jp,
                row.internal_cost,
                row.external_cost,
                row.saving,
            )
            for row in savings.rows
        ],
        (6, 2, 2, 2, 3, 3, 3),
        total=(
            "Jumlah",
            savings.total_items,
            None,
            savings.total_jp,
            sum((r.internal_cost for r in savings.rows), Decimal(0)),
            sum((r.external_cost for r in savings.rows), Decimal(0)),
            savings.total,
        ),
    )


def xlsx_rows(table: Table) -> Iterator[tuple[Any, ...]]:
    yield from table.rows
    if table.total is not None:
        yield table.total


def shown(value: Any) -> str:
    """A cell as the PDF prints it: Indonesian numbers, dates written out."""
    if value is None:
        return "–"
    if isinstance(value, Decimal):
        return indonesian_number(value.quantize(Decimal("0.01")))
    if isinstance(value, int):
        return indonesian_number(Decimal(value))
    return str(value)
