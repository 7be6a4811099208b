"""REST API of indicators fed by data: the sources of an SKP with the values per sub-period,
binding and unbinding an indicator, and the manual override with a reason.

The same selectors (404 outside the caller's reach) and services (permission, validation of
the binding, lock of a final sub-period, version check → 409, audit) as the pages.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Model
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.response import Response

from kinerja.appraisal.models import Realisation
from kinerja.citizen.models import IndicatorSource, Metric, Service
from kinerja.citizen.selectors import sources as selectors
from kinerja.citizen.services import sources as services
from kinerja.core.api import AuthenticatedRequest, TenantScopeMixin
from kinerja.core.permissions import require
from kinerja.org.models import Employee, Unit

TAGS = ["Indikator dari data"]
DENIED = OpenApiResponse(description=gettext_lazy("Tidak berwenang."))
NOT_FOUND = OpenApiResponse(description=gettext_lazy("Tidak ditemukan atau di luar jangkauan."))
INVALID = OpenApiResponse(
    description=gettext_lazy(
        "Data tidak valid: sumber tidak cocok dengan indikator, alasan kosong, atau periode "
        "sudah final."
    )
)
STALE = OpenApiResponse(description=gettext_lazy("Data telah berubah sejak versi dikirim."))


# --- Shapes ------------------------------------------------------------------------------------


class SourceSerializer(serializers.ModelSerializer[IndicatorSource]):
    metric_label = serializers.CharField(source="get_metric_display", read_only=True)

    class Meta:
        model = IndicatorSource
        fields = [
            "id",
            "indicator",
            "metric",
            "metric_label",
            "service",
            "unit",
            "employee",
            "version",
            "created_at",
            "updated_at",
        ]


class SourceInputSerializer(serializers.Serializer[None]):
    metric = serializers.ChoiceField(choices=Metric.choices)
    service = serializers.IntegerField(required=False, allow_null=True)
    unit = serializers.IntegerField(required=False, allow_null=True)
    employee = serializers.IntegerField(required=False, allow_null=True)
    version = serializers.IntegerField(
        min_value=0,
        required=False,
        allow_null=True,
        help_text=gettext_lazy("Versi sumber data yang Anda baca (0: belum ada); beda → 409."),
    )


class FedRealisationSerializer(serializers.ModelSerializer[Realisation]):
    class Meta:
        model = Realisation
        fields = [
            "id",
            "subperiod",
            "value",
            "computed_value",
            "computed_at",
            "override_reason",
            "version",
        ]


class CellSerializer(serializers.Serializer[Any]):
    subperiod = serializers.IntegerField()
    subperiod_label = serializers.CharField()
    started = serializers.BooleanField()
    final = serializers.BooleanField()
    realisation = FedRealisationSerializer(allow_null=True)


class PlanSourceRowSerializer(serializers.Serializer[Any]):
    indicator = serializers.IntegerField()
    text = serializers.CharField()
    aspect = serializers.CharField()
    target_value = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    unit_of_measure = serializers.CharField()
    data_source = SourceSerializer(allow_null=True)
    subperiods = CellSerializer(many=True)


class OverrideInputSerializer(serializers.Serializer[None]):
    value = serializers.DecimalField(max_digits=14, decimal_places=2)
    reason = serializers.CharField(max_length=2000, allow_blank=True)
    version = serializers.IntegerField(min_value=0, required=False, allow_null=True)


class ClearInputSerializer(serializers.Serializer[None]):
    version = serializers.IntegerField(min_value=0, required=False, allow_null=True)


# --- Views -------------------------------------------------------------------------------------


class SourcesAPIView(TenantScopeMixin, generics.GenericAPIView):  # type: ignore[type-arg]
    request: AuthenticatedRequest


def _validated(serializer_class: type[Any], payload: Any) -> dict[str, Any]:
    serializer = serializer_class(data=payload)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


def _lookup(model: type[Model], pk: int | None, field: str) -> Any:
    """An object of the caller's agency by id (None for none); 400 when there is no such one."""
    if pk is None:
        return None
    found = model._default_manager.filter(pk=pk).first()
    if found is None:
        raise ValidationError({field: _("Data dengan id %(pk)s tidak ditemukan.") % {"pk": pk}})
    return found


def _row(row: selectors.SourceRow) -> dict[str, Any]:
    indicator = row.indicator
    return {
        "indicator": indicator.pk,
        "text": indicator.text,
        "aspect": indicator.aspect,
        "target_value": indicator.target_value,
        "unit_of_measure": indicator.unit_of_measure,
        "data_source": row.source,
        "subperiods": [
            {
                "subperiod": cell.tab.block.number,
                "subperiod_label": cell.tab.block.label,
                "started": cell.tab.started,
                "final": cell.tab.final,
                "realisation": cell.realisation,
            }
            for cell in row.cells
        ],
    }


class PlanSourcesView(SourcesAPIView):
    serializer_class = PlanSourceRowSerializer

    @extend_schema(tags=TAGS, responses={200: PlanSourceRowSerializer(many=True), 404: NOT_FOUND})
    def get(self, request: AuthenticatedRequest, pk: int) -> Response:
        """Every indicator of an SKP with its data source (or null) and, per sub-period, the
        value computed from data, the value used and the override reason."""
        sheet = selectors.plan_sources(request.user, pk)
        return Response(PlanSourceRowSerializer([_row(r) for r in sheet.rows], many=True).data)


class IndicatorSourceView(SourcesAPIView):
    serializer_class = SourceSerializer

    @extend_schema(tags=TAGS, responses={200: SourceSerializer, 404: NOT_FOUND})
    def get(self, request: AuthenticatedRequest, pk: int) -> Response:
        """The data source of one indicator (404 when it has none)."""
        indicator = selectors.get_indicator_for(request.user, pk)
        source = selectors.source_of(indicator)
        if source is None:
            return Response(
                {"detail": _("Indikator ini tidak bersumber dari data.")},
                status=status.HTTP_404_NOT_FOUND,
            )
        return Response(SourceSerializer(source).data)

    @extend_schema(
        tags=TAGS,
        request=SourceInputSerializer,
        responses={200: SourceSerializer, 400: INVALID, 403: DENIED, 404: NOT_FOUND, 409: STALE},
    )
    def put(self, request: AuthenticatedRequest, pk: int) -> Response:
        """Feed the indicator from a metric (or change it); its realisations are computed."""
        indicator = selectors.get_indicator_for(request.user, pk)
        require(request.user, "citizen.bind_indicator_source", indicator.result.plan)
        fields = _validated(SourceInputSerializer, request.data)
        source = services.bind_indicator_source(
            indicator,
            actor=request.user,
            metric=fields["metric"],
            service=_lookup(Service, fields.get("service"), "service"),
            unit=_lookup(Unit, fields.get("unit"), "unit"),
            employee=_lookup(Employee, fields.get("employee"), "employee"),
            expected_version=fields.get("version"),
        )
        return Response(SourceSerializer(source).data)

    @extend_schema(tags=TAGS, responses={204: None, 403: DENIED, 404: NOT_FOUND})
    def delete(self, request: AuthenticatedRequest, pk: int) -> Response:
        """Stop feeding the indicator from data (realisations of open periods stay)."""
        indicator = selectors.get_indicator_for(request.user, pk)
        require(request.user, "citizen.bind_indicator_source", indicator.result.plan)
        source = selectors.source_of(indicator)
        if source is None:
            return Response(
                {"detail": _("Indikator ini tidak bersumber dari data.")},
                status=status.HTTP_404_NOT_FOUND,
            )
        services.unbind_indicator_source(source, actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class OverrideView(SourcesAPIView):
    serializer_class = FedRealisationSerializer

    @extend_schema(
        tags=TAGS,
        request=OverrideInputSerializer,
        responses={
            200: FedRealisationSerializer,
            400: INVALID,
            403: DENIED,
            404: NOT_FOUND,
            409: STALE,
        },
    )
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        """Use a manual value instead of the computed one; `reason` must not be empty."""
        realisation = selectors.get_fed_realisation_for(request.user, pk)
        fields = _validated(OverrideInputSerializer, request.data)
        updated = services.override_realisation(
            realisation,
            actor=request.user,
            value=fields["value"],
            reason=fields["reason"],
            expected_version=fields.get("version"),
        )
        return Response(FedRealisationSerializer(updated).data)

    @extend_schema(
        tags=TAGS,
        request=ClearInputSerializer,
        responses={200: FedRealisationSerializer, 400: INVALID, 403: DENIED, 404: NOT_FOUND},
    )
    def delete(self, request: AuthenticatedRequest, pk: int) -> Response:
        """Return to the value computed from data."""
        realisation = selectors.get_fed_realisation_for(request.user, pk)
        fields = _validated(ClearInputSerializer, request.data or {})
        updated = services.clear_realisation_override(
            realisation, actor=request.user, expected_version=fields.get("version")
        )
        return Response(FedRealisationSerializer(updated).data)
