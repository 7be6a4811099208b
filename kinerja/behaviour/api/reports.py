"""360° reports API: a person's report of a closed round and the weakest values per unit — the
same aggregates as the pages, so the same threshold: a group under it does not appear at all."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from kinerja.behaviour.aggregation import relation_label
from kinerja.behaviour.api.rounds import DENIED, NOT_FOUND, TAGS, BehaviourAPIView
from kinerja.behaviour.selectors import reports as selectors
from kinerja.core.permissions import require


class GroupSerializer(serializers.Serializer[Any]):
    relation = serializers.CharField()
    name = serializers.CharField()
    count = serializers.IntegerField()
    value_means = serializers.ListField(
        child=serializers.DecimalField(max_digits=4, decimal_places=2)
    )


class CommentSerializer(serializers.Serializer[Any]):
    value = serializers.CharField()
    relation = serializers.CharField()
    text = serializers.CharField()


class ReportSerializer(serializers.Serializer[Any]):
    round = serializers.IntegerField()
    employee = serializers.IntegerField()
    threshold = serializers.IntegerField()
    values = serializers.ListField(child=serializers.CharField())
    groups = GroupSerializer(many=True)
    others = GroupSerializer(allow_null=True)
    gaps = serializers.ListField(
        child=serializers.DecimalField(max_digits=4, decimal_places=2, allow_null=True)
    )
    hidden = serializers.ListField(child=serializers.CharField())
    supervisor_name = serializers.CharField()
    comments = CommentSerializer(many=True)


class UnitRowSerializer(serializers.Serializer[Any]):
    unit = serializers.IntegerField()
    name = serializers.CharField()
    people = serializers.IntegerField()
    answers = serializers.IntegerField(allow_null=True)
    value_means = serializers.ListField(
        child=serializers.DecimalField(max_digits=4, decimal_places=2), allow_null=True
    )
    weakest = serializers.ListField(child=serializers.CharField())


def report_payload(found: selectors.SubjectReport) -> dict[str, Any]:
    report = found.report
    return {
        "round": found.round.pk,
        "employee": found.subject.pk,
        "threshold": report.threshold,
        "values": [row.value.name for row in found.rows],
        "groups": [
            {
                "relation": group.relation,
                "name": relation_label(group.relation) if group.relation else "",
                "count": group.count,
                "value_means": list(group.value_means),
            }
            for group in report.groups
        ],
        "others": {
            "relation": "lain",
            "name": str(selectors.OTHERS_LABEL),
            "count": report.others.count,
            "value_means": list(report.others.value_means),
        }
        if report.others
        else None,
        "gaps": list(report.gaps),
        "hidden": [str(relation) for relation in report.hidden],
        "supervisor_name": found.supervisor_name,
        "comments": [
            {"value": row.value.name, "relation": comment.relation, "text": comment.text}
            for row in found.rows
            for comment in row.comments
        ],
    }


class ReportView(BehaviourAPIView):
    serializer_class = ReportSerializer

    @extend_schema(tags=TAGS, responses={200: ReportSerializer, 404: NOT_FOUND})
    def get(self, request: Any, round_pk: int, employee_pk: int) -> Response:
        """A person's report of a closed round (the person, their supervisor, the rater of
        their SKP, heads of their unit, the agency admin)."""
        found = selectors.report_for(request.user, round_pk, employee_pk)
        return Response(ReportSerializer(report_payload(found)).data)


class UnitSummaryView(BehaviourAPIView):
    serializer_class = UnitRowSerializer

    @extend_schema(
        tags=TAGS, responses={200: UnitRowSerializer(many=True), 403: DENIED, 404: NOT_FOUND}
    )
    def get(self, request: Any, pk: int) -> Response:
        """Per unit of a closed round: the mean of each value over others' answers and the
        weakest values; units under the threshold without numbers."""
        require(request.user, "behaviour.view_unit_summary")
        feedback_round = selectors.get_summarised_round_for(request.user, pk)
        summary = selectors.unit_summary(feedback_round, request.user)
        rows = [
            {
                "unit": row.unit_id,
                "name": row.name,
                "people": row.people,
                "answers": row.answers if row.means is not None else None,
                "value_means": list(row.means) if row.means is not None else None,
                "weakest": [value.name for value in row.weakest],
            }
            for row in summary.rows
        ]
        return Response(UnitRowSerializer(rows, many=True).data)
