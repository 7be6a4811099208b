"""Checking every row of a request export against the catalogue, the staff and the requests
already recorded; the errors name the row, the column as headed in the file, and what is wrong.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.citizen.importing_requests.cells import CellError, as_text, parse_when
from kinerja.citizen.importing_requests.reading import HEADERS, Table
from kinerja.citizen.models import Service, ServiceRequest
from kinerja.citizen.permissions.services import record_scope
from kinerja.citizen.services.requests import CLOCK_SKEW, TICKET_MAX_LENGTH
from kinerja.core.models import User
from kinerja.core.tenancy import all_agencies_scope
from kinerja.org.importing.checking import RowError
from kinerja.org.models import Employee
from kinerja.org.nip import compact

NOTE_MAX_LENGTH = 2000
LOOKUP_CHUNK = 2000


@dataclass(frozen=True)
class ServiceEntry:
    pk: int
    name: str
    unit_id: int
    unit_path: str
    unit_name: str
    standard_minutes: int
    is_active: bool
    in_reach: bool


@dataclass(frozen=True)
class HandlerEntry:
    pk: int
    name: str
    unit_path: str
    is_active: bool


class Catalogue:
    """The agency's services found by code or by name, and whether the importer may record
    their requests."""

    def __init__(self, actor: User | None) -> None:
        reach = set(
            Service.objects.filter(record_scope(actor) if actor else Q()).values_list(
                "pk", flat=True
            )
        )
        self.by_code: dict[str, ServiceEntry] = {}
        self.by_name: dict[str, list[ServiceEntry]] = {}
        for row in Service.objects.values(
            "pk",
            "code",
            "name",
            "unit_id",
            "unit__path",
            "unit__name",
            "standard_minutes",
            "is_active",
        ):
            entry = ServiceEntry(
                row["pk"],
                row["name"],
                row["unit_id"],
                row["unit__path"],
                row["unit__name"],
                row["standard_minutes"],
                row["is_active"],
                row["pk"] in reach,
            )
            self.by_code[_key(row["code"])] = entry
            self.by_name.setdefault(_key(row["name"]), []).append(entry)

    def find(self, value: Any) -> ServiceEntry:
        raw = as_text(value)
        if not raw:
            raise CellError(_("Isikan kode atau nama layanan."))
        wanted = _key(raw)
        entry = self.by_code.get(wanted)
        if entry is None:
            matches = self.by_name.get(wanted, [])
            if len(matches) > 1:
                raise CellError(
                    _('Ada %(count)s layanan bernama "%(name)s"; tulis kode layanannya.')
                    % {"count": len(matches), "name": raw}
                )
            if not matches:
                raise CellError(
                    _('Layanan "%(name)s" tidak ada di katalog layanan instansi.') % {"name": raw}
                )
            entry = matches[0]
        if not entry.is_active:
            raise CellError(_('Layanan "%(name)s" sudah tidak aktif.') % {"name": entry.name})
        if not entry.in_reach:
            raise CellError(
                _('Layanan "%(name)s" di luar unit yang dapat Anda catat.') % {"name": entry.name}
            )
        return entry


def _key(value: Any) -> str:
    return " ".join(as_text(value).lower().split())


class Staff:
    """The employees a file names as handlers, by NIP or by name (looked up once)."""

    def __init__(self, values: Iterable[Any]) -> None:
        nips, names = set(), set()
        for value in values:
            raw = as_text(value)
            digits = compact(raw)
            if digits.isdigit():
                nips.add(digits)
            elif raw:
                names.add(raw)
        self.by_nip: dict[str, HandlerEntry] = {}
        self.by_name: dict[str, list[HandlerEntry]] = {}
        fields = ("pk", "nip", "name", "unit__path", "is_active")
        found: list[dict[str, Any]] = []
        for chunk in _chunks(sorted(nips), LOOKUP_CHUNK):
            found += Employee.objects.filter(nip__in=chunk).values(*fields)
        for chunk in _chunks(sorted(names), LOOKUP_CHUNK):
            found += Employee.objects.filter(name__in=chunk).values(*fields)
        for row in found:
            entry = HandlerEntry(row["pk"], row["name"], row["unit__path"], row["is_active"])
            self.by_nip[row["nip"]] = entry
            self.by_name.setdefault(_key(row["name"]), []).append(entry)

    def find(self, value: Any, service: ServiceEntry) -> HandlerEntry:
        raw = as_text(value)
        digits = compact(raw)
        if digits.isdigit():
            entry = self.by_nip.get(digits)
            if entry is None:
                raise CellError(_("Pegawai dengan NIP %(nip)s tidak ditemukan.") % {"nip": raw})
        else:
            matches = list({e.pk: e for e in self.by_name.get(_key(raw), [])}.values())
            if len(matches) > 1:
                raise CellError(
                    _('Ada %(count)s pegawai bernama "%(name)s"; tulis NIP-nya.')
                    % {"count": len(matches), "name": raw}
                )
            if not matches:
                raise CellError(_('Pegawai bernama "%(name)s" tidak ditemukan.') % {"name": raw})
            entry = matches[0]
        if not entry.is_active:
            raise CellError(_("%(name)s sudah tidak aktif.") % {"name": entry.name})
        if not entry.unit_path.startswith(service.unit_path):
            raise CellError(
                _("%(name)s bukan pegawai %(unit)s.")
                % {"name": entry.name, "unit": service.unit_name}
            )
        return entry


def _chunks(items: list[Any], size: int) -> Iterator[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _recorded_tickets(pairs: set[tuple[int, str]]) -> set[tuple[int, str]]:
    """Which of the (service, ticket) pairs are already recorded, looked up in chunks.

    The services are the agency's own (found in its scoped catalogue), so the lookup leaves
    the agency condition out: with it, SQLite walks the agency's requests instead of the
    (service, ticket) index — 50 times slower on 100,000 tickets.
    """
    by_service: dict[int, list[str]] = {}
    for service_id, ticket in pairs:
        by_service.setdefault(service_id, []).append(ticket)
    found: set[tuple[int, str]] = set()
    with all_agencies_scope():
        for service_id, tickets in by_service.items():
            for chunk in _chunks(sorted(tickets), LOOKUP_CHUNK):
                found.update(
                    ServiceRequest.objects.filter(service_id=service_id, ticket_code__in=chunk)
                    .exclude(ticket_code="")  # the unique index is partial: non-blank tickets
                    .order_by()
                    .values_list("service_id", "ticket_code")
                )
    return found


@dataclass
class Checked:
    """The errors found (in row order), and the rows to write when there are none."""

    rows: list[dict[str, Any]]
    errors: list[RowError]
    error_count: int


class _Problems:
    def __init__(self, headers: dict[str, str]) -> None:
        self.headers = headers
        self.errors: list[RowError] = []

    def add(self, row: int, field_name: str, value: Any, message: str) -> None:
        column = self.headers.get(field_name) or HEADERS[field_name]
        self.errors.append(RowError(row, column, as_text(value)[:200], message))


def check_rows(table: Table, *, actor: User | None, now: dt.datetime) -> Checked:
    """Check every row: the service, the ticket (unique per service in the file and against
    what is recorded), both times, the handler and the note."""
    catalogue = Catalogue(actor)
    staff = Staff(
        {values.get("handled_by") for _n, values in table.records()} - {None}
        if "handled_by" in table.fields
        else ()
    )
    problems = _Problems(table.headers)
    context = _Context(
        catalogue, staff, problems, now + CLOCK_SKEW, timezone.get_current_timezone()
    )
    rows: list[dict[str, Any]] = []
    first_seen: dict[tuple[int, str], tuple[int, str]] = {}  # → (row number, service name)
    for number, values in table.records():
        bad = len(problems.errors)
        row = _check_row(number, values, context)
        if row is None:
            continue
        ticket = row["ticket_code"]
        if ticket:
            pair = (row["service_id"], ticket)
            earlier = first_seen.get(pair)
            if earlier is not None:
                problems.add(
                    number,
                    "ticket_code",
                    ticket,
                    _(
                        "Nomor antrean %(ticket)s untuk layanan %(service)s sudah ada di "
                        "baris %(row)s."
                    )
                    % {"ticket": ticket, "service": row["service_name"], "row": earlier[0]},
                )
            else:
                first_seen[pair] = (number, row["service_name"])
        if len(problems.errors) == bad:
            rows.append(row)
    for pair in _recorded_tickets(set(first_seen)):
        number, service_name = first_seen[pair]
        ticket = pair[1]
        problems.add(
            number,
            "ticket_code",
            ticket,
            _("Nomor antrean %(ticket)s sudah tercatat untuk layanan %(service)s.")
            % {"ticket": ticket, "service": service_name},
        )
    errors = sorted(problems.errors, key=lambda error: error.row)
    return Checked(rows=[] if errors else rows, errors=errors, error_count=len(errors))


@dataclass(frozen=True)
class _Context:
    """What checking one row needs: the lookups, the error list, the latest acceptable time
    and the local time zone (looked up once: it costs more than parsing a cell)."""

    catalogue: Catalogue
    staff: Staff
    problems: _Problems
    latest: dt.datetime
    local: dt.tzinfo


def _check_row(number: int, values: dict[str, Any], context: _Context) -> dict[str, Any] | None:
    """One row as the values to write, or None after adding its problems."""
    catalogue, staff, problems = context.catalogue, context.staff, context.problems
    before = len(problems.errors)
    service: ServiceEntry | None = None
    try:
        service = catalogue.find(values.get("service"))
    except CellError as error:
        problems.add(number, "service", values.get("service"), str(error))
    ticket = as_text(values.get("ticket_code")).strip()
    if len(ticket) > TICKET_MAX_LENGTH:
        problems.add(
            number,
            "ticket_code",
            ticket,
            _("Nomor antrean terlalu panjang: %(length)s karakter (maksimal %(max)s).")
            % {"length": len(ticket), "max": TICKET_MAX_LENGTH},
        )
    received = _time(number, values, "received_at", context, required=True)
    completed = _time(number, values, "completed_at", context, required=False)
    if received and completed and completed < received:
        problems.add(
            number,
            "completed_at",
            values.get("completed_at"),
            _("Waktu selesai sebelum waktu diterima."),
        )
    handler: HandlerEntry | None = None
    if values.get("handled_by") is not None and service is not None:
        try:
            handler = staff.find(values["handled_by"], service)
        except CellError as error:
            problems.add(number, "handled_by", values["handled_by"], str(error))
    note = as_text(values.get("note")).strip()
    if len(note) > NOTE_MAX_LENGTH:
        problems.add(
            number,
            "note",
            note,
            _("Catatan terlalu panjang: %(length)s karakter (maksimal %(max)s).")
            % {"length": len(note), "max": NOTE_MAX_LENGTH},
        )
    if len(problems.errors) > before or service is None or received is None:
        return None
    return {
        "number": number,
        "service_id": service.pk,
        "service_name": service.name,
        "unit_id": service.unit_id,
        "standard_minutes": service.standard_minutes,
        "ticket_code": ticket,
        "received_at": received,
        "completed_at": completed,
        "handled_by_id": handler.pk if handler else None,
        "note": note,
    }


def _time(
    number: int, values: dict[str, Any], name: str, context: _Context, *, required: bool
) -> dt.datetime | None:
    problems = context.problems
    value = values.get(name)
    if value is None:
        if required:
            problems.add(number, name, value, _("Isikan waktu diterima."))
        return None
    try:
        when = parse_when(value, context.local)
    except CellError as error:
        problems.add(number, name, value, str(error))
        return None
    if when > context.latest:
        message = (
            _("Waktu diterima di masa depan.")
            if name == "received_at"
            else _("Waktu selesai di masa depan.")
        )
        problems.add(number, name, value, message)
        return None
    return when
