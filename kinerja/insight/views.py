"""Home pages: each role lands on what it needs first."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from kinerja.core.http import AuthedRequest
from kinerja.core.permissions import actor_of
from kinerja.insight.selectors import home_for, role_labels


@login_required
def home(request: AuthedRequest) -> HttpResponse:
    """The signed-in user's profile, team and role figures."""
    return render(
        request,
        "insight/home.html",
        {
            "home": home_for(request.user),
            "actor": actor_of(request.user),
            "roles_display": role_labels(request.user),
        },
    )
