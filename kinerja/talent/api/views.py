"""Talent API views: the grid, placements (a box, the pool), the unmapped, one's own box, the
cut-offs, recomputing, potential scores (entry, import, deletion), key positions and their
succession candidates."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.pagination import PageNumberPagination
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from kinerja.core.api import AuthenticatedRequest, TenantScopeMixin
from kinerja.core.models import Agency
from kinerja.core.permissions import require
from kinerja.org.models import Employee, Position
from kinerja.talent import selectors
from kinerja.talent.boxes import POOL_BOXES
from kinerja.talent.models import KeyPosition, PotentialAssessment, TalentPlacement
from kinerja.talent.services import key_positions as key_services
from kinerja.talent.services import placements as placement_services
from kinerja.talent.services import potential as potential_services
from kinerja.talent.services import settings as settings_services

TAGS = ["Manajemen talenta"]
DENIED = OpenApiResponse(description=gettext_lazy("Tidak berwenang."))
NOT_FOUND = OpenApiResponse(
    description=gettext_lazy("Tidak ditemukan (termasuk di luar jangkauan).")
)
INVALID = OpenApiResponse(description=gettext_lazy("Data tidak valid."))
UNIT_PARAM = OpenApiParameter("unit", int, description="ID unit (termasuk sub-unitnya)")
Q_PARAM = OpenApiParameter("q", str, description="Cari nama atau awal NIP")


class Pagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


class TalentAPIView(TenantScopeMixin, generics.GenericAPIView):  # type: ignore[type-arg]
    pagination_class = Pagination
    request: AuthenticatedRequest

    def agency(self) -> Agency:
        agency = self.request.user.agency
        if agency is None:
            raise PermissionDenied(gettext_lazy("Akun ini tidak terikat pada instansi mana pun."))
        return agency


def validated(serializer_class: type[Any], payload: Any) -> dict[str, Any]:
    serializer = serializer_class(data=payload)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


# --- Serializers ----------------------------------------------------------------------------


class TalentBoxSerializer(serializers.Serializer[Any]):
    box = serializers.IntegerField()
    name = serializers.CharField()
    count = serializers.IntegerField()
    actions = serializers.ListField(child=serializers.CharField())


class TalentGridSerializer(serializers.Serializer[Any]):
    placed = serializers.IntegerField()
    unmapped = serializers.IntegerField()
    pool = serializers.IntegerField()
    layout = serializers.ListField(
        child=serializers.ListField(child=serializers.IntegerField()),
        help_text=gettext_lazy("Nomor kotak per baris: potensial tinggi → rendah"),
    )
    boxes = TalentBoxSerializer(many=True)


class TalentPlacementSerializer(serializers.ModelSerializer[TalentPlacement]):
    employee_name = serializers.CharField(source="employee.full_name", read_only=True)
    nip = serializers.CharField(source="employee.nip", read_only=True)
    unit = serializers.IntegerField(source="employee.unit_id", read_only=True)
    unit_name = serializers.CharField(source="employee.unit.name", read_only=True)
    position_name = serializers.SerializerMethodField()
    recommended_actions = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = TalentPlacement
        fields = [
            "employee",
            "employee_name",
            "nip",
            "unit",
            "unit_name",
            "position_name",
            "box",
            "performance",
            "potential",
            "performance_score",
            "potential_score",
            "basis",
            "recommended_actions",
            "computed_at",
        ]
        read_only_fields = fields

    def get_position_name(self, placement: TalentPlacement) -> str:
        position = placement.employee.position
        return position.name if position else ""


class TalentUnmappedSerializer(serializers.Serializer[Any]):
    employee = serializers.IntegerField(source="pk")
    employee_name = serializers.CharField(source="full_name")
    nip = serializers.CharField()
    unit_name = serializers.CharField(source="unit.name")
    has_predicate = serializers.BooleanField()
    has_potential = serializers.BooleanField()
    reason = serializers.SerializerMethodField()

    def get_reason(self, employee: Any) -> str:
        return selectors.unmapped_reason(employee)


class TalentSettingsSerializer(serializers.Serializer[Any]):
    years = serializers.IntegerField(min_value=1, max_value=5)
    performance_as_from = serializers.DecimalField(max_digits=3, decimal_places=2)
    performance_above_from = serializers.DecimalField(max_digits=3, decimal_places=2)
    potential_middle_from = serializers.DecimalField(max_digits=5, decimal_places=2)
    potential_high_from = serializers.DecimalField(max_digits=5, decimal_places=2)
    use_periodic_fallback = serializers.BooleanField()
    version = serializers.IntegerField(required=False, min_value=0)
    last_computed_at = serializers.DateTimeField(read_only=True)


class TalentRecomputeSerializer(serializers.Serializer[Any]):
    placed = serializers.IntegerField()
    unmapped = serializers.IntegerField()
    removed = serializers.IntegerField()
    by_box = serializers.DictField(child=serializers.IntegerField())
    years = serializers.ListField(child=serializers.IntegerField())
    seconds = serializers.FloatField()


class PotentialSerializer(serializers.ModelSerializer[PotentialAssessment]):
    employee_name = serializers.CharField(source="employee.full_name", read_only=True)
    nip = serializers.CharField(source="employee.nip", read_only=True)

    class Meta:
        model = PotentialAssessment
        fields = ["id", "employee", "employee_name", "nip", "score", "assessed_on", "assessor"]
        read_only_fields = fields


class PotentialCreateSerializer(serializers.Serializer[Any]):
    employee = serializers.IntegerField(help_text=gettext_lazy("ID pegawai"))
    score = serializers.DecimalField(max_digits=5, decimal_places=2, min_value=0, max_value=100)
    assessed_on = serializers.DateField()
    assessor = serializers.CharField(max_length=150, required=False, allow_blank=True, default="")


class ImportUploadSerializer(serializers.Serializer[Any]):
    file = serializers.FileField()


class PotentialRowErrorSerializer(serializers.Serializer[Any]):
    row = serializers.IntegerField()
    message = serializers.CharField()


class PotentialImportResultSerializer(serializers.Serializer[Any]):
    created = serializers.IntegerField()
    file_error = serializers.CharField(allow_blank=True)
    row_errors = PotentialRowErrorSerializer(many=True)


class TalentKeyPositionSerializer(serializers.ModelSerializer[KeyPosition]):
    position_name = serializers.CharField(source="position.name", read_only=True)
    unit_name = serializers.CharField(source="position.unit.name", read_only=True)
    holders = serializers.IntegerField(read_only=True)

    class Meta:
        model = KeyPosition
        fields = ["id", "position", "position_name", "unit_name", "holders", "note"]
        read_only_fields = fields


class TalentKeyPositionCreateSerializer(serializers.Serializer[Any]):
    position = serializers.IntegerField(help_text=gettext_lazy("ID jabatan"))
    note = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")


class SuccessionCandidateSerializer(serializers.Serializer[Any]):
    rank = serializers.IntegerField()
    employee = serializers.IntegerField()
    employee_name = serializers.CharField()
    box = serializers.IntegerField()
    performance_score = serializers.DecimalField(max_digits=5, decimal_places=2)
    potential_score = serializers.DecimalField(max_digits=5, decimal_places=2)
    fit = serializers.IntegerField(
        help_text=gettext_lazy("3 satu jenjang di bawah, 2 setara, 1 dua jenjang di bawah")
    )
    reasons = serializers.ListField(child=serializers.CharField())


# --- Views ----------------------------------------------------------------------------------


class GridView(TalentAPIView):
    serializer_class = TalentGridSerializer

    @extend_schema(
        tags=TAGS, parameters=[UNIT_PARAM], responses={200: TalentGridSerializer, 403: DENIED}
    )
    def get(self, request: AuthenticatedRequest) -> Response:
        """Counts per box (admin: the agency; heads: their subtree; inspector: the units under
        audit)."""
        agency = self.agency()
        require(request.user, "talent.view_grid", agency)
        grid = selectors.grid_for(request.user, agency, unit_id=request.query_params.get("unit"))
        payload = {
            "placed": grid.placed,
            "unmapped": grid.unmapped,
            "pool": grid.pool,
            "layout": [[cell.box for cell in row] for row in grid.rows],
            "boxes": [
                {"box": c.box, "name": c.name, "count": c.count, "actions": list(c.actions)}
                for c in grid.cells
            ],
        }
        return Response(TalentGridSerializer(payload).data)


class PlacementListView(TalentAPIView):
    serializer_class = TalentPlacementSerializer
    boxes: tuple[int, ...] | None = None

    @extend_schema(
        tags=TAGS,
        parameters=[
            OpenApiParameter("box", int, description="Nomor kotak 1–9"),
            UNIT_PARAM,
            Q_PARAM,
        ],
        responses={200: TalentPlacementSerializer(many=True), 403: DENIED},
    )
    def get(self, request: AuthenticatedRequest) -> Response:
        """Placements with their basis and recommended actions, best boxes first."""
        agency = self.agency()
        require(request.user, "talent.view_grid", agency)
        boxes = self.boxes
        if boxes is None and request.query_params.get("box"):
            try:
                box = int(request.query_params["box"])
            except ValueError as error:
                raise serializers.ValidationError({"box": "Nomor kotak 1–9."}) from error
            if not 1 <= box <= 9:
                raise serializers.ValidationError({"box": "Nomor kotak 1–9."})
            boxes = (box,)
        placements = selectors.placements_for(
            request.user,
            agency,
            boxes=boxes,
            unit_id=request.query_params.get("unit"),
            q=request.query_params.get("q", ""),
        )
        page = self.paginate_queryset(placements)
        return self.get_paginated_response(TalentPlacementSerializer(page, many=True).data)


class PoolView(PlacementListView):
    boxes = POOL_BOXES


class UnmappedView(TalentAPIView):
    serializer_class = TalentUnmappedSerializer

    @extend_schema(
        tags=TAGS,
        parameters=[UNIT_PARAM, Q_PARAM],
        responses={200: TalentUnmappedSerializer(many=True), 403: DENIED},
    )
    def get(self, request: AuthenticatedRequest) -> Response:
        """Active employees without a box, with what they lack."""
        agency = self.agency()
        employees = selectors.unmapped_for(
            request.user,
            agency,
            unit_id=request.query_params.get("unit"),
            q=request.query_params.get("q", ""),
        )
        page = self.paginate_queryset(employees)
        return self.get_paginated_response(TalentUnmappedSerializer(page, many=True).data)


class PlacementDetailView(TalentAPIView):
    serializer_class = TalentPlacementSerializer

    @extend_schema(tags=TAGS, responses={200: TalentPlacementSerializer, 404: NOT_FOUND})
    def get(self, request: AuthenticatedRequest, employee_pk: int) -> Response:
        """One employee's box: themself, their supervisor, heads of their unit, admin, an
        inspector auditing their unit; anyone else (and an employee without a box) 404."""
        return Response(
            TalentPlacementSerializer(selectors.get_placement_for(request.user, employee_pk)).data
        )


class TalentMineSerializer(serializers.Serializer[Any]):
    placement = TalentPlacementSerializer(allow_null=True)
    reports = TalentPlacementSerializer(many=True)
    unmapped_reports = serializers.ListField(child=serializers.IntegerField())


class MineView(TalentAPIView):
    serializer_class = TalentMineSerializer

    @extend_schema(tags=TAGS, responses={200: TalentMineSerializer, 403: DENIED})
    def get(self, request: AuthenticatedRequest) -> Response:
        """The caller's own box and their direct reports' boxes."""
        found = selectors.my_talent(request.user)
        payload = {
            "placement": found.placement,
            "reports": [placement for _report, placement in found.reports if placement],
            "unmapped_reports": [report.pk for report, placement in found.reports if not placement],
        }
        return Response(TalentMineSerializer(payload).data)


class SettingsView(TalentAPIView):
    serializer_class = TalentSettingsSerializer

    @extend_schema(tags=TAGS, responses={200: TalentSettingsSerializer, 403: DENIED})
    def get(self, request: AuthenticatedRequest) -> Response:
        """The agency's cut-offs (agency admin, inspector)."""
        agency = self.agency()
        require(request.user, "talent.view_potential", agency)
        return Response(TalentSettingsSerializer(settings_services.settings_of(agency)).data)

    @extend_schema(
        tags=TAGS,
        request=TalentSettingsSerializer,
        responses={200: TalentSettingsSerializer, 400: INVALID, 403: DENIED},
    )
    def put(self, request: AuthenticatedRequest) -> Response:
        """Change the cut-offs (agency admin); they must be ordered; `version` guards edits."""
        agency = self.agency()
        require(request.user, "talent.manage", agency)
        fields = validated(TalentSettingsSerializer, request.data)
        updated = settings_services.update_settings(
            agency,
            actor=request.user,
            years=fields["years"],
            performance_as_from=fields["performance_as_from"],
            performance_above_from=fields["performance_above_from"],
            potential_middle_from=fields["potential_middle_from"],
            potential_high_from=fields["potential_high_from"],
            use_periodic_fallback=fields["use_periodic_fallback"],
            expected_version=fields.get("version"),
        )
        return Response(TalentSettingsSerializer(updated).data)


class RecomputeView(TalentAPIView):
    serializer_class = TalentRecomputeSerializer

    @extend_schema(tags=TAGS, request=None, responses={200: TalentRecomputeSerializer, 403: DENIED})
    def post(self, request: AuthenticatedRequest) -> Response:
        """Recompute every box of the agency now (agency admin)."""
        summary = placement_services.recompute_placements(self.agency(), actor=request.user)
        payload = {
            "placed": summary.placed,
            "unmapped": summary.unmapped,
            "removed": summary.removed,
            "by_box": {str(box): count for box, count in summary.by_box.items()},
            "years": list(summary.years),
            "seconds": summary.seconds,
        }
        return Response(TalentRecomputeSerializer(payload).data)


class PotentialListView(TalentAPIView):
    serializer_class = PotentialSerializer

    @extend_schema(
        tags=TAGS,
        parameters=[Q_PARAM],
        responses={200: PotentialSerializer(many=True), 403: DENIED},
    )
    def get(self, request: AuthenticatedRequest) -> Response:
        """Recorded potential scores, newest first (agency admin; inspector: the units under
        audit)."""
        assessments = selectors.potentials_for(
            request.user, self.agency(), q=request.query_params.get("q", "")
        )
        page = self.paginate_queryset(assessments)
        return self.get_paginated_response(PotentialSerializer(page, many=True).data)

    @extend_schema(
        tags=TAGS,
        request=PotentialCreateSerializer,
        responses={201: PotentialSerializer, 400: INVALID, 403: DENIED, 404: NOT_FOUND},
    )
    def post(self, request: AuthenticatedRequest) -> Response:
        """Record one score (agency admin)."""
        agency = self.agency()
        require(request.user, "talent.manage", agency)
        fields = validated(PotentialCreateSerializer, request.data)
        employee = Employee.objects.filter(
            agency=agency, pk=fields["employee"], is_active=True
        ).first()
        if employee is None:
            raise Http404
        created = potential_services.record_potential(
            employee,
            actor=request.user,
            score=fields["score"],
            assessed_on=fields["assessed_on"],
            assessor=fields["assessor"],
        )
        return Response(PotentialSerializer(created).data, status=status.HTTP_201_CREATED)


class PotentialDetailView(TalentAPIView):
    serializer_class = PotentialSerializer

    @extend_schema(tags=TAGS, responses={204: None, 403: DENIED, 404: NOT_FOUND})
    def delete(self, request: AuthenticatedRequest, pk: int) -> Response:
        """Delete a mistaken score (agency admin)."""
        agency = self.agency()
        assessment = PotentialAssessment.objects.filter(agency=agency, pk=pk).first()
        if assessment is None:
            raise Http404
        potential_services.delete_potential(assessment, actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class PotentialImportView(TalentAPIView):
    serializer_class = ImportUploadSerializer
    parser_classes = [MultiPartParser, FormParser, JSONParser]

    @extend_schema(
        tags=TAGS,
        request={"multipart/form-data": ImportUploadSerializer},
        responses={
            201: PotentialImportResultSerializer,
            400: PotentialImportResultSerializer,
            403: DENIED,
        },
    )
    def post(self, request: AuthenticatedRequest) -> Response:
        """Import a sheet (NIP, Skor, Tanggal Asesmen, Penyelenggara) all-or-nothing: 201 with
        the count, or 400 with the message of each bad row and nothing saved."""
        agency = self.agency()
        require(request.user, "talent.manage", agency)
        upload = validated(ImportUploadSerializer, request.data)["file"]
        result = potential_services.import_potentials(
            agency, actor=request.user, upload=upload, size=upload.size
        )
        payload = {
            "created": result.created,
            "file_error": result.file_error,
            "row_errors": [
                {"row": number, "message": message} for number, message in result.errors
            ],
        }
        code = status.HTTP_201_CREATED if result.ok else status.HTTP_400_BAD_REQUEST
        return Response(PotentialImportResultSerializer(payload).data, status=code)


class KeyPositionListView(TalentAPIView):
    serializer_class = TalentKeyPositionSerializer

    @extend_schema(tags=TAGS, responses={200: TalentKeyPositionSerializer(many=True), 403: DENIED})
    def get(self, request: AuthenticatedRequest) -> Response:
        """Key positions with the count of their holders (agency admin; inspector: those of
        the units under audit)."""
        page = self.paginate_queryset(selectors.key_positions_for(request.user, self.agency()))
        return self.get_paginated_response(TalentKeyPositionSerializer(page, many=True).data)

    @extend_schema(
        tags=TAGS,
        request=TalentKeyPositionCreateSerializer,
        responses={201: TalentKeyPositionSerializer, 400: INVALID, 403: DENIED, 404: NOT_FOUND},
    )
    def post(self, request: AuthenticatedRequest) -> Response:
        """Mark a position as key (agency admin)."""
        agency = self.agency()
        require(request.user, "talent.manage", agency)
        fields = validated(TalentKeyPositionCreateSerializer, request.data)
        position = Position.objects.filter(agency=agency, pk=fields["position"]).first()
        if position is None:
            raise Http404
        marked = key_services.mark_key_position(position, actor=request.user, note=fields["note"])
        found = selectors.get_key_position_for(request.user, agency, marked.pk)
        return Response(TalentKeyPositionSerializer(found).data, status=status.HTTP_201_CREATED)


class KeyPositionDetailView(TalentAPIView):
    serializer_class = TalentKeyPositionSerializer

    @extend_schema(tags=TAGS, responses={204: None, 403: DENIED, 404: NOT_FOUND})
    def delete(self, request: AuthenticatedRequest, pk: int) -> Response:
        """Unmark a key position (agency admin)."""
        key_position = KeyPosition.objects.filter(agency=self.agency(), pk=pk).first()
        if key_position is None:
            raise Http404
        key_services.unmark_key_position(key_position, actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class CandidateListView(TalentAPIView):
    serializer_class = SuccessionCandidateSerializer

    @extend_schema(
        tags=TAGS, responses={200: SuccessionCandidateSerializer(many=True), 404: NOT_FOUND}
    )
    def get(self, request: AuthenticatedRequest, pk: int) -> Response:
        """A key position's ranked succession candidates with the reasons."""
        found = selectors.succession_for(request.user, self.agency(), pk)
        rows = [
            {
                "rank": ranked.rank,
                "employee": ranked.candidate.employee_id,
                "employee_name": found.employees[ranked.candidate.employee_id].full_name,
                "box": ranked.candidate.box,
                "performance_score": ranked.candidate.performance_score,
                "potential_score": ranked.candidate.potential_score,
                "fit": ranked.fit,
                "reasons": ranked.reasons,
            }
            for ranked in found.candidates
        ]
        return Response(SuccessionCandidateSerializer(rows, many=True).data)
