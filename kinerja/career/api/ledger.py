"""Angka kredit API: the functional employees with their credit, one employee's ledger, the
opening balance, posting credits, and the credit-needed table. The same selectors, services and
permissions as the pages; objects outside reach answer 404, refusals 400/403 with the reason."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.http import Http404
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.pagination import PageNumberPagination
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

from kinerja.career import credit
from kinerja.career.selectors import credits as selectors
from kinerja.career.services import credits as services
from kinerja.career.services import openings
from kinerja.core.api import AuthenticatedRequest, TenantScopeMixin
from kinerja.core.exceptions import PermissionDenied
from kinerja.core.permissions import require
from kinerja.org.ranks import RANK_ORDER
from kinerja.planning.models import Period

TAGS = ["Karier: angka kredit"]
DENIED = OpenApiResponse(description=gettext_lazy("Tidak berwenang."))
NOT_FOUND = OpenApiResponse(
    description=gettext_lazy("Tidak ditemukan (termasuk di luar jangkauan).")
)
INVALID = OpenApiResponse(description=gettext_lazy("Data tidak valid."))


class Pagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


class CareerAPIView(TenantScopeMixin, generics.GenericAPIView):  # type: ignore[type-arg]
    pagination_class = Pagination
    request: AuthenticatedRequest


def validated(serializer_class: type[Any], payload: Any) -> dict[str, Any]:
    serializer = serializer_class(data=payload)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


def agency_of(request: AuthenticatedRequest) -> Any:
    agency = request.user.agency
    if agency is None:
        raise PermissionDenied(gettext_lazy("Akun ini tidak terikat pada instansi mana pun."))
    return agency


class CreditProgressSerializer(serializers.Serializer[Any]):
    earned = serializers.DecimalField(max_digits=10, decimal_places=2)
    needed = serializers.DecimalField(max_digits=10, decimal_places=2, allow_null=True)
    remaining = serializers.DecimalField(max_digits=10, decimal_places=2)
    percent = serializers.IntegerField()
    is_met = serializers.BooleanField()


class LedgerRowSerializer(serializers.Serializer[Any]):
    employee = serializers.IntegerField(source="employee.pk")
    nip = serializers.CharField(source="employee.nip")
    name = serializers.CharField(source="employee.full_name")
    position = serializers.CharField(source="employee.position.name")
    unit = serializers.CharField(source="employee.unit.name")
    rank = serializers.CharField(source="employee.rank")
    level = serializers.CharField(allow_null=True)
    total = serializers.DecimalField(max_digits=10, decimal_places=2)
    rank_progress = CreditProgressSerializer(allow_null=True)
    level_progress = CreditProgressSerializer(allow_null=True)


class EntrySerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField(source="entry.pk")
    kind = serializers.CharField(source="entry.kind")
    label = serializers.CharField(source="entry.label")  # type: ignore[assignment]
    effective_date = serializers.DateField(source="entry.effective_date")
    evaluation = serializers.IntegerField(source="entry.evaluation_id", allow_null=True)
    months = serializers.IntegerField(source="entry.months", allow_null=True)
    predicate = serializers.CharField(source="entry.predicate")
    percent = serializers.DecimalField(
        source="entry.percent", max_digits=5, decimal_places=2, allow_null=True
    )
    level = serializers.CharField(source="entry.level")
    coefficient = serializers.DecimalField(
        source="entry.coefficient", max_digits=6, decimal_places=2, allow_null=True
    )
    amount = serializers.DecimalField(source="entry.amount", max_digits=8, decimal_places=2)
    running_total = serializers.DecimalField(max_digits=10, decimal_places=2, allow_null=True)
    superseded = serializers.SerializerMethodField()
    note = serializers.CharField(source="entry.note")

    def get_superseded(self, line: selectors.LedgerLine) -> bool:
        return line.running_total is None


class LedgerSerializer(serializers.Serializer[Any]):
    employee = serializers.IntegerField(source="employee.pk")
    name = serializers.CharField(source="employee.full_name")
    nip = serializers.CharField(source="employee.nip")
    level = serializers.CharField(allow_null=True)
    next_level = serializers.CharField(allow_null=True)
    total = serializers.DecimalField(max_digits=10, decimal_places=2)
    rank_progress = CreditProgressSerializer(allow_null=True)
    level_progress = CreditProgressSerializer(allow_null=True)
    entries = EntrySerializer(source="lines", many=True)


class OpeningSerializer(serializers.Serializer[Any]):
    amount = serializers.DecimalField(max_digits=8, decimal_places=2)
    effective_date = serializers.DateField()
    note = serializers.CharField(max_length=255, required=False, default="", allow_blank=True)


class PostingSerializer(serializers.Serializer[Any]):
    period = serializers.IntegerField(required=False, allow_null=True, default=None)


class PostingResultSerializer(serializers.Serializer[Any]):
    created = serializers.IntegerField()
    superseded = serializers.IntegerField()
    skipped = serializers.IntegerField()
    total_amount = serializers.DecimalField(max_digits=12, decimal_places=2)


class CreditRequirementSerializer(serializers.Serializer[Any]):
    level = serializers.CharField(source="requirement.level", read_only=True)
    label = serializers.CharField(read_only=True)  # type: ignore[assignment]
    coefficient = serializers.DecimalField(max_digits=6, decimal_places=2, read_only=True)
    rank_min = serializers.CharField(source="requirement.rank_min")
    rank_max = serializers.CharField(source="requirement.rank_max")
    rank_step_credit = serializers.DecimalField(
        source="requirement.rank_step_credit", max_digits=7, decimal_places=2
    )
    next_level_credit = serializers.DecimalField(
        source="requirement.next_level_credit", max_digits=7, decimal_places=2, allow_null=True
    )
    is_default = serializers.BooleanField(read_only=True)


class RequirementUpdateSerializer(serializers.Serializer[Any]):
    rank_min = serializers.CharField()
    rank_max = serializers.CharField()
    rank_step_credit = serializers.DecimalField(max_digits=7, decimal_places=2)
    next_level_credit = serializers.DecimalField(
        max_digits=7, decimal_places=2, allow_null=True, required=False, default=None
    )
    version = serializers.IntegerField(required=False, allow_null=True, default=None)


class LedgerListView(CareerAPIView):
    serializer_class = LedgerRowSerializer

    @extend_schema(
        tags=TAGS,
        parameters=[
            OpenApiParameter("q", str, description="nama atau NIP"),
            OpenApiParameter("level", str, description="jenjang, mis. ahli_pertama"),
        ],
        responses={200: LedgerRowSerializer(many=True), 403: DENIED},
    )
    def get(self, request: AuthenticatedRequest) -> Response:
        """Functional employees in reach with their total credit and progress."""
        require(request.user, "career.list_ledgers")
        employees = selectors.functional_employees(
            request.user,
            q=request.query_params.get("q", "").strip(),
            level=request.query_params.get("level", ""),
        )
        page = self.paginate_queryset(employees)
        return self.get_paginated_response(
            LedgerRowSerializer(selectors.list_rows(list(page or [])), many=True).data
        )


class LedgerDetailView(CareerAPIView):
    serializer_class = LedgerSerializer

    @extend_schema(tags=TAGS, responses={200: LedgerSerializer, 404: NOT_FOUND})
    def get(self, request: AuthenticatedRequest, employee_pk: int) -> Response:
        """One employee's ledger, oldest first, with the running total and progress."""
        employee = selectors.get_employee_for(request.user, employee_pk)
        return Response(LedgerSerializer(selectors.ledger_of(employee)).data)


class OpeningBalanceView(CareerAPIView):
    serializer_class = OpeningSerializer

    @extend_schema(
        tags=TAGS,
        request=OpeningSerializer,
        responses={201: LedgerSerializer, 400: INVALID, 403: DENIED, 404: NOT_FOUND},
    )
    def post(self, request: AuthenticatedRequest, employee_pk: int) -> Response:
        """The agency admin enters an opening (integrated) credit balance."""
        employee = selectors.get_employee_for(request.user, employee_pk)
        fields = validated(OpeningSerializer, request.data)
        services.record_opening_balance(
            employee,
            actor=request.user,
            amount=Decimal(fields["amount"]),
            effective_date=fields["effective_date"],
            note=fields["note"],
        )
        return Response(
            LedgerSerializer(selectors.ledger_of(employee)).data, status=status.HTTP_201_CREATED
        )


class PostingView(CareerAPIView):
    serializer_class = PostingSerializer

    @extend_schema(
        tags=TAGS,
        request=PostingSerializer,
        responses={200: PostingResultSerializer, 403: DENIED, 404: NOT_FOUND},
    )
    def post(self, request: AuthenticatedRequest) -> Response:
        """Post the credit of every final evaluation not yet posted (all periods or one)."""
        require(request.user, "career.manage_credits", request.user.agency)
        agency = agency_of(request)
        fields = validated(PostingSerializer, request.data)
        period = None
        if fields["period"] is not None:
            period = Period.objects.filter(pk=fields["period"]).first()
            if period is None:
                raise Http404
        result = services.post_credits(agency, actor=request.user, period=period)
        return Response(PostingResultSerializer(result).data)


class OpeningImportSerializer(serializers.Serializer[Any]):
    file = serializers.FileField(
        help_text=gettext_lazy("XLSX atau CSV: NIP, Angka Kredit, Tanggal Berlaku, Keterangan")
    )


class ImportResultSerializer(serializers.Serializer[Any]):
    created = serializers.IntegerField()
    total_amount = serializers.DecimalField(max_digits=12, decimal_places=2)


class OpeningImportView(CareerAPIView):
    serializer_class = OpeningImportSerializer
    parser_classes = [MultiPartParser]

    @extend_schema(
        tags=TAGS,
        request={"multipart/form-data": OpeningImportSerializer},
        responses={201: ImportResultSerializer, 400: INVALID, 403: DENIED},
    )
    def post(self, request: AuthenticatedRequest) -> Response:
        """Import opening balances from a sheet, all rows or none (400 lists the rows)."""
        require(request.user, "career.manage_credits", request.user.agency)
        agency = agency_of(request)
        upload = validated(OpeningImportSerializer, request.data)["file"]
        result = openings.import_opening_balances(
            agency, actor=request.user, upload=upload, size=upload.size, file_name=upload.name
        )
        return Response(ImportResultSerializer(result).data, status=status.HTTP_201_CREATED)


class CreditTableView(CareerAPIView):
    serializer_class = CreditRequirementSerializer

    @extend_schema(tags=TAGS, responses={200: CreditRequirementSerializer(many=True), 403: DENIED})
    def get(self, request: AuthenticatedRequest) -> Response:
        """Coefficients and credit needed per functional level (the agency's corrections)."""
        require(request.user, "career.view_credit_table", request.user.agency)
        agency = agency_of(request)
        return Response(
            CreditRequirementSerializer(selectors.credit_table(agency.pk), many=True).data
        )


class CreditRequirementView(CareerAPIView):
    serializer_class = RequirementUpdateSerializer

    @extend_schema(
        tags=TAGS,
        request=RequirementUpdateSerializer,
        responses={200: CreditRequirementSerializer, 400: INVALID, 403: DENIED, 404: NOT_FOUND},
    )
    def put(self, request: AuthenticatedRequest, level: str) -> Response:
        """The agency admin corrects one level of the credit-needed table."""
        require(request.user, "career.manage_credits", request.user.agency)
        agency = agency_of(request)
        if not credit.is_functional_level(level):
            raise Http404
        fields = validated(RequirementUpdateSerializer, request.data)
        for name in ("rank_min", "rank_max"):
            if fields[name] not in RANK_ORDER:
                raise serializers.ValidationError({name: [gettext_lazy("Golongan tidak dikenal.")]})
        services.update_credit_requirement(
            agency,
            actor=request.user,
            level=level,
            rank_min=fields["rank_min"],
            rank_max=fields["rank_max"],
            rank_step_credit=fields["rank_step_credit"],
            next_level_credit=fields["next_level_credit"],
            expected_version=fields["version"],
        )
        row = next(r for r in selectors.credit_table(agency.pk) if r.requirement.level == level)
        return Response(CreditRequirementSerializer(row).data)
