"""Writes of the satisfaction survey (SKM, PermenPANRB 14/2017): a respondent's answers, from
the public page, the kiosk API or a paper questionnaire imported from XLSX.

Every path goes through `submit_response`, so the same checks hold everywhere: answers 1–4 or
blank (the respondent may skip an element, not all of them), the service belongs to the unit,
the profile uses the known choices, and a service ticket is surveyed at most once (also a
database constraint). A citizen's answer made without an account is not written to the audit
trail row by row — the response itself is the record, and at a million responses the trail
would double in size; an officer's import is audited once per file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import IO, Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kinerja.citizen import survey_sheet as sheet
from kinerja.citizen.ikm import ELEMENTS, Element, IkmResult, ikm
from kinerja.citizen.models import (
    Education,
    Occupation,
    ResponseSource,
    Service,
    Sex,
    SurveyResponse,
)
from kinerja.citizen.permissions.survey import IMPORT
from kinerja.citizen.sources_hooks import data_changed
from kinerja.core import audit
from kinerja.core.models import User
from kinerja.core.permissions import require
from kinerja.org.models import Unit

MIN_AGE, MAX_AGE = 10, 120
COMMENT_MAX = 2000
TICKET_MAX = 40
IMPORT_MAX_ROWS = 5000
_AGES = {"min": MIN_AGE, "max": MAX_AGE}
TICKET_TAKEN = gettext_lazy("Survei untuk nomor tiket ini sudah diisi. Terima kasih.")


def register_audit_actions() -> None:
    """Register this subject's audit action codes (called from CitizenConfig.ready)."""
    audit.register_actions(
        {"citizen.survey.imported": gettext_lazy("Kuesioner SKM kertas diimpor")},
    )


def answer_field(element: Element) -> str:
    return f"answer_{element.value}"


@dataclass(frozen=True)
class Answers:
    """One respondent's answers and profile, as typed (checked by `check_answers`)."""

    answers: Mapping[Element, int | None]
    age: int | None = None
    sex: str = ""
    education: str = ""
    occupation: str = ""
    comment: str = ""
    ticket_code: str = ""


def normalise_ticket(code: str) -> str:
    return " ".join(code.split()).upper()


def check_answers(unit: Unit, service: Service | None, given: Answers) -> dict[str, list[str]]:
    """The reasons `given` cannot be stored, by field ({} when it can). No queries."""
    errors: dict[str, list[str]] = {}

    def add(name: str, message: str) -> None:
        errors.setdefault(name, []).append(message)

    if service is not None and service.unit_id != unit.pk:
        add("service", _("Layanan ini bukan layanan unit yang dipilih."))
    answered = 0
    for element in ELEMENTS:
        if element not in given.answers:
            add(answer_field(element), _("Pilih salah satu jawaban, atau “Tidak menjawab”."))
            continue
        value = given.answers[element]
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 4:
            add(answer_field(element), _("Jawaban harus salah satu dari 1 sampai 4."))
            continue
        answered += 1
    if answered == 0 and not errors:
        add(NON_FIELD_ERRORS, _("Jawab setidaknya satu unsur pelayanan."))
    if given.age is not None and not MIN_AGE <= given.age <= MAX_AGE:
        add("age", _("Umur harus antara %(min)s dan %(max)s tahun.") % _AGES)
    for name, choices in (("sex", Sex), ("education", Education), ("occupation", Occupation)):
        value = getattr(given, name)
        if value and value not in choices.values:
            add(name, _("Pilihan tidak dikenal."))
    if len(given.comment) > COMMENT_MAX:
        add("comment", _("Saran paling banyak %(max)s karakter.") % {"max": COMMENT_MAX})
    if len(given.ticket_code) > TICKET_MAX:
        add("ticket_code", _("Nomor tiket paling banyak %(max)s karakter.") % {"max": TICKET_MAX})
    return errors


def _ticket_taken(unit: Unit, service: Service | None, ticket: str) -> bool:
    """A ticket of a service is surveyed once (the database constraint's rule); without a
    service the ticket is unique within the unit's responses without a service."""
    taken = SurveyResponse.objects.filter(ticket_code=ticket)
    if service is not None:
        return bool(taken.filter(service=service).exists())
    return bool(taken.filter(unit=unit, service__isnull=True).exists())


def submit_response(
    unit: Unit,
    *,
    actor: User | None,
    service: Service | None,
    given: Answers,
    source: str = ResponseSource.WEB,
    submitted_at: dt.datetime | None = None,
) -> SurveyResponse:
    """Store one respondent's answers to the nine elements (PermenPANRB 14/2017).

    Anyone may answer on the web or a kiosk (no account: `actor` None); a paper questionnaire
    is typed in by an officer allowed to import for the unit. Raises ValidationError with the
    reasons by field (`answer_<element>`, `service`, `age`, `ticket_code`, …).

    Without a ticket the write is one INSERT, atomic by itself: no explicit transaction, which
    would cost two more round trips to the database for every citizen (the public survey must
    take 300 answers a second). With a ticket, the check and the insert share a transaction.
    Inside a caller's transaction (the paper import) everything joins that one.
    """
    if source == ResponseSource.PAPER:
        if actor is None:
            raise ValidationError(_("Impor kuesioner kertas memerlukan petugas yang masuk."))
        require(actor, IMPORT, unit)
    elif not unit.is_active or (service is not None and not service.is_active):
        raise ValidationError(
            {"service": _("Layanan ini tidak lagi menerima survei.")}
            if service is not None
            else _("Unit ini tidak lagi menerima survei.")
        )
    ticket = normalise_ticket(given.ticket_code)
    given = Answers(
        answers=given.answers,
        age=given.age,
        sex=given.sex,
        education=given.education,
        occupation=given.occupation,
        comment=given.comment.strip(),
        ticket_code=ticket,
    )
    errors = check_answers(unit, service, given)
    if errors:
        raise ValidationError(errors)
    response = SurveyResponse(
        agency_id=unit.agency_id,
        unit=unit,
        service=service,
        submitted_at=submitted_at or timezone.now(),
        age=given.age,
        sex=given.sex,
        education=given.education,
        occupation=given.occupation,
        comment=given.comment,
        ticket_code=ticket,
        source=source,
        **{answer_field(e): given.answers.get(e) for e in ELEMENTS},
    )
    if not ticket:
        response.save(force_insert=True)
        return response
    with transaction.atomic():
        if _ticket_taken(unit, service, ticket):
            raise ValidationError({"ticket_code": str(TICKET_TAKEN)})
        try:
            with transaction.atomic():  # a concurrent answer with the same ticket loses here
                response.save(force_insert=True)
        except IntegrityError:
            raise ValidationError({"ticket_code": str(TICKET_TAKEN)}) from None
    return response


# --- Paper questionnaires ----------------------------------------------------------------


@dataclass
class PaperRow:
    """One typed questionnaire: its sheet row, the values read (JSON-safe) and any problems."""

    number: int
    service_id: int | None
    submitted_on: str  # ISO date, "" when unreadable
    answers: dict[str, int | None]
    age: int | None = None
    sex: str = ""
    education: str = ""
    occupation: str = ""
    comment: str = ""
    ticket_code: str = ""
    errors: list[str] = field(default_factory=list)

    def given(self) -> Answers:
        return Answers(
            answers={Element(code): value for code, value in self.answers.items()},
            age=self.age,
            sex=self.sex,
            education=self.education,
            occupation=self.occupation,
            comment=self.comment,
            ticket_code=self.ticket_code,
        )

    def to_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class PaperImport:
    """What a file holds, checked but not written: shown as the preview, then committed."""

    unit_id: int
    file_name: str
    rows: list[PaperRow]
    headers: dict[str, str]
    ignored: list[str]

    @property
    def error_rows(self) -> list[PaperRow]:
        return [row for row in self.rows if row.errors]

    @property
    def is_valid(self) -> bool:
        return bool(self.rows) and not self.error_rows

    def ikm(self) -> IkmResult:
        """The IKM of the file's rows (the preview shows what the import will add)."""
        return ikm(row.given().answers for row in self.rows if not row.errors)

    def to_json(self) -> dict[str, Any]:
        return {
            "unit_id": self.unit_id,
            "file_name": self.file_name,
            "rows": [row.to_json() for row in self.rows],
            "headers": self.headers,
            "ignored": self.ignored,
        }

    @classmethod
    def from_json(cls, stored: Mapping[str, Any]) -> PaperImport:
        return cls(
            unit_id=stored["unit_id"],
            file_name=stored["file_name"],
            rows=[PaperRow(**row) for row in stored["rows"]],
            headers=stored["headers"],
            ignored=stored["ignored"],
        )


def _services_by_name(unit: Unit) -> dict[str, Service]:
    found: dict[str, Service] = {}
    for service in Service.objects.filter(unit=unit):
        found[sheet.normalise(service.code)] = service
        found.setdefault(sheet.normalise(service.name), service)
    return found


def _read_row(
    number: int,
    cells: Mapping[str, Any],
    *,
    services: Mapping[str, Service],
    default_service: Service | None,
) -> PaperRow:
    errors: list[str] = []
    answers: dict[str, int | None] = {}
    for element in ELEMENTS:
        try:
            answers[element.value] = sheet.parse_answer(element, cells.get(answer_field(element)))
        except ValueError as error:
            answers[element.value] = None
            errors.append(str(error))
    service = default_service
    named = cells.get("service")
    if named is not None:
        service = services.get(sheet.normalise(named))
        if service is None:
            errors.append(_('Layanan "%(name)s" tidak dikenal di unit ini.') % {"name": named})
    elif default_service is None and services:
        errors.append(_("Layanan tidak diisi; pilih layanan bawaan atau isi kolom Layanan."))
    submitted_on = ""
    try:
        day = sheet.parse_date(cells.get("submitted_on"))
        if day > timezone.localdate():
            errors.append(_("Tanggal pengisian di masa depan."))
        else:
            submitted_on = day.isoformat()
    except ValueError as error:
        errors.append(str(error))
    profile: dict[str, Any] = {}
    for name, parse in (
        ("age", sheet.parse_age),
        ("sex", sheet.parse_sex),
        ("education", sheet.parse_education),
        ("occupation", sheet.parse_occupation),
    ):
        try:
            profile[name] = parse(cells.get(name))
        except ValueError as error:
            profile[name] = None if name == "age" else ""
            errors.append(str(error))
    return PaperRow(
        number=number,
        service_id=service.pk if service is not None else None,
        submitted_on=submitted_on,
        answers=answers,
        comment=sheet.text_of(cells.get("comment")),
        ticket_code=normalise_ticket(sheet.text_of(cells.get("ticket_code"))),
        errors=errors,
        **profile,
    )


def _messages(errors: Mapping[str, list[str]]) -> list[str]:
    return [str(message) for messages in errors.values() for message in messages]


def _check_rows(unit: Unit, rows: Sequence[PaperRow], services: Mapping[int, Service]) -> None:
    """Add to each row the problems that need the other rows or the database: the answers'
    rules and tickets already surveyed or repeated in the file (one query)."""
    seen: dict[tuple[int | None, str], int] = {}
    tickets = {row.ticket_code for row in rows if row.ticket_code}
    taken = set(
        SurveyResponse.objects.filter(unit=unit, ticket_code__in=tickets).values_list(
            "service_id", "ticket_code"
        )
    )
    for row in rows:
        service = services.get(row.service_id) if row.service_id else None
        row.errors += _messages(check_answers(unit, service, row.given()))
        if not row.ticket_code:
            continue
        key = (row.service_id, row.ticket_code)
        if key in taken:
            row.errors.append(
                _("Nomor tiket %(ticket)s sudah disurvei.") % {"ticket": row.ticket_code}
            )
        elif key in seen:
            row.errors.append(
                _("Nomor tiket %(ticket)s sudah ada di baris %(row)s.")
                % {"ticket": row.ticket_code, "row": seen[key]}
            )
        seen.setdefault(key, row.number)


def preview_paper_responses(
    unit: Unit,
    *,
    actor: User,
    upload: IO[bytes],
    file_name: str,
    default_service: Service | None,
) -> PaperImport:
    """Read and check an XLSX of paper questionnaires for `unit`, writing nothing: every row
    with its problems, for the officer to correct the file or commit. SheetError when the file
    cannot be read at all (no header row, a missing element column, a bare "U8")."""
    require(actor, IMPORT, unit)
    if default_service is not None and default_service.unit_id != unit.pk:
        raise ValidationError({"service": _("Layanan ini bukan layanan unit yang dipilih.")})
    columns, cells = sheet.read_sheet(upload)
    if len(cells) > IMPORT_MAX_ROWS:
        raise sheet.SheetError(
            _("Berkas berisi %(count)s baris; paling banyak %(max)s baris per impor.")
            % {"count": len(cells), "max": IMPORT_MAX_ROWS}
        )
    by_name = _services_by_name(unit)
    rows = [
        _read_row(number, values, services=by_name, default_service=default_service)
        for number, values in cells
    ]
    _check_rows(unit, rows, {service.pk: service for service in by_name.values()})
    return PaperImport(unit.pk, file_name, rows, columns.headers, columns.ignored)


@transaction.atomic
def import_paper_responses(unit: Unit, *, actor: User, paper: PaperImport) -> int:
    """Store every row of a checked file, or none: the rows are checked again (a ticket may
    have been surveyed since the preview) and any problem rolls the whole file back with the
    messages per row. Returns the number of responses stored; audited once per file."""
    require(actor, IMPORT, unit)
    if paper.unit_id != unit.pk:
        raise ValidationError(_("Pratinjau ini untuk unit lain; unggah berkasnya lagi."))
    services = {service.pk: service for service in Service.objects.filter(unit=unit)}
    for row in paper.rows:
        row.errors = []
    _check_rows(unit, paper.rows, services)
    problems = [
        _("Baris %(row)s: %(message)s") % {"row": row.number, "message": message}
        for row in paper.rows
        for message in row.errors
    ]
    if problems or not paper.rows:
        raise ValidationError(problems or [_("Berkas tidak berisi jawaban.")])
    zone = timezone.get_current_timezone()
    for row in paper.rows:
        day = dt.date.fromisoformat(row.submitted_on)
        try:
            submit_response(
                unit,
                actor=actor,
                service=services.get(row.service_id) if row.service_id else None,
                given=row.given(),
                source=ResponseSource.PAPER,
                # A paper form carries a date only: noon local time keeps it on that day.
                submitted_at=dt.datetime.combine(day, dt.time(12), tzinfo=zone),
            )
        except ValidationError as error:
            raise ValidationError(
                [
                    _("Baris %(row)s: %(message)s") % {"row": row.number, "message": message}
                    for message in error.messages
                ]
            ) from None
    data_changed(unit.agency_id, unit_id=unit.pk)  # rows span many days: every sub-period
    audit.record(
        unit,
        "citizen.survey.imported",
        actor=actor,
        agency_id=unit.agency_id,
        note=_("%(count)s kuesioner dari %(file)s")
        % {"count": len(paper.rows), "file": paper.file_name},
    )
    return len(paper.rows)
