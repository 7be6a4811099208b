"""Planning REST API: the same selectors (reads) and services (writes) as the HTML pages.

Plans resolve through `selectors.get_plan_for` (outside the caller's reach: 404); workflow
actions call the one service each; a stale `version` answers 409 (core exception handler).
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

from kinerja.core.api import AuthenticatedRequest, TenantScopeMixin
from kinerja.planning import selectors, services
from kinerja.planning.models import PerformancePlan, Period
from kinerja.planning.serializers import (
    PlanFilterSerializer,
    PlanListItemSerializer,
    PlanReturnSerializer,
    PlanSerializer,
    PlanVersionSerializer,
)

TAGS = ["SKP"]
DENIED = OpenApiResponse(description=gettext_lazy("Tidak berwenang."))
NOT_FOUND = OpenApiResponse(
    description=gettext_lazy("Tidak ditemukan (termasuk SKP di luar jangkauan).")
)
INVALID = OpenApiResponse(description=gettext_lazy("Data tidak valid atau aturan alur kerja."))
STALE = OpenApiResponse(description=gettext_lazy("SKP telah berubah sejak versi yang dikirim."))


class ListPagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


class PlanningAPIView(TenantScopeMixin, generics.GenericAPIView):  # type: ignore[type-arg]
    pagination_class = ListPagination
    request: AuthenticatedRequest


def _validated(serializer_class: type[Any], payload: Any) -> dict[str, Any]:
    serializer = serializer_class(data=payload)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


class PlanListView(PlanningAPIView):
    """The plans the caller may see (their own, those they rate, their unit's, the agency's)."""

    serializer_class = PlanListItemSerializer

    def get_queryset(self) -> QuerySet[PerformancePlan]:
        filters = _validated(PlanFilterSerializer, self.request.query_params)
        period = (
            Period.objects.filter(pk=filters["period"]).first() if "period" in filters else None
        )
        if "period" in filters and period is None:
            return PerformancePlan.objects.none()
        return selectors.plans_visible_to(
            self.request.user,
            selectors.PlanFilters(
                period=period, status=filters.get("status", ""), q=filters.get("q", "")
            ),
        )

    @extend_schema(
        tags=TAGS,
        parameters=[PlanFilterSerializer],
        responses={200: PlanListItemSerializer(many=True)},
    )
    def get(self, request: AuthenticatedRequest) -> Response:
        """List the current SKP versions visible to the caller."""
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(PlanListItemSerializer(page, many=True).data)


class PlanDetailView(PlanningAPIView):
    """One SKP with its results, indicators, expectations and appendix."""

    serializer_class = PlanSerializer

    @extend_schema(tags=TAGS, responses={200: PlanSerializer, 404: NOT_FOUND})
    def get(self, request: AuthenticatedRequest, pk: int) -> Response:
        """Show one SKP the caller may see."""
        return Response(PlanSerializer(selectors.get_plan_for(request.user, pk)).data)


class PlanSubmitView(PlanningAPIView):
    serializer_class = PlanVersionSerializer

    @extend_schema(
        tags=TAGS,
        request=PlanVersionSerializer,
        responses={200: PlanSerializer, 400: INVALID, 403: DENIED, 404: NOT_FOUND, 409: STALE},
    )
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        """The employee submits their SKP to the rater."""
        plan = selectors.get_plan_for(request.user, pk)
        fields = _validated(PlanVersionSerializer, request.data)
        plan = services.submit_plan(plan, actor=request.user, expected_version=fields["version"])
        return Response(PlanSerializer(selectors.get_plan_for(request.user, plan.pk)).data)


class PlanReturnView(PlanningAPIView):
    serializer_class = PlanReturnSerializer

    @extend_schema(
        tags=TAGS,
        request=PlanReturnSerializer,
        responses={200: PlanSerializer, 400: INVALID, 403: DENIED, 404: NOT_FOUND, 409: STALE},
    )
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        """The rater returns the SKP with a note."""
        plan = selectors.get_plan_for(request.user, pk)
        fields = _validated(PlanReturnSerializer, request.data)
        plan = services.return_plan(
            plan, actor=request.user, expected_version=fields["version"], note=fields["note"]
        )
        return Response(PlanSerializer(selectors.get_plan_for(request.user, plan.pk)).data)


class PlanApproveView(PlanningAPIView):
    serializer_class = PlanVersionSerializer

    @extend_schema(
        tags=TAGS,
        request=PlanVersionSerializer,
        responses={200: PlanSerializer, 400: INVALID, 403: DENIED, 404: NOT_FOUND, 409: STALE},
    )
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        """The rater approves the SKP (never their own)."""
        plan = selectors.get_plan_for(request.user, pk)
        fields = _validated(PlanVersionSerializer, request.data)
        plan = services.approve_plan(plan, actor=request.user, expected_version=fields["version"])
        return Response(PlanSerializer(selectors.get_plan_for(request.user, plan.pk)).data)
