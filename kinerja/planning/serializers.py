"""Planning API shapes: what goes in and comes out. Business rules live in `services`."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from kinerja.planning.models import (
    BehaviourExpectation,
    Indicator,
    PerformancePlan,
    PlannedResult,
    PlanStatus,
)

VERSION_HELP = _("Versi SKP yang Anda baca; bila SKP telah berubah sejak itu, jawabannya 409.")


class IndicatorSerializer(serializers.ModelSerializer[Indicator]):
    class Meta:
        model = Indicator
        fields = ["id", "aspect", "text", "target_value", "target_text", "unit_of_measure"]


class ResultSerializer(serializers.ModelSerializer[PlannedResult]):
    indicators = IndicatorSerializer(many=True, read_only=True)

    class Meta:
        model = PlannedResult
        fields = ["id", "kind", "text", "parent", "perspective", "indicators"]


class ExpectationSerializer(serializers.ModelSerializer[BehaviourExpectation]):
    class Meta:
        model = BehaviourExpectation
        fields = ["value", "text"]


class PlanListItemSerializer(serializers.ModelSerializer[PerformancePlan]):
    employee_name = serializers.CharField(source="employee.full_name", read_only=True)
    employee_nip = serializers.CharField(source="employee.nip", read_only=True)
    period_name = serializers.CharField(source="period.name", read_only=True)
    rater_name = serializers.CharField(source="rater.full_name", read_only=True, default=None)

    class Meta:
        model = PerformancePlan
        fields = [
            "id",
            "period",
            "period_name",
            "employee",
            "employee_name",
            "employee_nip",
            "rater",
            "rater_name",
            "status",
            "revision",
            "is_current",
            "segment_start",
            "segment_end",
            "submitted_at",
            "approved_at",
            "version",
        ]


class PlanSerializer(PlanListItemSerializer):
    results = ResultSerializer(many=True, read_only=True)
    expectations = ExpectationSerializer(many=True, read_only=True)

    class Meta(PlanListItemSerializer.Meta):
        fields = [
            *PlanListItemSerializer.Meta.fields,
            "return_note",
            "previous",
            "revision_reason",
            "snapshot",
            "resources",
            "accountability",
            "consequences",
            "results",
            "expectations",
        ]


class PlanFilterSerializer(serializers.Serializer[None]):
    period = serializers.IntegerField(required=False)
    status = serializers.ChoiceField(choices=PlanStatus.choices, required=False)
    q = serializers.CharField(required=False, allow_blank=True)


class PlanVersionSerializer(serializers.Serializer[None]):
    version = serializers.IntegerField(min_value=0, help_text=VERSION_HELP)


class PlanReturnSerializer(PlanVersionSerializer):
    note = serializers.CharField(max_length=2000)
