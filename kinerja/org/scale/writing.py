"""Write a province-scale agency with bulk inserts: units, positions, people, history.

DESIGN §6 measures pages on a province of 60,000 ASN. This builds such an agency quickly with
`bulk_create`, bypassing the per-row services (and their audit trail) on purpose; what the
services would check is guaranteed by construction instead:
  * every NIP / NI PPPK is issued by `demo.people` and checked with `kinerja.org.nip`;
  * supervisors follow the unit tree (a head reports to the head of the nearest unit above,
    staff to the head of their unit), so chains cannot loop and stay inside the agency;
  * unit paths are the ids from the root (`/12/345/6789/`), written level by level.
The shape scales with the number of employees (about one unit per 20 people), so a small run
(`--employees 500`) has the same kinds of units, only fewer.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from dataclasses import dataclass, field

from django.db import connection, models, transaction
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from kinerja.core.models import Agency, AgencyKind, Role
from kinerja.core.tenancy import all_agencies_scope
from kinerja.org import services
from kinerja.org.demo import DEMO_PASSWORD
from kinerja.org.demo.people import NipRegistry, person_fields, position_grade
from kinerja.org.demo.structure import Branch, Job
from kinerja.org.models import Employee, Position, PositionHistory, Unit
from kinerja.org.scale.shape import BIRTH_PLACES, NAME_MIX, province_shape

BATCH = 2000


@dataclass(frozen=True)
class ScaleSummary:
    """What `generate_province` created, and how long it took."""

    agency: Agency
    units: int
    positions: int
    employees: int
    history: int
    seconds: float


# --- Flattening and sizing ----------------------------------------------------------------


@dataclass
class _Node:
    """A unit of the plan, with the rows written for it so far."""

    branch: Branch
    parent: _Node | None
    depth: int
    code: str
    unit: Unit | None = None
    head_position: Position | None = None
    head: Employee | None = None

    @property
    def lead(self) -> Employee | None:
        """Who the people of this unit report to: its head, else the head above."""
        node: _Node | None = self
        while node is not None:
            if node.head is not None:
                return node.head
            node = node.parent
        return None

    @property
    def superior_position(self) -> Position | None:
        node: _Node | None = self
        while node is not None:
            if node.head_position is not None:
                return node.head_position
            node = node.parent
        return None


def _flatten(roots: list[Branch]) -> list[_Node]:
    nodes: list[_Node] = []

    def walk(branch: Branch, parent: _Node | None, depth: int, code: str) -> None:
        node = _Node(branch, parent, depth, code)
        nodes.append(node)
        for index, child in enumerate(branch.children, start=1):
            walk(child, node, depth + 1, f"{code}.{index:02d}")

    for index, root in enumerate(roots, start=1):
        walk(root, None, 0, f"{index:02d}")
    return nodes


def _apportion(weights: list[int], total: int) -> list[int]:
    """Split `total` in proportion to `weights` (largest remainder, deterministic)."""
    weight_sum = sum(weights) or 1
    shares = [w * total / weight_sum for w in weights]
    counts = [int(share) for share in shares]
    order = sorted(range(len(weights)), key=lambda i: shares[i] - counts[i], reverse=True)
    for i in order[: total - sum(counts)]:
        counts[i] += 1
    return counts


# --- Writing ------------------------------------------------------------------------------------


@dataclass
class _Generator:
    """Builds unsaved rows for one agency and counts what was written."""

    agency: Agency
    rng: random.Random
    registry: NipRegistry
    today: dt.date
    units: int = 0
    positions: int = 0
    employees: int = 0
    history: int = 0
    admin: Employee | None = None
    unit_ids: list[int] = field(default_factory=list)

    def employee(
        self, job: Job, position: Position, unit: Unit, supervisor: Employee | None
    ) -> Employee:
        fields = person_fields(
            self.rng,
            self.registry,
            job,
            today=self.today,
            name_mix=NAME_MIX,
            birth_places=BIRTH_PLACES,
        )
        return Employee(
            agency=self.agency, unit=unit, position=position, supervisor=supervisor, **fields
        )

    def position(self, job: Job, unit: Unit, superior: Position | None) -> Position:
        return Position(
            agency=self.agency,
            name=job.name,
            kind=job.kind,
            level=job.level,
            grade=position_grade(job.kind, job.level),
            unit=unit,
            superior=superior,
        )

    def save_employees(self, employees: list[Employee]) -> None:
        """Insert employees and their position history (a past posting for about a quarter)."""
        Employee.objects.bulk_create(employees, batch_size=BATCH)
        rows = []
        for employee in employees:
            start = employee.position_since or self.today
            rows.append(
                PositionHistory(
                    agency=self.agency,
                    employee=employee,
                    unit=employee.unit,
                    position=employee.position,
                    start_date=start,
                    note="Data awal",
                )
            )
            earlier = start - dt.timedelta(days=1)
            if self.rng.random() < 0.25 and employee.rank_since and earlier > employee.rank_since:
                rows.append(
                    PositionHistory(
                        agency=self.agency,
                        employee=employee,
                        unit_id=self.rng.choice(self.unit_ids),
                        start_date=employee.rank_since,
                        end_date=earlier,
                        note="Mutasi",
                    )
                )
        PositionHistory.objects.bulk_create(rows, batch_size=BATCH)
        self.employees += len(employees)
        self.history += len(rows)


def generate_province(
    *,
    employees: int = 60_000,
    seed: int = 1,
    code: str = "uji-skala",
    name: str = "Pemerintah Provinsi Uji Skala",
) -> ScaleSummary:
    """Create one province-size agency with `employees` people; refuse if `code` exists."""
    started = time.perf_counter()
    rng = random.Random(seed)  # noqa: S311  (synthetic data, not security)
    nodes = _flatten(province_shape(employees, rng))
    heads = sum(1 for node in nodes if node.branch.head is not None)
    if employees < heads * 2:
        raise ValueError(f"terlalu sedikit pegawai untuk {len(nodes)} unit: minimal {heads * 2}")
    staff_jobs = [(node, job) for node in nodes for job in node.branch.staff]
    counts = _apportion([job.holders for _node, job in staff_jobs], employees - heads)
    with all_agencies_scope(), transaction.atomic():
        if Agency.objects.filter(models.Q(code=code) | models.Q(name=name)).exists():
            raise ValueError(f"instansi dengan kode {code!r} atau nama {name!r} sudah ada")
        agency = Agency.objects.create(
            name=name,
            short_name=name.removeprefix("Pemerintah "),
            kind=AgencyKind.PROVINCE,
            code=code,
            region="Uji skala",
        )
        registry = NipRegistry(Employee.objects.values_list("nip", flat=True).iterator())
        gen = _Generator(agency, rng, registry, timezone.localdate())
        _write_units_and_heads(gen, nodes)
        _write_staff(gen, staff_jobs, counts)
        _create_admin(gen)
    _analyze((Unit, Position, Employee, PositionHistory))
    return ScaleSummary(
        agency, gen.units, gen.positions, gen.employees, gen.history, time.perf_counter() - started
    )


def _write_units_and_heads(gen: _Generator, nodes: list[_Node]) -> None:
    """Units, head positions and heads, one tree level at a time (parents get ids first)."""
    for depth in range(max(node.depth for node in nodes) + 1):
        level = [node for node in nodes if node.depth == depth]
        for node in level:
            node.unit = Unit(
                agency=gen.agency,
                name=node.branch.name,
                kind=node.branch.kind,
                code=node.code,
                parent=node.parent.unit if node.parent else None,
                depth=depth,
            )
        Unit.objects.bulk_create([node.unit for node in level if node.unit], batch_size=BATCH)
        parent_path: models.Subquery | models.Value = (
            models.Subquery(Unit.objects.filter(pk=models.OuterRef("parent_id")).values("path")[:1])
            if depth
            else models.Value("/")
        )
        Unit.objects.filter(agency=gen.agency, depth=depth).update(
            path=Concat(
                parent_path,
                Cast("id", models.CharField()),
                models.Value("/"),
                output_field=models.CharField(),
            )
        )
        gen.units += len(level)
        with_head = [node for node in level if node.branch.head is not None]
        for node in with_head:
            assert node.branch.head is not None
            assert node.unit is not None
            superior = node.parent.superior_position if node.parent else None
            node.head_position = gen.position(node.branch.head, node.unit, superior)
        Position.objects.bulk_create(
            [node.head_position for node in with_head if node.head_position], batch_size=BATCH
        )
        gen.positions += len(with_head)
        for node in with_head:
            assert node.branch.head is not None
            assert node.unit is not None
            assert node.head_position is not None
            node.head = gen.employee(
                node.branch.head,
                node.head_position,
                node.unit,
                node.parent.lead if node.parent else None,
            )
        gen.unit_ids += [node.unit.pk for node in level if node.unit]
        gen.save_employees([node.head for node in with_head if node.head is not None])


def _write_staff(gen: _Generator, staff_jobs: list[tuple[_Node, Job]], counts: list[int]) -> None:
    """Staff positions, then their holders in batches, each reporting to their unit's lead."""
    positions = []
    for node, job in staff_jobs:
        assert node.unit is not None
        position = gen.position(job, node.unit, node.superior_position)
        positions.append(position)
    Position.objects.bulk_create(positions, batch_size=BATCH)
    gen.positions += len(positions)
    batch: list[Employee] = []
    for (node, job), count, position in zip(staff_jobs, counts, positions, strict=True):
        assert node.unit is not None
        for index in range(count):
            employee = gen.employee(job, position, node.unit, node.lead)
            batch.append(employee)
            if index == 0 and "admin" in job.accounts and gen.admin is None:
                gen.admin = employee
        if len(batch) >= BATCH * 5:
            gen.save_employees(batch)
            batch = []
    if batch:
        gen.save_employees(batch)


def _create_admin(gen: _Generator) -> None:
    """`<code>.admin`: an agency admin for the benchmarks (password as the demo accounts)."""
    admin = gen.admin or Employee.objects.filter(agency=gen.agency).order_by("pk").first()
    if admin is None:
        return
    issued = services.create_account(
        admin, actor=None, roles=(Role.AGENCY_ADMIN,), password=DEMO_PASSWORD
    )
    issued.user.username = f"{gen.agency.code}.admin"
    issued.user.save(update_fields=["username"])


def _analyze(tables: tuple[type[models.Model], ...]) -> None:
    """Refresh planner statistics (and, on PostgreSQL, the visibility map) after the bulk load.

    Without statistics PostgreSQL estimates one row per table and picks nested loops that take
    seconds; without a vacuum, counts cannot use index-only scans. Autovacuum would get there
    eventually (if enabled); benchmarks should not depend on when.
    """
    vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
    with connection.cursor() as cursor:
        for model in tables:
            table = connection.ops.quote_name(model._meta.db_table)
            cursor.execute(f"VACUUM ANALYZE {table}" if vacuum else f"ANALYZE {table}")
