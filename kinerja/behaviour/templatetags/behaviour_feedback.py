"""Template tags of the 360° area.

`{% behaviour_feedback evaluation %}` shows, on the evaluation page of `kinerja.appraisal`, the
360° result of the evaluated employee in the evaluation's period — advisory only, beside the
behaviour rating. The appraisal app never imports this app: its template loads the tag, and the
tag reads only `evaluation.employee` and `evaluation.period_id`. Nothing is shown to a viewer
without `behaviour.view_report`, and nothing at all when the employee was in no round.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template
from django.utils.formats import number_format

from kinerja.behaviour.selectors import reports

register = template.Library()


@register.filter
def signed(value: Decimal | None) -> str:
    """A gap with its sign, the Indonesian way: "+0,45", "−0,30", "0,00"; "–" when missing."""
    if value is None:
        return "–"
    text = number_format(abs(value), 2)
    if value > 0:
        return f"+{text}"
    if value < 0:
        return f"−{text}"
    return text


@register.inclusion_tag("behaviour/includes/evaluation_feedback.html", takes_context=True)
def behaviour_feedback(context: template.Context, evaluation: Any) -> dict[str, Any]:
    """The 360° result beside the behaviour rating (see the module docstring)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    employee = getattr(evaluation, "employee", None)
    if user is None or employee is None or not user.has_perm("behaviour.view_report", employee):
        return {"shown": False}
    closed = reports.latest_closed_round(employee.pk, evaluation.period_id)
    if closed is None:
        running = reports.open_round_of(employee.pk, evaluation.period_id)
        return {"shown": running is not None, "running": running, "found": None}
    return {
        "shown": True,
        "found": reports.subject_report(closed, employee),
        "running": None,
    }
