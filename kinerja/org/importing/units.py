"""Importing units: a tree whose parents may be in the same file or already in the agency.

A row matches an existing unit by its code, else by its name under the same parent; it then
updates that unit, otherwise it creates one. Parents are written as a code or a name. After
writing, the materialised paths (`/1/7/12/`) of every unit are recomputed.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from django.utils.translation import gettext as _

from kinerja.core.models import AuditEntry
from kinerja.org.importing import cells
from kinerja.org.importing.cells import CellError
from kinerja.org.importing.checking import Checked, Problems, describe_loop, find_cycles
from kinerja.org.importing.reading import Table
from kinerja.org.importing.writing import (
    WriteContext,
    WriteCounts,
    audit_entry,
    batches,
    insert,
    update,
)
from kinerja.org.models import ImportKind, Unit

KIND = ImportKind.UNITS
TEXT_LIMITS = {"name": 200, "code": 40, "address": 255}
_UNRESOLVED = 0  # a parent reference that could not be resolved (already reported)

# A unit in the final tree: the id of an existing unit, or minus the row number of a new one.
Ref = int


class ExistingUnit(NamedTuple):
    pk: int
    name: str
    code: str
    kind: str
    address: str
    parent_id: int | None
    path: str
    depth: int


@dataclass
class UnitSnapshot:
    units: dict[int, ExistingUnit]
    by_code: dict[str, int]
    by_name: dict[str, list[int]]

    @classmethod
    def load(cls, agency_id: int, table: Table) -> UnitSnapshot:
        units = {
            row[0]: ExistingUnit(*row)
            for row in Unit.objects.filter(agency_id=agency_id).values_list(
                "id", "name", "code", "kind", "address", "parent_id", "path", "depth"
            )
        }
        by_name: dict[str, list[int]] = defaultdict(list)
        for unit in units.values():
            by_name[cells.key(unit.name)].append(unit.pk)
        return cls(units, {cells.key(u.code): u.pk for u in units.values() if u.code}, by_name)


@dataclass
class UnitRow:
    row: int
    values: dict[str, Any]
    parent_text: str | None
    ref: Ref = 0
    parent: Ref | None = None
    parent_given: bool = False


@dataclass
class UnitPlan:
    fields: set[str]
    rows: list[UnitRow]
    snapshot: UnitSnapshot
    final_parent: dict[Ref, Ref | None] = field(default_factory=dict)


class _Resolver:
    """Finds which unit each row is, and which unit a parent reference names."""

    def __init__(self, rows: list[UnitRow], snapshot: UnitSnapshot) -> None:
        self.rows = {row.row: row for row in rows}
        self.snapshot = snapshot
        self.file_codes: dict[str, int] = {}
        self.file_names: dict[str, list[int]] = defaultdict(list)
        for row in rows:
            if row.values.get("code"):
                self.file_codes.setdefault(cells.key(row.values["code"]), row.row)
            if row.values.get("name"):
                self.file_names[cells.key(row.values["name"])].append(row.row)
        self.resolving: set[int] = set()

    def reference(self, text: str) -> Ref:
        """The unit that `text` (a code, else a name) names: in the file first, then the agency."""
        wanted = cells.key(text)
        if wanted in self.file_codes:
            return self.identity(self.rows[self.file_codes[wanted]])
        if wanted in self.snapshot.by_code:
            return self.snapshot.by_code[wanted]
        in_file = self.file_names.get(wanted, [])
        existing = self.snapshot.by_name.get(wanted, [])
        candidates = {self.identity(self.rows[number]) for number in in_file} or set(existing)
        if len(candidates) > 1:
            raise CellError(
                _('Ada %(count)s unit bernama "%(name)s"; tulis kode unitnya.')
                % {"count": len(candidates), "name": text}
            )
        if not candidates:
            raise CellError(
                _('Unit induk "%(name)s" tidak ditemukan di berkas maupun di instansi ini.')
                % {"name": text}
            )
        return candidates.pop()

    def identity(self, row: UnitRow) -> Ref:
        """The existing unit this row updates (by code, else name and parent), or a new one."""
        if row.ref:
            return row.ref
        code = cells.key(row.values.get("code"))
        if code and code in self.snapshot.by_code:
            row.ref = self.snapshot.by_code[code]
            return row.ref
        if row.row in self.resolving:  # the file's parents loop; reported by the cycle check
            return -row.row
        same_name = self.snapshot.by_name.get(cells.key(row.values.get("name")), [])
        row.ref = -row.row
        if not row.parent_given:  # no parent column: a name used once in the agency is enough
            if len(same_name) == 1:
                row.ref = same_name[0]
            return row.ref
        self.resolving.add(row.row)
        parent = self.parent_of(row)
        self.resolving.discard(row.row)
        for pk in same_name:
            if parent != _UNRESOLVED and self.snapshot.units[pk].parent_id == parent:
                row.ref = pk
        return row.ref

    def parent_of(self, row: UnitRow) -> Ref | None:
        if row.parent_text is None:
            return None
        try:
            return self.reference(row.parent_text)
        except CellError:
            return _UNRESOLVED


def _parse_row(
    number: int, record: dict[str, Any], present: set[str], problems: Problems
) -> UnitRow:
    row = UnitRow(
        number, {}, cells.as_text(record.get("parent")) or None, parent_given="parent" in present
    )
    for name in ("name", "kind"):
        if record.get(name) is None:
            problems.add(
                number, name, "", _("%(column)s wajib diisi.") % {"column": problems.headers[name]}
            )
    for name, limit in TEXT_LIMITS.items():
        if name in present and (record[name] is not None or name == "address"):
            try:
                row.values[name] = cells.text(record[name], max_length=limit)
            except CellError as error:
                problems.add(number, name, record[name], str(error))
    if record.get("kind") is not None:
        try:
            row.values["kind"] = cells.unit_kind(record["kind"])
        except CellError as error:
            problems.add(number, "kind", record["kind"], str(error))
    return row


def check(table: Table, snapshot: UnitSnapshot, *, today: dt.date) -> Checked[UnitPlan]:
    """Check every row: fields, parents, duplicates, and that the resulting tree has no loop."""
    problems = Problems(KIND, table.headers)
    present = set(table.fields)
    rows = [_parse_row(number, record, present, problems) for number, record in table.records()]
    resolver = _Resolver(rows, snapshot)
    claimed: dict[Ref, int] = {}
    for row in rows:
        code = cells.key(row.values.get("code"))
        if code and resolver.file_codes.get(code) != row.row:
            problems.add(
                row.row,
                "code",
                row.values["code"],
                _("Kode unit ganda dalam berkas (juga di baris %(row)s).")
                % {"row": resolver.file_codes[code]},
            )
        row.ref = resolver.identity(row)
        if row.parent_text is not None:
            try:
                row.parent = resolver.reference(row.parent_text)
            except CellError as error:
                problems.add(row.row, "parent", row.parent_text, str(error))
                row.parent = _UNRESOLVED
        if row.ref in claimed and not (code and resolver.file_codes.get(code) != row.row):
            problems.add(
                row.row,
                "name",
                row.values.get("name"),
                _("Unit ganda dalam berkas (juga di baris %(row)s).") % {"row": claimed[row.ref]},
            )
        claimed.setdefault(row.ref, row.row)
    final_parent: dict[Ref, Ref | None] = {
        pk: unit.parent_id for pk, unit in snapshot.units.items()
    }
    for row in rows:
        if row.parent_given or row.ref < 0:
            final_parent[row.ref] = row.parent
    _check_tree(rows, snapshot, final_parent, problems)
    plan = UnitPlan(present, rows, snapshot, final_parent)
    ok = [row for row in rows if row.row not in problems.rows]
    return Checked(
        plan,
        problems.sorted(),
        to_create=sum(row.ref < 0 for row in ok),
        to_update=sum(row.ref > 0 for row in ok),
        error_rows=len(problems.rows),
    )


def _check_tree(
    rows: list[UnitRow],
    snapshot: UnitSnapshot,
    final_parent: dict[Ref, Ref | None],
    problems: Problems,
) -> None:
    names: dict[Ref, str] = {pk: unit.name for pk, unit in snapshot.units.items()}
    for row in rows:
        names[row.ref] = row.values.get("name") or names.get(row.ref, "")
    loops = find_cycles((row.ref for row in rows), lambda ref: final_parent.get(ref) or None)
    siblings: dict[tuple[Ref | None, str], set[Ref]] = defaultdict(set)
    for ref, parent in final_parent.items():
        siblings[(parent, cells.key(names.get(ref, "")))].add(ref)
    for row in rows:
        if row.ref in loops:
            problems.add(
                row.row,
                "parent",
                row.parent_text,
                _("Unit induk membentuk lingkaran: %(chain)s.")
                % {"chain": describe_loop([names[ref] for ref in loops[row.ref]])},
            )
        same = siblings[(final_parent.get(row.ref), cells.key(names[row.ref]))]
        if len(same) > 1 and row.values.get("name"):
            problems.add(
                row.row,
                "name",
                names[row.ref],
                _('Sudah ada unit bernama "%(name)s" di bawah unit induk yang sama.')
                % {"name": names[row.ref]},
            )


# --- Writing ------------------------------------------------------------------------------


def write(plan: UnitPlan, context: WriteContext) -> WriteCounts:
    """Create new units parents first, update the matched ones, then recompute every path."""
    ids: dict[Ref, int] = {pk: pk for pk in plan.snapshot.units}
    new_rows = {row.ref: row for row in plan.rows if row.ref < 0}
    pending = dict(new_rows)
    while pending:
        ready = [
            row
            for ref, row in pending.items()
            if plan.final_parent.get(ref) is None or plan.final_parent[ref] in ids
        ]
        if not ready:  # cannot happen after a clean check: the parents of new units form a tree
            raise ValueError("units to import do not form a tree")
        new_ids = insert(
            Unit,
            [
                {
                    "agency_id": context.agency_id,
                    **row.values,
                    "parent_id": ids[plan.final_parent[row.ref]]  # type: ignore[index]
                    if plan.final_parent.get(row.ref)
                    else None,
                }
                for row in ready
            ],
            now=context.now,
        )
        for row, pk in zip(ready, new_ids, strict=True):
            ids[row.ref] = pk
            del pending[row.ref]
        context.advance(len(ready))
    updated = [row for row in plan.rows if row.ref > 0]
    entries: list[dict[str, Any]] = []
    for batch in batches(updated, context.batch_size):
        entries.extend(_update_batch(batch, plan=plan, ids=ids, context=context))
        context.advance(len(batch))
    _rebuild_paths(plan, ids)
    insert(AuditEntry, entries, now=context.now)
    return WriteCounts(created=len(new_rows), updated=len(updated))


def _update_batch(
    batch: list[UnitRow], *, plan: UnitPlan, ids: dict[Ref, int], context: WriteContext
) -> list[dict[str, Any]]:
    units = Unit.objects.in_bulk([row.ref for row in batch])
    names = {pk: unit.name for pk, unit in plan.snapshot.units.items()}
    names.update((ids[row.ref], row.values.get("name", "")) for row in plan.rows if row.ref < 0)
    changed: list[Unit] = []
    fields: set[str] = set()
    entries: list[dict[str, Any]] = []
    for row in batch:
        unit = units[row.ref]
        wanted = dict(row.values)
        if row.parent_given:
            parent = plan.final_parent.get(row.ref)
            wanted["parent_id"] = ids[parent] if parent else None
        changes: dict[str, tuple[Any, Any]] = {}
        for attribute, new in wanted.items():
            old = getattr(unit, attribute)
            if old != new:
                if attribute == "parent_id":
                    changes["parent"] = (names.get(old), names.get(new))
                else:
                    changes[attribute] = (old, new)
                setattr(unit, attribute, new)
                fields.add(attribute)
        if changes:
            unit.version += 1
            unit.updated_at = context.now
            changed.append(unit)
            entries.append(audit_entry(unit, "org.unit.updated", context=context, changes=changes))
    if changed:
        update(Unit, changed, [*sorted(fields), "version", "updated_at"])
    return entries


def _rebuild_paths(plan: UnitPlan, ids: dict[Ref, int]) -> None:
    """Recompute `path` and `depth` of every unit of the agency from the final parents."""
    parent_of: dict[int, int | None] = {}
    for ref, parent in plan.final_parent.items():
        parent_of[ids[ref]] = ids[parent] if parent else None
    paths: dict[int, str] = {}

    def path_of(pk: int) -> str:
        chain: list[int] = []
        current: int | None = pk
        while current is not None and current not in paths:
            chain.append(current)
            current = parent_of.get(current)
        prefix = paths[current] if current is not None else "/"
        for member in reversed(chain):
            prefix = paths[member] = f"{prefix}{member}/"
        return paths[pk]

    old = {unit.pk: unit.path for unit in plan.snapshot.units.values()}
    stale = [
        Unit(pk=pk, path=path_of(pk), depth=path_of(pk).count("/") - 2)
        for pk in parent_of
        if old.get(pk) != path_of(pk)
    ]
    update(Unit, stale, ["path", "depth"])
