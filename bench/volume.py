"""Citizens' and learning data for the bench agency, in DESIGN §6 proportions, made once.

`generate_scale_data` makes the organisation and the planning/appraisal volume; the aggregates
of bench/aggregates.py and the pages of bench/pages.py also read:
  * complaints: 200,000 at 60,000 employees (scaled to the size), over the units in proportion
    to their people, received 2025-01 … 2026-11, 85 % resolved (most within their limit),
    5 % rejected, 10 % still open;
  * learning records (the 20 JP a year): 0–3 per active employee in the period's year, 4–24 JP
    each, so that some reach the 20 JP and some do not;
  * survey responses: on PostgreSQL the million of bench/citizen_survey.py (Dinas Dukcapil,
    with its 200,000 service requests; scaled to the size below 60,000); elsewhere, or in an
    agency without a Dukcapil (then its first kecamatan, `desk_unit`), 4 per employee.
Deterministic (fixed seed), written with `org.importing.writing.insert` (COPY on PostgreSQL).
The rows are marked (ticket codes `BN…`, titles "… (bench)") and made only when missing.
"""

from __future__ import annotations

import datetime as dt
import random
import time

from django.db import connection, transaction
from django.utils import timezone

from bench import citizen_survey
from kinerja.citizen.deadlines import ComplaintClass
from kinerja.citizen.ikm import ELEMENTS
from kinerja.citizen.models import Channel, Complaint, ComplaintStatus, Service, SurveyResponse
from kinerja.core.models import Agency
from kinerja.core.tenancy import tenant_scope
from kinerja.development.models import DevelopmentRecord
from kinerja.org.importing.writing import insert
from kinerja.org.models import Employee, Unit
from kinerja.planning.models import Period

COMPLAINTS_PER_EMPLOYEE = 200_000 / 60_000
RESPONSES_PER_EMPLOYEE = 1_000_000 / 60_000
TICKET_PREFIX = "BN"
RECORD_TITLE = "Pelatihan teknis (bench)"
START = dt.datetime(2025, 1, 1, 8, 0, tzinfo=dt.timezone(dt.timedelta(hours=7)))
SPAN_DAYS = 699  # to the end of November 2026


def _complaints(agency: Agency, employees: list[tuple[int, int]], rng: random.Random) -> int:
    count = round(len(employees) * COMPLAINTS_PER_EMPLOYEE)
    rows = []
    channels = [choice for choice, _label in Channel.choices if choice != Channel.LAPOR]
    for number in range(count):
        _employee, unit_id = employees[rng.randrange(len(employees))]
        received = START + dt.timedelta(days=rng.randrange(SPAN_DAYS), minutes=rng.randrange(480))
        limit = 14 if number % 3 else 5
        draw = rng.random()
        resolved_at = None
        status = ComplaintStatus.RESOLVED
        if draw < 0.10:
            status = ComplaintStatus.RECEIVED if draw < 0.05 else ComplaintStatus.IN_PROGRESS
        elif draw < 0.15:
            status = ComplaintStatus.REJECTED
        else:
            resolved_at = received + dt.timedelta(days=rng.choice((1, 2, 3, 5, 8, 12, 13, 18, 25)))
        due = received.date() + dt.timedelta(days=limit)
        rows.append(
            {
                "agency_id": agency.pk,
                "ticket_code": f"{TICKET_PREFIX}{number:08d}",
                "unit_id": unit_id,
                "channel": channels[number % len(channels)],
                "subject": "Pelayanan lambat",
                "description": "Antrean panjang dan petugas tidak memberi kepastian waktu.",
                "complaint_class": (
                    ComplaintClass.NO_FIELD_CHECK if limit == 14 else ComplaintClass.INFORMATION
                ),
                "status": status,
                "received_at": received,
                "first_response_due": received.date() + dt.timedelta(days=2),
                "first_responded_at": (
                    received + dt.timedelta(days=1) if status != ComplaintStatus.RECEIVED else None
                ),
                "resolution_due": due,
                "resolved_at": resolved_at,
                "resolved_on_time": (
                    None if resolved_at is None else timezone.localdate(resolved_at) <= due
                ),
            }
        )
    insert(Complaint, rows, now=timezone.now())
    return count


def _learning(agency: Agency, period: Period, employees: list[tuple[int, int]]) -> int:
    rows = []
    for employee_id, _unit in employees:
        for course in range(employee_id % 4):
            rows.append(
                {
                    "agency_id": agency.pk,
                    "employee_id": employee_id,
                    "year": period.year,
                    "title": RECORD_TITLE,
                    "jp": (4, 8, 12, 16, 24)[(employee_id + course) % 5],
                    "completed_on": dt.date(period.year, 1 + (employee_id + course) % 10, 15),
                }
            )
    insert(DevelopmentRecord, rows, now=timezone.now())
    return len(rows)


def _responses(agency: Agency, unit: Unit, count: int, rng: random.Random) -> int:
    service_ids = [
        Service.objects.get_or_create(
            unit=unit, code=code, defaults={"agency": agency, "name": name, "standard_minutes": 60}
        )[0].pk
        for code, name in citizen_survey.SERVICES
    ]
    have = SurveyResponse.objects.filter(unit=unit).count()
    rows = []
    for number in range(max(0, count - have)):
        row = {
            "agency_id": agency.pk,
            "unit_id": unit.pk,
            "service_id": service_ids[number % len(service_ids)],
            "submitted_at": START + dt.timedelta(days=number % 730, minutes=number % 480),
            "source": "web",
        }
        for element in ELEMENTS:
            row[f"answer_{element.value}"] = (
                None if rng.random() < 0.02 else min(4, 1 + int(rng.random() * 3.2 + rng.random()))
            )
        rows.append(row)
    insert(SurveyResponse, rows, now=timezone.now())
    return len(rows)


def desk_unit(agency: Agency) -> Unit | None:
    """The unit of the survey responses and of the service desk: the Dinas Dukcapil (a small
    agency may have none: then its first kecamatan)."""
    tops = Unit.objects.filter(agency=agency, depth=0)
    return (
        tops.filter(name=citizen_survey.UNIT_NAME).first()
        or tops.filter(name__startswith="Kecamatan").order_by("pk").first()
    )


def ensure_volume(agency: Agency) -> None:
    """Make what is missing (see the module docstring); print what was made."""
    rng = random.Random(8)
    with tenant_scope(agency):
        period = Period.objects.filter(agency=agency).order_by("-year").first()
        employees = list(
            Employee.objects.filter(agency=agency, is_active=True)
            .order_by("pk")
            .values_list("pk", "unit_id")
        )
        desk = desk_unit(agency)
        postgresql = connection.vendor == "postgresql"
        if desk is not None and postgresql and desk.name == citizen_survey.UNIT_NAME:
            citizen_survey.prepare(agency, round(len(employees) * RESPONSES_PER_EMPLOYEE))
            desk = None  # done
        started = time.perf_counter()
        made = []
        with transaction.atomic():
            if not Complaint.objects.filter(ticket_code__startswith=TICKET_PREFIX).exists():
                made.append(f"{_complaints(agency, employees, rng):,} complaints")
            if period and not DevelopmentRecord.objects.filter(title=RECORD_TITLE).exists():
                made.append(f"{_learning(agency, period, employees):,} learning records")
            if desk is not None:
                written = _responses(agency, desk, len(employees) * 4, rng)
                if written:
                    made.append(f"{written:,} survey responses")
        if made and postgresql:
            with connection.cursor() as cursor:
                for model in (Complaint, DevelopmentRecord, SurveyResponse):
                    cursor.execute(f"ANALYZE {model._meta.db_table}")
    if made:
        print(f"  made {', '.join(made)} in {time.perf_counter() - started:.1f} s")
