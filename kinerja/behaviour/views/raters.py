"""The supervisor's adjustment page: the raters of one direct report in a draft round, with
forms to add a colleague (or anyone by NIP) and to remove a proposed rater."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kinerja.behaviour.forms import AddRaterForm
from kinerja.behaviour.selectors import rounds as selectors
from kinerja.behaviour.services import raters as services
from kinerja.core.http import AuthedRequest


@login_required
def subject_raters(request: AuthedRequest, pk: int, employee_pk: int) -> HttpResponse:
    """The raters of one person in a round; while it is a draft, add or remove them."""
    feedback_round = selectors.get_round(pk)
    subject = selectors.get_subject_in_round(request.user, feedback_round, employee_pk)
    candidates = selectors.candidates_for(feedback_round, subject)
    form = AddRaterForm(request.POST or None, candidates=candidates)
    if request.method == "POST" and form.is_valid():
        rater = form.cleaned_data["colleague"] or selectors.employee_with_nip(
            form.cleaned_data["nip"]
        )
        if rater is None:
            form.add_error("nip", _("Tidak ada pegawai dengan NIP ini di instansi Anda."))
        else:
            try:
                services.add_rater(feedback_round, actor=request.user, subject=subject, rater=rater)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(
                    request, _("%(name)s ditambahkan sebagai penilai.") % {"name": rater.full_name}
                )
                return redirect(request.path)
    return render(
        request,
        "behaviour/subject_raters.html",
        {
            "round": feedback_round,
            "subject": subject,
            "assignments": selectors.raters_of(feedback_round, subject),
            "form": form,
            "team": selectors.team_in_round(feedback_round, request.user),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def rater_remove(request: AuthedRequest, pk: int) -> HttpResponse:
    """Remove one proposed rater (draft rounds only; never the self-view)."""
    assignment = selectors.get_assignment_to_adjust(request.user, pk)
    try:
        services.remove_rater(assignment, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(name)s tidak lagi menjadi penilai.") % {"name": assignment.rater.full_name},
        )
    return redirect(
        "behaviour:subject-raters", pk=assignment.round_id, employee_pk=assignment.subject_id
    )
