"""What every kind of import shares when checking rows: the error list and cycle detection."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from django.utils.translation import gettext as _

from kinerja.org.importing.cells import CellError, as_text, key
from kinerja.org.importing.columns import header_for

PlanT = TypeVar("PlanT")
NodeT = TypeVar("NodeT", bound=Hashable)


@dataclass(frozen=True)
class RowError:
    """One problem: the sheet row, the column as headed in the file, the value, the message."""

    row: int
    column: str
    value: str
    message: str

    def to_json(self) -> dict[str, Any]:
        return {
            "row": self.row,
            "column": self.column,
            "value": self.value,
            "message": self.message,
        }


class Problems:
    """The errors found in a table, in the order they were found."""

    def __init__(self, kind: str, headers: dict[str, str]) -> None:
        self.kind = kind
        self.headers = headers
        self.errors: list[RowError] = []
        self.rows: set[int] = set()

    def add(self, row: int, field_name: str, value: Any, message: str) -> None:
        column = self.headers.get(field_name) or header_for(self.kind, field_name)
        self.errors.append(RowError(row, column, as_text(value)[:200], message))
        self.rows.add(row)

    def sorted(self) -> list[RowError]:
        return sorted(self.errors, key=lambda error: error.row)


@dataclass
class Checked(Generic[PlanT]):
    """The outcome of checking a table: the errors, or (when there are none) what to write."""

    plan: PlanT
    errors: list[RowError] = field(default_factory=list)
    to_create: int = 0
    to_update: int = 0
    error_rows: int = 0


def find_cycles(
    starts: Iterable[NodeT], parent_of: Callable[[NodeT], NodeT | None]
) -> dict[NodeT, list[NodeT]]:
    """Each node that lies on a loop of `parent_of` links, with the loop it lies on.

    Walks up from every start once (nodes already walked are not walked again), so the cost
    is linear in the number of nodes however long the chains are.
    """
    done: set[NodeT] = set()
    cycles: dict[NodeT, list[NodeT]] = {}
    for start in starts:
        path: list[NodeT] = []
        on_path: set[NodeT] = set()
        node: NodeT | None = start
        while node is not None and node not in done and node not in on_path:
            path.append(node)
            on_path.add(node)
            node = parent_of(node)
        if node is not None and node in on_path:
            loop = path[path.index(node) :]
            for member in loop:
                cycles[member] = loop
        done.update(path)
    return cycles


def describe_loop(loop: list[Any], *, limit: int = 6) -> str:
    """`A → B → C → A`, shortened in the middle when the loop is long."""
    names = [str(member) for member in loop]
    if len(names) > limit:
        names = [*names[: limit - 1], "…"]
    return " → ".join([*names, str(loop[0])])


class UnitDirectory:
    """The agency's units, found by code or by name (ignoring case and spacing)."""

    def __init__(self, units: Iterable[tuple[int, str, str, bool]]) -> None:
        self.by_code: dict[str, int] = {}
        self.by_name: dict[str, list[int]] = {}
        self.names: dict[int, str] = {}
        self.active: dict[int, bool] = {}
        self._found: dict[Any, int | CellError] = {}
        for pk, name, code, is_active in units:
            self.names[pk] = name
            self.active[pk] = is_active
            if code:
                self.by_code[key(code)] = pk
            self.by_name.setdefault(key(name), []).append(pk)

    def find(self, reference: Any) -> int:
        """The id of the unit written as `reference` (a code, else a name); CellError if none."""
        found = self._found.get(reference)
        if found is None:
            try:
                found = self._find(reference)
            except CellError as error:
                found = error
            self._found[reference] = found
        if isinstance(found, CellError):
            raise found
        return found

    def _find(self, reference: Any) -> int:
        wanted = key(reference)
        pk = self.by_code.get(wanted)
        if pk is None:
            matches = self.by_name.get(wanted, [])
            if len(matches) > 1:
                raise CellError(
                    _('Ada %(count)s unit kerja bernama "%(name)s"; tulis kode unitnya.')
                    % {"count": len(matches), "name": as_text(reference)}
                )
            if not matches:
                raise CellError(
                    _('Unit kerja "%(name)s" tidak ditemukan.') % {"name": as_text(reference)}
                )
            pk = matches[0]
        if not self.active[pk]:
            raise CellError(
                _('Unit kerja "%(name)s" sudah tidak aktif.') % {"name": self.names[pk]}
            )
        return pk
