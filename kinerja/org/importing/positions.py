"""Importing positions (jabatan) into existing units, with the position each reports to.

A row matches an existing position by unit and name (then updates it), else creates one. The
superior position is written by name and looked for in the row's own unit first, then up its
chain of parent units, then anywhere in the agency if the name is unique there.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any, NamedTuple

from django.utils.translation import gettext as _

from kinerja.core.models import AuditEntry
from kinerja.org.importing import cells
from kinerja.org.importing.cells import CellError
from kinerja.org.importing.checking import (
    Checked,
    Problems,
    UnitDirectory,
    describe_loop,
    find_cycles,
)
from kinerja.org.importing.reading import Table
from kinerja.org.importing.writing import (
    WriteContext,
    WriteCounts,
    audit_entry,
    batches,
    insert,
    update,
)
from kinerja.org.models import LEVELS_BY_KIND, ImportKind, Position, Unit

KIND = ImportKind.POSITIONS

# A position in the final state: the id of an existing one, or minus the row number of a new one.
Ref = int


class ExistingPosition(NamedTuple):
    pk: int
    name: str
    unit_id: int
    kind: str
    level: str
    superior_id: int | None


@dataclass
class PositionSnapshot:
    units: UnitDirectory
    unit_parents: dict[int, int | None]
    positions: dict[int, ExistingPosition]
    by_unit_and_name: dict[tuple[int, str], int]

    @classmethod
    def load(cls, agency_id: int, table: Table) -> PositionSnapshot:
        unit_rows = list(
            Unit.objects.filter(agency_id=agency_id).values_list(
                "id", "name", "code", "is_active", "parent_id"
            )
        )
        positions = {
            row[0]: ExistingPosition(*row)
            for row in Position.objects.filter(agency_id=agency_id).values_list(
                "id", "name", "unit_id", "kind", "level", "superior_id"
            )
        }
        return cls(
            units=UnitDirectory(row[:4] for row in unit_rows),
            unit_parents={row[0]: row[4] for row in unit_rows},
            positions=positions,
            by_unit_and_name={(p.unit_id, cells.key(p.name)): p.pk for p in positions.values()},
        )


@dataclass
class PositionRow:
    row: int
    values: dict[str, Any]
    superior_text: str | None
    ref: Ref = 0
    superior: Ref | None = None


@dataclass
class PositionPlan:
    fields: set[str]
    rows: list[PositionRow]
    snapshot: PositionSnapshot


def _parse_row(
    number: int,
    record: dict[str, Any],
    present: set[str],
    snapshot: PositionSnapshot,
    problems: Problems,
) -> PositionRow:
    row = PositionRow(number, {}, cells.as_text(record.get("superior")) or None)
    values = row.values
    for name in ("name", "kind", "unit"):
        if record.get(name) is None:
            problems.add(
                number, name, "", _("%(column)s wajib diisi.") % {"column": problems.headers[name]}
            )
    if record.get("name") is not None:
        try:
            values["name"] = cells.text(record["name"], max_length=200)
        except CellError as error:
            problems.add(number, "name", record["name"], str(error))
    if record.get("unit") is not None:
        try:
            values["unit_id"] = snapshot.units.find(record["unit"])
        except CellError as error:
            problems.add(number, "unit", record["unit"], str(error))
    if record.get("kind") is not None:
        try:
            values["kind"] = cells.position_kind(record["kind"])
        except CellError as error:
            problems.add(number, "kind", record["kind"], str(error))
    if "level" in present:
        values["level"] = ""
        if record["level"] is not None and "kind" in values:
            try:
                values["level"] = cells.position_level(record["level"], kind=values["kind"])
            except CellError as error:
                problems.add(number, "level", record["level"], str(error))
    if "grade" in present:
        try:
            values["grade"] = cells.grade(record["grade"]) if record["grade"] is not None else None
        except CellError as error:
            problems.add(number, "grade", record["grade"], str(error))
    return row


def _check_level(
    row: PositionRow, record: dict[str, Any], snapshot: PositionSnapshot, problems: Problems
) -> None:
    """The jenjang must fit the kind of position (services._check_position's rule)."""
    kind = row.values.get("kind")
    if kind is None:
        return
    level = row.values.get("level")
    if level is None:
        level = snapshot.positions[row.ref].level if row.ref > 0 else ""
    allowed = LEVELS_BY_KIND.get(kind, set())
    if level and level not in allowed:
        problems.add(
            row.row,
            "level",
            record.get("level"),
            _("Jenjang ini tidak berlaku untuk jenis jabatan tersebut."),
        )
    elif allowed and not level:
        problems.add(
            row.row,
            "level",
            record.get("level"),
            _("Jenjang wajib diisi untuk jabatan JPT dan fungsional."),
        )


def check(table: Table, snapshot: PositionSnapshot, *, today: dt.date) -> Checked[PositionPlan]:
    """Check every row: fields, unit, jenjang, duplicates, superiors and their chains."""
    problems = Problems(KIND, table.headers)
    present = set(table.fields)
    rows: list[PositionRow] = []
    first_row: dict[tuple[int, str], int] = {}
    for number, record in table.records():
        row = _parse_row(number, record, present, snapshot, problems)
        rows.append(row)
        unit_id, name = row.values.get("unit_id"), cells.key(row.values.get("name"))
        row.ref = -number
        if unit_id is None or not name:
            continue
        row.ref = snapshot.by_unit_and_name.get((unit_id, name), -number)
        if (unit_id, name) in first_row:
            problems.add(
                number,
                "name",
                row.values["name"],
                _("Jabatan ganda dalam berkas: unit kerja dan nama sama dengan baris %(row)s.")
                % {"row": first_row[(unit_id, name)]},
            )
        first_row.setdefault((unit_id, name), number)
        _check_level(row, record, snapshot, problems)
    _check_superiors(rows, snapshot, problems)
    plan = PositionPlan(present, rows, snapshot)
    ok = [row for row in rows if row.row not in problems.rows]
    return Checked(
        plan,
        problems.sorted(),
        to_create=sum(row.ref < 0 for row in ok),
        to_update=sum(row.ref > 0 for row in ok),
        error_rows=len(problems.rows),
    )


def _check_superiors(
    rows: list[PositionRow], snapshot: PositionSnapshot, problems: Problems
) -> None:
    """Each superior position exists, is not the position itself, and no chain loops."""
    by_name: dict[str, dict[Ref, int]] = defaultdict(dict)  # name → {position: unit}
    for position in snapshot.positions.values():
        by_name[cells.key(position.name)][position.pk] = position.unit_id
    for row in rows:
        if row.values.get("unit_id") is not None and row.values.get("name"):
            by_name[cells.key(row.values["name"])][row.ref] = row.values["unit_id"]
    for row in rows:
        if row.superior_text is None:
            continue
        try:
            row.superior = _superior(row, by_name.get(cells.key(row.superior_text), {}), snapshot)
        except CellError as error:
            problems.add(row.row, "superior", row.superior_text, str(error))
            continue
        if row.superior == row.ref:
            problems.add(
                row.row,
                "superior",
                row.superior_text,
                _("Jabatan tidak boleh menjadi atasan dirinya sendiri."),
            )
            row.superior = None
    if not any(row.superior for row in rows):
        return
    final: dict[Ref, Ref | None] = {pk: p.superior_id for pk, p in snapshot.positions.items()}
    final.update({row.ref: row.superior for row in rows})
    names = {pk: p.name for pk, p in snapshot.positions.items()}
    names.update({row.ref: row.values.get("name", "") for row in rows})
    loops = find_cycles((row.ref for row in rows if row.superior), final.get)
    for row in rows:
        if row.ref in loops:
            problems.add(
                row.row,
                "superior",
                row.superior_text,
                _("Rantai jabatan atasan berputar: %(chain)s.")
                % {"chain": describe_loop([names[ref] for ref in loops[row.ref]])},
            )


def _superior(row: PositionRow, candidates: dict[Ref, int], snapshot: PositionSnapshot) -> Ref:
    """The superior named in the row: in its unit, else the nearest parent unit, else unique."""
    if not candidates:
        raise CellError(
            _('Jabatan atasan "%(name)s" tidak ditemukan di berkas maupun di instansi ini.')
            % {"name": row.superior_text}
        )
    unit_id = row.values.get("unit_id")
    while unit_id is not None:
        here = [ref for ref, unit in candidates.items() if unit == unit_id and ref != row.ref]
        if here:
            return here[0]
        unit_id = snapshot.unit_parents.get(unit_id)
    if len(candidates) == 1:
        return next(iter(candidates))
    raise CellError(
        _(
            'Ada %(count)s jabatan bernama "%(name)s" di luar unit ini dan unit '
            "induknya; jabatan atasan tidak dapat dipastikan."
        )
        % {"count": len(candidates), "name": row.superior_text}
    )


# --- Writing ------------------------------------------------------------------------------


def write(plan: PositionPlan, context: WriteContext) -> WriteCounts:
    """Create the new positions, link superiors created in the same file, update the others."""
    ids: dict[Ref, int] = {pk: pk for pk in plan.snapshot.positions}
    new_rows = [row for row in plan.rows if row.ref < 0]
    for batch in batches(new_rows, context.batch_size):
        new_ids = insert(
            Position,
            [
                {
                    "agency_id": context.agency_id,
                    **row.values,
                    "superior_id": row.superior if row.superior and row.superior > 0 else None,
                }
                for row in batch
            ],
            now=context.now,
        )
        ids.update(zip((row.ref for row in batch), new_ids, strict=True))
        context.advance(len(batch))
    # Superiors new in this file get their ids only now.
    linked = [
        Position(pk=ids[row.ref], superior_id=ids[row.superior])
        for row in new_rows
        if row.superior is not None and row.superior < 0
    ]
    update(Position, linked, ["superior"])
    updated = [row for row in plan.rows if row.ref > 0]
    entries: list[dict[str, Any]] = []
    for batch in batches(updated, context.batch_size):
        entries.extend(_update_batch(batch, plan=plan, ids=ids, context=context))
        context.advance(len(batch))
    insert(AuditEntry, entries, now=context.now)
    return WriteCounts(created=len(new_rows), updated=len(updated))


def _update_batch(
    batch: list[PositionRow], *, plan: PositionPlan, ids: dict[Ref, int], context: WriteContext
) -> list[dict[str, Any]]:
    positions = Position.objects.in_bulk([row.ref for row in batch])
    names = {pk: p.name for pk, p in plan.snapshot.positions.items()}
    names.update((ids[row.ref], row.values.get("name", "")) for row in plan.rows)
    changed: list[Position] = []
    fields: set[str] = set()
    entries: list[dict[str, Any]] = []
    for row in batch:
        position = positions[row.ref]
        wanted = dict(row.values)
        if "superior" in plan.fields:
            wanted["superior_id"] = ids[row.superior] if row.superior else None
        changes: dict[str, tuple[Any, Any]] = {}
        for attribute, new in wanted.items():
            old = getattr(position, attribute)
            if old != new:
                name = attribute.removesuffix("_id")
                if name == "superior":
                    changes[name] = (names.get(old), names.get(new))
                elif name == "unit":
                    units = plan.snapshot.units.names
                    changes[name] = (units.get(old), units.get(new))
                else:
                    changes[name] = (old, new)
                setattr(position, attribute, new)
                fields.add(attribute)
        if changes:
            position.version += 1
            position.updated_at = context.now
            changed.append(position)
            entries.append(
                audit_entry(position, "org.position.updated", context=context, changes=changes)
            )
    if changed:
        update(Position, changed, [*sorted(fields), "version", "updated_at"])
    return entries
