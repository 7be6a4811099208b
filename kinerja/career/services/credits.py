"""Writes of the angka kredit ledger: posting credits from final evaluations (set-based, one
entry per evaluation), opening balances, and corrections of the credit-needed table.

Posting (PerBKN 3/2023): a final **annual** evaluation gives the months of the period; a final
**periodic** one the months of its sub-period (`planning.subperiods`), both clipped to the TMT
jabatan when the employee entered the functional position during that time (BKN's example: two
months as Ahli Pertama). The level and its coefficient are the employee's position at posting
time, and are stored on the entry. Once a year's annual evaluation is posted, the periodic
entries of that period are superseded (kept in the ledger, no longer counted), and periodic
evaluations of a period whose annual entry exists are not posted: a year is counted once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Subquery
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kinerja.appraisal.models import Evaluation, EvaluationKind, EvaluationStatus
from kinerja.career import credit
from kinerja.career.models import CreditEntry, CreditRequirement, EntryKind
from kinerja.core import audit
from kinerja.core.exceptions import check_version
from kinerja.core.models import Agency, User
from kinerja.core.permissions import require
from kinerja.org.models import Employee, PositionKind
from kinerja.org.ranks import RANK_ORDER
from kinerja.planning.models import Period
from kinerja.planning.subperiods import subperiods


def register_audit_actions() -> None:
    audit.register_actions(
        {
            "career.credit.posted": gettext_lazy("Angka kredit dari predikat dibukukan"),
            "career.credit.opening": gettext_lazy("Saldo awal angka kredit dicatat"),
            "career.credit.imported": gettext_lazy("Saldo awal angka kredit diimpor"),
            "career.requirement.updated": gettext_lazy("Tabel kebutuhan angka kredit diubah"),
            "career.award.decided": gettext_lazy("Keputusan penghargaan dicatat"),
            "career.vacancy.requirement": gettext_lazy("Persyaratan jabatan lowong diubah"),
        }
    )


@dataclass(frozen=True)
class PostingResult:
    created: int
    superseded: int
    skipped: int
    total_amount: Decimal


def _months(start: dt.date, end: dt.date, since: dt.date | None) -> int:
    """Calendar months of start–end, counted from the TMT jabatan when it falls inside; 0 when
    the employee entered the position after the span."""
    if since is not None and since > start:
        if since > end:
            return 0
        start = since
    return min(12, credit.months_between(start.year, start.month, end.year, end.month))


def _span(row: dict[str, Any], cache: dict[int, list[Any]]) -> tuple[dt.date, dt.date, str] | None:
    """The dates an evaluation covers and the line's label."""
    start, end = row["period__start_date"], row["period__end_date"]
    if row["kind"] == EvaluationKind.ANNUAL:
        return start, end, _("Predikat tahunan %(period)s") % {"period": row["period__name"]}
    blocks = cache.setdefault(row["period_id"], subperiods(row["period__frequency"], start, end))
    block = next((b for b in blocks if b.number == row["subperiod"]), None)
    if block is None:
        return None
    return block.start, block.end, _("Predikat periodik %(label)s") % {"label": block.label}


@transaction.atomic
def post_credits(
    agency: Agency, *, actor: User | None, period: Period | None = None
) -> PostingResult:
    """Book the credit of every final evaluation of the agency's functional employees that has no
    entry yet (of one period, or all); idempotent. A handful of queries whatever the size."""
    if actor is not None:
        require(actor, "career.manage_credits", agency)
    evaluations = Evaluation.objects.filter(
        agency=agency,
        status=EvaluationStatus.FINAL,
        employee__position__kind=PositionKind.FUNGSIONAL,
        employee__position__level__in=[level.value for level in credit.Level],
        credit_entry__isnull=True,
    ).exclude(predicate="")
    if period is not None:
        evaluations = evaluations.filter(period=period)
    # A periodic evaluation of a year whose annual one is final is never posted.
    annual_final = Evaluation.objects.filter(
        employee_id=OuterRef("employee_id"),
        period_id=OuterRef("period_id"),
        kind=EvaluationKind.ANNUAL,
        status=EvaluationStatus.FINAL,
    )
    evaluations = evaluations.exclude(Exists(annual_final), kind=EvaluationKind.PERIODIC)
    rows = evaluations.values(
        "id",
        "employee_id",
        "period_id",
        "kind",
        "subperiod",
        "predicate",
        "period__name",
        "period__start_date",
        "period__end_date",
        "period__frequency",
        "employee__position__level",
        "employee__position_since",
    ).order_by("period__start_date", "kind", "subperiod", "id")
    cache: dict[int, list[Any]] = {}
    entries: list[CreditEntry] = []
    skipped = 0
    for row in rows:
        span = _span(row, cache)
        months = _months(span[0], span[1], row["employee__position_since"]) if span else 0
        if span is None or months == 0:
            skipped += 1
            continue
        level = credit.Level(row["employee__position__level"])
        entries.append(
            CreditEntry(
                agency_id=agency.pk,
                employee_id=row["employee_id"],
                kind=EntryKind.ANNUAL
                if row["kind"] == EvaluationKind.ANNUAL
                else EntryKind.PERIODIC,
                evaluation_id=row["id"],
                period_id=row["period_id"],
                label=span[2][:200],
                effective_date=span[1],
                months=months,
                predicate=row["predicate"],
                percent=credit.PREDICATE_PERCENT[row["predicate"]],
                level=level.value,
                coefficient=credit.YEARLY_COEFFICIENT[level],
                amount=credit.entry_credit(row["predicate"], level, months),
                created_by=actor,
            )
        )
    CreditEntry.objects.bulk_create(entries, batch_size=1000)
    annual = CreditEntry.objects.filter(
        employee_id=OuterRef("employee_id"), period_id=OuterRef("period_id"), kind=EntryKind.ANNUAL
    )
    superseded = CreditEntry.objects.filter(
        agency=agency, kind=EntryKind.PERIODIC, superseded_by__isnull=True
    ).filter(Exists(annual))
    if period is not None:
        superseded = superseded.filter(period=period)
    superseded_count = superseded.update(superseded_by=Subquery(annual.values("pk")[:1]))
    result = PostingResult(
        created=len(entries),
        superseded=superseded_count,
        skipped=skipped,
        total_amount=sum((e.amount for e in entries), Decimal(0)),
    )
    if entries or superseded_count:
        audit.record(
            agency,
            "career.credit.posted",
            actor=actor,
            agency_id=agency.pk,
            changes={"entri": (0, result.created), "digantikan": (0, superseded_count)},
            note=period.name if period is not None else _("Semua periode"),
        )
    return result


@transaction.atomic
def record_opening_balance(
    employee: Employee,
    *,
    actor: User | None,
    amount: Decimal,
    effective_date: dt.date,
    note: str = "",
) -> CreditEntry:
    """An opening (integrated or converted) credit balance entered by the agency admin."""
    if actor is not None:
        require(actor, "career.manage_credits", employee)
    position = employee.position
    if (
        position is None
        or position.kind != PositionKind.FUNGSIONAL
        or not (credit.is_functional_level(position.level))
    ):
        raise ValidationError(_("Pegawai ini tidak menduduki jabatan fungsional berjenjang."))
    if amount < 0:
        raise ValidationError({"amount": _("Angka kredit tidak boleh negatif.")})
    if amount != amount.quantize(credit.CENT):
        raise ValidationError({"amount": _("Angka kredit paling banyak dua angka desimal.")})
    entry = CreditEntry.objects.create(
        agency_id=employee.agency_id,
        employee=employee,
        kind=EntryKind.OPENING,
        label=_("Saldo awal angka kredit"),
        effective_date=effective_date,
        level=position.level,
        amount=amount,
        note=note[:255],
        created_by=actor,
    )
    audit.record(
        entry,
        "career.credit.opening",
        actor=actor,
        agency_id=employee.agency_id,
        changes={"amount": (None, amount), "effective_date": (None, effective_date)},
        note=note,
    )
    return entry


@transaction.atomic
def update_credit_requirement(
    agency: Agency,
    *,
    actor: User | None,
    level: str,
    rank_min: str,
    rank_max: str,
    rank_step_credit: Decimal,
    next_level_credit: Decimal | None,
    expected_version: int | None = None,
) -> CreditRequirement:
    """Correct one level's row of the credit-needed table (created from BKN's default on the
    first correction)."""
    if actor is not None:
        require(actor, "career.manage_credits", agency)
    if not credit.is_functional_level(level):
        raise ValidationError({"level": _("Jenjang tidak dikenal.")})
    if RANK_ORDER[rank_min] > RANK_ORDER[rank_max]:
        raise ValidationError({"rank_max": _("Golongan tertinggi tidak boleh di bawah terendah.")})
    if rank_step_credit <= 0:
        raise ValidationError({"rank_step_credit": _("Angka kredit harus lebih dari nol.")})
    if next_level_credit is not None and next_level_credit <= 0:
        raise ValidationError({"next_level_credit": _("Angka kredit harus lebih dari nol.")})
    row = CreditRequirement.objects.select_for_update().filter(agency=agency, level=level).first()
    default = credit.DEFAULT_REQUIREMENTS[credit.Level(level)]
    if row is None:
        row = CreditRequirement(
            agency=agency,
            level=level,
            rank_min=default.rank_min,
            rank_max=default.rank_max,
            rank_step_credit=default.rank_step_credit,
            next_level_credit=default.next_level_credit,
        )
    else:
        check_version(row.version, expected_version)
    fields = ["rank_min", "rank_max", "rank_step_credit", "next_level_credit"]
    before = audit.snapshot(row, fields)
    row.rank_min, row.rank_max = rank_min, rank_max
    row.rank_step_credit, row.next_level_credit = rank_step_credit, next_level_credit
    changes = audit.diff(row, fields, before)
    if row.pk is None:
        row.save()
    elif changes:
        row.version += 1
        row.save(update_fields=[*fields, "version", "updated_at"])
    if changes:
        audit.record(
            row, "career.requirement.updated", actor=actor, agency_id=agency.pk, changes=changes
        )
    return row
