"""REST API of the services area: the catalogue, service requests and turnaround figures.

The same selectors (reads scoped to the caller, 404 outside reach) and services (writes:
permission, business rules, version check → 409, audit) as the HTML pages.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

from kinerja.citizen.metrics import Turnaround
from kinerja.citizen.models import Service, ServiceRequest
from kinerja.citizen.selectors import services as selectors
from kinerja.citizen.selectors.turnaround import (
    PeriodKind,
    ReportPeriod,
    range_period,
    report_period,
    turnaround_report,
)
from kinerja.citizen.services import catalogue, requests
from kinerja.core.api import AuthenticatedRequest, TenantScopeMixin
from kinerja.core.http import own_agency
from kinerja.core.permissions import require
from kinerja.org.models import Employee, Unit

TAGS = ["Layanan publik"]
DENIED = OpenApiResponse(description=gettext_lazy("Tidak berwenang."))
NOT_FOUND = OpenApiResponse(description=gettext_lazy("Tidak ditemukan atau di luar jangkauan."))
INVALID = OpenApiResponse(description=gettext_lazy("Data tidak valid (alasan per kolom)."))
STALE = OpenApiResponse(description=gettext_lazy("Data telah berubah sejak versi dikirim."))


# --- Shapes ------------------------------------------------------------------------------------


class ServiceSerializer(serializers.ModelSerializer[Service]):
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    completed_in_year = serializers.IntegerField(
        read_only=True,
        required=False,
        help_text=gettext_lazy("Permohonan yang selesai pada tahun `year` (bawaan: tahun ini)."),
    )
    open_count = serializers.IntegerField(read_only=True, required=False)

    class Meta:
        model = Service
        fields = [
            "id",
            "unit",
            "unit_name",
            "code",
            "name",
            "description",
            "standard_minutes",
            "is_active",
            "version",
            "completed_in_year",
            "open_count",
        ]


class ServiceInputSerializer(serializers.Serializer[None]):
    unit = serializers.IntegerField()
    name = serializers.CharField(max_length=200)
    code = serializers.CharField(max_length=40, required=False, allow_blank=True, default="")
    description = serializers.CharField(required=False, allow_blank=True, default="")
    standard_minutes = serializers.IntegerField(
        min_value=1, help_text=gettext_lazy("Waktu standar dalam menit (1 hari = 1440).")
    )


class ServiceUpdateSerializer(serializers.Serializer[None]):
    unit = serializers.IntegerField(required=False)
    name = serializers.CharField(max_length=200, required=False)
    code = serializers.CharField(max_length=40, required=False, allow_blank=True)
    description = serializers.CharField(required=False, allow_blank=True)
    standard_minutes = serializers.IntegerField(min_value=1, required=False)
    is_active = serializers.BooleanField(required=False)
    version = serializers.IntegerField(min_value=1)


class RequestSerializer(serializers.ModelSerializer[ServiceRequest]):
    service_name = serializers.CharField(source="service.name", read_only=True)
    handled_by_name = serializers.SerializerMethodField()

    class Meta:
        model = ServiceRequest
        fields = [
            "id",
            "service",
            "service_name",
            "unit",
            "ticket_code",
            "received_at",
            "completed_at",
            "turnaround_minutes",
            "within_standard",
            "handled_by",
            "handled_by_name",
            "source",
            "note",
            "version",
        ]

    def get_handled_by_name(self, found: ServiceRequest) -> str:
        return found.handled_by.full_name if found.handled_by else ""


class RequestInputSerializer(serializers.Serializer[None]):
    service = serializers.IntegerField()
    ticket_code = serializers.CharField(max_length=40, required=False, allow_blank=True, default="")
    received_at = serializers.DateTimeField(
        required=False, help_text=gettext_lazy("Kosong: sekarang.")
    )
    completed_at = serializers.DateTimeField(required=False, allow_null=True, default=None)
    handled_by = serializers.IntegerField(required=False, allow_null=True, default=None)
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)


class RequestUpdateSerializer(serializers.Serializer[None]):
    service = serializers.IntegerField(required=False)
    ticket_code = serializers.CharField(max_length=40, required=False, allow_blank=True)
    received_at = serializers.DateTimeField(required=False)
    completed_at = serializers.DateTimeField(required=False, allow_null=True)
    handled_by = serializers.IntegerField(required=False, allow_null=True)
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000)
    version = serializers.IntegerField(min_value=1)


class CompleteSerializer(serializers.Serializer[None]):
    completed_at = serializers.DateTimeField(
        required=False, allow_null=True, help_text=gettext_lazy("Kosong: sekarang.")
    )
    version = serializers.IntegerField(min_value=1)


class FiguresSerializer(serializers.Serializer[Turnaround]):
    completed = serializers.IntegerField()
    within_standard = serializers.IntegerField()
    median_minutes = serializers.FloatField(allow_null=True)
    p90_minutes = serializers.FloatField(allow_null=True)
    within_standard_share = serializers.DecimalField(
        max_digits=5, decimal_places=2, allow_null=True
    )


class TurnaroundRowSerializer(serializers.Serializer[None]):
    id = serializers.IntegerField(allow_null=True)
    name = serializers.CharField()
    standard_minutes = serializers.IntegerField(required=False)
    figures = FiguresSerializer()


class TurnaroundSerializer(serializers.Serializer[dict[str, Any]]):
    period = serializers.DictField()
    total = FiguresSerializer()
    services = TurnaroundRowSerializer(many=True)
    units = TurnaroundRowSerializer(many=True)
    employees = TurnaroundRowSerializer(many=True)
    trend = TurnaroundRowSerializer(many=True)


# --- Views -------------------------------------------------------------------------------------


class ListPagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


class ServicesAPIView(TenantScopeMixin, generics.GenericAPIView):  # type: ignore[type-arg]
    pagination_class = ListPagination
    request: AuthenticatedRequest


def _validated(serializer_class: type[Any], payload: Any) -> dict[str, Any]:
    serializer = serializer_class(data=payload)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


def _unit(pk: int) -> Unit:
    unit = Unit.objects.filter(pk=pk).first()
    if unit is None:
        raise ValidationError({"unit": _("Unit kerja tidak ditemukan.")})
    return unit


def _service(user: Any, pk: int) -> Service:
    found = Service.objects.select_related("unit").filter(pk=pk).first()
    if found is None or not user.has_perm("citizen.view_service", found):
        raise ValidationError({"service": _("Layanan tidak ditemukan.")})
    return found


def _handler(pk: int | None) -> Employee | None:
    if pk is None:
        return None
    found = Employee.objects.select_related("unit").filter(pk=pk).first()
    if found is None:
        raise ValidationError({"handled_by": _("Pegawai tidak ditemukan.")})
    return found


def _int_param(request: AuthenticatedRequest, name: str) -> int | None:
    raw = request.query_params.get(name) or ""
    if not raw:
        return None
    try:
        return int(raw)
    except ValueError:
        raise ValidationError({name: _("Harus berupa angka.")}) from None


def _year_param(request: AuthenticatedRequest) -> int | None:
    year = _int_param(request, "year")
    if year is not None and not 2000 <= year <= 2100:
        raise ValidationError({"year": _("Tahun harus antara 2000 dan 2100.")})
    return year


def _date_param(request: AuthenticatedRequest, name: str) -> dt.date | None:
    raw = request.query_params.get(name) or ""
    if not raw:
        return None
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise ValidationError({name: _("Tanggal harus berformat YYYY-MM-DD.")}) from None


def _unit_filter(request: AuthenticatedRequest) -> Unit | None:
    pk = _int_param(request, "unit")
    if pk is None:
        return None
    unit = selectors.units_in_view(request.user).filter(pk=pk).first()
    if unit is None:
        raise ValidationError({"unit": _("Unit kerja tidak ditemukan.")})
    return unit


SERVICE_FILTERS = [
    OpenApiParameter("q", str, description=gettext_lazy("Cari nama atau kode")),
    OpenApiParameter("unit", int, description=gettext_lazy("Unit kerja (beserta sub-unitnya)")),
    OpenApiParameter("status", str, enum=["active", "inactive", "all"]),
    OpenApiParameter("year", int, description=gettext_lazy("Tahun permohonan selesai dihitung")),
]


class ServiceListView(ServicesAPIView):
    serializer_class = ServiceSerializer

    @extend_schema(
        tags=TAGS,
        parameters=SERVICE_FILTERS,
        responses={200: ServiceSerializer(many=True), 403: DENIED},
    )
    def get(self, request: AuthenticatedRequest) -> Response:
        """The services the caller may see, with their request counts."""
        require(request.user, "citizen.view_services")
        filters = selectors.ServiceFilters(
            q=request.query_params.get("q", "")[:100],
            unit=_unit_filter(request),
            status=request.query_params.get("status") or "active",
            year=_year_param(request),
        )
        page = self.paginate_queryset(selectors.services_visible_to(request.user, filters))
        return self.get_paginated_response(ServiceSerializer(page, many=True).data)

    @extend_schema(
        tags=TAGS,
        request=ServiceInputSerializer,
        responses={201: ServiceSerializer, 400: INVALID, 403: DENIED},
    )
    def post(self, request: AuthenticatedRequest) -> Response:
        """Add a service to a unit (agency admin; head of the unit's subtree)."""
        require(request.user, "citizen.manage_services")
        own_agency(request)  # type: ignore[arg-type]
        fields = _validated(ServiceInputSerializer, request.data)
        service = catalogue.create_service(_unit(fields.pop("unit")), actor=request.user, **fields)
        return Response(ServiceSerializer(service).data, status=status.HTTP_201_CREATED)


class ServiceDetailView(ServicesAPIView):
    serializer_class = ServiceSerializer

    @extend_schema(tags=TAGS, responses={200: ServiceSerializer, 404: NOT_FOUND})
    def get(self, request: AuthenticatedRequest, pk: int) -> Response:
        """One service."""
        return Response(ServiceSerializer(selectors.get_service_for(request.user, pk)).data)

    @extend_schema(
        tags=TAGS,
        request=ServiceUpdateSerializer,
        responses={
            200: ServiceSerializer,
            400: INVALID,
            403: DENIED,
            404: NOT_FOUND,
            409: STALE,
        },
    )
    def patch(self, request: AuthenticatedRequest, pk: int) -> Response:
        """Edit a service, withdraw it (`is_active: false`) or offer it again."""
        service = selectors.get_service_for(request.user, pk)
        require(request.user, "citizen.manage_service", service)
        fields = _validated(ServiceUpdateSerializer, request.data)
        version = fields.pop("version")
        active = fields.pop("is_active", None)
        if "unit" in fields:
            fields["unit"] = _unit(fields["unit"])
        if fields:
            service = catalogue.update_service(
                service, actor=request.user, expected_version=version, **fields
            )
            version = service.version
        if active is not None and active != service.is_active:
            switch = catalogue.reactivate_service if active else catalogue.deactivate_service
            service = switch(service, actor=request.user, expected_version=version)
        return Response(ServiceSerializer(service).data)


REQUEST_FILTERS = [
    OpenApiParameter("q", str, description=gettext_lazy("Nomor antrean")),
    OpenApiParameter("service", int),
    OpenApiParameter("unit", int, description=gettext_lazy("Unit kerja (beserta sub-unitnya)")),
    OpenApiParameter("status", str, enum=["open", "completed"]),
    OpenApiParameter("received_from", dt.date),
    OpenApiParameter("received_to", dt.date),
    OpenApiParameter("handled_by", int),
]


class RequestListView(ServicesAPIView):
    serializer_class = RequestSerializer

    @extend_schema(
        tags=TAGS,
        parameters=REQUEST_FILTERS,
        responses={200: RequestSerializer(many=True), 403: DENIED},
    )
    def get(self, request: AuthenticatedRequest) -> Response:
        """Requests the caller may see, newest first."""
        require(request.user, "citizen.view_services")
        service_pk = _int_param(request, "service")
        handler_pk = _int_param(request, "handled_by")
        status_filter = request.query_params.get("status", "")
        if status_filter not in ("", "open", "completed"):
            raise ValidationError({"status": _("Pilih open atau completed.")})
        filters = selectors.RequestFilters(
            q=request.query_params.get("q", "")[:40],
            service=_service(request.user, service_pk) if service_pk else None,
            unit=_unit_filter(request),
            status=status_filter,
            received_from=_date_param(request, "received_from"),
            received_to=_date_param(request, "received_to"),
            handled_by=_handler(handler_pk),
        )
        page = self.paginate_queryset(selectors.requests_visible_to(request.user, filters))
        return self.get_paginated_response(RequestSerializer(page, many=True).data)

    @extend_schema(
        tags=TAGS,
        request=RequestInputSerializer,
        responses={201: RequestSerializer, 400: INVALID, 403: DENIED},
    )
    def post(self, request: AuthenticatedRequest) -> Response:
        """Record a request at the desk (received now unless `received_at` is given)."""
        require(request.user, "citizen.record_requests")
        fields = _validated(RequestInputSerializer, request.data)
        recorded = requests.record_request(
            _service(request.user, fields["service"]),
            actor=request.user,
            received_at=fields.get("received_at") or timezone.now().replace(microsecond=0),
            ticket_code=fields["ticket_code"],
            handled_by=_handler(fields["handled_by"]),
            completed_at=fields["completed_at"],
            note=fields["note"],
        )
        return Response(RequestSerializer(recorded).data, status=status.HTTP_201_CREATED)


class RequestDetailView(ServicesAPIView):
    serializer_class = RequestSerializer

    @extend_schema(tags=TAGS, responses={200: RequestSerializer, 404: NOT_FOUND})
    def get(self, request: AuthenticatedRequest, pk: int) -> Response:
        """One request."""
        return Response(RequestSerializer(selectors.get_request_for(request.user, pk)).data)

    @extend_schema(
        tags=TAGS,
        request=RequestUpdateSerializer,
        responses={
            200: RequestSerializer,
            400: INVALID,
            403: DENIED,
            404: NOT_FOUND,
            409: STALE,
        },
    )
    def patch(self, request: AuthenticatedRequest, pk: int) -> Response:
        """Correct a request (send the version you read); `completed_at: null` reopens it."""
        found = selectors.get_request_for(request.user, pk)
        fields = _validated(RequestUpdateSerializer, request.data)
        version = fields.pop("version")
        if "service" in fields:
            fields["service"] = _service(request.user, fields["service"])
        if "handled_by" in fields:
            fields["handled_by"] = _handler(fields["handled_by"])
        corrected = requests.correct_request(
            found, actor=request.user, expected_version=version, **fields
        )
        return Response(RequestSerializer(corrected).data)


class RequestCompleteView(ServicesAPIView):
    serializer_class = RequestSerializer

    @extend_schema(
        tags=TAGS,
        request=CompleteSerializer,
        responses={
            200: RequestSerializer,
            400: INVALID,
            403: DENIED,
            404: NOT_FOUND,
            409: STALE,
        },
    )
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        """Mark an open request completed (now unless `completed_at` is given)."""
        found = selectors.get_request_for(request.user, pk)
        fields = _validated(CompleteSerializer, request.data)
        done = requests.complete_request(
            found,
            actor=request.user,
            completed_at=fields.get("completed_at") or timezone.now().replace(microsecond=0),
            expected_version=fields["version"],
        )
        return Response(RequestSerializer(done).data)


def _minutes(value: float | None) -> float | None:
    """Interpolated minutes to 2 decimals (no floating-point noise in the answer)."""
    return round(value, 2) if value is not None else None


def _figures(figures: Turnaround) -> dict[str, Any]:
    return {
        "completed": figures.completed,
        "within_standard": figures.within_standard,
        "median_minutes": _minutes(figures.median_minutes),
        "p90_minutes": _minutes(figures.p90_minutes),
        "within_standard_share": figures.within_standard_share,
    }


def _period(request: AuthenticatedRequest) -> ReportPeriod:
    kind = request.query_params.get("kind") or PeriodKind.YEAR
    today = timezone.localdate()
    if kind == PeriodKind.RANGE:
        start, end = _date_param(request, "start"), _date_param(request, "end")
        if start is None or end is None or end < start:
            raise ValidationError({"start": _("Isikan tanggal awal dan akhir rentang.")})
        return range_period(start, end)
    year = _year_param(request) or today.year
    number = _int_param(request, "number") or 1
    try:
        return report_period(kind, year, number)
    except ValueError:
        raise ValidationError(
            {"kind": _("Periode tidak dikenal: kind bulan/triwulan/semester/tahun/rentang.")}
        ) from None


class TurnaroundView(ServicesAPIView):
    serializer_class = TurnaroundSerializer

    @extend_schema(
        tags=TAGS,
        parameters=[
            OpenApiParameter(
                "kind", str, enum=["bulan", "triwulan", "semester", "tahun", "rentang"]
            ),
            OpenApiParameter("year", int),
            OpenApiParameter("number", int, description=gettext_lazy("Bulan/triwulan/semester ke")),
            OpenApiParameter("start", dt.date),
            OpenApiParameter("end", dt.date),
            OpenApiParameter("unit", int),
            OpenApiParameter("service", int),
        ],
        responses={200: TurnaroundSerializer, 400: INVALID, 403: DENIED},
    )
    def get(self, request: AuthenticatedRequest) -> Response:
        """Turnaround (count, median, 90th percentile, share within standard) of the requests
        completed in a period: in total, per service, unit, handler and month."""
        require(request.user, "citizen.view_services")
        service_pk = _int_param(request, "service")
        period = _period(request)
        report = turnaround_report(
            request.user,
            period,
            service=_service(request.user, service_pk) if service_pk else None,
            unit=_unit_filter(request),
        )
        body = {
            "period": {
                "kind": period.kind,
                "start": period.start.isoformat(),
                "end": period.end.isoformat(),
                "label": period.label,
            },
            "total": _figures(report.total),
            "services": [
                {
                    "id": row.service.pk,
                    "name": row.service.name,
                    "standard_minutes": row.service.standard_minutes,
                    "figures": _figures(row.figures),
                }
                for row in report.services
            ],
            "units": [
                {"id": row.unit.pk, "name": row.unit.name, "figures": _figures(row.figures)}
                for row in report.units
            ],
            "employees": [
                {
                    "id": row.employee.pk if row.employee else None,
                    "name": row.employee.full_name if row.employee else "",
                    "figures": _figures(row.figures),
                }
                for row in report.employees
            ],
            "trend": [
                {"id": None, "name": row.label, "figures": _figures(row.figures)}
                for row in report.trend
            ],
        }
        return Response(TurnaroundSerializer(body).data)
