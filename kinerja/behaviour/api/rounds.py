"""360° rounds API: list, create, progress, open/close/remind, and the supervisor's adjustment of
one person's raters. The same selectors and services as the pages; objects outside reach answer
404, refusals 400/403 with the reason, a stale `version` 409."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import generics, serializers, status
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

from kinerja.behaviour.models import Assignment, FeedbackRound
from kinerja.behaviour.selectors import rounds as selectors
from kinerja.behaviour.services import raters, rounds
from kinerja.core.api import AuthenticatedRequest, TenantScopeMixin
from kinerja.core.exceptions import PermissionDenied
from kinerja.core.permissions import require
from kinerja.org.models import Employee, Unit
from kinerja.planning.models import Period

TAGS = ["Umpan balik 360°"]
DENIED = OpenApiResponse(description=gettext_lazy("Tidak berwenang."))
NOT_FOUND = OpenApiResponse(
    description=gettext_lazy("Tidak ditemukan (termasuk di luar jangkauan).")
)
INVALID = OpenApiResponse(description=gettext_lazy("Data tidak valid atau aturan putaran."))
RELATION_HELP = gettext_lazy("atasan, rekan, bawahan atau diri")
STATUS_HELP = gettext_lazy("pending, draft atau submitted")
STALE = OpenApiResponse(description=gettext_lazy("Data telah berubah sejak versi yang dikirim."))


class RoundSerializer(serializers.ModelSerializer[FeedbackRound]):
    period_name = serializers.CharField(source="period.name", read_only=True)
    status = serializers.CharField(read_only=True, help_text=gettext_lazy("draft, open, closed"))
    units = serializers.PrimaryKeyRelatedField[Unit](many=True, read_only=True)

    class Meta:
        model = FeedbackRound
        fields = [
            "id",
            "name",
            "period",
            "period_name",
            "status",
            "whole_agency",
            "units",
            "closes_on",
            "min_respondents",
            "max_assignments",
            "peers_per_subject",
            "opened_at",
            "closed_at",
            "version",
        ]
        read_only_fields = fields


class RelationProgressSerializer(serializers.Serializer[Any]):
    relation = serializers.CharField()
    name = serializers.CharField(source="label")
    total = serializers.IntegerField()
    submitted = serializers.IntegerField()


class ProgressSerializer(serializers.Serializer[Any]):
    total = serializers.IntegerField()
    submitted = serializers.IntegerField()
    drafts = serializers.IntegerField()
    pending = serializers.IntegerField()
    subjects = serializers.IntegerField()
    percent = serializers.IntegerField()
    by_relation = RelationProgressSerializer(many=True)


class RoundDetailSerializer(RoundSerializer):
    progress = serializers.SerializerMethodField()

    class Meta(RoundSerializer.Meta):
        fields = [*RoundSerializer.Meta.fields, "progress"]
        read_only_fields = fields

    @extend_schema_field(ProgressSerializer)
    def get_progress(self, feedback_round: FeedbackRound) -> dict[str, Any]:
        progress = selectors.round_progress(feedback_round, self.context.get("reach"))
        return dict(ProgressSerializer(progress).data)


class RoundCreateSerializer(serializers.Serializer[Any]):
    name = serializers.CharField(max_length=200)
    period = serializers.IntegerField()
    whole_agency = serializers.BooleanField(default=False)
    units = serializers.ListField(child=serializers.IntegerField(), required=False, default=list)
    closes_on = serializers.DateField()
    min_respondents = serializers.IntegerField(default=3)
    max_assignments = serializers.IntegerField(default=15)
    peers_per_subject = serializers.IntegerField(default=4)


class RoundVersionSerializer(serializers.Serializer[Any]):
    version = serializers.IntegerField(
        min_value=0,
        help_text=gettext_lazy("Versi yang Anda baca; bila data telah berubah, jawabannya 409."),
    )


class RemindedSerializer(serializers.Serializer[Any]):
    reminded = serializers.IntegerField()


class RaterSerializer(serializers.ModelSerializer[Assignment]):
    rater_name = serializers.CharField(source="rater.full_name", read_only=True)
    relation = serializers.CharField(read_only=True, help_text=RELATION_HELP)
    status = serializers.CharField(read_only=True, help_text=STATUS_HELP)
    rater_nip = serializers.CharField(source="rater.nip", read_only=True)

    class Meta:
        model = Assignment
        fields = ["id", "rater", "rater_name", "rater_nip", "relation", "status"]
        read_only_fields = fields


class AddRaterSerializer(serializers.Serializer[Any]):
    rater = serializers.IntegerField(help_text=gettext_lazy("ID pegawai penilai"))


class Pagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


class BehaviourAPIView(TenantScopeMixin, generics.GenericAPIView):  # type: ignore[type-arg]
    pagination_class = Pagination
    request: AuthenticatedRequest


def validated(serializer_class: type[Any], payload: Any) -> dict[str, Any]:
    serializer = serializer_class(data=payload)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


def _detail(request: AuthenticatedRequest, pk: int) -> Response:
    feedback_round = selectors.get_round_for(request.user, pk, perm="behaviour.view_progress")
    reach = selectors.progress_reach(request.user)
    return Response(RoundDetailSerializer(feedback_round, context={"reach": reach}).data)


class RoundListView(BehaviourAPIView):
    serializer_class = RoundSerializer

    @extend_schema(tags=TAGS, responses={200: RoundSerializer(many=True), 403: DENIED})
    def get(self, request: AuthenticatedRequest) -> Response:
        """The agency's rounds, newest first (agency admin, heads; an inspector, those rating
        people of the units under audit)."""
        require(request.user, "behaviour.view_rounds")
        page = self.paginate_queryset(
            selectors.rounds_visible_to(request.user).prefetch_related("units")
        )
        return self.get_paginated_response(RoundSerializer(page, many=True).data)

    @extend_schema(
        tags=TAGS,
        request=RoundCreateSerializer,
        responses={201: RoundDetailSerializer, 400: INVALID, 403: DENIED},
    )
    def post(self, request: AuthenticatedRequest) -> Response:
        """The agency admin creates a round; raters are proposed at once (draft)."""
        require(request.user, "behaviour.manage_rounds")
        agency = request.user.agency
        if agency is None:
            raise PermissionDenied(gettext_lazy("Akun ini tidak terikat pada instansi mana pun."))
        fields = validated(RoundCreateSerializer, request.data)
        period = Period.objects.filter(pk=fields["period"]).first()
        units = list(Unit.objects.filter(pk__in=fields["units"]))
        if period is None or len(units) != len(set(fields["units"])):
            raise Http404
        created = rounds.create_round(
            agency,
            actor=request.user,
            period=period,
            name=fields["name"],
            whole_agency=fields["whole_agency"],
            units=units,
            closes_on=fields["closes_on"],
            min_respondents=fields["min_respondents"],
            max_assignments=fields["max_assignments"],
            peers_per_subject=fields["peers_per_subject"],
        )
        response = _detail(request, created.pk)
        response.status_code = status.HTTP_201_CREATED
        return response


class RoundDetailView(BehaviourAPIView):
    serializer_class = RoundDetailSerializer

    @extend_schema(tags=TAGS, responses={200: RoundDetailSerializer, 404: NOT_FOUND})
    def get(self, request: AuthenticatedRequest, pk: int) -> Response:
        """One round with its response progress (who has answered is counted, never what)."""
        return _detail(request, pk)


class _RoundAction(BehaviourAPIView):
    serializer_class = RoundVersionSerializer

    def run(self, feedback_round: FeedbackRound, version: int) -> Any:
        raise NotImplementedError

    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        feedback_round = selectors.get_round_for(request.user, pk, perm="behaviour.view_progress")
        fields = validated(RoundVersionSerializer, request.data)
        self.run(feedback_round, fields["version"])
        return _detail(request, pk)


ACTION_RESPONSES = {
    200: RoundDetailSerializer,
    400: INVALID,
    403: DENIED,
    404: NOT_FOUND,
    409: STALE,
}


class RoundOpenView(_RoundAction):
    def run(self, feedback_round: FeedbackRound, version: int) -> Any:
        return rounds.open_round(feedback_round, actor=self.request.user, expected_version=version)

    @extend_schema(tags=TAGS, request=RoundVersionSerializer, responses=ACTION_RESPONSES)
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        """Open a draft round: raters may answer and are notified."""
        return super().post(request, pk)


class RoundCloseView(_RoundAction):
    def run(self, feedback_round: FeedbackRound, version: int) -> Any:
        return rounds.close_round(feedback_round, actor=self.request.user, expected_version=version)

    @extend_schema(tags=TAGS, request=RoundVersionSerializer, responses=ACTION_RESPONSES)
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        """Close an open round: answers are final and the reports are released."""
        return super().post(request, pk)


class RoundRemindView(BehaviourAPIView):
    serializer_class = RemindedSerializer

    @extend_schema(
        tags=TAGS, request=None, responses={200: RemindedSerializer, 400: INVALID, 403: DENIED}
    )
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        """Remind every rater who has not sent all their questionnaires (once a day)."""
        feedback_round = selectors.get_round_for(request.user, pk, perm="behaviour.view_progress")
        sent = rounds.remind_raters(feedback_round, actor=request.user)
        return Response({"reminded": sent})


class SubjectRatersView(BehaviourAPIView):
    serializer_class = RaterSerializer

    def _subject(self, pk: int, employee_pk: int) -> tuple[FeedbackRound, Employee]:
        feedback_round = selectors.get_round(pk)
        return feedback_round, selectors.get_subject_in_round(
            self.request.user, feedback_round, employee_pk
        )

    @extend_schema(tags=TAGS, responses={200: RaterSerializer(many=True), 404: NOT_FOUND})
    def get(self, request: AuthenticatedRequest, pk: int, employee_pk: int) -> Response:
        """The raters of one person in a round (their supervisor or the agency admin)."""
        feedback_round, subject = self._subject(pk, employee_pk)
        return Response(
            RaterSerializer(selectors.raters_of(feedback_round, subject), many=True).data
        )

    @extend_schema(
        tags=TAGS,
        request=AddRaterSerializer,
        responses={201: RaterSerializer, 400: INVALID, 403: DENIED, 404: NOT_FOUND},
    )
    def post(self, request: AuthenticatedRequest, pk: int, employee_pk: int) -> Response:
        """Add a rater while the round is a draft (the relation follows the organisation)."""
        feedback_round, subject = self._subject(pk, employee_pk)
        fields = validated(AddRaterSerializer, request.data)
        rater = Employee.objects.filter(pk=fields["rater"]).first()
        if rater is None:
            raise Http404
        added = raters.add_rater(feedback_round, actor=request.user, subject=subject, rater=rater)
        return Response(RaterSerializer(added).data, status=status.HTTP_201_CREATED)


class RaterRemoveView(BehaviourAPIView):
    serializer_class = RaterSerializer

    @extend_schema(tags=TAGS, responses={204: None, 400: INVALID, 404: NOT_FOUND})
    def delete(self, request: AuthenticatedRequest, pk: int) -> Response:
        """Remove a rater while the round is a draft (never the self-view)."""
        assignment = selectors.get_assignment_to_adjust(request.user, pk)
        raters.remove_rater(assignment, actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)
