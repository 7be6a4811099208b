"""The Tim saya page: the supervisor's team overview and role-result matrix for a period."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from kinerja.core.http import AuthedRequest
from kinerja.core.permissions import require
from kinerja.planning import selectors


@login_required
def team(request: AuthedRequest) -> HttpResponse:
    require(request.user, "planning.view_team")
    periods = list(selectors.open_periods())
    chosen = request.GET.get("period")
    period = next((p for p in periods if str(p.pk) == chosen), periods[0] if periods else None)
    context: dict[str, Any] = {"periods": periods, "period": period}
    if period is not None:
        q = request.GET.get("q", "").strip()[:100]
        overview = selectors.team_overview(request.user, period, q=q, page=request.GET.get("page"))
        members = [member.employee for member in overview.members]
        query = request.GET.copy()
        query.pop("page", None)
        context.update(
            {
                "overview": overview,
                "matrix": selectors.role_result_matrix(request.user, period, members),
                "page": overview.page,
                "query": query.urlencode(),
                "q": q,
            }
        )
    return render(request, "planning/team.html", context)
