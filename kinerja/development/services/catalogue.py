"""The agency admin's writes on the catalogue: trainings and internal trainers."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from kinerja.competency.models import Competency, EmployeeCompetency
from kinerja.core import audit
from kinerja.core.exceptions import ValidationError, check_version
from kinerja.core.models import Agency, User
from kinerja.core.permissions import require
from kinerja.development import rules
from kinerja.development.models import Delivery, InternalTrainer, Training
from kinerja.org.models import Employee

TRAINING_FIELDS = [
    "title",
    "competency",
    "delivery",
    "provider",
    "description",
    "cost",
    "external_equivalent_cost",
    "jp",
    "min_trainer_level",
    "is_active",
]


def _check_training(training: Training) -> None:
    errors: dict[str, str] = {}
    if training.delivery == Delivery.INTERNAL and training.competency_id is None:
        errors["competency"] = _(
            "Pelatihan internal harus menyebut kompetensinya, agar pengajarnya dapat dicocokkan."
        )
    if training.delivery == Delivery.EXTERNAL and training.external_equivalent_cost is not None:
        errors["external_equivalent_cost"] = _(
            "Biaya eksternal setara hanya diisi untuk pelatihan internal."
        )
    if training.competency is not None and training.competency.agency_id != training.agency_id:
        errors["competency"] = _("Kompetensi tidak ditemukan.")
    if not 1 <= training.jp <= 500:
        errors["jp"] = _("JP harus antara 1 dan 500.")
    if training.cost < 0:
        errors["cost"] = _("Biaya tidak boleh negatif.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def create_training(
    agency: Agency,
    *,
    actor: User,
    title: str,
    delivery: str,
    jp: int,
    competency: Competency | None = None,
    provider: str = "",
    description: str = "",
    cost: Decimal = Decimal(0),
    external_equivalent_cost: Decimal | None = None,
    min_trainer_level: int = 4,
) -> Training:
    """Add a training to the catalogue (agency admin)."""
    require(actor, "development.manage_catalogue", agency)
    training = Training(
        agency=agency,
        title=title.strip(),
        delivery=delivery,
        jp=jp,
        competency=competency,
        provider=provider.strip(),
        description=description.strip(),
        cost=cost,
        external_equivalent_cost=external_equivalent_cost,
        min_trainer_level=min_trainer_level,
    )
    _check_training(training)
    training.save()
    audit.record(training, "development.training.created", actor=actor, agency_id=agency.pk)
    return training


@transaction.atomic
def update_training(
    training: Training, *, actor: User, expected_version: int | None, **fields: object
) -> Training:
    """Change a catalogue entry (agency admin); stale versions are refused."""
    require(actor, "development.manage_catalogue", training)
    locked = Training.objects.select_for_update().get(pk=training.pk)
    check_version(locked.version, expected_version)
    unknown = set(fields) - set(TRAINING_FIELDS)
    if unknown:
        raise ValueError(f"unknown fields {unknown}")
    before = audit.snapshot(locked, TRAINING_FIELDS)
    for name, value in fields.items():
        setattr(locked, name, value.strip() if isinstance(value, str) else value)
    _check_training(locked)
    changes = audit.diff(locked, TRAINING_FIELDS, before)
    if changes:
        locked.version += 1
        locked.save(update_fields=[*fields, "version", "updated_at"])
        audit.record(
            locked,
            "development.training.updated",
            actor=actor,
            agency_id=locked.agency_id,
            changes=changes,
        )
    return locked


def _check_window(available_from: dt.date | None, available_until: dt.date | None) -> None:
    if available_from and available_until and available_until < available_from:
        raise ValidationError(
            {"available_until": _("Tanggal akhir ketersediaan sebelum tanggal mulai.")}
        )


@transaction.atomic
def register_trainer(
    agency: Agency,
    *,
    actor: User,
    employee: Employee,
    competency: Competency,
    available_from: dt.date | None = None,
    available_until: dt.date | None = None,
    availability_note: str = "",
) -> InternalTrainer:
    """Register an employee as internal trainer of a competency they master (agency admin).

    Their recorded level must be at least `rules.LOWEST_TRAINER_LEVEL`; each training still asks
    its own level when trainers are matched.
    """
    require(actor, "development.manage_catalogue", agency)
    if employee.agency_id != agency.pk or competency.agency_id != agency.pk:
        raise ValidationError(_("Pegawai atau kompetensi tidak ditemukan."))
    if not employee.is_active:
        raise ValidationError({"employee": _("Pegawai tidak aktif.")})
    level = (
        EmployeeCompetency.objects.filter(employee=employee, competency=competency)
        .values_list("level", flat=True)
        .first()
    )
    if level is None or not rules.may_teach(level, rules.LOWEST_TRAINER_LEVEL):
        raise ValidationError(
            {
                "employee": _(
                    "Level kompetensi %(name)s pegawai ini %(level)s; pengajar internal "
                    "sekurang-kurangnya level %(minimum)s."
                )
                % {
                    "name": competency.name,
                    "level": level if level is not None else _("belum dinilai"),
                    "minimum": rules.LOWEST_TRAINER_LEVEL,
                }
            }
        )
    _check_window(available_from, available_until)
    if InternalTrainer.objects.filter(employee=employee, competency=competency).exists():
        raise ValidationError(
            {"employee": _("Pegawai ini sudah terdaftar sebagai pengajar kompetensi itu.")}
        )
    trainer = InternalTrainer.objects.create(
        agency=agency,
        employee=employee,
        competency=competency,
        available_from=available_from,
        available_until=available_until,
        availability_note=availability_note.strip(),
    )
    audit.record(trainer, "development.trainer.registered", actor=actor, agency_id=agency.pk)
    return trainer


TRAINER_FIELDS = ["available_from", "available_until", "availability_note", "is_active"]


@transaction.atomic
def update_trainer(
    trainer: InternalTrainer,
    *,
    actor: User,
    expected_version: int | None,
    available_from: dt.date | None,
    available_until: dt.date | None,
    availability_note: str,
    is_active: bool,
) -> InternalTrainer:
    """Change a trainer's availability or withdraw them (agency admin)."""
    require(actor, "development.manage_catalogue", trainer)
    locked = InternalTrainer.objects.select_for_update().get(pk=trainer.pk)
    check_version(locked.version, expected_version)
    _check_window(available_from, available_until)
    before = audit.snapshot(locked, TRAINER_FIELDS)
    locked.available_from = available_from
    locked.available_until = available_until
    locked.availability_note = availability_note.strip()
    locked.is_active = is_active
    changes = audit.diff(locked, TRAINER_FIELDS, before)
    if changes:
        locked.version += 1
        locked.save(update_fields=[*TRAINER_FIELDS, "version", "updated_at"])
        audit.record(
            locked,
            "development.trainer.updated",
            actor=actor,
            agency_id=locked.agency_id,
            changes=changes,
        )
    return locked
