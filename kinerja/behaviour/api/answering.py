"""The rater's questionnaires API: the list, one questionnaire with the caller's own draft,
saving a draft and sending. Only the assignment's rater reaches an assignment (404 for anyone
else, admins included); a sent questionnaire has no answers to show — they were stored without
the rater."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.response import Response

from kinerja.behaviour.api.rounds import (
    DENIED,
    INVALID,
    NOT_FOUND,
    RELATION_HELP,
    STALE,
    STATUS_HELP,
    TAGS,
    BehaviourAPIView,
    validated,
)
from kinerja.behaviour.models import Assignment
from kinerja.behaviour.selectors import answering as selectors
from kinerja.behaviour.services import answering as services
from kinerja.planning.berakhlak import CORE_VALUES


class QuestionSerializer(serializers.Serializer[Any]):
    field = serializers.CharField()
    value = serializers.CharField()
    text = serializers.CharField()


class QuestionnaireSerializer(serializers.ModelSerializer[Assignment]):
    round_name = serializers.CharField(source="round.name", read_only=True)
    round_status = serializers.CharField(source="round.status", read_only=True)
    closes_on = serializers.DateField(source="round.closes_on", read_only=True)
    subject_name = serializers.CharField(source="subject.full_name", read_only=True)
    relation = serializers.CharField(read_only=True, help_text=RELATION_HELP)
    status = serializers.CharField(read_only=True, help_text=STATUS_HELP)
    answered = serializers.SerializerMethodField()

    class Meta:
        model = Assignment
        fields = [
            "id",
            "round",
            "round_name",
            "round_status",
            "closes_on",
            "subject",
            "subject_name",
            "relation",
            "status",
            "answered",
            "version",
        ]
        read_only_fields = fields

    def get_answered(self, assignment: Assignment) -> int:
        return selectors.answered_count(assignment)


class QuestionnaireDetailSerializer(QuestionnaireSerializer):
    questions = serializers.SerializerMethodField()
    draft = serializers.SerializerMethodField()

    class Meta(QuestionnaireSerializer.Meta):
        fields = [*QuestionnaireSerializer.Meta.fields, "questions", "draft"]
        read_only_fields = fields

    @extend_schema_field(QuestionSerializer(many=True))
    def get_questions(self, assignment: Assignment) -> list[dict[str, str]]:
        return [
            {"field": f"score_{number}_{index}", "value": value.name, "text": text}
            for number, value in enumerate(CORE_VALUES, start=1)
            for index, text in enumerate(value.behaviours, start=1)
        ]

    @extend_schema_field(serializers.DictField())
    def get_draft(self, assignment: Assignment) -> dict[str, Any]:
        """The caller's own unsent answers (empty once sent)."""
        return dict(assignment.draft or {})


ANSWERS_HELP = gettext_lazy(
    "Nilai 1–5 per perilaku (score_<nilai>_<perilaku>), komentar per nilai (comment_<nilai>)."
)


class AnswersSerializer(serializers.Serializer[Any]):
    version = serializers.IntegerField(min_value=0)
    scores = serializers.DictField(
        child=serializers.IntegerField(allow_null=True), help_text=ANSWERS_HELP
    )
    comments = serializers.DictField(
        child=serializers.CharField(allow_blank=True), required=False, default=dict
    )


class QuestionnaireListView(BehaviourAPIView):
    serializer_class = QuestionnaireSerializer

    @extend_schema(tags=TAGS, responses={200: QuestionnaireSerializer(many=True)})
    def get(self, request: Any) -> Response:
        """The caller's questionnaires in open rounds, unsent first."""
        page = self.paginate_queryset(selectors.open_assignments_of(request.user))
        return self.get_paginated_response(QuestionnaireSerializer(page, many=True).data)


def _write(request: Any, pk: int, write: Any) -> Response:
    assignment = selectors.get_assignment_for(request.user, pk)
    fields = validated(AnswersSerializer, request.data)
    write(
        assignment,
        actor=request.user,
        expected_version=fields["version"],
        scores=fields["scores"],
        comments=fields["comments"],
    )
    return Response(
        QuestionnaireDetailSerializer(selectors.get_assignment_for(request.user, pk)).data
    )


WRITE_RESPONSES = {
    200: QuestionnaireDetailSerializer,
    400: INVALID,
    403: DENIED,
    404: NOT_FOUND,
    409: STALE,
}


class QuestionnaireDetailView(BehaviourAPIView):
    serializer_class = QuestionnaireDetailSerializer

    @extend_schema(tags=TAGS, responses={200: QuestionnaireDetailSerializer, 404: NOT_FOUND})
    def get(self, request: Any, pk: int) -> Response:
        """One of the caller's questionnaires: the 21 questions and the caller's draft."""
        return Response(
            QuestionnaireDetailSerializer(selectors.get_assignment_for(request.user, pk)).data
        )

    @extend_schema(tags=TAGS, request=AnswersSerializer, responses=WRITE_RESPONSES)
    def put(self, request: Any, pk: int) -> Response:
        """Save a draft (any of the 21 answers) while the round is open."""
        return _write(request, pk, services.save_draft)


class QuestionnaireSubmitView(BehaviourAPIView):
    serializer_class = AnswersSerializer

    @extend_schema(tags=TAGS, request=AnswersSerializer, responses=WRITE_RESPONSES)
    def post(self, request: Any, pk: int) -> Response:
        """Send all 21 answers; stored without the caller's name and never changed again."""
        return _write(request, pk, services.submit_answers)
