"""Satisfaction survey (SKM) REST API: answers from kiosk and tablet apps, and the figures of
the SKM report.

`POST survey/responses/` is public (no account), like the survey page: it goes through the
same `submit_response`. CSRF: DRF's SessionAuthentication checks the CSRF token only for a
signed-in session, so an anonymous JSON client needs none, while a browser tab of a signed-in
officer cannot be made to post answers cross-site. A kiosk that signs in with a token (no
CSRF) gets a per-account limit fitting a busy counter; anonymous clients a per-address limit.
"""

from __future__ import annotations

import re
from typing import Any

from django.conf import settings
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
)
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kinerja.citizen.forms.survey import HONEYPOT
from kinerja.citizen.ikm import ELEMENTS, QUESTIONS, Element
from kinerja.citizen.models import Education, Occupation, Service, Sex
from kinerja.citizen.permissions.survey import REPORT
from kinerja.citizen.selectors import survey as selectors
from kinerja.citizen.services.survey import COMMENT_MAX, TICKET_MAX, Answers, submit_response
from kinerja.citizen.survey_periods import parse_period, period_containing
from kinerja.core.api import AuthenticatedRequest, TenantScopeMixin
from kinerja.core.models import Agency
from kinerja.core.permissions import require
from kinerja.core.ratelimit import Limit, client_of, hit
from kinerja.core.tenancy import all_agencies_scope, tenant_scope
from kinerja.org.models import Unit

TAGS = ["Survei kepuasan masyarakat"]
ANONYMOUS_LIMIT = Limit("survey-api", 10, 600)
KIOSK_LIMIT = Limit("survey-kiosk", 600, 600)
TOO_MANY = gettext_lazy("Terlalu banyak permintaan. Coba lagi sebentar lagi.")


ANSWER_REQUIRED = gettext_lazy("Isi 1–4, atau null untuk “tidak menjawab”.")
ANSWER_RANGE = gettext_lazy("Jawaban harus 1–4.")
ANSWER_NUMBER = gettext_lazy("Jawaban harus bilangan 1–4.")
WHOLE_DECIMALS = re.compile(r"\.0*\s*$")


def _answer_field(element: Element) -> serializers.IntegerField:
    question, answers = QUESTIONS[element]
    return serializers.IntegerField(
        min_value=1,
        max_value=4,
        allow_null=True,
        help_text=f"{question} 1 {answers[0]} … 4 {answers[3]}; null: tidak menjawab.",
        error_messages={
            "required": ANSWER_REQUIRED,
            "min_value": ANSWER_RANGE,
            "max_value": ANSWER_RANGE,
            "invalid": ANSWER_NUMBER,
        },
    )


class SurveyAnswersSerializer(serializers.Serializer[None]):
    """Every element by its code (never by position), 1–4 or null for no answer. The schema of
    `answers`; the answers themselves are read by `AnswersField`."""

    def get_fields(self) -> dict[str, serializers.Field[Any, Any, Any, Any]]:
        return {element.value: _answer_field(element) for element in ELEMENTS}


@extend_schema_field(SurveyAnswersSerializer)
class AnswersField(serializers.Field[dict[str, int | None], Any, Any, Any]):
    """The nine answers as one field: the same checks and messages per element as nine
    integer fields, without building nine fields for every kiosk answer (the API takes
    hundreds a second). Unknown keys are ignored, as a serializer ignores them."""

    default_error_messages = {"not_a_dict": gettext_lazy("Jawaban harus berupa objek per unsur.")}

    def to_internal_value(self, data: Any) -> dict[str, int | None]:
        if not isinstance(data, dict):
            self.fail("not_a_dict")
        answers: dict[str, int | None] = {}
        errors: dict[str, list[str]] = {}
        for element in ELEMENTS:
            code = element.value
            if code not in data:
                errors[code] = [str(ANSWER_REQUIRED)]
                continue
            value = data[code]
            if value is None:
                answers[code] = None
                continue
            try:  # as an IntegerField reads it: 3, "3", 3.0 and "3.0" are 3
                number = int(WHOLE_DECIMALS.sub("", str(value)))
            except ValueError:
                errors[code] = [str(ANSWER_NUMBER)]
                continue
            if not 1 <= number <= 4:
                errors[code] = [str(ANSWER_RANGE)]
                continue
            answers[code] = number
        if errors:
            raise serializers.ValidationError(errors)
        return answers

    def to_representation(self, value: dict[str, int | None]) -> dict[str, int | None]:
        return value


class SurveyResponseInputSerializer(serializers.Serializer[None]):
    agency = serializers.SlugField(help_text=gettext_lazy("Kode instansi, mis. palembang"))
    unit = serializers.IntegerField(help_text=gettext_lazy("Nomor unit"))
    service = serializers.SlugField(
        required=False, allow_blank=True, default="", help_text=gettext_lazy("Kode layanan")
    )
    answers = AnswersField()
    age = serializers.IntegerField(required=False, allow_null=True, min_value=10, max_value=120)
    sex = serializers.ChoiceField(choices=Sex.choices, required=False, allow_blank=True)
    education = serializers.ChoiceField(choices=Education.choices, required=False, allow_blank=True)
    occupation = serializers.ChoiceField(
        choices=Occupation.choices, required=False, allow_blank=True
    )
    comment = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=COMMENT_MAX
    )
    ticket_code = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=TICKET_MAX
    )


class SurveyResponseCreatedSerializer(serializers.Serializer[None]):
    id = serializers.IntegerField()
    unit = serializers.IntegerField()
    service = serializers.CharField(allow_null=True)
    submitted_at = serializers.DateTimeField()
    detail = serializers.CharField()


def _over_limit(request: Request) -> bool:
    if not getattr(settings, "RATELIMIT_ENABLED", True):
        return False
    if request.user.is_authenticated:
        return not hit(KIOSK_LIMIT, f"user:{request.user.pk}")
    return not hit(ANONYMOUS_LIMIT, client_of(request))


class SurveyResponseCreateView(APIView):
    """Store one respondent's answers (public; rate-limited per client)."""

    permission_classes = [AllowAny]

    @extend_schema(
        tags=TAGS,
        request=SurveyResponseInputSerializer,
        responses={
            201: SurveyResponseCreatedSerializer,
            400: OpenApiResponse(
                description=gettext_lazy(
                    "Alasan per bidang: jawaban bukan 1–4 atau tidak ada, unit atau layanan "
                    "tidak dikenal, nomor tiket sudah disurvei."
                )
            ),
            429: OpenApiResponse(description=TOO_MANY),
        },
        auth=[],
    )
    def post(self, request: Request) -> Response:
        if _over_limit(request):
            return Response({"detail": str(TOO_MANY)}, status=status.HTTP_429_TOO_MANY_REQUESTS)
        if isinstance(request.data, dict) and str(request.data.get(HONEYPOT) or "").strip():
            return Response(
                {"detail": _("Permintaan ini tidak dapat diproses.")},
                status=status.HTTP_400_BAD_REQUEST,
            )
        given = SurveyResponseInputSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        data: dict[str, Any] = dict(given.validated_data)
        target = _target(data)
        if isinstance(target, Response):
            return target
        unit, service = target
        with tenant_scope(unit.agency):
            answers = data["answers"]
            response = submit_response(
                unit,
                actor=None,
                service=service,
                given=Answers(
                    answers={element: answers[element.value] for element in ELEMENTS},
                    age=data.get("age"),
                    sex=data.get("sex", ""),
                    education=data.get("education", ""),
                    occupation=data.get("occupation", ""),
                    comment=data["comment"],
                    ticket_code=data["ticket_code"],
                ),
            )
        body = {
            "id": response.pk,
            "unit": unit.pk,
            "service": service.code if service else None,
            "submitted_at": response.submitted_at,
            "detail": _("Terima kasih, jawaban Anda sudah diterima."),
        }
        return Response(body, status=status.HTTP_201_CREATED)


def _target(data: dict[str, Any]) -> tuple[Unit, Service | None] | Response:
    """The unit (and service) the answer is for, in one query; on a miss, a 400 naming the
    first field that matches nothing. A kiosk has no agency: the lookup reads across
    agencies, filtered by the agency code the kiosk sends."""
    found = selectors.find_survey_target(
        data["agency"], data["unit"], data["service"] or None, active_service=False
    )
    if found is not None:
        return found
    with all_agencies_scope():
        if not Agency.objects.filter(code=data["agency"], is_active=True).exists():
            return _bad("agency", _("Instansi tidak dikenal."))
        units = Unit.objects.filter(pk=data["unit"], is_active=True, agency__code=data["agency"])
        if not units.exists():
            return _bad("unit", _("Unit tidak dikenal di instansi ini."))
        return _bad("service", _("Layanan tidak dikenal di unit ini."))


def _bad(field: str, message: str) -> Response:
    return Response({field: [message]}, status=status.HTTP_400_BAD_REQUEST)


# --- Report figures -----------------------------------------------------------------------


def _decimal(value: Any, places: int) -> str | None:
    text = selectors.fixed(value, places)
    return None if text == "–" else text.replace(".", "").replace(",", ".")


def _figures(figures: selectors.Figures) -> dict[str, Any]:
    result, sample = figures.result, figures.sample
    return {
        "respondents": result.respondents,
        "index": _decimal(result.index, 4),
        "value": _decimal(result.value, 2),
        "grade": result.grade.value if result.grade else None,
        "grade_label": figures.grade_label or None,
        "population": sample.population,
        "minimum_sample": sample.minimum,
        "sample_reached": sample.reached,
    }


class SurveyFiguresSerializer(serializers.Serializer[None]):
    """The figures of an IKM (decimals as strings, e.g. "75.93")."""

    respondents = serializers.IntegerField()
    index = serializers.CharField(allow_null=True, help_text=gettext_lazy("IKM 1–4"))
    value = serializers.CharField(allow_null=True, help_text=gettext_lazy("IKM 25–100"))
    grade = serializers.CharField(allow_null=True, help_text="A, B, C, D")
    grade_label = serializers.CharField(allow_null=True)
    population = serializers.IntegerField(
        help_text=gettext_lazy("Permohonan layanan yang diterima pada periode")
    )
    minimum_sample = serializers.IntegerField(allow_null=True)
    sample_reached = serializers.BooleanField(allow_null=True)


class SurveyElementSerializer(serializers.Serializer[None]):
    code = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]
    answered = serializers.IntegerField()
    nrr = serializers.CharField(allow_null=True)
    weighted_nrr = serializers.CharField(allow_null=True, help_text=gettext_lazy("NRR × 1/9"))


class SurveyServiceFiguresSerializer(SurveyFiguresSerializer):
    service = serializers.IntegerField()
    name = serializers.CharField()


class SurveyTrendSerializer(serializers.Serializer[None]):
    period = serializers.CharField()
    respondents = serializers.IntegerField()
    value = serializers.CharField(allow_null=True)


class SurveyReportSerializer(SurveyFiguresSerializer):
    """The SKM report of a unit (pooled over its services) or one service."""

    unit = serializers.IntegerField()
    unit_name = serializers.CharField()
    service = serializers.IntegerField(allow_null=True)
    period = serializers.DictField()
    weight = serializers.CharField()
    elements = SurveyElementSerializer(many=True)
    priorities = serializers.ListField(child=serializers.CharField())
    services = SurveyServiceFiguresSerializer(many=True)
    trend = SurveyTrendSerializer(many=True)


class SurveyReportView(TenantScopeMixin, APIView):
    """The SKM report figures of a unit (pooled over its services) or one service."""

    permission_classes = [IsAuthenticated]
    request: AuthenticatedRequest

    @extend_schema(
        tags=TAGS,
        parameters=[
            OpenApiParameter("unit", int, required=True, description=gettext_lazy("Nomor unit")),
            OpenApiParameter("service", int, description=gettext_lazy("Nomor layanan")),
            OpenApiParameter(
                "period", str, description=gettext_lazy("2026-T1 … 2026-T4, 2026-S1, 2026")
            ),
        ],
        responses={
            200: SurveyReportSerializer,
            404: OpenApiResponse(description=gettext_lazy("Unit di luar jangkauan.")),
        },
    )
    def get(self, request: Request) -> Response:
        user = self.request.user
        require(user, REPORT)
        unit_pk = request.query_params.get("unit", "")
        if not unit_pk.isdigit():
            return _bad("unit", _("Sebutkan nomor unit."))
        unit = selectors.get_survey_unit(user, int(unit_pk))
        service = None
        service_pk = request.query_params.get("service", "")
        if service_pk:
            if not service_pk.isdigit():
                return _bad("service", _("Nomor layanan tidak valid."))
            service = selectors.get_survey_service(user, int(service_pk))
            if service.unit_id != unit.pk:
                raise Http404
        code = request.query_params.get("period", "")
        period = parse_period(code) if code else period_containing(timezone.localdate())
        if period is None:
            return _bad("period", _("Periode tidak dikenal (mis. 2026-T1, 2026-S1, 2026)."))
        report = selectors.survey_report(unit, service=service, period=period)
        return Response(
            {
                "unit": unit.pk,
                "unit_name": unit.name,
                "service": service.pk if service else None,
                "period": {
                    "code": period.code,
                    "label": period.label,
                    "start": period.start,
                    "end": period.last_day,
                },
                "weight": "1/9",
                **_figures(report.figures),
                "elements": [
                    {
                        "code": row.element.value,
                        "label": row.label,
                        "answered": row.score.answered,
                        "nrr": _decimal(row.score.nrr, 3),
                        "weighted_nrr": _decimal(row.weighted, 4),
                    }
                    for row in report.figures.elements
                ],
                "priorities": [row.element.value for row in report.priorities],
                "services": [
                    {"service": item.service.pk, "name": item.service.name} | _figures(item.figures)
                    for item in report.per_service
                ],
                "trend": [
                    {
                        "period": point.period.code,
                        "respondents": point.respondents,
                        "value": _decimal(point.value, 2),
                    }
                    for point in report.trend
                ],
            }
        )
