"""Demo data of the citizen area for a demo agency, shaped like its seed document.

`load_demo_citizen(agency, seed=…)` runs after the appraisal demo and writes, for the year
ending yesterday:
  * the 2026 holidays (national holidays and cuti bersama) of the agency's calendar;
  * the services of the region (`demo_texts.SERVICES`) with their standard times;
  * requests on opening days (Monday busiest, office hours, a lognormal turnaround around the
    service's median, which falls over the year where the seed says the service got faster),
    handled by the staff of the service's unit; the latest ones are still open;
  * survey responses (hundreds per surveyed unit, answers skewed per element, a few blanks,
    profiles, comments in Indonesian; some carry the ticket of a completed request);
  * complaints with classes, limits from `deadlines` and the holidays, assignees, first
    responses, resolutions on time or late, a few open past their limit and escalated, ratings.
Volume rows are written directly with `bulk_create`, with the services' field semantics
(`turnaround_minutes` and `within_standard` on completion, `resolved_on_time` on resolution).
Then SKP indicators of the demo accounts and of the heads of service units are bound to
metrics through `citizen.services.sources`, so their realisations are the real computation
for every sub-period that has ended (a final one stays locked; the current one is left to the
daily run, as the appraisal demo records only ended sub-periods), and one value is overridden
with a reason.
Deterministic for a seed and a day; does nothing once the agency has services.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from itertools import accumulate

from django.db import transaction
from django.utils import timezone

from kinerja.appraisal.models import Realisation
from kinerja.appraisal.selectors.execution import final_subperiods, plan_subperiods
from kinerja.citizen import demo_texts as texts
from kinerja.citizen.deadlines import (
    FIRST_RESPONSE_DAYS,
    DayCounting,
    add_days,
    counting_for,
    is_working_day,
    resolution_days,
)
from kinerja.citizen.indicator_metrics import clipped_range
from kinerja.citizen.models import (
    ANSWER_FIELDS,
    Channel,
    Complaint,
    ComplaintStatus,
    Education,
    Holiday,
    IndicatorSource,
    Metric,
    Occupation,
    RequestSource,
    ResponseSource,
    Service,
    ServiceRequest,
    SurveyResponse,
)
from kinerja.citizen.selectors.sources import metric_value
from kinerja.citizen.services import sources
from kinerja.core.models import Agency, User
from kinerja.org.demo.names import person_name, pick_origin
from kinerja.org.demo.regions import REGIONS
from kinerja.org.models import Employee, PositionKind, Unit
from kinerja.planning.demo import demo_period, demo_user
from kinerja.planning.models import Indicator, PlanStatus

BATCH = 2000
WEEKDAY_LOAD = (1.3, 1.1, 1.0, 0.95, 0.75, 0.55, 0.0)  # Monday … Sunday
STRUCTURAL = (PositionKind.JPT, PositionKind.ADMINISTRATOR, PositionKind.PENGAWAS)
HANDLING = (PositionKind.PELAKSANA, PositionKind.FUNGSIONAL)
EDUCATION = (
    (Education.PRIMARY, 12),
    (Education.JUNIOR, 15),
    (Education.SENIOR, 38),
    (Education.DIPLOMA, 10),
    (Education.BACHELOR, 20),
    (Education.POSTGRADUATE, 5),
)
OCCUPATION = (
    (Occupation.CIVIL_SERVANT, 10),
    (Occupation.PRIVATE, 25),
    (Occupation.SELF_EMPLOYED, 30),
    (Occupation.STUDENT, 12),
    (Occupation.OTHER, 23),
)
CHANNELS = (
    (Channel.WEB, 30),
    (Channel.DESK, 25),
    (Channel.PHONE, 25),
    (Channel.LAPOR, 15),
    (Channel.LETTER, 5),
)
TICKET_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # as citizen.services.complaints
# Most complaints are requests for information or simple grievances (SP4N-LAPOR! reports).
CLASS_WEIGHTS = {"informasi": 40, "ringan": 15, "tanpa_pemeriksaan": 30, "pemeriksaan_lapangan": 15}


@dataclass(frozen=True)
class CitizenDemoSummary:
    services: int
    requests: int
    responses: int
    complaints: int
    holidays: int
    sources: int


def _pick(rng: random.Random, weighted: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([value for value, _w in weighted], [w for _v, w in weighted])[0]


class _CitizenBuilder:
    def __init__(self, agency: Agency, rng: random.Random, today: dt.date) -> None:
        self.agency, self.rng, self.today = agency, rng, today
        self.now = timezone.now()
        self.end = min(today - dt.timedelta(days=1), dt.date(2026, 12, 31))
        self.start = self.end - dt.timedelta(days=364)
        self.holidays = {day for day, _name in texts.HOLIDAYS_2026}
        units = list(Unit.objects.filter(agency=agency))
        by_pk = {unit.pk: unit for unit in units}
        self.units: dict[tuple[str, ...], Unit] = {}
        for unit in units:
            names = tuple(by_pk[int(pk)].name for pk in unit.path.strip("/").split("/"))
            self.units[names] = unit
        self.employees = list(
            Employee.objects.filter(agency=agency, is_active=True)
            .select_related("position", "unit", "user", "supervisor")
            .order_by("pk")
        )
        region = next(r for r in REGIONS if r.code == agency.code)
        self.name_mix = region.name_mix
        self.services: list[tuple[texts.ServiceSpec, Service]] = []
        self.tickets: dict[int, list[str]] = defaultdict(list)
        self.counts: dict[str, int] = defaultdict(int)

    # --- helpers --------------------------------------------------------------------------------

    def midnight(self, day: dt.date) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(day, dt.time.min))

    def days(self, *, saturday: bool = False) -> list[dt.date]:
        """Opening days of the year: working days, and Saturdays (not holidays) if asked."""
        days, day = [], self.start
        while day <= self.end:
            if is_working_day(day, self.holidays) or (
                saturday and day.weekday() == 5 and day not in self.holidays
            ):
                days.append(day)
            day += dt.timedelta(days=1)
        return days

    def next_working_day(self, day: dt.date) -> dt.date:
        day += dt.timedelta(days=1)
        while not is_working_day(day, self.holidays):
            day += dt.timedelta(days=1)
        return day

    def in_subtree(self, unit: Unit) -> list[Employee]:
        return [e for e in self.employees if e.unit.path.startswith(unit.path)]

    def is_handler(self, employee: Employee) -> bool:
        return employee.position is not None and employee.position.kind in HANDLING

    def desk_user(self, unit: Unit) -> User | None:
        """The service-desk account working in the unit's organisation, if any."""
        root = f"/{unit.path.strip('/').split('/')[0]}/"
        for employee in self.employees:
            user = employee.user
            if user and user.username.endswith(".layanan") and employee.unit.path.startswith(root):
                return user
        return None

    # --- calendar and catalogue --------------------------------------------------------------

    def load_holidays(self) -> None:
        Holiday.objects.bulk_create(
            [Holiday(agency=self.agency, date=day, name=name) for day, name in texts.HOLIDAYS_2026],
            ignore_conflicts=True,
        )
        self.counts["holidays"] = len(texts.HOLIDAYS_2026)

    def load_services(self) -> None:
        rows = []
        for spec in texts.SERVICES.get(self.agency.code, ()):
            unit = self.units.get(spec.unit_path)
            if unit is None:
                continue
            rows.append(
                (
                    spec,
                    Service(
                        agency=self.agency,
                        unit=unit,
                        code=spec.code,
                        name=spec.name,
                        description=spec.description,
                        standard_minutes=spec.standard_minutes,
                    ),
                )
            )
        Service.objects.bulk_create([service for _spec, service in rows])
        self.services = rows
        self.counts["services"] = len(rows)

    # --- requests --------------------------------------------------------------------------------

    def handed_over(self, received: dt.datetime, days: float) -> dt.datetime:
        """A document that takes days: ready `int(days)` working days after receipt, handed
        over in office hours (the same day when it is ready before the office closes)."""
        rng = self.rng
        whole = int(days)
        if whole == 0:
            done = received + dt.timedelta(minutes=rng.uniform(40, 300))
            if timezone.localtime(done).hour < 16:
                return done
            whole = 1
        day = timezone.localdate(received)
        for _step in range(whole):
            day = self.next_working_day(day)
        return self.midnight(day) + dt.timedelta(minutes=8 * 60 + rng.uniform(5, 450))

    def load_requests(self) -> None:
        rng, span = self.rng, 364
        batch: list[ServiceRequest] = []
        for spec, service in self.services:
            handlers = [e for e in self.in_subtree(service.unit) if self.is_handler(e)]
            weights = [
                2.5 if e.user and e.user.username.endswith(".pegawai") else 1.0 for e in handlers
            ]
            cumulative = list(accumulate(weights))
            desk = None if spec.source_import else self.desk_user(service.unit)
            multi_day = spec.standard_minutes >= texts.DAY
            for day in self.days(saturday=spec.saturday):
                progress = (day - self.start).days / span
                share = spec.median_share[0] + (spec.median_share[1] - spec.median_share[0]) * (
                    progress
                )
                mu = math.log(share * spec.standard_minutes)
                expected = spec.per_day * WEEKDAY_LOAD[day.weekday()]
                count = max(0, round(rng.gauss(expected, math.sqrt(expected))))
                midnight = self.midnight(day)
                for seq in range(count):
                    received = midnight + dt.timedelta(minutes=8 * 60 + rng.triangular(0, 420, 90))
                    taken = rng.lognormvariate(mu, spec.spread)
                    completed: dt.datetime | None = (
                        self.handed_over(received, taken / texts.DAY)
                        if multi_day
                        else received + dt.timedelta(minutes=taken)
                    )
                    assert completed is not None
                    if completed > self.now or rng.random() < 0.002:
                        completed = None  # still being processed (or stuck)
                    minutes = (
                        max(1, int((completed - received).total_seconds() // 60))
                        if completed
                        else None
                    )
                    ticket = f"{spec.ticket_prefix}-{day:%y%m%d}-{seq + 1:03d}"
                    batch.append(
                        ServiceRequest(
                            agency=self.agency,
                            service=service,
                            unit=service.unit,
                            handled_by=rng.choices(handlers, cum_weights=cumulative)[0]
                            if handlers
                            else None,
                            ticket_code=ticket,
                            received_at=received,
                            completed_at=completed,
                            turnaround_minutes=minutes,
                            within_standard=None
                            if minutes is None
                            else minutes <= spec.standard_minutes,
                            source=RequestSource.IMPORT
                            if spec.source_import
                            else RequestSource.DESK,
                            recorded_by=desk,
                        )
                    )
                    if completed is not None:
                        self.tickets[service.pk].append(ticket)
                if len(batch) >= 5 * BATCH:
                    ServiceRequest.objects.bulk_create(batch, batch_size=BATCH)
                    self.counts["requests"] += len(batch)
                    batch = []
        ServiceRequest.objects.bulk_create(batch, batch_size=BATCH)
        self.counts["requests"] += len(batch)

    # --- survey ------------------------------------------------------------------------------------

    def answer(self, mean: float) -> int | None:
        if self.rng.random() < 0.025:
            return None  # left blank
        return min(4, max(1, round(self.rng.gauss(mean, 0.6))))

    def comment(self, answers: list[int | None]) -> str:
        rng = self.rng
        if rng.random() > 0.3:
            return ""
        given = [a for a in answers if a is not None]
        average = sum(given) / len(given) if given else 3
        pool: tuple[str, ...]
        if average >= 3.3:
            pool = texts.PRAISE + texts.SUGGESTIONS
        elif average <= 2.8:
            pool = texts.CRITICISM
        else:
            pool = texts.CRITICISM + texts.SUGGESTIONS + texts.PRAISE
        return rng.choice(pool)

    def load_survey(self) -> None:
        rng = self.rng
        days = self.days(saturday=True)
        rows: list[SurveyResponse] = []
        for spec in texts.SURVEYS.get(self.agency.code, ()):
            root = self.units.get(spec.unit_path)
            if root is None:
                continue
            served = [
                (sp, service)
                for sp, service in self.services
                if service.unit.path.startswith(root.path)
            ]
            women = 0.6 if "Puskesmas" in root.name else 0.48
            for _index in range(spec.responses):
                unit, service = root, None
                if served and rng.random() > 0.08:
                    _spec, service = rng.choices(served, [sp.per_day for sp, _s in served])[0]
                    unit = service.unit
                answers = [
                    self.answer(spec.means[f.removeprefix("answer_")]) for f in ANSWER_FIELDS
                ]
                paper = rng.random() < 0.3
                day = rng.choice(days)
                hour = rng.uniform(8.5, 15.5) if paper else rng.uniform(7, 22)
                ticket = ""
                if service is not None and self.tickets[service.pk] and rng.random() < 0.35:
                    pool = self.tickets[service.pk]
                    ticket = pool.pop(rng.randrange(len(pool)))
                rows.append(
                    SurveyResponse(
                        agency=self.agency,
                        unit=unit,
                        service=service,
                        submitted_at=self.midnight(day) + dt.timedelta(hours=hour),
                        **dict(zip(ANSWER_FIELDS, answers, strict=True)),
                        age=None
                        if rng.random() < 0.04
                        else min(80, max(17, round(rng.gauss(38, 12)))),
                        sex="" if rng.random() < 0.03 else ("P" if rng.random() < women else "L"),
                        education="" if rng.random() < 0.05 else _pick(rng, EDUCATION),
                        occupation="" if rng.random() < 0.05 else _pick(rng, OCCUPATION),
                        comment=self.comment(answers),
                        ticket_code=ticket,
                        source=ResponseSource.PAPER if paper else ResponseSource.WEB,
                    )
                )
        SurveyResponse.objects.bulk_create(rows, batch_size=BATCH)
        self.counts["responses"] = len(rows)

    # --- complaints ----------------------------------------------------------------------------------

    def load_complaints(self) -> None:
        rng, used = self.rng, set()
        rows: list[Complaint] = []
        for spec in texts.COMPLAINTS.get(self.agency.code, ()):
            root = self.units.get(spec.unit_path)
            if root is None:
                continue
            places = [u for u in self.units.values() if u.path.startswith(root.path)]
            staff = {u.pk: self.in_subtree(u) for u in places}
            themed = [t for t in texts.COMPLAINT_TEXTS if spec.theme in t.themes.split()]
            overdue = set(rng.sample(range(spec.per_year), k=min(spec.open_overdue, spec.per_year)))
            for index in range(spec.per_year):
                unit = root if rng.random() < 0.35 else rng.choice(places)
                quick = [t for t in themed if t.complaint_class in ("ringan", "informasi")]
                if index in overdue:
                    text = rng.choice(quick or themed)
                else:
                    text = rng.choices(themed, [CLASS_WEIGHTS[t.complaint_class] for t in themed])[
                        0
                    ]
                if index in overdue:
                    received_on = self.end - dt.timedelta(days=rng.randint(20, 50))
                else:
                    received_on = self.start + dt.timedelta(days=rng.randint(0, 364))
                received = self.midnight(received_on) + dt.timedelta(hours=rng.uniform(7, 21))
                counting = counting_for(text.complaint_class, DayCounting.WORKING)
                first_due = add_days(
                    received_on,
                    FIRST_RESPONSE_DAYS,
                    counting=DayCounting.WORKING,
                    holidays=self.holidays,
                )
                due = add_days(
                    received_on,
                    resolution_days(text.complaint_class),
                    counting=counting,
                    holidays=self.holidays,
                )
                code = "ADU-" + "".join(rng.choice(TICKET_ALPHABET) for _c in range(8))
                while code in used:
                    code = "ADU-" + "".join(rng.choice(TICKET_ALPHABET) for _c in range(8))
                used.add(code)
                people = staff.get(unit.pk) or staff[root.pk]
                assignee = rng.choice([e for e in people if self.is_handler(e)] or people)
                sex = "P" if rng.random() < 0.45 else "L"
                complaint = Complaint(
                    agency=self.agency,
                    ticket_code=code,
                    unit=unit,
                    channel=_pick(rng, CHANNELS),
                    complainant_name=""
                    if rng.random() < 0.25
                    else person_name(rng, pick_origin(rng, self.name_mix), sex),
                    complainant_contact=""
                    if rng.random() < 0.4
                    else f"08{rng.randint(10**9, 10**10 - 1)}",
                    subject=text.subject,
                    description=text.description,
                    category=text.category,
                    complaint_class=text.complaint_class,
                    received_at=received,
                    first_response_due=first_due,
                    resolution_due=due,
                    assigned_to=assignee,
                )
                self.settle(complaint, text, index in overdue)
                rows.append(complaint)
        Complaint.objects.bulk_create(rows, batch_size=BATCH)
        self.counts["complaints"] = len(rows)

    def settle(self, complaint: Complaint, text: texts.ComplaintText, overdue: bool) -> None:
        """First response, then resolved (on time or late), rejected, or still open."""
        rng = self.rng
        received_on = timezone.localdate(complaint.received_at)
        late_response = rng.random() < 0.1
        responded_on = add_days(
            received_on,
            rng.randint(4, 6) if late_response else rng.randint(0, FIRST_RESPONSE_DAYS),
            counting=DayCounting.WORKING,
            holidays=self.holidays,
        )
        if responded_on >= self.today and not overdue:
            return  # just arrived: received, not yet answered
        complaint.first_responded_at = self.midnight(min(responded_on, self.end)) + dt.timedelta(
            hours=rng.uniform(8, 15)
        )
        complaint.response = texts.RESPONSE_TEXT
        complaint.status = ComplaintStatus.IN_PROGRESS
        if overdue:
            self.escalate_if_late(complaint)
            return
        if rng.random() < 0.04:
            complaint.status = ComplaintStatus.REJECTED
            complaint.resolution = (
                "Bukan kewenangan unit ini; pelapor diarahkan ke instansi terkait."
            )
            return
        on_time = rng.random() < self.on_time_share(complaint)
        if on_time:
            span = max(0, (complaint.resolution_due - received_on).days)
            resolved_on = received_on + dt.timedelta(days=rng.randint(min(1, span), span))
        else:
            resolved_on = add_days(
                complaint.resolution_due,
                rng.randint(1, 8),
                counting=DayCounting.WORKING,
                holidays=self.holidays,
            )
        if resolved_on > self.end:
            self.escalate_if_late(complaint)  # still being worked on
            return
        resolved_at = self.midnight(resolved_on) + dt.timedelta(hours=rng.uniform(9, 16))
        complaint.resolved_at = max(resolved_at, complaint.first_responded_at)
        complaint.first_responded_at = min(complaint.first_responded_at, complaint.resolved_at)
        complaint.resolved_on_time = (
            timezone.localdate(complaint.resolved_at) <= complaint.resolution_due
        )
        complaint.resolution = text.resolution
        complaint.status = ComplaintStatus.RESOLVED
        if rng.random() < 0.55:
            ratings = (5, 4, 3) if complaint.resolved_on_time else (4, 3, 2, 1)
            shares = (50, 38, 12) if complaint.resolved_on_time else (15, 40, 30, 15)
            complaint.rating = rng.choices(ratings, shares)[0]
            if rng.random() < 0.6:
                complaint.rating_comment = rng.choice(texts.RATING_COMMENTS[complaint.rating])
            complaint.rated_at = complaint.resolved_at + dt.timedelta(hours=rng.uniform(2, 72))

    def escalate_if_late(self, complaint: Complaint) -> None:
        """An open complaint past its limit went to the assignee's supervisor the next morning
        (what the daily escalation of the complaints area does)."""
        if complaint.resolution_due >= self.today or complaint.assigned_to is None:
            return
        complaint.escalated_to = complaint.assigned_to.supervisor
        complaint.escalated_at = self.midnight(
            complaint.resolution_due + dt.timedelta(days=1)
        ) + dt.timedelta(hours=6)

    def on_time_share(self, complaint: Complaint) -> float:
        for spec in texts.COMPLAINTS.get(self.agency.code, ()):
            root = self.units.get(spec.unit_path)
            if root is not None and complaint.unit.path.startswith(root.path):
                # The share on time rises over the year (the seed's aim: within the set time).
                progress = (timezone.localdate(complaint.received_at) - self.start).days / 364
                return min(0.98, spec.on_time - 0.08 + 0.16 * progress)
        return 0.8


# --- Indicators fed by data -----------------------------------------------------------------------

COUNTS = {
    "Jumlah KTP-el yang diterbitkan": "ktp-el",
    "Jumlah akta kelahiran yang diterbitkan": "akta-kelahiran",
    "Jumlah pasien yang dilayani": "rawat-jalan",
    "Jumlah kendaraan yang lulus uji berkala": "uji-kir",
    "Jumlah permohonan layanan yang diselesaikan": "",
}
MEDIANS = {
    "Rata-rata waktu tunggu layanan administrasi": "",
    "Rata-rata waktu tunggu pasien rawat jalan": "rawat-jalan",
    "Rata-rata waktu layanan uji kendaraan bermotor": "uji-kir",
}
IKM_TEXTS = (
    "Indeks Kepuasan Masyarakat (IKM) unit layanan",
    "Indeks Kepuasan Masyarakat (IKM) layanan perhubungan",
)
COMPLAINTS_TEXT = "Persentase pengaduan diselesaikan dalam batas waktu"
AKTA_ON_TIME = "Persentase akta kelahiran terbit paling lama 3 hari kerja"
MAX_SOURCES = 24


class _SourceBinder:
    """Which demo indicators to feed from data, and binding them through the service."""

    def __init__(self, builder: _CitizenBuilder) -> None:
        self.builder = builder
        agency = builder.agency
        self.services = [service for _spec, service in builder.services]
        self.volume = {service.pk: spec.per_day for spec, service in builder.services}
        self.handled = {
            (service_id, employee_id)
            for service_id, employee_id in ServiceRequest.objects.filter(agency=agency)
            .values_list("service_id", "handled_by_id")
            .distinct()
        }
        self.surveyed = set(
            SurveyResponse.objects.filter(agency=agency).values_list("unit__path", flat=True)
        )
        self.complained = set(
            Complaint.objects.filter(agency=agency).values_list("unit__path", flat=True)
        )

    def _busiest(self, unit: Unit, code: str) -> Service | None:
        found = [
            s
            for s in self.services
            if s.unit.path.startswith(unit.path)
            and (s.code.startswith(code) if code else not s.code.startswith(("rawat", "uji")))
        ]
        return max(found, key=lambda s: (self.volume[s.pk], -s.pk)) if found else None

    def _service(self, employee: Employee, code: str) -> Service | None:
        """The service `code` of the employee's unit subtree, else of the organisation."""
        inside = self._busiest(employee.unit, code)
        if inside is not None or not code or code == "rawat-jalan":
            return inside
        root = f"/{employee.unit.path.strip('/').split('/')[0]}/"
        found = [
            s for s in self.services if s.code.startswith(code) and s.unit.path.startswith(root)
        ]
        return found[0] if found else None

    def binding(self, employee: Employee, indicator: Indicator) -> dict[str, object] | None:
        text, unit = indicator.text, employee.unit
        is_head = employee.position is not None and employee.position.kind in STRUCTURAL
        if text in IKM_TEXTS:
            if any(path.startswith(unit.path) for path in self.surveyed):
                return {"metric": Metric.UNIT_IKM, "unit": unit}
            return None
        if text == COMPLAINTS_TEXT:
            if any(path.startswith(unit.path) for path in self.complained):
                return {"metric": Metric.COMPLAINTS_ON_TIME, "unit": unit}
            return None
        if text in MEDIANS and indicator.unit_of_measure == "menit":
            service = self._busiest(unit, MEDIANS[text])
            return (
                {"metric": Metric.SERVICE_MEDIAN_MINUTES, "service": service} if service else None
            )
        if text == AKTA_ON_TIME:
            service = self._service(employee, "akta-kelahiran")
            if service is None:
                return None
            return {"metric": Metric.SERVICE_WITHIN_STANDARD, "service": service}
        if text in COUNTS:
            code = COUNTS[text]
            if not code:
                handled = any(e == employee.pk for _s, e in self.handled)
                return (
                    {"metric": Metric.EMPLOYEE_COMPLETED, "employee": employee} if handled else None
                )
            service = self._service(employee, code)
            if service is None:
                return None
            if (service.pk, employee.pk) in self.handled:
                return {
                    "metric": Metric.EMPLOYEE_COMPLETED,
                    "employee": employee,
                    "service": service,
                }
            if is_head and service.unit_id == unit.pk:
                return {"metric": Metric.SERVICE_COMPLETED, "service": service}
        return None

    def candidates(self) -> list[Employee]:
        """The demo accounts first, then the heads of the units that serve citizens."""
        builder = self.builder
        serving = {s.unit.path for s in self.services} | self.surveyed | self.complained
        accounts = [
            e
            for e in builder.employees
            if e.user and e.user.username.startswith(f"{builder.agency.code}.")
        ]
        heads = [
            e
            for e in builder.employees
            if e.position is not None
            and e.position.kind in STRUCTURAL
            and any(path.startswith(e.unit.path) for path in serving)
            and e not in accounts
        ]
        return accounts + heads

    def bind(self, admin: User) -> list[IndicatorSource]:
        period = demo_period(self.builder.agency)
        if period is None:
            return []
        people = self.candidates()
        order = {e.pk: index for index, e in enumerate(people)}
        indicators = sorted(
            Indicator.objects.filter(
                result__plan__period=period,
                result__plan__status=PlanStatus.APPROVED,
                result__plan__is_current=True,
                result__plan__employee__in=people,
            ).select_related("result__plan__period"),
            key=lambda i: (order[i.result.plan.employee_id], i.result.order, i.order, i.pk),
        )
        by_pk = {e.pk: e for e in people}
        bound: list[IndicatorSource] = []
        uses: dict[tuple[object, ...], int] = defaultdict(int)
        for indicator in indicators:
            if len(bound) >= MAX_SOURCES:
                break
            target = self.binding(by_pk[indicator.result.plan.employee_id], indicator)
            if target is None:
                continue
            key = tuple(sorted((name, str(value)) for name, value in target.items()))
            if uses[key] >= 2:  # the same figure on two SKP shows the cascade; more is noise
                continue
            chosen = self.ended_with_values(indicator, target)
            if chosen is None:
                continue
            uses[key] += 1
            source = sources.bind_indicator_source(
                indicator,
                actor=admin,
                compute=False,
                **target,  # type: ignore[arg-type]
            )
            # The current sub-period is left to the daily run unless the appraisal demo already
            # opened it (it records realisation for sub-periods that have ended).
            sources.compute_indicator_realisations(indicator, subperiods=chosen, actor=admin)
            bound.append(source)
        return bound

    def ended_with_values(
        self, indicator: Indicator, target: dict[str, object]
    ) -> list[int] | None:
        """The plan's sub-periods to compute: those not final that have ended or already hold
        realisations (the appraisal demo records at least two), when the metric has a value on
        each of them (else None: the demo binds only figures that are defined, so every
        realisation keeps a value)."""
        plan = indicator.result.plan
        finals = final_subperiods(plan)
        recorded = set(Realisation.objects.filter(plan=plan).values_list("subperiod", flat=True))
        probe = IndicatorSource(**target)  # type: ignore[arg-type]
        chosen = []
        for block in plan_subperiods(plan):
            if block.number in finals:
                continue
            if block.end >= self.builder.today and block.number not in recorded:
                continue
            days = clipped_range(block.start, block.end, plan.segment_start, plan.segment_end)
            if days is None or metric_value(probe, *days) is None:
                return None
            chosen.append(block.number)
        return chosen or None


def _override_one(bound: list[IndicatorSource], today: dt.date) -> None:
    """The demo employee corrects one computed value with a reason (shown on their page)."""
    for source in bound:
        if source.metric != Metric.EMPLOYEE_COMPLETED:
            continue
        plan = source.indicator.result.plan
        user = getattr(plan.employee, "user", None)
        if user is None or not user.username.endswith(".pegawai"):
            continue
        realisation = (
            Realisation.objects.filter(
                indicator=source.indicator, computed_value__gt=0, computed_at__isnull=False
            )
            .exclude(subperiod=1)
            .order_by("-subperiod")
            .first()
        )
        if realisation is None or realisation.computed_value is None:
            continue
        sources.override_realisation(
            realisation,
            actor=user,
            value=realisation.computed_value + Decimal(14),
            reason=texts.OVERRIDE_REASON,
        )
        return


@transaction.atomic
def load_demo_citizen(
    agency: Agency, *, seed: int, today: dt.date | None = None
) -> CitizenDemoSummary | None:
    """The citizen data of one demo agency; None when it has services already."""
    if agency.code not in texts.SERVICES or Service.objects.filter(agency=agency).exists():
        return None
    rng = random.Random(f"{seed}:{agency.code}:citizen")  # noqa: S311  (demo data)
    today = today or timezone.localdate()
    builder = _CitizenBuilder(agency, rng, today)
    builder.load_holidays()
    builder.load_services()
    builder.load_requests()
    builder.load_survey()
    builder.load_complaints()
    admin = demo_user(agency, "admin")
    bound = _SourceBinder(builder).bind(admin) if admin is not None else []
    _override_one(bound, today)
    counts = builder.counts
    return CitizenDemoSummary(
        services=counts["services"],
        requests=counts["requests"],
        responses=counts["responses"],
        complaints=counts["complaints"],
        holidays=counts["holidays"],
        sources=len(bound),
    )
