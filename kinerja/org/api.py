"""Organisation REST API: the same selectors (reads) and services (writes) as the HTML pages.

Each view resolves its object through a selector (other agencies' objects answer 404), checks
`org.manage` before reading a write payload (so a denied caller learns nothing from
validation), and hands the validated values to one service function. Errors are mapped once,
in `kinerja.core.api.exception_handler`.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import authenticate
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.authtoken.models import Token
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kinerja.core.api import AuthenticatedRequest, TenantScopeMixin
from kinerja.core.models import Agency, Role, User
from kinerja.core.permissions import actor_of, require
from kinerja.org import selectors, services
from kinerja.org.models import Employee, Position, Unit
from kinerja.org.serializers import (
    ChartSerializer,
    EmployeeCreateSerializer,
    EmployeeDeactivateSerializer,
    EmployeeFilterSerializer,
    EmployeeSerializer,
    EmployeeTransferSerializer,
    EmployeeUpdateSerializer,
    MeSerializer,
    PositionCreateSerializer,
    PositionFilterSerializer,
    PositionListItemSerializer,
    PositionSerializer,
    PositionUpdateSerializer,
    TokenRequestSerializer,
    TokenSerializer,
    UnitCreateSerializer,
    UnitFilterSerializer,
    UnitListItemSerializer,
    UnitSerializer,
    UnitUpdateSerializer,
    VersionSerializer,
)

TAG_EMPLOYEES = ["pegawai"]
TAG_UNITS = ["unit kerja"]
TAG_POSITIONS = ["jabatan"]
TAG_ACCOUNT = ["akun"]

DENIED = OpenApiResponse(description=gettext_lazy("Tidak berwenang."))
NOT_FOUND = OpenApiResponse(
    description=gettext_lazy("Tidak ditemukan (termasuk data instansi lain).")
)
INVALID = OpenApiResponse(description=gettext_lazy("Data tidak valid; pesan per field."))
STALE = OpenApiResponse(
    description=gettext_lazy("Data telah diubah orang lain sejak versi yang dikirim.")
)


class ListPagination(PageNumberPagination):
    """`?page=` and `?page_size=` (at most 200)."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


class OrgAPIView(TenantScopeMixin, generics.GenericAPIView):
    """Base of the organisation API views: tenant scope for token users, list pagination."""

    pagination_class = ListPagination
    request: AuthenticatedRequest

    def paginated(self, serializer_class: type[Any]) -> Response:
        """One page of `get_queryset()` (also what the browsable API's list form asks for)."""
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(serializer_class(page, many=True).data)


def validated(
    serializer_class: type[Any],
    payload: Any,
    *,
    agency_id: int | None = None,
    partial: bool = False,
) -> dict[str, Any]:
    """The payload checked by `serializer_class`; ids resolve inside `agency_id`."""
    serializer = serializer_class(data=payload, partial=partial, context={"agency_id": agency_id})
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


def own_agency(user: User) -> Agency:
    """The agency a new record goes to: the user's own, if they manage it."""
    require(user, "org.manage")  # without an object: the role; the service checks the agency
    if user.agency is None:
        raise PermissionDenied(_("Akun tanpa instansi tidak dapat menambah data organisasi."))
    return user.agency


# --- Employees -------------------------------------------------------------------------------


class EmployeeListView(OrgAPIView):
    """Employees the user may see (with filters), and adding an employee."""

    serializer_class = EmployeeSerializer

    def get_queryset(self) -> QuerySet[Employee]:
        filters = validated(EmployeeFilterSerializer, self.request.query_params)
        return selectors.employees_visible_to(
            self.request.user, selectors.EmployeeFilters(**filters)
        )

    @extend_schema(
        tags=TAG_EMPLOYEES,
        parameters=[EmployeeFilterSerializer],
        responses={200: EmployeeSerializer(many=True), 400: INVALID},
    )
    def get(self, request: AuthenticatedRequest) -> Response:
        """List the employees visible to the user, filtered like the HTML list."""
        return self.paginated(EmployeeSerializer)

    @extend_schema(
        tags=TAG_EMPLOYEES,
        request=EmployeeCreateSerializer,
        responses={201: EmployeeSerializer, 400: INVALID, 403: DENIED},
    )
    def post(self, request: AuthenticatedRequest) -> Response:
        """Add an employee to the user's agency (agency admin)."""
        agency = own_agency(request.user)
        fields = validated(EmployeeCreateSerializer, request.data, agency_id=agency.pk)
        employee = services.create_employee(agency, actor=request.user, **fields)
        return Response(EmployeeSerializer(employee).data, status=status.HTTP_201_CREATED)


class EmployeeDetailView(OrgAPIView):
    """One employee: read, and edit their personnel data."""

    serializer_class = EmployeeSerializer

    @extend_schema(tags=TAG_EMPLOYEES, responses={200: EmployeeSerializer, 404: NOT_FOUND})
    def get(self, request: AuthenticatedRequest, pk: int) -> Response:
        """Show one employee the user may see."""
        return Response(EmployeeSerializer(selectors.get_employee_for(request.user, pk)).data)

    @extend_schema(
        tags=TAG_EMPLOYEES,
        request=EmployeeUpdateSerializer,
        responses={200: EmployeeSerializer, 400: INVALID, 403: DENIED, 404: NOT_FOUND, 409: STALE},
    )
    def patch(self, request: AuthenticatedRequest, pk: int) -> Response:
        """Edit personnel data; `version` is required, unit and position go through transfer."""
        employee = selectors.get_employee_for(request.user, pk)
        require(request.user, "org.manage", employee)
        fields = validated(
            EmployeeUpdateSerializer, request.data, agency_id=employee.agency_id, partial=True
        )
        version = fields.pop("version")
        employee = services.update_employee(
            employee, actor=request.user, expected_version=version, **fields
        )
        return Response(EmployeeSerializer(employee).data)


class EmployeeTransferView(OrgAPIView):
    """Transfer (mutasi) of an employee to another unit or position."""

    serializer_class = EmployeeTransferSerializer

    @extend_schema(
        tags=TAG_EMPLOYEES,
        request=EmployeeTransferSerializer,
        responses={200: EmployeeSerializer, 400: INVALID, 403: DENIED, 404: NOT_FOUND, 409: STALE},
    )
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        """Move the employee from a date, closing the previous history row."""
        employee = selectors.get_employee_for(request.user, pk)
        require(request.user, "org.manage", employee)
        fields = validated(EmployeeTransferSerializer, request.data, agency_id=employee.agency_id)
        version = fields.pop("version")
        employee = services.transfer_employee(
            employee, actor=request.user, expected_version=version, **fields
        )
        return Response(EmployeeSerializer(employee).data)


class EmployeeDeactivateView(OrgAPIView):
    """Deactivation of an employee (retired, moved out, died…)."""

    serializer_class = EmployeeDeactivateSerializer

    @extend_schema(
        tags=TAG_EMPLOYEES,
        request=EmployeeDeactivateSerializer,
        responses={200: EmployeeSerializer, 400: INVALID, 403: DENIED, 404: NOT_FOUND, 409: STALE},
    )
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        """Deactivate the employee and their account."""
        employee = selectors.get_employee_for(request.user, pk)
        require(request.user, "org.manage", employee)
        fields = validated(EmployeeDeactivateSerializer, request.data)
        employee = services.deactivate_employee(
            employee,
            actor=request.user,
            expected_version=fields["version"],
            reason=fields["reason"],
            since=fields["since"],
        )
        return Response(EmployeeSerializer(employee).data)


class EmployeeReactivateView(OrgAPIView):
    """Reactivation of a deactivated employee."""

    serializer_class = VersionSerializer

    @extend_schema(
        tags=TAG_EMPLOYEES,
        request=VersionSerializer,
        responses={200: EmployeeSerializer, 400: INVALID, 403: DENIED, 404: NOT_FOUND, 409: STALE},
    )
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        """Bring the employee (and their account) back."""
        employee = selectors.get_employee_for(request.user, pk)
        require(request.user, "org.manage", employee)
        fields = validated(VersionSerializer, request.data)
        employee = services.reactivate_employee(
            employee, actor=request.user, expected_version=fields["version"]
        )
        return Response(EmployeeSerializer(employee).data)


# --- Units ------------------------------------------------------------------------------------


class UnitListView(OrgAPIView):
    """Units of the agency in tree order with head-counts, and adding a unit."""

    serializer_class = UnitListItemSerializer

    def get_queryset(self) -> QuerySet[Unit]:
        q = validated(UnitFilterSerializer, self.request.query_params).get("q", "").strip()
        units = selectors.units_visible_to(self.request.user).select_related("agency", "parent")
        return units.filter(name__icontains=q) if q else units

    @extend_schema(
        tags=TAG_UNITS,
        parameters=[UnitFilterSerializer],
        responses={200: UnitListItemSerializer(many=True), 403: DENIED},
    )
    def get(self, request: AuthenticatedRequest) -> Response:
        """List the units the user may see, with their active head-count."""
        require(request.user, "org.view_unit")
        return self.paginated(UnitListItemSerializer)

    @extend_schema(
        tags=TAG_UNITS,
        request=UnitCreateSerializer,
        responses={201: UnitSerializer, 400: INVALID, 403: DENIED},
    )
    def post(self, request: AuthenticatedRequest) -> Response:
        """Create a unit under its parent, or as a root of the agency (agency admin)."""
        agency = own_agency(request.user)
        fields = validated(UnitCreateSerializer, request.data, agency_id=agency.pk)
        unit = services.create_unit(agency, actor=request.user, **fields)
        return Response(UnitSerializer(unit).data, status=status.HTTP_201_CREATED)


class UnitDetailView(OrgAPIView):
    """One unit: read and edit."""

    serializer_class = UnitSerializer

    @extend_schema(tags=TAG_UNITS, responses={200: UnitSerializer, 404: NOT_FOUND})
    def get(self, request: AuthenticatedRequest, pk: int) -> Response:
        """Show one unit of the user's agency."""
        return Response(UnitSerializer(selectors.get_unit_for(request.user, pk)).data)

    @extend_schema(
        tags=TAG_UNITS,
        request=UnitUpdateSerializer,
        responses={200: UnitSerializer, 400: INVALID, 403: DENIED, 404: NOT_FOUND, 409: STALE},
    )
    def patch(self, request: AuthenticatedRequest, pk: int) -> Response:
        """Edit a unit; a new parent moves its whole subtree. `version` is required."""
        unit = selectors.get_unit_for(request.user, pk)
        require(request.user, "org.manage", unit)
        fields = validated(
            UnitUpdateSerializer, request.data, agency_id=unit.agency_id, partial=True
        )
        version = fields.pop("version")
        unit = services.update_unit(unit, actor=request.user, expected_version=version, **fields)
        return Response(UnitSerializer(unit).data)


class UnitChartView(OrgAPIView):
    """The org chart of a unit."""

    serializer_class = ChartSerializer

    @extend_schema(tags=TAG_UNITS, responses={200: ChartSerializer, 404: NOT_FOUND})
    def get(self, request: AuthenticatedRequest, pk: int) -> Response:
        """The unit's leaders and people, and each sub-unit with its leaders and head-count."""
        unit = selectors.get_unit_for(request.user, pk)
        return Response(ChartSerializer(selectors.org_chart(unit)).data)


# --- Positions --------------------------------------------------------------------------------


class PositionListView(OrgAPIView):
    """Positions of the agency with their holder counts, and adding a position."""

    serializer_class = PositionListItemSerializer

    def get_queryset(self) -> QuerySet[Position]:
        filters = validated(PositionFilterSerializer, self.request.query_params)
        return selectors.position_list(
            q=filters.get("q", "").strip(), unit=filters.get("unit"), kind=filters.get("kind", "")
        )

    @extend_schema(
        tags=TAG_POSITIONS,
        parameters=[PositionFilterSerializer],
        responses={200: PositionListItemSerializer(many=True), 400: INVALID, 403: DENIED},
    )
    def get(self, request: AuthenticatedRequest) -> Response:
        """List the positions of the agency (agency admin)."""
        require(request.user, "org.manage")
        return self.paginated(PositionListItemSerializer)

    @extend_schema(
        tags=TAG_POSITIONS,
        request=PositionCreateSerializer,
        responses={201: PositionSerializer, 400: INVALID, 403: DENIED},
    )
    def post(self, request: AuthenticatedRequest) -> Response:
        """Create a position in a unit (agency admin)."""
        agency = own_agency(request.user)
        fields = validated(PositionCreateSerializer, request.data, agency_id=agency.pk)
        position = services.create_position(agency, actor=request.user, **fields)
        return Response(PositionSerializer(position).data, status=status.HTTP_201_CREATED)


class PositionDetailView(OrgAPIView):
    """One position: read and edit (agency admin)."""

    serializer_class = PositionSerializer

    @extend_schema(tags=TAG_POSITIONS, responses={200: PositionSerializer, 404: NOT_FOUND})
    def get(self, request: AuthenticatedRequest, pk: int) -> Response:
        """Show one position of the agency."""
        return Response(PositionSerializer(selectors.get_position_for(request.user, pk)).data)

    @extend_schema(
        tags=TAG_POSITIONS,
        request=PositionUpdateSerializer,
        responses={200: PositionSerializer, 400: INVALID, 404: NOT_FOUND, 409: STALE},
    )
    def patch(self, request: AuthenticatedRequest, pk: int) -> Response:
        """Edit a position; `version` is required."""
        position = selectors.get_position_for(request.user, pk)
        fields = validated(
            PositionUpdateSerializer, request.data, agency_id=position.agency_id, partial=True
        )
        version = fields.pop("version")
        position = services.update_position(
            position, actor=request.user, expected_version=version, **fields
        )
        return Response(PositionSerializer(position).data)


# --- Account ----------------------------------------------------------------------------------


class MeView(OrgAPIView):
    """The signed-in user's profile."""

    serializer_class = MeSerializer

    @extend_schema(tags=TAG_ACCOUNT, responses={200: MeSerializer})
    def get(self, request: AuthenticatedRequest) -> Response:
        """Username, agency, roles, own employee record and number of active subordinates."""
        user = request.user
        actor = actor_of(user)
        employee = (
            selectors.get_employee_for(user, actor.employee_id)
            if actor.employee_id is not None
            else None
        )
        profile = {
            "username": user.username,
            "full_name": user.get_full_name(),
            "agency": user.agency,
            "roles": [{"code": role, "name": Role(role).label} for role in sorted(actor.roles)],
            "employee": employee,
            "subordinate_count": (
                employee.subordinates.filter(is_active=True).count() if employee is not None else 0
            ),
        }
        return Response(MeSerializer(profile).data)


class TokenView(APIView):
    """Exchange a NIP or username and password for an API token."""

    authentication_classes: list[type[Any]] = []
    permission_classes = [AllowAny]
    serializer_class = TokenRequestSerializer

    @extend_schema(
        tags=TAG_ACCOUNT,
        request=TokenRequestSerializer,
        auth=[],
        responses={
            200: TokenSerializer,
            400: INVALID,
            429: OpenApiResponse(description=gettext_lazy("Terlalu banyak percobaan.")),
        },
    )
    def post(self, request: Request) -> Response:
        """Sign in through the same backends as the login page (django-axes counts failures)."""
        credentials = validated(TokenRequestSerializer, request.data)
        # The DRF request carries axes' lockout flag, so the API answers in JSON, not HTML.
        user = authenticate(
            request=request,  # type: ignore[arg-type]
            username=credentials["username"],
            password=credentials["password"],
        )
        if getattr(request, "axes_locked_out", False):
            return Response(
                {"detail": _("Terlalu banyak percobaan masuk yang gagal. Coba lagi nanti.")},
                status=status.HTTP_429_TOO_MANY_REQUESTS,
            )
        if user is None:
            return Response(
                {"detail": _("NIP/nama pengguna atau kata sandi salah.")},
                status=status.HTTP_400_BAD_REQUEST,
            )
        token, _created = Token.objects.get_or_create(user=user)
        return Response(TokenSerializer({"token": token.key}).data)
