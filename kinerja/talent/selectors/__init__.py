"""Reads of the talent area, scoped to what the user may see (`permissions`): the grid's counts,
the people of a box or of the pool, those not yet mappable with the reason, one's own card and
direct reports, potential scores, key positions and their succession candidates."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from kinerja.appraisal.models import Evaluation, EvaluationStatus
from kinerja.core.models import Agency, User
from kinerja.core.permissions import actor_of, require
from kinerja.org.models import Employee, Unit
from kinerja.talent.boxes import BOX_ACTIONS, BOX_NAMES, GRID_ROWS, POOL_BOXES
from kinerja.talent.models import KeyPosition, PotentialAssessment, TalentPlacement
from kinerja.talent.permissions import grid_scope, key_position_scope, reads_whole_agency
from kinerja.talent.succession import Candidate, RankedCandidate, rank_candidates


@dataclass(frozen=True)
class BoxCell:
    box: int
    count: int
    name: str
    actions: tuple[str, ...]

    @property
    def tone(self) -> str:
        """The colour family of the box: the pool, the middle, to watch, the sanctions path."""
        if self.box in POOL_BOXES:
            return "top"
        if self.box in (4, 5, 6):
            return "mid"
        return "watch" if self.box in (2, 3) else "low"


@dataclass(frozen=True)
class Grid:
    """Counts per box, laid out as the official grid, and the totals."""

    rows: list[list[BoxCell]]
    placed: int
    unmapped: int
    pool: int

    @property
    def cells(self) -> list[BoxCell]:
        """Boxes 9 → 1 (for the table view)."""
        return sorted((cell for row in self.rows for cell in row), key=lambda c: -c.box)


def visible_units(user: User, agency: Agency) -> QuerySet[Unit]:
    """The units offered in the unit filter: the agency's (admin), or the subtrees the user
    heads or is auditing as an inspector."""
    units = Unit.objects.filter(agency=agency, is_active=True).order_by("path")
    actor = actor_of(user)
    if reads_whole_agency(actor):
        return units
    return units.subtree_of(actor.reading_unit_paths)


def _unit_filter(user: User, agency: Agency, unit_id: Any, prefix: str) -> Q:
    if not unit_id:
        return Q()
    try:
        unit = visible_units(user, agency).get(pk=int(unit_id))
    except (Unit.DoesNotExist, ValueError, TypeError) as error:
        raise Http404 from error
    return Q(**{f"{prefix}unit__path__startswith": unit.path})


def placements_for(
    user: User,
    agency: Agency,
    *,
    boxes: tuple[int, ...] | None = None,
    unit_id: Any = None,
    q: str = "",
) -> QuerySet[TalentPlacement]:
    """Placements the user may list (talent.view_grid), with employee, unit and position."""
    require(user, "talent.view_grid", agency)
    placements = TalentPlacement.objects.filter(agency=agency, employee__is_active=True).filter(
        grid_scope(actor_of(user)), _unit_filter(user, agency, unit_id, "employee__")
    )
    if boxes:
        placements = placements.filter(box__in=boxes)
    if q.strip():
        term = q.strip()
        placements = placements.filter(
            Q(employee__name__icontains=term) | Q(employee__nip__startswith="".join(term.split()))
        )
    return placements.select_related("employee", "employee__unit", "employee__position").order_by(
        "-box", "-performance_score", "-potential_score", "employee__name", "pk"
    )


def grid_for(user: User, agency: Agency, *, unit_id: Any = None) -> Grid:
    """The counts per box (one aggregate query) and the unmapped count (one more)."""
    counts = dict(
        placements_for(user, agency, unit_id=unit_id)
        .order_by()
        .values_list("box")
        .annotate(n=Count("pk"))
        .values_list("box", "n")
    )
    rows = [
        [BoxCell(box, counts.get(box, 0), BOX_NAMES[box], BOX_ACTIONS[box]) for box in row]
        for row in GRID_ROWS
    ]
    return Grid(
        rows=rows,
        placed=sum(counts.values()),
        unmapped=unmapped_for(user, agency, unit_id=unit_id).count(),
        pool=sum(counts.get(box, 0) for box in POOL_BOXES),
    )


def unmapped_for(
    user: User, agency: Agency, *, unit_id: Any = None, q: str = ""
) -> QuerySet[Employee]:
    """Active employees without a box, annotated with what they lack (`has_predicate`,
    `has_potential`): "belum dapat dipetakan"."""
    require(user, "talent.view_grid", agency)
    employees = (
        Employee.objects.filter(agency=agency, is_active=True)
        .filter(grid_scope(actor_of(user), prefix=""), _unit_filter(user, agency, unit_id, ""))
        .exclude(Exists(TalentPlacement.objects.filter(employee=OuterRef("pk"))))
        .annotate(
            has_predicate=Exists(
                Evaluation.objects.filter(
                    employee=OuterRef("pk"), status=EvaluationStatus.FINAL
                ).exclude(predicate="")
            ),
            has_potential=Exists(PotentialAssessment.objects.filter(employee=OuterRef("pk"))),
        )
    )
    if q.strip():
        term = q.strip()
        employees = employees.filter(
            Q(name__icontains=term) | Q(nip__startswith="".join(term.split()))
        )
    return employees.select_related("unit", "position").order_by("name", "pk")


def unmapped_reason(employee: Any) -> str:
    """Why an employee has no box (from the annotations of `unmapped_for`)."""
    missing = []
    if not employee.has_predicate:
        missing.append("belum ada predikat kinerja final")
    if not employee.has_potential:
        missing.append("belum ada skor potensial")
    if not missing:
        return "Data lengkap; belum dihitung ulang sejak data terakhir masuk"
    return "Belum dapat dipetakan: " + " dan ".join(missing)


@dataclass
class MyTalent:
    employee: Employee | None
    placement: TalentPlacement | None
    reports: list[tuple[Employee, TalentPlacement | None]] = field(default_factory=list)


def my_talent(user: User) -> MyTalent:
    """The user's own box and, for a supervisor, their direct reports' boxes."""
    require(user, "talent.view_mine")
    employee_id = actor_of(user).employee_id
    if employee_id is None:  # a superuser passes every rule but has no box
        raise PermissionDenied(_("Akun ini tidak terhubung dengan data pegawai."))
    employee = Employee.objects.select_related("unit", "position").get(pk=employee_id)
    own = TalentPlacement.objects.filter(employee=employee).first()
    reports = list(
        Employee.objects.filter(supervisor=employee, is_active=True)
        .select_related("unit", "position", "talent_placement")
        .order_by("name", "pk")
    )
    return MyTalent(
        employee=employee,
        placement=own,
        reports=[(report, getattr(report, "talent_placement", None)) for report in reports],
    )


def get_placement_for(user: User, employee_pk: int) -> TalentPlacement:
    """One employee's placement, 404 when out of reach (talent.view_placement)."""
    placement = (
        TalentPlacement.objects.select_related("employee", "employee__unit", "employee__position")
        .filter(employee_id=employee_pk)
        .first()
    )
    if placement is None or not user.has_perm("talent.view_placement", placement.employee):
        raise Http404
    return placement


def potentials_for(user: User, agency: Agency, *, q: str = "") -> QuerySet[PotentialAssessment]:
    """Recorded potential scores, newest first (agency admin: all; inspector: those of the
    employees of the units under audit)."""
    require(user, "talent.view_potential", agency)
    assessments = PotentialAssessment.objects.filter(agency=agency).filter(
        grid_scope(actor_of(user))
    )
    if q.strip():
        term = q.strip()
        assessments = assessments.filter(
            Q(employee__name__icontains=term) | Q(employee__nip__startswith="".join(term.split()))
        )
    return assessments.select_related("employee", "employee__unit").order_by("-assessed_on", "-pk")


def key_positions_for(user: User, agency: Agency) -> QuerySet[KeyPosition]:
    """Key positions with their unit and the count of current holders (inspector: those of the
    units under audit)."""
    require(user, "talent.view_succession", agency)
    return (
        KeyPosition.objects.filter(agency=agency)
        .filter(key_position_scope(actor_of(user)))
        .select_related("position", "position__unit")
        .annotate(holders=Count("position__holders", filter=Q(position__holders__is_active=True)))
        .order_by("position__unit__path", "position__name")
    )


def get_key_position_for(user: User, agency: Agency, pk: int) -> KeyPosition:
    """One key position the user may read (talent.view_key_position); else 404."""
    found = key_positions_for(user, agency).filter(pk=pk).first()
    if found is None or not user.has_perm("talent.view_key_position", found):
        raise Http404
    return found


@dataclass
class Succession:
    key_position: KeyPosition
    holders: list[Employee]
    candidates: list[RankedCandidate]
    employees: dict[int, Employee]


def succession_for(user: User, agency: Agency, pk: int) -> Succession:
    """A key position's ranked candidates from the pool (boxes 7–9), two queries."""
    key_position = get_key_position_for(user, agency, pk)
    position = key_position.position
    holders = list(Employee.objects.filter(position=position, is_active=True).order_by("name"))
    pool = list(
        TalentPlacement.objects.filter(
            agency=agency, box__in=POOL_BOXES, employee__is_active=True
        ).values_list(
            "employee_id",
            "employee__name",
            "box",
            "employee__position__kind",
            "employee__position__level",
            "performance_score",
            "potential_score",
        )
    )
    holder_ids = {holder.pk for holder in holders}
    candidates = [
        Candidate(
            employee_id=row[0],
            name=row[1],
            box=row[2],
            position_kind=row[3] or "",
            position_level=row[4] or "",
            performance_score=row[5],
            potential_score=row[6],
        )
        for row in pool
        if row[0] not in holder_ids
    ]
    ranked = rank_candidates(
        candidates, key_kind=position.kind, key_level=position.level, holder_id=None
    )
    employees = Employee.objects.select_related("unit", "position").in_bulk(
        [r.candidate.employee_id for r in ranked]
    )
    return Succession(key_position, holders, ranked, employees)
