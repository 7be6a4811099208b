"""Reads of the satisfaction survey (SKM): the units a user may report on, and the SKM report
of a unit (or one of its services) over a period, every figure aggregated in SQL.

The report follows PermenPANRB 14/2017: per element the NRR over those who answered it, the
weight 1/9, the IKM (1–4) and its conversion (25–100) with the grade, computed by
`metrics.ikm_of` over the pooled answers (a unit's IKM is not the mean of its services'). The
minimum sample is read from the Krejcie–Morgan table for the population served in the period:
the service requests received (`ServiceRequest.received_at`) by the service, or the unit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

from django.db import connection
from django.db.models import Count, Exists, Model, OuterRef, Q, QuerySet
from django.db.models.functions import TruncQuarter
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kinerja.citizen import metrics
from kinerja.citizen.ikm import (
    ELEMENTS,
    WEIGHT,
    Element,
    ElementScore,
    Grade,
    IkmResult,
    grade_of,
    ikm_from_totals,
    minimum_sample,
)
from kinerja.citizen.models import (
    Education,
    Occupation,
    ResponseSource,
    Service,
    ServiceRequest,
    Sex,
    SurveyResponse,
)
from kinerja.citizen.permissions.survey import REPORT, survey_unit_scope
from kinerja.citizen.survey_periods import SurveyPeriod, previous_quarters
from kinerja.core.models import User
from kinerja.core.tenancy import Agency
from kinerja.org.models import Unit

TREND_QUARTERS = 8
PRIORITY_COUNT = 3


def fixed(value: Fraction | Decimal | int | None, places: int) -> str:
    """`value` rounded half up to `places` decimals, written the Indonesian way: "3,250"."""
    if value is None:
        return "–"
    if isinstance(value, Fraction):
        value = Decimal(value.numerator) / Decimal(value.denominator)
    rounded = Decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    whole, _sep, decimals = f"{rounded:f}".partition(".")
    sign = "-" if whole.startswith("-") else ""
    grouped = f"{int(whole.lstrip('-')):,}".replace(",", ".")
    return f"{sign}{grouped},{decimals}" if decimals else f"{sign}{grouped}"


WEIGHT_TEXT = "1/9 (0,111…)"


def bounds(period: SurveyPeriod) -> tuple[dt.datetime, dt.datetime]:
    """The period as local-time instants [start, end) (indexable bounds on timestamps)."""
    zone = timezone.get_current_timezone()
    return (
        dt.datetime.combine(period.start, dt.time.min, tzinfo=zone),
        dt.datetime.combine(period.end, dt.time.min, tzinfo=zone),
    )


# --- The public survey's target ----------------------------------------------------------------


# Only what the public pages and an answer need. This lookup runs for every citizen who opens
# or sends the survey (the busiest write of the system, 300 a second on two cores), so it is
# one hand-written statement built once from the models' metadata: compiling the equivalent
# ORM query (three tables, `only`, `select_related`) cost more than running it.
def _in_model_order(model: type[Model], *names: str) -> tuple[str, ...]:
    """The attribute names in the order of the model's columns, as `Model.from_db` reads them."""
    return tuple(field.attname for field in model._meta.concrete_fields if field.attname in names)


AGENCY_FIELDS = _in_model_order(Agency, "id", "code", "name", "short_name")
UNIT_FIELDS = _in_model_order(Unit, "id", "agency_id", "name", "path", "is_active")
SERVICE_FIELDS = _in_model_order(Service, "id", "agency_id", "unit_id", "code", "name", "is_active")


def _columns(model: type[Model], names: tuple[str, ...], alias: str) -> str:
    columns = {field.attname: field.column for field in model._meta.concrete_fields}
    return ", ".join(f'{alias}."{columns[name]}"' for name in names)


def _target_sql(*, with_service: bool, active_service: bool) -> str:
    agency, unit, service = Agency._meta, Unit._meta, Service._meta
    select = [_columns(Agency, AGENCY_FIELDS, "a"), _columns(Unit, UNIT_FIELDS, "u")]
    joins = [
        f'FROM "{unit.db_table}" u',
        f'JOIN "{agency.db_table}" a ON a."id" = u."agency_id"',
    ]
    where = ['u."id" = %s', 'u."is_active"', 'a."code" = %s', 'a."is_active"']
    if with_service:
        select.append(_columns(Service, SERVICE_FIELDS, "s"))
        joins.append(f'JOIN "{service.db_table}" s ON s."unit_id" = u."id"')
        where.append('s."code" = %s')
        if active_service:
            where.append('s."is_active"')
    return f"SELECT {', '.join(select)} {' '.join(joins)} WHERE {' AND '.join(where)} LIMIT 1"


TARGET_SQL = {
    (with_service, active): _target_sql(with_service=with_service, active_service=active)
    for with_service in (False, True)
    for active in (False, True)
}


def find_survey_target(
    agency_code: str, unit_pk: int, service_code: str | None = None, *, active_service: bool = True
) -> tuple[Unit, Service | None] | None:
    """The active unit (and service) a public survey address names, in one query; None when
    the agency, the unit or the service is unknown or inactive. A visitor has no agency: the
    lookup reads across agencies, filtered by the agency code of the address itself."""
    with_service = service_code is not None
    params: list[Any] = [unit_pk, agency_code] + ([service_code] if with_service else [])
    with connection.cursor() as cursor:
        cursor.execute(TARGET_SQL[(with_service, active_service)], params)
        row = cursor.fetchone()
    if row is None:
        return None
    db = connection.alias
    cut = len(AGENCY_FIELDS) + len(UNIT_FIELDS)
    agency = Agency.from_db(db, AGENCY_FIELDS, row[: len(AGENCY_FIELDS)])
    unit = Unit.from_db(db, UNIT_FIELDS, row[len(AGENCY_FIELDS) : cut])
    unit.agency = agency
    if not with_service:
        return unit, None
    service = Service.from_db(db, SERVICE_FIELDS, row[cut:])
    service.unit = unit
    return unit, service


# --- Units in reach --------------------------------------------------------------------------


def survey_units(user: User, perm: str = REPORT) -> QuerySet[Unit]:
    """The units `user` may report on (or, with another permission, handle) that have public
    services or survey responses, with their agency, in agency and tree order."""
    has_services = Exists(Service.objects.filter(unit=OuterRef("pk")))
    has_responses = Exists(SurveyResponse.objects.filter(unit=OuterRef("pk")))
    return (
        Unit.objects.filter(survey_unit_scope(user, perm))
        .filter(has_services | has_responses)
        .select_related("agency")
        .order_by("agency__name", "path")
    )


def get_survey_unit(user: User, pk: int, perm: str = REPORT) -> Unit:
    """One unit `user` may report on (or handle); another agency's or out of reach: 404."""
    unit = Unit.objects.select_related("agency").filter(pk=pk).first()
    if unit is None or not user.has_perm(perm, unit):
        raise Http404
    return unit


def get_survey_service(user: User, pk: int, perm: str = REPORT) -> Service:
    """One service whose unit `user` may report on (or handle); else 404."""
    service = Service.objects.select_related("unit", "unit__agency").filter(pk=pk).first()
    if service is None or not user.has_perm(perm, service.unit):
        raise Http404
    return service


def services_of(unit: Unit) -> list[Service]:
    return list(Service.objects.filter(unit=unit).order_by("name", "pk"))


# --- Responses -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ResponseFilters:
    unit: Unit | None = None
    service: Service | None = None
    period: SurveyPeriod | None = None
    source: str = ""
    with_comment: bool = False


def responses_visible_to(user: User, filters: ResponseFilters) -> QuerySet[SurveyResponse]:
    """The survey responses of the units `user` may report on, newest first, filtered."""
    responses = SurveyResponse.objects.filter(survey_unit_scope(user, path_field="unit__path"))
    if filters.unit is not None:
        responses = responses.filter(unit=filters.unit)
    if filters.service is not None:
        responses = responses.filter(service=filters.service)
    if filters.period is not None:
        start, end = bounds(filters.period)
        responses = responses.filter(submitted_at__gte=start, submitted_at__lt=end)
    if filters.source in ResponseSource.values:
        responses = responses.filter(source=filters.source)
    if filters.with_comment:
        responses = responses.exclude(comment="")
    return responses.select_related("unit", "service").order_by("-submitted_at", "-pk")


def _responses_of(unit: Unit, service: Service | None) -> QuerySet[SurveyResponse]:
    responses = SurveyResponse.objects.filter(unit=unit)
    return responses.filter(service=service) if service is not None else responses


def _in_period(responses: QuerySet[Any], period: SurveyPeriod, field: str) -> QuerySet[Any]:
    start, end = bounds(period)
    return responses.filter(**{f"{field}__gte": start, f"{field}__lt": end})


# --- The report --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Sample:
    """The population served (service requests received in the period), the minimum sample
    for it (Krejcie–Morgan) and the respondents; `reached` is None without a population."""

    population: int
    respondents: int

    @property
    def minimum(self) -> int | None:
        return minimum_sample(self.population) if self.population else None

    @property
    def reached(self) -> bool | None:
        minimum = self.minimum
        return None if minimum is None else self.respondents >= minimum


@dataclass(frozen=True)
class ElementRow:
    number: int
    score: ElementScore

    @property
    def element(self) -> Element:
        return self.score.element

    @property
    def label(self) -> str:
        return str(self.score.element.label)

    @property
    def weighted(self) -> Fraction | None:
        nrr = self.score.nrr
        return nrr * WEIGHT if nrr is not None else None

    @property
    def converted(self) -> Fraction | None:
        """The element's own value on 25–100 (NRR × 25), for the chart and priorities."""
        nrr = self.score.nrr
        return nrr * 25 if nrr is not None else None

    @property
    def grade(self) -> Grade | None:
        """The grade the element alone would get (its NRR × 25 on the grade table)."""
        converted = self.converted
        if converted is None:
            return None
        return grade_of(Decimal(converted.numerator) / Decimal(converted.denominator))

    @property
    def nrr_text(self) -> str:
        return fixed(self.score.nrr, 3)

    @property
    def weighted_text(self) -> str:
        return fixed(self.weighted, 4)


@dataclass(frozen=True)
class Figures:
    """An IKM with its sample: what the report shows for the whole and per service."""

    result: IkmResult
    sample: Sample

    @property
    def index_text(self) -> str:
        return fixed(self.result.index, 4)

    @property
    def value_text(self) -> str:
        return fixed(self.result.value, 2)

    @property
    def grade_label(self) -> str:
        grade = self.result.grade
        return str(grade.label) if grade is not None else ""

    @property
    def elements(self) -> list[ElementRow]:
        return [ElementRow(n, score) for n, score in enumerate(self.result.elements, start=1)]


@dataclass(frozen=True)
class ServiceFigures:
    service: Service
    figures: Figures


@dataclass(frozen=True)
class ProfileRow:
    label: str
    count: int
    total: int

    @property
    def share_text(self) -> str:
        share = metrics.share(self.count, self.total)
        return f"{fixed(share, 1)}%" if share is not None else "–"


@dataclass(frozen=True)
class ProfileTable:
    title: str
    rows: list[ProfileRow]


@dataclass(frozen=True)
class TrendPoint:
    period: SurveyPeriod
    respondents: int
    value: Decimal | None

    @property
    def value_text(self) -> str:
        return fixed(self.value, 2)


@dataclass(frozen=True)
class SurveyReport:
    unit: Unit
    service: Service | None
    period: SurveyPeriod
    figures: Figures
    per_service: list[ServiceFigures]
    profile: list[ProfileTable]
    trend: list[TrendPoint]

    @property
    def priorities(self) -> list[ElementRow]:
        """The lowest elements (improvement priorities), weakest first."""
        numbers = {row.element: row.number for row in self.figures.elements}
        return [
            ElementRow(numbers[score.element], score)
            for score in self.figures.result.lowest(PRIORITY_COUNT)
        ]

    @property
    def subject(self) -> str:
        return f"{self.unit.name} · {self.service.name}" if self.service else self.unit.name


AGE_BANDS: tuple[tuple[str, Q], ...] = (
    ("< 20", Q(age__lt=20)),
    ("20–29", Q(age__gte=20, age__lt=30)),
    ("30–39", Q(age__gte=30, age__lt=40)),
    ("40–49", Q(age__gte=40, age__lt=50)),
    ("50–59", Q(age__gte=50, age__lt=60)),
    ("≥ 60", Q(age__gte=60)),
)
NOT_GIVEN = _("Tidak diisi")


def _profile_dimensions() -> list[tuple[str, str, list[tuple[str, Q]]]]:
    """(key, title, [(label, condition)]) of each profile table, "not given" last."""
    choice_dimensions = (
        ("sex", _("Jenis kelamin"), Sex),
        ("education", _("Pendidikan"), Education),
        ("occupation", _("Pekerjaan"), Occupation),
    )
    dimensions = [("age", str(_("Umur")), [*AGE_BANDS, (str(NOT_GIVEN), Q(age__isnull=True))])]
    for key, title, choices in choice_dimensions:
        options = [(str(label), Q(**{key: value})) for value, label in choices.choices]
        dimensions.append((key, str(title), [*options, (str(NOT_GIVEN), Q(**{key: ""}))]))
    return dimensions


def profile_of(responses: QuerySet[SurveyResponse]) -> list[ProfileTable]:
    """The respondents by age band, sex, education and occupation: one pass over the rows
    with a filtered COUNT per category (a GROUP BY of every dimension at once)."""
    dimensions = _profile_dimensions()
    aggregates: dict[str, Any] = {"total": Count("pk")}
    for key, _title, options in dimensions:
        for index, (_label, condition) in enumerate(options):
            aggregates[f"{key}_{index}"] = Count("pk", filter=condition)
    counts = responses.order_by().aggregate(**aggregates)
    total = counts["total"]
    return [
        ProfileTable(
            title,
            [
                ProfileRow(label, counts[f"{key}_{index}"], total)
                for index, (label, _condition) in enumerate(options)
            ],
        )
        for key, title, options in dimensions
    ]


def _populations(unit: Unit, period: SurveyPeriod) -> dict[int, int]:
    """Requests received in the period by the unit, per service (one GROUP BY)."""
    rows = (
        _in_period(ServiceRequest.objects.filter(unit=unit), period, "received_at")
        .order_by()
        .values("service_id")
        .annotate(n=Count("pk"))
    )
    return {row["service_id"]: row["n"] for row in rows}


def trend_of(responses: QuerySet[SurveyResponse], last: SurveyPeriod) -> list[TrendPoint]:
    """The IKM per quarter over the TREND_QUARTERS quarters ending with `last` (one GROUP BY
    on the quarter in local time), oldest first; quarters without answers have no value."""
    quarters = previous_quarters(last, TREND_QUARTERS)
    start, _end = bounds(quarters[0])
    _start, end = bounds(quarters[-1])
    by_quarter = metrics.ikm_by(
        responses.filter(submitted_at__gte=start, submitted_at__lt=end).annotate(
            quarter=TruncQuarter("submitted_at", tzinfo=timezone.get_current_timezone())
        ),
        "quarter",
    )
    found = {
        (moment.year, (moment.month - 1) // 3 + 1): result for moment, result in by_quarter.items()
    }
    points = []
    for quarter in quarters:
        result = found.get((quarter.year, quarter.number))
        points.append(
            TrendPoint(
                quarter,
                result.respondents if result else 0,
                result.value if result else None,
            )
        )
    return points


def pooled_result(results: Iterable[IkmResult]) -> IkmResult:
    """The IKM of the union of disjoint groups: per element, the answered counts and the sums
    added up (PermenPANRB 14/2017 pools the answers; it never averages the groups' IKMs)."""
    groups = list(results)
    totals = {
        element: (
            sum(group.elements[index].answered for group in groups),
            sum(group.elements[index].total for group in groups),
        )
        for index, element in enumerate(ELEMENTS)
    }
    return ikm_from_totals(totals, sum(group.respondents for group in groups))


def survey_report(unit: Unit, *, service: Service | None, period: SurveyPeriod) -> SurveyReport:
    """The SKM report of `unit` (pooled over its services) or of one `service`, over
    `period`: five queries whatever the number of responses (the responses are read three
    times: IKM by service, profile, trend)."""
    everything = _responses_of(unit, service)
    responses = _in_period(everything, period, "submitted_at")
    populations = _populations(unit, period)
    population = (
        populations.get(service.pk, 0) if service is not None else sum(populations.values())
    )
    per_service: list[ServiceFigures] = []
    if service is None:
        # One GROUP BY gives every service's sums; the unit's pooled IKM adds them up
        # (the same sums an ikm_of over all the rows would read, without a second scan).
        by_service = metrics.ikm_by(responses, "service_id")
        pooled = pooled_result(by_service.values())
        services = Service.objects.filter(pk__in=[k for k in by_service if k is not None])
        for each in services.order_by("name", "pk"):
            result = by_service[each.pk]
            sample = Sample(populations.get(each.pk, 0), result.respondents)
            per_service.append(ServiceFigures(each, Figures(result, sample)))
    else:
        pooled = metrics.ikm_of(responses)
    return SurveyReport(
        unit=unit,
        service=service,
        period=period,
        figures=Figures(pooled, Sample(population, pooled.respondents)),
        per_service=per_service,
        profile=profile_of(responses),
        trend=trend_of(everything, period),
    )


def comments_of(
    unit: Unit, *, service: Service | None, period: SurveyPeriod
) -> QuerySet[SurveyResponse]:
    """The respondents' comments of the report, newest first."""
    responses = _in_period(_responses_of(unit, service), period, "submitted_at")
    return (
        responses.exclude(comment="")
        .select_related("service")
        .only("submitted_at", "comment", "service__name", "source")
        .order_by("-submitted_at", "-pk")
    )
