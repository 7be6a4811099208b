"""Pages of the satisfaction survey (SKM) for officers: the SKM report of a unit or service
per period (with its PDF and XLSX), the responses list, the import of paper questionnaires
(preview, then commit) and the QR posters."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from io import BytesIO
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from openpyxl import Workbook

from kinerja.citizen.documents.survey_poster import build_poster, poster_filename, survey_url
from kinerja.citizen.documents.survey_report import (
    RESPONSE_HEADERS,
    build_report_pdf,
    build_report_workbook,
    report_filename,
    response_row,
)
from kinerja.citizen.forms.survey import PaperImportForm, ResponseFilterForm
from kinerja.citizen.ikm import ELEMENTS, GRADE_FLOORS
from kinerja.citizen.models import ResponseSource, Service, SurveyResponse
from kinerja.citizen.permissions.survey import IMPORT, POSTER, REPORT, survey_unit_scope
from kinerja.citizen.selectors import survey as selectors
from kinerja.citizen.services.survey import (
    PaperImport,
    import_paper_responses,
    preview_paper_responses,
)
from kinerja.citizen.survey_periods import (
    SurveyPeriod,
    choices_around,
    parse_period,
    period_containing,
)
from kinerja.citizen.survey_sheet import SheetError
from kinerja.core.http import AuthedRequest
from kinerja.core.permissions import actor_of, require
from kinerja.core.spreadsheets import XLSX_CONTENT_TYPE, xlsx_response
from kinerja.org.models import Unit

COMMENTS_PER_PAGE = 10
RESPONSES_PER_PAGE = 50
EXPORT_LIMIT = 100_000
PREVIEW_SECONDS = 30 * 60
PREVIEW_ROWS = 30

# The chart: one row per element, its label above a bar of at most BAR_WIDTH for NRR 4.
BAR_WIDTH = 290
VIEW_WIDTH = 360
ROW_HEIGHT = 46


@dataclass(frozen=True)
class ChartRow:
    row: selectors.ElementRow
    y: int
    width: int
    grade: str

    @property
    def label_y(self) -> int:
        return self.y + 14

    @property
    def bar_y(self) -> int:
        return self.y + 20

    @property
    def text_x(self) -> int:
        return self.width + 6

    @property
    def text_y(self) -> int:
        return self.y + 33


def _chart(report: selectors.SurveyReport) -> dict[str, Any]:
    rows = []
    for index, row in enumerate(report.figures.elements):
        nrr = row.score.nrr
        rows.append(
            ChartRow(
                row=row,
                y=index * ROW_HEIGHT + 14,
                width=round(float(nrr) / 4 * BAR_WIDTH) if nrr is not None else 0,
                grade=row.grade.value if row.grade is not None else "",
            )
        )
    floors = [
        (round(BAR_WIDTH * float(floor) / 100), grade.value) for floor, grade in GRADE_FLOORS[:-1]
    ]
    return {
        "rows": rows,
        "height": len(rows) * ROW_HEIGHT + 18,
        "bar_width": BAR_WIDTH,
        "view_width": VIEW_WIDTH,
        "floors": floors,
    }


# --- Choosing the unit, service and period ---------------------------------------------------


@dataclass
class Choice:
    units: list[Unit]
    unit: Unit | None
    services: list[Service]
    service: Service | None
    periods: list[SurveyPeriod]
    period: SurveyPeriod

    @property
    def query(self) -> str:
        params = {"period": self.period.code}
        if self.unit is not None:
            params["unit"] = str(self.unit.pk)
        if self.service is not None:
            params["service"] = str(self.service.pk)
        return urlencode(params)


def _digits(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


def _choice(request: AuthedRequest) -> Choice:
    """The unit (?unit=, default the first in reach; 404 outside reach), the service
    (?service=, default all, pooled) and the period (?period=, default the current quarter)."""
    user = request.user
    units = list(selectors.survey_units(user))
    wanted = _digits(request.GET.get("unit"))
    unit = next((u for u in units if u.pk == wanted), None) if wanted else None
    if wanted and unit is None:
        unit = selectors.get_survey_unit(user, wanted)
    if unit is None and units:
        unit = units[0]
    services = selectors.services_of(unit) if unit is not None else []
    # A service of another unit (left over when the unit was changed) falls back to all.
    service_pk = _digits(request.GET.get("service"))
    service = next((s for s in services if s.pk == service_pk), None)
    today = timezone.localdate()
    period = parse_period(request.GET.get("period", "")) or period_containing(today)
    periods = choices_around(today)
    if period not in periods:
        periods.append(period)
    return Choice(units, unit, services, service, periods, period)


def _with_agency(request: AuthedRequest) -> bool:
    actor = actor_of(request.user)
    return actor.is_superuser or actor.is_national_viewer


# --- The report --------------------------------------------------------------------------------


@login_required
def survey_report(request: AuthedRequest) -> HttpResponse:
    """The SKM report of a unit (pooled over its services) or of one service, per period."""
    require(request.user, REPORT)
    choice = _choice(request)
    context: dict[str, Any] = {"choice": choice, "with_agency": _with_agency(request)}
    if choice.unit is None:
        return render(request, "citizen/survey_report.html", context)
    report = selectors.survey_report(choice.unit, service=choice.service, period=choice.period)
    comments = Paginator(
        selectors.comments_of(choice.unit, service=choice.service, period=choice.period),
        COMMENTS_PER_PAGE,
    ).get_page(request.GET.get("page"))
    context.update(
        {
            "report": report,
            "figures": report.figures,
            "chart": _chart(report),
            "page": comments,
            "query": choice.query,
            "weight": selectors.WEIGHT_TEXT,
            "can_print": request.user.has_perm(POSTER, choice.unit),
            "can_import": request.user.has_perm(IMPORT, choice.unit),
        }
    )
    return render(request, "citizen/survey_report.html", context)


def _download(content: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _report_of(request: AuthedRequest) -> selectors.SurveyReport:
    require(request.user, REPORT)
    choice = _choice(request)
    if choice.unit is None:
        raise Http404
    return selectors.survey_report(choice.unit, service=choice.service, period=choice.period)


@login_required
def survey_report_pdf(request: AuthedRequest) -> HttpResponse:
    """The SKM report as a PDF (tables and the NRR chart)."""
    report = _report_of(request)
    comments = selectors.comments_of(report.unit, service=report.service, period=report.period)
    content = build_report_pdf(report, comments=list(comments[:50]), generated=timezone.now())
    return _download(content, report_filename(report, "pdf"), "application/pdf")


@login_required
def survey_report_xlsx(request: AuthedRequest) -> HttpResponse:
    """The SKM report as XLSX: sheets Unsur, Layanan, Profil, Tren and every Jawaban."""
    report = _report_of(request)
    responses = selectors.responses_visible_to(
        request.user,
        selectors.ResponseFilters(unit=report.unit, service=report.service, period=report.period),
    )
    content = build_report_workbook(report, responses[:EXPORT_LIMIT].iterator(chunk_size=2000))
    return _download(content, report_filename(report, "xlsx"), XLSX_CONTENT_TYPE)


# --- The responses list --------------------------------------------------------------------------


@login_required
def survey_responses(request: AuthedRequest) -> HttpResponse:
    """Every response in reach, filtered, 50 a page, newest first; "Unduh Excel" exports them."""
    require(request.user, REPORT)
    user = request.user
    units = selectors.survey_units(user)
    services = (
        Service.objects.filter(survey_unit_scope(user, path_field="unit__path"))
        .select_related("unit")
        .order_by("unit__path", "name")
    )
    form = ResponseFilterForm(
        request.GET or None,
        units=units,
        services=services,
        periods=choices_around(timezone.localdate()),
        with_agency=_with_agency(request),
    )
    data = form.cleaned_data if form.is_valid() else {}
    filters = selectors.ResponseFilters(
        unit=data.get("unit"),
        service=data.get("service"),
        period=data.get("period"),
        source=data.get("source") or "",
        with_comment=bool(data.get("with_comment")),
    )
    responses = selectors.responses_visible_to(user, filters)
    if request.GET.get("format") == "xlsx":
        response = xlsx_response(
            "jawaban-skm.xlsx",
            "Jawaban SKM",
            RESPONSE_HEADERS,
            (response_row(r) for r in responses[:EXPORT_LIMIT].iterator(chunk_size=2000)),
        )
        response["Cache-Control"] = "private, no-store"
        return response
    page = Paginator(responses, RESPONSES_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("format", None)
    return render(
        request,
        "citizen/survey_responses.html",
        {
            "form": form,
            "page": page,
            "rows": [(response, _profile_text(response)) for response in page.object_list],
            "query": query.urlencode(),
            "elements": [(n, e) for n, e in enumerate(ELEMENTS, start=1)],
        },
    )


def _profile_text(response: SurveyResponse) -> str:
    """`34 th · Perempuan · S1 · Pegawai swasta`, leaving out what was not given."""
    parts = [f"{response.age} th" if response.age else ""]
    parts += [
        response.get_sex_display(),
        response.get_education_display(),
        response.get_occupation_display(),
    ]
    return " · ".join(part for part in parts if part)


# --- Paper questionnaires --------------------------------------------------------------------------


def _import_form(request: AuthedRequest, data: Any = None, files: Any = None) -> PaperImportForm:
    units = selectors.survey_units(request.user, IMPORT)
    services = (
        Service.objects.filter(survey_unit_scope(request.user, IMPORT, path_field="unit__path"))
        .select_related("unit")
        .order_by("unit__path", "name")
    )
    initial = {"unit": _digits(request.GET.get("unit"))}
    return PaperImportForm(data, files, units=units, services=services, initial=initial)


def _preview_key(token: str) -> str:
    return f"citizen:survey-import:{token}"


@login_required
def survey_import(request: AuthedRequest) -> HttpResponse:
    """Upload an XLSX of paper questionnaires: every row checked and shown, nothing stored."""
    require(request.user, IMPORT)
    if request.method != "POST":
        return render(request, "citizen/survey_import.html", {"form": _import_form(request)})
    form = _import_form(request, request.POST, request.FILES)
    if not form.is_valid():
        return render(request, "citizen/survey_import.html", {"form": form}, status=400)
    unit: Unit = form.cleaned_data["unit"]
    upload = form.cleaned_data["file"]
    try:
        paper = preview_paper_responses(
            unit,
            actor=request.user,
            upload=BytesIO(upload.read()),
            file_name=upload.name,
            default_service=form.cleaned_data.get("service"),
        )
    except SheetError as error:
        form.add_error("file", error.message)
        return render(request, "citizen/survey_import.html", {"form": form}, status=400)
    except ValidationError as error:
        for name, problems in error.message_dict.items():
            form.add_error(name if name in form.fields else None, problems)
        return render(request, "citizen/survey_import.html", {"form": form}, status=400)
    token = secrets.token_urlsafe(16)
    cache.set(
        _preview_key(token),
        {"user": request.user.pk, "paper": paper.to_json()},
        timeout=PREVIEW_SECONDS,
    )
    return _render_preview(request, unit, paper, token, status=200 if paper.is_valid else 400)


def _render_preview(
    request: AuthedRequest,
    unit: Unit,
    paper: PaperImport,
    token: str,
    *,
    status: int,
    problems: list[str] | None = None,
) -> HttpResponse:
    services = {s.pk: s.name for s in selectors.services_of(unit)}
    rows = paper.error_rows[:PREVIEW_ROWS] if paper.error_rows else paper.rows[:PREVIEW_ROWS]
    result = paper.ikm()
    return render(
        request,
        "citizen/survey_import_preview.html",
        {
            "unit": unit,
            "paper": paper,
            "rows": [(row, services.get(row.service_id or 0, "")) for row in rows],
            "elements": ELEMENTS,
            "token": token,
            "result": result,
            "value_text": selectors.fixed(result.value, 2),
            "problems": problems or [],
        },
        status=status,
    )


@login_required
@require_POST
def survey_import_commit(request: AuthedRequest) -> HttpResponse:
    """Store every row of the previewed file, or none (a problem rolls it all back)."""
    require(request.user, IMPORT)
    token = request.POST.get("token", "")
    stored = cache.get(_preview_key(token)) if token else None
    if not stored or stored.get("user") != request.user.pk:
        messages.error(request, _("Pratinjau sudah kedaluwarsa. Unggah berkasnya sekali lagi."))
        return redirect("citizen:survey-import")
    paper = PaperImport.from_json(stored["paper"])
    unit = selectors.get_survey_unit(request.user, paper.unit_id, IMPORT)
    try:
        count = import_paper_responses(unit, actor=request.user, paper=paper)
    except ValidationError as error:
        return _render_preview(request, unit, paper, token, status=400, problems=error.messages)
    cache.delete(_preview_key(token))
    messages.success(
        request,
        _("%(count)s kuesioner kertas untuk %(unit)s tersimpan.")
        % {"count": count, "unit": unit.name},
    )
    if not request.user.has_perm(REPORT, unit):  # a service desk officer imports only
        return redirect(f"{reverse('citizen:survey-import')}?unit={unit.pk}")
    query = urlencode({"unit": str(unit.pk), "source": str(ResponseSource.PAPER)})
    return redirect(f"{reverse('citizen:survey-responses')}?{query}")


TEMPLATE_HEADERS = [
    "Tanggal",
    "Layanan",
    *(f"U{n} {e.label}" for n, e in enumerate(ELEMENTS, start=1)),
    "Umur",
    "Jenis Kelamin",
    "Pendidikan",
    "Pekerjaan",
    "Saran",
    "Nomor Tiket",
]
TEMPLATE_NOTES = [
    "Satu baris untuk satu kuesioner. Kolom dikenali dari judulnya, bukan dari urutannya.",
    "Judul unsur boleh diawali U1–U9, tetapi harus menyebut nama unsurnya "
    "(mis. “U8 Sarana dan Prasarana”): urutan unsur 8 dan 9 berbeda antarformulir.",
    "Jawaban: 1–4, atau teks jawabannya (mis. “Sangat mudah”). Kosong atau “-”: tidak menjawab.",
    "Tanggal: tanggal pengisian, mis. 31-01-2026.",
    "Layanan: kode atau nama layanan unit; boleh dikosongkan bila layanan dipilih saat impor.",
    "Jenis kelamin L/P; pendidikan SD, SMP, SMA, D1–D4, S1, S2; pekerjaan PNS/TNI/Polri, "
    "Pegawai swasta, Wirausaha, Pelajar/Mahasiswa, Lainnya.",
]


@login_required
def survey_import_template(request: AuthedRequest) -> HttpResponse:
    """An empty XLSX with the recognised headers and a sheet of instructions."""
    require(request.user, IMPORT)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Kuesioner"
    sheet.append(TEMPLATE_HEADERS)
    notes = workbook.create_sheet("Petunjuk")
    for line in TEMPLATE_NOTES:
        notes.append([line])
    output = BytesIO()
    workbook.save(output)
    return _download(output.getvalue(), "templat-kuesioner-skm.xlsx", XLSX_CONTENT_TYPE)


# --- Posters -----------------------------------------------------------------------------------


@login_required
def survey_posters(request: AuthedRequest) -> HttpResponse:
    """The units and active services in reach, each with its poster and public address."""
    require(request.user, POSTER)
    units = list(selectors.survey_units(request.user, POSTER))
    services: dict[int, list[Service]] = {}
    for service in Service.objects.filter(unit__in=units, is_active=True).order_by("name"):
        services.setdefault(service.unit_id, []).append(service)
    rows = [
        (unit, survey_url(unit), [(s, survey_url(unit, s)) for s in services.get(unit.pk, [])])
        for unit in units
    ]
    return render(
        request,
        "citizen/survey_posters.html",
        {"rows": rows, "with_agency": _with_agency(request)},
    )


@login_required
def survey_poster_unit(request: AuthedRequest, pk: int) -> HttpResponse:
    """The A4 poster of a unit's survey (the citizen picks the service)."""
    unit = selectors.get_survey_unit(request.user, pk, POSTER)
    return _download(build_poster(unit), poster_filename(unit), "application/pdf")


@login_required
def survey_poster_service(request: AuthedRequest, pk: int) -> HttpResponse:
    """The A4 poster of one active service's survey."""
    service = selectors.get_survey_service(request.user, pk, POSTER)
    if not service.is_active:
        raise Http404
    content = build_poster(service.unit, service)
    return _download(content, poster_filename(service.unit, service), "application/pdf")
