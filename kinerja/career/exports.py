"""The rows of the career area's XLSX downloads (and of the PDF tables, which reuse them)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Any

from kinerja.career.selectors.awards import Recommendation, SanctionCase
from kinerja.career.selectors.credits import Ledger, ListRow
from kinerja.career.selectors.vacancies import CandidateRow, VacancyTerms
from kinerja.core.formatting import indonesian_date
from kinerja.org.models import Position

LEDGER_LIST_HEADERS = (
    "NIP",
    "Nama",
    "Jabatan",
    "Jenjang",
    "Golongan",
    "Unit kerja",
    "Total angka kredit",
    "AK untuk kenaikan pangkat",
    "Kebutuhan kenaikan pangkat",
    "AK untuk kenaikan jenjang",
    "Kebutuhan kenaikan jenjang",
)


def ledger_list_rows(rows: Iterable[ListRow]) -> Iterator[list[Any]]:
    for row in rows:
        employee = row.employee
        rank, level = row.rank_progress, row.level_progress
        yield [
            employee.nip,
            employee.full_name,
            employee.position.name if employee.position else "",
            row.level_label,
            employee.rank,
            employee.unit.name,
            row.total,
            rank.earned if rank else None,
            rank.needed if rank else None,
            level.earned if level else None,
            level.needed if level else None,
        ]


LEDGER_HEADERS = (
    "Tanggal berlaku",
    "Uraian",
    "Predikat",
    "Persentase",
    "Jenjang",
    "Koefisien",
    "Bulan",
    "Angka kredit",
    "Jumlah kumulatif",
    "Keterangan",
)


def ledger_rows(ledger: Ledger) -> Iterator[list[Any]]:
    for line in ledger.lines:
        entry = line.entry
        yield [
            entry.effective_date,
            entry.label,
            entry.predicate,
            entry.percent,
            entry.get_level_display(),
            entry.coefficient,
            entry.months,
            entry.amount,
            line.running_total,
            "Digantikan predikat tahunan" if line.running_total is None else entry.note,
        ]


AWARD_HEADERS = (
    "NIP",
    "Nama",
    "Jabatan",
    "Unit kerja",
    "Dasar rekomendasi",
    "Predikat terakhir",
    "Periode",
    "Evaluasi",
    "Kotak 9-box",
    "Keputusan",
    "Bentuk penghargaan",
    "Catatan",
)


def award_rows(found: Iterable[Recommendation]) -> Iterator[list[Any]]:
    for item in found:
        employee = item.employee
        decision = item.decision
        yield [
            employee.nip,
            employee.full_name,
            employee.position.name if employee.position else "",
            employee.unit.name,
            item.basis_label,
            item.latest.predicate if item.latest else "",
            item.latest.period_name if item.latest else "",
            item.latest.label if item.latest else "",
            item.talent.box if item.talent else None,
            decision.get_outcome_display() if decision else "Belum diputuskan",
            decision.award if decision else "",
            decision.note if decision else "",
        ]


SANCTION_HEADERS = (
    "NIP",
    "Nama",
    "Jabatan",
    "Unit kerja",
    "Alasan",
    "Jejak predikat",
    "Kotak 9-box",
    "Tindak lanjut yang disarankan",
)


def trail_text(case: SanctionCase) -> str:
    return "; ".join(f"{e.period_name} ({e.label}): {e.predicate}" for e in case.trail)


def sanction_rows(cases: Iterable[SanctionCase]) -> Iterator[list[Any]]:
    for case in cases:
        employee = case.employee
        yield [
            employee.nip,
            employee.full_name,
            employee.position.name if employee.position else "",
            employee.unit.name,
            case.reason_label,
            trail_text(case),
            case.talent.box if case.talent else None,
            case.follow_up,
        ]


VACANCY_HEADERS = ("Jabatan", "Jenis", "Jenjang", "Unit kerja", "Pelaksana tugas")


def vacancy_rows(positions: Iterable[Position]) -> Iterator[list[Any]]:
    for position in positions:
        acting = getattr(position, "acting_name", None)
        yield [
            position.name,
            position.get_kind_display(),
            position.get_level_display() if position.level else "",
            position.unit.name,
            f"{getattr(position, 'acting_kind', '').upper()}. {acting}" if acting else "",
        ]


RANKING_HEADERS = (
    "Peringkat",
    "NIP",
    "Nama",
    "Golongan",
    "Jabatan sekarang",
    "Unit kerja",
    "Skor merit",
    "Memenuhi syarat",
    "Kinerja",
    "Kompetensi",
    "Talenta",
    "Pangkat",
    "Angka kredit",
)


def _criterion(row: CandidateRow, code: str) -> str:
    criterion = row.criteria[code]
    mark = {True: "Memenuhi", False: "Belum memenuhi", None: "—"}[criterion.met]
    return f"{mark}: {criterion.detail}" if criterion.detail else mark


def ranking_rows(rows: Iterable[CandidateRow]) -> Iterator[list[Any]]:
    for row in rows:
        yield [
            row.place,
            row.nip,
            row.name,
            row.rank,
            row.position_name,
            row.unit_name,
            row.merit.score,
            "Ya" if row.merit.eligible else "Tidak",
            _criterion(row, "kinerja"),
            _criterion(row, "kompetensi"),
            _criterion(row, "talenta"),
            _criterion(row, "pangkat"),
            _criterion(row, "angka_kredit"),
        ]


def terms_lines(position: Position, terms: VacancyTerms) -> list[str]:
    """The requirements of a vacancy in words, for the head of the exports."""
    lines = [f"Jabatan: {position.name} — {position.unit.name}"]
    if terms.min_rank:
        lines.append(f"Golongan minimal: {terms.min_rank}")
    if terms.min_credit is not None:
        lines.append(
            f"Angka kredit minimal (dari jenjang {terms.lower_level_label}): "
            f"{format_credit(terms.min_credit)}"
        )
    lines.append(
        f"Standar kompetensi: {terms.competency_total} kompetensi"
        if terms.competency_total
        else "Standar kompetensi: belum ditetapkan (komponen kompetensi tidak dihitung)"
    )
    lines.append(
        "Skor merit = 50% kinerja (2 predikat final terakhir) + 30% kesesuaian kompetensi + "
        "20% kotak 9-box; golongan dan angka kredit adalah syarat."
    )
    return lines


def format_credit(value: Decimal | None) -> str:
    """`20.83` → `20,83` (angka kredit are always shown with two decimals)."""
    if value is None:
        return "–"
    whole, _, fraction = f"{value:.2f}".partition(".")
    return f"{int(whole):,}".replace(",", ".") + "," + fraction


def printed_on(day: Any) -> str:
    return indonesian_date(day)
