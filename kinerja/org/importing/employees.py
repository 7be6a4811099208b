"""Importing employees: every row checked against the file and the agency.

A NIP already in the agency updates that employee (only the columns present in the file); a
new NIP creates one. Birth date and sex, when not given, are taken from the NIP (Perka BKN
22/2007); when given they must agree with it. Supervisors may be in the same file or already
in the agency, and the resulting chains of supervisors may not loop. `employees_writing`
writes the plan of a file without errors.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from django.db import connection
from django.utils.translation import gettext as _

from kinerja.core.tenancy import all_agencies_scope
from kinerja.org.importing import cells
from kinerja.org.importing.cells import CellError
from kinerja.org.importing.checking import (
    Checked,
    Problems,
    UnitDirectory,
    describe_loop,
    find_cycles,
)
from kinerja.org.importing.columns import header_for
from kinerja.org.importing.reading import Table
from kinerja.org.models import (
    Employee,
    EmployeeType,
    ImportKind,
    Position,
    Unit,
)
from kinerja.org.nip import NipError, ParsedNip, check_agrees, compact, parse_ni_pppk, parse_nip

KIND = ImportKind.EMPLOYEES
TEXT_LIMITS = {
    "name": 150,
    "front_title": 40,
    "back_title": 60,
    "birth_place": 80,
    "education": 40,
    "phone": 20,
}
REQUIRED = ("nip", "name", "unit")
# The employee fields an import writes, in the audit trail's names.
AUDITED = [
    "employee_type",
    "nip",
    "name",
    "front_title",
    "back_title",
    "birth_place",
    "birth_date",
    "sex",
    "rank",
    "rank_since",
    "unit",
    "position",
    "position_since",
    "supervisor",
    "education",
    "email",
    "phone",
]
_FOREIGN_LOOKUP_BATCH = 500


class ExistingEmployee(NamedTuple):
    pk: int
    nip: str
    name: str
    employee_type: str
    supervisor_id: int | None
    position_id: int | None
    is_active: bool


@dataclass
class EmployeeSnapshot:
    """What the checks need to know about the agency, read once."""

    units: UnitDirectory
    positions: dict[tuple[int, str], tuple[int, bool, str]]  # (unit, name key) → id, active, name
    position_units: dict[int, int]  # position id → unit id
    position_names: dict[int, str]
    units_by_position_name: dict[str, set[int]]
    employees: dict[str, ExistingEmployee]  # by NIP
    nips_by_id: dict[int, str]
    foreign_nips: set[str]

    @classmethod
    def load(cls, agency_id: int, table: Table) -> EmployeeSnapshot:
        """Read the agency's units, positions and employees, and NIPs taken elsewhere."""
        units = UnitDirectory(
            Unit.objects.filter(agency_id=agency_id).values_list("id", "name", "code", "is_active")
        )
        positions: dict[tuple[int, str], tuple[int, bool, str]] = {}
        position_units: dict[int, int] = {}
        position_names: dict[int, str] = {}
        units_by_position_name: dict[str, set[int]] = defaultdict(set)
        for pk, name, unit_id, is_active in Position.objects.filter(
            agency_id=agency_id
        ).values_list("id", "name", "unit_id", "is_active"):
            positions[(unit_id, cells.key(name))] = (pk, is_active, name)
            position_units[pk] = unit_id
            position_names[pk] = name
            units_by_position_name[cells.key(name)].add(unit_id)
        employees = {
            row[1]: ExistingEmployee(*row)
            for row in Employee.objects.filter(agency_id=agency_id).values_list(
                "id", "nip", "name", "employee_type", "supervisor_id", "position_id", "is_active"
            )
        }
        return cls(
            units=units,
            positions=positions,
            position_units=position_units,
            position_names=position_names,
            units_by_position_name=units_by_position_name,
            employees=employees,
            nips_by_id={e.pk: e.nip for e in employees.values()},
            foreign_nips=_foreign_nips(agency_id, _file_nips(table)),
        )


def nip_digits(value: Any) -> str:
    """A NIP cell without the spaces people type in it (`19860926 201505 1 001`)."""
    text = cells.as_text(value)
    return text if text.isdigit() else compact(text)


def _file_nips(table: Table) -> list[str]:
    if "nip" not in table.fields:
        return []
    position = table.fields.index("nip") + 1
    return [nip_digits(row[position]) for row in table.rows if row[position]]


def _foreign_nips(agency_id: int, nips: list[str]) -> set[str]:
    """The NIPs of the file that another agency already holds (NIPs are unique nationally)."""
    if not nips:
        return set()
    if connection.vendor == "postgresql":
        # One array parameter instead of tens of thousands: PostgreSQL plans huge IN lists slowly.
        table = connection.ops.quote_name(Employee._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT nip FROM {table} WHERE nip = ANY(%s) "  # noqa: S608
                "AND agency_id <> %s",
                [nips, agency_id],
            )
            return {nip for (nip,) in cursor.fetchall()}
    found: set[str] = set()
    # Deliberately across agencies: the NIP column is unique over all of them.
    with all_agencies_scope():
        for start in range(0, len(nips), _FOREIGN_LOOKUP_BATCH):
            found.update(
                Employee.objects.filter(nip__in=nips[start : start + _FOREIGN_LOOKUP_BATCH])
                .exclude(agency_id=agency_id)
                .values_list("nip", flat=True)
            )
    return found


@dataclass
class EmployeeRow:
    """A checked row: the employee's values as model attributes, and its supervisor's NIP."""

    row: int
    nip: str
    existing: ExistingEmployee | None
    values: dict[str, Any] = field(default_factory=dict)
    supervisor_nip: str | None = None


@dataclass
class EmployeePlan:
    fields: set[str]
    rows: list[EmployeeRow]
    snapshot: EmployeeSnapshot


def _nip_message(error: NipError) -> str:
    text = str(error)
    return f"{text[:1].upper()}{text[1:]}."


def _parse_identity(
    number: int,
    record: dict[str, Any],
    *,
    employee_type: str,
    problems: Problems,
    today: dt.date,
) -> ParsedNip | None:
    raw = record.get("nip")
    if raw is None:
        return None
    if isinstance(raw, float):
        problems.add(
            number,
            "nip",
            raw,
            _(
                "NIP tersimpan sebagai angka sehingga digit terakhirnya hilang; format kolom NIP "
                "sebagai teks."
            ),
        )
        return None
    parser = parse_ni_pppk if employee_type == EmployeeType.PPPK else parse_nip
    try:
        return parser(cells.as_text(raw), today=today)
    except NipError as error:
        problems.add(number, "nip", raw, _nip_message(error))
        return None


def _check_row(
    number: int,
    record: dict[str, Any],
    *,
    present: set[str],
    snapshot: EmployeeSnapshot,
    problems: Problems,
    today: dt.date,
) -> EmployeeRow:
    for name in REQUIRED:
        if record.get(name) is None:
            problems.add(
                number,
                name,
                "",
                _("%(column)s wajib diisi.")
                % {"column": problems.headers.get(name) or header_for(KIND, name)},
            )
    nip_text = nip_digits(record.get("nip"))
    existing = snapshot.employees.get(nip_text)
    row = EmployeeRow(number, nip_text, existing)
    values = row.values

    employee_type = existing.employee_type if existing else EmployeeType.PNS
    if record.get("employee_type") is not None:
        try:
            employee_type = cells.employee_type(record["employee_type"])
        except CellError as error:
            problems.add(number, "employee_type", record["employee_type"], str(error))
    if "employee_type" in present or existing is None:
        values["employee_type"] = employee_type

    parsed = _parse_identity(
        number, record, employee_type=employee_type, problems=problems, today=today
    )
    if parsed is not None:
        row.nip = values["nip"] = parsed.number
    for name, parse in (("birth_date", cells.date), ("sex", cells.sex)):
        if record.get(name) is not None:
            try:
                values[name] = parse(record[name])
            except CellError as error:
                problems.add(number, name, record[name], str(error))
        elif parsed is not None and (existing is None or name in present):
            values[name] = getattr(parsed, name)
    if parsed is not None:
        try:
            check_agrees(parsed, birth_date=values.get("birth_date"), sex=values.get("sex"))
        except NipError as error:
            problems.add(number, "nip", record["nip"], _nip_message(error))

    for name, limit in TEXT_LIMITS.items():
        if name in present:
            try:
                values[name] = cells.text(record[name], max_length=limit)
            except CellError as error:
                problems.add(number, name, record[name], str(error))
    if "email" in present:
        try:
            values["email"] = cells.email(record["email"]) if record["email"] is not None else ""
        except CellError as error:
            problems.add(number, "email", record["email"], str(error))
    if "rank" in present:
        try:
            values["rank"] = (
                cells.rank(record["rank"], is_pppk=employee_type == EmployeeType.PPPK)
                if record["rank"] is not None
                else ""
            )
        except CellError as error:
            problems.add(number, "rank", record["rank"], str(error))
    for name in ("rank_since", "position_since"):
        if name in present:
            try:
                values[name] = cells.date(record[name]) if record[name] is not None else None
            except CellError as error:
                problems.add(number, name, record[name], str(error))

    _check_placement(row, record, present=present, snapshot=snapshot, problems=problems)
    if "supervisor" in present and record["supervisor"] is not None:
        row.supervisor_nip = nip_digits(record["supervisor"])
        if row.supervisor_nip == row.nip:
            problems.add(
                number,
                "supervisor",
                record["supervisor"],
                _("Pegawai tidak boleh menjadi atasannya sendiri."),
            )
    return row


def _check_placement(
    row: EmployeeRow,
    record: dict[str, Any],
    *,
    present: set[str],
    snapshot: EmployeeSnapshot,
    problems: Problems,
) -> None:
    """The unit (by code or name) and the position, which must belong to that unit."""
    unit_id: int | None = None
    if record.get("unit") is not None:
        try:
            unit_id = row.values["unit_id"] = snapshot.units.find(record["unit"])
        except CellError as error:
            problems.add(row.row, "unit", record["unit"], str(error))
    if unit_id is None:
        return
    if "position" not in present:
        held = row.existing.position_id if row.existing else None
        if held is not None and snapshot.position_units[held] != unit_id:
            problems.add(
                row.row,
                "unit",
                record["unit"],
                _(
                    "Jabatan pegawai saat ini (%(position)s) tidak berada di unit kerja ini; "
                    "tambahkan kolom Jabatan."
                )
                % {"position": snapshot.position_names[held]},
            )
        return
    wanted = record["position"]
    if wanted is None:
        row.values["position_id"] = None
        return
    found = snapshot.positions.get((unit_id, cells.key(wanted)))
    if found is None:
        if snapshot.units_by_position_name.get(cells.key(wanted)):
            message = _('Jabatan "%(position)s" tidak berada di unit kerja "%(unit)s".')
        else:
            message = _('Jabatan "%(position)s" tidak ditemukan.')
        problems.add(
            row.row,
            "position",
            wanted,
            message % {"position": cells.as_text(wanted), "unit": snapshot.units.names[unit_id]},
        )
    elif not found[1]:
        problems.add(
            row.row,
            "position",
            wanted,
            _('Jabatan "%(position)s" sudah tidak aktif.') % {"position": found[2]},
        )
    else:
        row.values["position_id"] = found[0]


def check(table: Table, snapshot: EmployeeSnapshot, *, today: dt.date) -> Checked[EmployeePlan]:
    """Check every row; the plan is only written when no row has an error."""
    problems = Problems(KIND, table.headers)
    present = set(table.fields)
    rows: list[EmployeeRow] = []
    first_row: dict[str, int] = {}
    for number, record in table.records():
        row = _check_row(
            number, record, present=present, snapshot=snapshot, problems=problems, today=today
        )
        rows.append(row)
        if not row.nip:
            continue
        if row.nip in first_row:
            problems.add(
                number,
                "nip",
                record["nip"],
                _("NIP ganda dalam berkas (juga di baris %(row)s).") % {"row": first_row[row.nip]},
            )
        else:
            first_row[row.nip] = number
        if row.nip in snapshot.foreign_nips:
            problems.add(number, "nip", record["nip"], _("NIP sudah terdaftar di instansi lain."))
    _check_supervisors(rows, present=present, snapshot=snapshot, problems=problems)
    plan = EmployeePlan(present, rows, snapshot)
    ok = [row for row in rows if row.row not in problems.rows]
    return Checked(
        plan,
        problems.sorted(),
        to_create=sum(r.existing is None for r in ok),
        to_update=sum(r.existing is not None for r in ok),
        error_rows=len(problems.rows),
    )


def _check_supervisors(
    rows: list[EmployeeRow],
    *,
    present: set[str],
    snapshot: EmployeeSnapshot,
    problems: Problems,
) -> None:
    """Every supervisor exists (in the file or the agency), is active, and no chain loops."""
    in_file = {row.nip: row for row in rows if row.nip}
    for row in rows:
        wanted = row.supervisor_nip
        if not wanted or wanted == row.nip or wanted in in_file:
            continue
        known = snapshot.employees.get(wanted)
        if known is None:
            problems.add(
                row.row,
                "supervisor",
                wanted,
                _("Atasan dengan NIP %(nip)s tidak ditemukan di berkas maupun di instansi ini.")
                % {"nip": wanted},
            )
        elif not known.is_active:
            problems.add(
                row.row,
                "supervisor",
                wanted,
                _("Atasan dengan NIP %(nip)s sudah tidak aktif.") % {"nip": wanted},
            )
    if "supervisor" not in present:
        return

    def supervisor_of(nip: str) -> str | None:
        row = in_file.get(nip)
        if row is not None:
            return row.supervisor_nip if row.supervisor_nip != nip else None
        known = snapshot.employees.get(nip)
        if known is None or known.supervisor_id is None:
            return None
        return snapshot.nips_by_id.get(known.supervisor_id)

    loops = find_cycles((row.nip for row in rows if row.supervisor_nip), supervisor_of)
    for row in rows:
        loop = loops.get(row.nip)
        if loop is not None:
            problems.add(
                row.row,
                "supervisor",
                row.supervisor_nip,
                _("Rantai atasan berputar: %(chain)s.") % {"chain": describe_loop(loop)},
            )
