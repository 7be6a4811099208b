"""The rater's pages: "Umpan balik 360° saya" (whom to answer about, the supervisor's team in
draft rounds, one's own results) and the questionnaire, built for a phone."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from kinerja.behaviour.aggregation import SCORE_FIELDS, relation_label
from kinerja.behaviour.forms import QuestionnaireForm
from kinerja.behaviour.models import AssignmentStatus
from kinerja.behaviour.selectors import answering as selectors
from kinerja.behaviour.selectors import reports
from kinerja.behaviour.selectors import rounds as round_selectors
from kinerja.behaviour.services import answering as services
from kinerja.core.http import AuthedRequest


@login_required
def mine(request: AuthedRequest) -> HttpResponse:
    """Whom the user is asked to give feedback on; draft rounds of their team to adjust; the
    reports of the rounds they were rated in."""
    assignments = list(selectors.open_assignments_of(request.user))
    rounds: dict[int, dict[str, Any]] = {}
    for assignment in assignments:
        entry = rounds.setdefault(
            assignment.round_id, {"round": assignment.round, "rows": [], "sent": 0}
        )
        entry["rows"].append(
            (assignment, selectors.answered_count(assignment), relation_label(assignment.relation))
        )
        entry["sent"] += assignment.status == AssignmentStatus.SUBMITTED
    employee = getattr(request.user, "employee", None)
    context: dict[str, Any] = {
        "open_rounds": list(rounds.values()),
        "past_rounds": selectors.closed_rounds_of_rater(request.user),
        "to_adjust": [
            (r, round_selectors.team_in_round(r, request.user))
            for r in round_selectors.rounds_to_adjust(request.user)
        ],
        "my_results": reports.closed_rounds_of(employee) if employee else [],
        "employee": employee,
        "total": len(SCORE_FIELDS),
    }
    return render(request, "behaviour/mine.html", context)


@login_required
def questionnaire(request: AuthedRequest, pk: int) -> HttpResponse:
    """The 21 behaviours of one person on the labelled scale, with a comment per value; saved as
    a draft or sent (then read-only for good)."""
    assignment = selectors.get_assignment_for(request.user, pk)
    editable = assignment.round.is_open and assignment.status != AssignmentStatus.SUBMITTED
    draft = assignment.draft or {}
    initial = {
        "version": assignment.version,
        **{name: str(score) for name, score in draft.get("scores", {}).items()},
        **draft.get("comments", {}),
    }
    form = QuestionnaireForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        scores, comments = form.answers()
        sending = request.POST.get("action") == "submit"
        write = services.submit_answers if sending else services.save_draft
        try:
            write(
                assignment,
                actor=request.user,
                expected_version=form.cleaned_data["version"],
                scores=scores,
                comments=comments,
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
                form.add_error(
                    None,
                    _(
                        "%(count)s pertanyaan belum dijawab. Jawab semuanya sebelum mengirim, atau "
                        "simpan sebagai draf."
                    )
                    % {"count": len(error.message_dict)},
                )
            else:
                form.add_error(None, error.messages)
        else:
            if sending:
                messages.success(
                    request,
                    _("Terima kasih. Umpan balik untuk %(name)s telah dikirim tanpa nama Anda.")
                    % {"name": assignment.subject.full_name},
                )
                return redirect("behaviour:mine")
            messages.success(request, _("Draf disimpan. Anda dapat melanjutkannya nanti."))
            return redirect("behaviour:questionnaire", pk=assignment.pk)
    return render(
        request,
        "behaviour/questionnaire.html",
        {
            "assignment": assignment,
            "form": form,
            "editable": editable,
            "relation": relation_label(assignment.relation),
            "is_self": assignment.relation == "diri",
            "is_supervisor": assignment.relation == "atasan",
            "answered": selectors.answered_count(assignment),
            "total": len(SCORE_FIELDS),
        },
        status=400 if form.errors else 200,
    )
