"""Round pages for the agency admin (and readers): the list, creating a round, a round with its
response progress and the raters who have not answered, the open/close/delete/remind actions,
and the weakest values per unit of a closed round (heads: their subtree)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kinerja.behaviour import exports
from kinerja.behaviour.forms import RoundForm, VersionForm
from kinerja.behaviour.models import FeedbackRound
from kinerja.behaviour.selectors import reports
from kinerja.behaviour.selectors import rounds as selectors
from kinerja.behaviour.services import rounds as services
from kinerja.core.http import AuthedRequest, own_agency
from kinerja.core.permissions import require
from kinerja.core.spreadsheets import xlsx_response
from kinerja.org.models import Unit
from kinerja.planning.berakhlak import CORE_VALUES
from kinerja.planning.models import Period


@login_required
def round_list(request: AuthedRequest) -> HttpResponse:
    """The agency's rounds, newest first, with their progress counted in SQL."""
    require(request.user, "behaviour.view_rounds")
    page = Paginator(selectors.rounds_visible_to(request.user), 20).get_page(
        request.GET.get("page")
    )
    counts = selectors.progress_of_rounds(
        [r.pk for r in page.object_list], selectors.list_reach(request.user)
    )
    rows = [(r, counts.get(r.pk, selectors.RoundCounts())) for r in page.object_list]
    return render(request, "behaviour/round_list.html", {"page": page, "rows": rows})


@login_required
def round_create(request: AuthedRequest) -> HttpResponse:
    """Create a round: its period, units or the whole agency, closing date and limits."""
    require(request.user, "behaviour.manage_rounds")
    agency = own_agency(request)
    form = RoundForm(
        request.POST or None,
        periods=Period.objects.order_by("-year", "-start_date"),
        units=Unit.objects.filter(is_active=True).order_by("path"),
        last_round=FeedbackRound.objects.order_by("-created_at").first(),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            created = services.create_round(
                agency,
                actor=request.user,
                period=data["period"],
                name=data["name"],
                whole_agency=data["whole_agency"],
                units=list(data["units"]),
                closes_on=data["closes_on"],
                min_respondents=data["min_respondents"],
                max_assignments=data["max_assignments"],
                peers_per_subject=data["peers_per_subject"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request,
                _(
                    "Putaran dibuat dan penilai diusulkan. Atasan dapat menyesuaikannya sebelum "
                    "putaran dibuka."
                ),
            )
            return redirect("behaviour:round-detail", pk=created.pk)
    return render(
        request, "behaviour/round_form.html", {"form": form}, status=400 if form.errors else 200
    )


def _add_errors(form: Any, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


@login_required
def round_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    """A round: response progress by group and unit, the raters who have not answered (paged,
    searchable, exportable) and the admin's actions; an inspector's, of the units under audit."""
    feedback_round = selectors.get_round_for(request.user, pk, perm="behaviour.view_progress")
    reach = selectors.progress_reach(request.user)
    q = request.GET.get("q", "")
    raters = selectors.unanswered_raters(feedback_round, q=q, reach=reach)
    if request.GET.get("format") == "xlsx":
        return xlsx_response(
            f"progres-umpan-balik-360-{feedback_round.pk}.xlsx",
            "Progres",
            exports.PROGRESS_HEADERS,
            exports.progress_rows(feedback_round, reach),
        )
    page = selectors.window(raters, request.GET.get("page"))
    pending = selectors.pending_counts(feedback_round, [r.pk for r in page.rows])
    query = request.GET.copy()
    query.pop("page", None)
    progress = selectors.round_progress(feedback_round, reach)
    context: dict[str, Any] = {
        "round": feedback_round,
        "progress": progress,
        "scope_units": selectors.round_units(feedback_round),
        "unit_page": Paginator(progress.units, 30).get_page(request.GET.get("unit_page")),
        "page": page,
        "raters": [(rater, pending.get(rater.pk, 0)) for rater in page.rows],
        "q": q,
        "query": query.urlencode(),
        "version_form": VersionForm(initial={"version": feedback_round.version}),
        "can_manage": request.user.has_perm("behaviour.manage_rounds", feedback_round),
    }
    return render(request, "behaviour/round_detail.html", context)


def _act(
    request: AuthedRequest,
    pk: int,
    action: Callable[[FeedbackRound, int | None], Any],
    success: str,
    *,
    to_list: bool = False,
) -> HttpResponse:
    feedback_round = selectors.get_round_for(request.user, pk, perm="behaviour.view_progress")
    form = VersionForm(request.POST)
    version = form.cleaned_data["version"] if form.is_valid() else None
    try:
        action(feedback_round, version)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("behaviour:round-detail", pk=pk)
    messages.success(request, success)
    return (
        redirect("behaviour:round-list") if to_list else redirect("behaviour:round-detail", pk=pk)
    )


@login_required
@require_POST
def round_open(request: AuthedRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        lambda r, v: services.open_round(r, actor=request.user, expected_version=v),
        _("Putaran dibuka. Para penilai telah diberi tahu."),
    )


@login_required
@require_POST
def round_close(request: AuthedRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        lambda r, v: services.close_round(r, actor=request.user, expected_version=v),
        _("Putaran ditutup. Laporan tersedia bagi pegawai yang dinilai."),
    )


@login_required
@require_POST
def round_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        lambda r, v: services.delete_round(r, actor=request.user, expected_version=v),
        _("Putaran draf dihapus."),
        to_list=True,
    )


@login_required
@require_POST
def round_remind(request: AuthedRequest, pk: int) -> HttpResponse:
    feedback_round = selectors.get_round_for(request.user, pk, perm="behaviour.view_progress")
    try:
        sent = services.remind_raters(feedback_round, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Pengingat dikirim kepada %(count)s penilai.") % {"count": sent}
            if sent
            else _(
                "Tidak ada pengingat baru: semua sudah menjawab atau sudah diingatkan hari ini."
            ),
        )
    return redirect("behaviour:round-detail", pk=pk)


@login_required
def unit_summary(request: AuthedRequest, pk: int) -> HttpResponse:
    """A closed round per unit: the mean of each value and the weakest values (the agency
    admin sees every unit, heads their subtree, an inspector the units under audit);
    exportable."""
    require(request.user, "behaviour.view_unit_summary")
    feedback_round = reports.get_summarised_round_for(request.user, pk)
    summary = reports.unit_summary(feedback_round, request.user)
    if request.GET.get("format") == "xlsx":
        return xlsx_response(
            f"umpan-balik-360-per-unit-{feedback_round.pk}.xlsx",
            "Per unit",
            exports.UNIT_HEADERS,
            exports.unit_rows(summary),
        )
    return render(
        request,
        "behaviour/unit_summary.html",
        {
            "round": feedback_round,
            "summary": summary,
            "page": Paginator(summary.rows, 50).get_page(request.GET.get("page")),
            "values": CORE_VALUES,
            "detail_url": reverse("behaviour:round-detail", kwargs={"pk": feedback_round.pk})
            if request.user.has_perm("behaviour.view_progress", feedback_round)
            else "",
        },
    )
