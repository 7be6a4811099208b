"""Writing a checked employee import: creations in bulk, supervisors first, then updates.

New employees are inserted level by level (each supervisor before their subordinates, so
every supervisor id is known) with their first history row; existing ones are updated in
batches, each change audited, and a change of unit or position recorded in their history.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext as _

from kinerja.core.models import AuditEntry
from kinerja.org.importing.employees import EmployeePlan, EmployeeRow, EmployeeSnapshot
from kinerja.org.importing.writing import (
    WriteContext,
    WriteCounts,
    audit_entry,
    batches,
    insert,
    plain,
    update,
)
from kinerja.org.models import Employee, PositionHistory


def _creation_order(rows: list[EmployeeRow]) -> list[list[EmployeeRow]]:
    """New employees grouped so that each supervisor is created before their subordinates."""
    new = {row.nip: row for row in rows if row.existing is None}
    depth: dict[str, int] = {}
    for row in new.values():
        chain: list[str] = []
        nip: str | None = row.nip
        while nip is not None and nip in new and nip not in depth:
            chain.append(nip)
            nip = new[nip].supervisor_nip
        base = depth[nip] + 1 if nip is not None and nip in depth else 0
        for offset, member in enumerate(reversed(chain)):
            depth[member] = base + offset
    levels: dict[int, list[EmployeeRow]] = defaultdict(list)
    for nip, level in depth.items():
        levels[level].append(new[nip])
    return [levels[level] for level in sorted(levels)]


def write(plan: EmployeePlan, context: WriteContext) -> WriteCounts:
    """Create the new employees (with their first history row), then update the others."""
    snapshot = plan.snapshot
    ids = {nip: employee.pk for nip, employee in snapshot.employees.items()}
    names = {employee.pk: employee.name for employee in snapshot.employees.values()}
    history: list[dict[str, Any]] = []
    created = 0
    for level in _creation_order(plan.rows):
        for batch in batches(level, context.batch_size):
            new_ids = insert(
                Employee,
                [
                    {
                        "agency_id": context.agency_id,
                        "supervisor_id": ids.get(row.supervisor_nip or ""),
                        **row.values,
                    }
                    for row in batch
                ],
                now=context.now,
            )
            for row, pk in zip(batch, new_ids, strict=True):
                ids[row.nip] = pk
                names[pk] = row.values["name"]
                history.append(
                    {
                        "agency_id": context.agency_id,
                        "employee_id": pk,
                        "unit_id": row.values["unit_id"],
                        "position_id": row.values.get("position_id"),
                        "start_date": row.values.get("position_since") or context.today,
                        "note": _("Data awal (impor)"),
                    }
                )
            created += len(batch)
            context.advance(len(batch))
    insert(PositionHistory, history, now=context.now)
    updates = [row for row in plan.rows if row.existing is not None]
    for batch in batches(updates, context.batch_size):
        _update_batch(batch, plan=plan, ids=ids, names=names, context=context)
        context.advance(len(batch))
    return WriteCounts(created=created, updated=len(updates))


def _display(name: str, value: Any, snapshot: EmployeeSnapshot, names: dict[int, str]) -> Any:
    if value is None:
        return None
    if name == "unit":
        return snapshot.units.names.get(value, value)
    if name == "position":
        return snapshot.position_names.get(value, value)
    if name == "supervisor":
        return names.get(value, value)
    return plain(value)


def _update_batch(
    batch: list[EmployeeRow],
    *,
    plan: EmployeePlan,
    ids: dict[str, int],
    names: dict[int, str],
    context: WriteContext,
) -> None:
    """Apply a batch of rows to existing employees: one UPDATE per batch, audited per person."""
    employees = Employee.objects.in_bulk([row.existing.pk for row in batch if row.existing])
    changed: list[Employee] = []
    changed_fields: set[str] = set()
    entries: list[dict[str, Any]] = []
    moves: list[Employee] = []
    for row in batch:
        employee = employees[row.existing.pk]  # type: ignore[union-attr]
        wanted = dict(row.values)
        if "supervisor" in plan.fields:
            wanted["supervisor_id"] = ids.get(row.supervisor_nip) if row.supervisor_nip else None
        changes: dict[str, tuple[Any, Any]] = {}
        for attribute, new in wanted.items():
            old = getattr(employee, attribute)
            if old != new:
                name = attribute.removesuffix("_id")
                changes[name] = (
                    _display(name, old, plan.snapshot, names),
                    _display(name, new, plan.snapshot, names),
                )
                setattr(employee, attribute, new)
                changed_fields.add(attribute)
        if not changes:
            continue
        employee.version += 1
        employee.updated_at = context.now
        changed.append(employee)
        if "unit" in changes or "position" in changes:
            moves.append(employee)
        entries.append(
            audit_entry(employee, "org.employee.updated", context=context, changes=changes)
        )
    if changed:
        update(Employee, changed, [*sorted(changed_fields), "version", "updated_at"])
    _record_moves(moves, context=context)
    insert(AuditEntry, entries, now=context.now)


def _record_moves(employees: Iterable[Employee], *, context: WriteContext) -> None:
    """Close the open history row of each moved employee and open one for the new post."""
    moved = {employee.pk: employee for employee in employees}
    if not moved:
        return
    open_rows = list(PositionHistory.objects.filter(employee_id__in=moved, end_date__isnull=True))
    for history in open_rows:
        start = moved[history.employee_id].position_since or context.today
        history.end_date = max(history.start_date, start - dt.timedelta(days=1))
    update(PositionHistory, open_rows, ["end_date"])
    insert(
        PositionHistory,
        [
            {
                "agency_id": context.agency_id,
                "employee_id": employee.pk,
                "unit_id": employee.unit_id,
                "position_id": employee.position_id,
                "start_date": employee.position_since or context.today,
                "note": context.note,
            }
            for employee in moved.values()
        ],
        now=context.now,
    )
