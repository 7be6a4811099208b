"""The SKP as an official PDF download (sealed with a verification QR code once approved)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.urls import reverse

from kinerja.core.http import AuthedRequest
from kinerja.planning import selectors
from kinerja.planning.documents import issue_plan_pdf, plan_pdf_filename


@login_required
def plan_pdf(request: AuthedRequest, pk: int) -> HttpResponse:
    """Download the SKP as PDF; whoever may view the plan may download it (404 otherwise)."""
    plan = selectors.get_plan_for(request.user, pk)
    content = issue_plan_pdf(
        plan,
        actor=request.user,
        verification_url=lambda token: request.build_absolute_uri(
            reverse("verification", kwargs={"token": token})
        ),
    )
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{plan_pdf_filename(plan)}"'
    response["Cache-Control"] = "private, no-store"
    return response
