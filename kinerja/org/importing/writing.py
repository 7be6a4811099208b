"""What every kind of import shares when writing: batches, progress and bulk audit entries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypeVar

from django.db import connections, models, router

from kinerja.core import audit

ItemT = TypeVar("ItemT")
BULK_CREATE_BATCH = 1000
BULK_UPDATE_BATCH = 500


@dataclass(frozen=True)
class WriteCounts:
    created: int
    updated: int


@dataclass
class WriteContext:
    """Who writes, for which agency and import, and where progress is reported."""

    agency_id: int
    actor_id: int | None
    note: str
    now: dt.datetime
    today: dt.date
    batch_size: int
    on_progress: Callable[[int], None]

    def advance(self, rows: int) -> None:
        self.on_progress(rows)


def batches(items: Sequence[ItemT], size: int) -> Iterator[list[ItemT]]:
    for start in range(0, len(items), size):
        yield list(items[start : start + size])


def plain(value: Any) -> Any:
    """A JSON-safe, human-readable form of a field value (as the audit trail stores it)."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return str(value)


def audit_entry(
    instance: models.Model,
    action: str,
    *,
    context: WriteContext,
    changes: dict[str, tuple[Any, Any]],
) -> dict[str, Any]:
    """An audit entry as a row for `insert` (the one-by-one path is `audit.record`)."""
    if action not in audit.ACTIONS:
        raise ValueError(f"unregistered audit action {action!r}")
    return {
        "agency_id": context.agency_id,
        "actor_id": context.actor_id,
        "action": action,
        "object_type": instance._meta.label_lower,
        "object_id": str(instance.pk),
        "object_repr": str(instance)[:255],
        "changes": {name: [plain(old), plain(new)] for name, (old, new) in changes.items()},
        "note": context.note,
    }


_PLAIN_FIELD_TYPES = {
    "AutoField",
    "BigAutoField",
    "BigIntegerField",
    "BooleanField",
    "CharField",
    "DateField",
    "DateTimeField",
    "EmailField",
    "ForeignKey",
    "IntegerField",
    "OneToOneField",
    "PositiveIntegerField",
    "PositiveSmallIntegerField",
    "SlugField",
    "SmallIntegerField",
    "TextField",
}


def insert(
    model: type[models.Model], rows: Sequence[dict[str, Any]], *, now: dt.datetime
) -> list[int]:
    """Insert rows (`{attname: value}`, defaults filled in) and return their ids, in order.

    On PostgreSQL the ids are drawn from the table's sequence and the rows streamed with COPY,
    about four times faster than `bulk_create` for 60,000 employees; elsewhere `bulk_create`.
    """
    if not rows:
        return []
    connection = connections[router.db_for_write(model)]
    if connection.vendor != "postgresql":
        objects = [model(**row) for row in rows]
        model._default_manager.bulk_create(objects, batch_size=BULK_CREATE_BATCH)
        return [instance.pk for instance in objects]
    fields = list(model._meta.concrete_fields)
    defaults = {field.attname: _default(field, now) for field in fields}
    prepared = [field for field in fields if field.get_internal_type() not in _PLAIN_FIELD_TYPES]
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [model._meta.db_table, model._meta.pk.column, len(rows)],
        )
        ids = [row[0] for row in cursor.fetchall()]
        pk_name = model._meta.pk.attname
        names = [field.attname for field in fields]
        with (
            connection.wrap_database_errors,
            cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy,
        ):
            for pk, row in zip(ids, rows, strict=True):
                values = {**defaults, **row, pk_name: pk}
                for field in prepared:
                    values[field.attname] = field.get_db_prep_save(
                        values[field.attname], connection
                    )
                copy.write_row([values[name] for name in names])
    return ids


def _default(field: models.Field[Any, Any], now: dt.datetime) -> Any:
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return now
    return field.get_default()  # "" for text fields without a default, as Django does


def update(model: type[models.Model], instances: Sequence[models.Model], fields: list[str]) -> None:
    """Write `fields` of the given instances back to their rows.

    On PostgreSQL the values go through a temporary table and a single `UPDATE … FROM`;
    `bulk_update` builds a CASE expression per row and field, which costs minutes for 60,000
    employees. Elsewhere `bulk_update`.
    """
    if not instances:
        return
    connection = connections[router.db_for_write(model)]
    if connection.vendor != "postgresql":
        model._default_manager.bulk_update(instances, fields, batch_size=BULK_UPDATE_BATCH)
        return
    quote = connection.ops.quote_name
    meta = model._meta
    concrete = [_concrete_field(meta, name) for name in fields]
    prepared = [field for field in concrete if field.get_internal_type() not in _PLAIN_FIELD_TYPES]
    pk = quote(meta.pk.column)
    columns = [quote(field.column) for field in concrete]
    table, staging = quote(meta.db_table), quote(f"import_staging_{meta.db_table}")
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TEMPORARY TABLE {staging} AS SELECT {pk}, {', '.join(columns)} "  # noqa: S608
            f"FROM {table} WITH NO DATA"
        )
        with (
            connection.wrap_database_errors,
            cursor.cursor.copy(f"COPY {staging} ({pk}, {', '.join(columns)}) FROM STDIN") as copy,
        ):
            for instance in instances:
                values = {field.attname: getattr(instance, field.attname) for field in concrete}
                for field in prepared:
                    values[field.attname] = field.get_db_prep_save(
                        values[field.attname], connection
                    )
                copy.write_row([instance.pk, *values.values()])
        assignments = ", ".join(f"{column} = staged.{column}" for column in columns)
        cursor.execute(
            f"UPDATE {table} AS target SET {assignments} FROM {staging} AS staged "  # noqa: S608
            f"WHERE target.{pk} = staged.{pk}"
        )
        cursor.execute(f"DROP TABLE {staging}")


def _concrete_field(meta: Any, name: str) -> models.Field[Any, Any]:
    """A model's own column field (never a reverse relation or a generic key)."""
    field = meta.get_field(name)
    assert isinstance(field, models.Field)
    return field
