"""Objections (keberatan) to a final evaluation: filed by the employee within
`Period.objection_days` calendar days of finalisation, decided by the rater's superior within
`Period.decision_days` (a training module says 14 and 7 days; confidence L, so configurable)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from kinerja.appraisal.models import Evaluation, Objection, ObjectionStatus
from kinerja.appraisal.services.evaluation import (
    clean_rating,
    describe,
    evaluation_url,
    lock_evaluation,
    rating_changes,
)
from kinerja.core import audit
from kinerja.core.exceptions import check_version
from kinerja.core.models import Role, RoleGrant, User
from kinerja.core.notifications import notify, notify_employee
from kinerja.core.permissions import require

DECISIONS = (
    ObjectionStatus.ACCEPTED,
    ObjectionStatus.PARTLY_ACCEPTED,
    ObjectionStatus.REJECTED,
)


def objection_deadline(evaluation: Evaluation) -> dt.date | None:
    """The last calendar day to object: finalisation day + `Period.objection_days`."""
    if evaluation.finalised_at is None:
        return None
    finalised_on = timezone.localdate(evaluation.finalised_at)
    return finalised_on + dt.timedelta(days=evaluation.period.objection_days)


def _objection_url(objection: Objection) -> str:
    return reverse("appraisal:objection-detail", kwargs={"pk": objection.pk})


def _agency_admins(agency_id: int) -> list[User]:
    grants = RoleGrant.objects.filter(role=Role.AGENCY_ADMIN, user__agency_id=agency_id)
    return list(User.objects.filter(pk__in=grants.values("user_id"), is_active=True))


@transaction.atomic
def file_objection(
    evaluation: Evaluation,
    *,
    actor: User,
    reason: str,
    requested_results_rating: str = "",
    requested_behaviour_rating: str = "",
) -> Objection:
    """The employee objects to their final evaluation, with a reason and optionally the ratings
    they ask for; the rater's superior decides (the agency admin when there is none)."""
    require(actor, "appraisal.file_objection", evaluation)
    evaluation = lock_evaluation(evaluation, None)
    if not evaluation.is_final:
        raise ValidationError(_("Keberatan hanya dapat diajukan atas evaluasi yang sudah final."))
    deadline = objection_deadline(evaluation)
    today = timezone.localdate()
    if deadline is not None and today > deadline:
        raise ValidationError(
            _(
                "Batas pengajuan keberatan sudah lewat: paling lambat %(deadline)s "
                "(%(days)s hari sejak evaluasi ditetapkan)."
            )
            % {
                "deadline": date_format(deadline, "DATE_FORMAT"),
                "days": evaluation.period.objection_days,
            }
        )
    if evaluation.objections.exclude(status=ObjectionStatus.WITHDRAWN).exists():
        raise ValidationError(_("Keberatan atas evaluasi ini sudah pernah diajukan."))
    if not reason.strip():
        raise ValidationError({"reason": _("Alasan keberatan wajib diisi.")})
    results = (
        clean_rating(requested_results_rating, "requested_results_rating").value
        if requested_results_rating
        else ""
    )
    behaviour = (
        clean_rating(requested_behaviour_rating, "requested_behaviour_rating").value
        if requested_behaviour_rating
        else ""
    )
    rater = evaluation.rater
    superior = rater.supervisor if rater is not None and rater.supervisor_id else None
    decider = superior if superior is not None and superior.is_active else None
    objection = Objection.objects.create(
        agency_id=evaluation.agency_id,
        evaluation=evaluation,
        filed_by=actor,
        reason=reason.strip(),
        requested_results_rating=results,
        requested_behaviour_rating=behaviour,
        decide_by=today + dt.timedelta(days=evaluation.period.decision_days),
        decider=decider,
    )
    audit.record(
        objection,
        "appraisal.objection.filed",
        actor=actor,
        agency_id=objection.agency_id,
        changes={"status": (None, objection.status)},
        note=objection.reason,
    )
    text = _("%(name)s mengajukan keberatan atas %(what)s. Putuskan paling lambat %(date)s.") % {
        "name": evaluation.employee.full_name,
        "what": describe(evaluation).lower(),
        "date": date_format(objection.decide_by, "DATE_FORMAT"),
    }
    recipients = (
        [getattr(decider, "user", None)] if decider else _agency_admins(objection.agency_id)
    )
    for user in recipients:
        notify(
            user,
            code="appraisal.objection.filed",
            text=text,
            url=_objection_url(objection),
            agency_id=objection.agency_id,
        )
    return objection


@transaction.atomic
def decide_objection(
    objection: Objection,
    *,
    actor: User,
    expected_version: int | None,
    outcome: str,
    decision: str,
    results_rating: str = "",
    behaviour_rating: str = "",
) -> Objection:
    """The rater's superior accepts (new ratings → new predicate), partly accepts or rejects the
    objection with a written decision; the employee is told."""
    require(actor, "appraisal.decide_objection", objection)
    objection = (
        Objection.objects.select_for_update(of=("self",))
        .select_related("evaluation")
        .get(pk=objection.pk)
    )
    check_version(objection.version, expected_version)
    if objection.status != ObjectionStatus.PENDING:
        raise ValidationError(_("Keberatan ini sudah diputuskan."))
    if outcome not in DECISIONS:
        raise ValidationError({"outcome": _("Pilih: diterima, diterima sebagian, atau ditolak.")})
    if not decision.strip():
        raise ValidationError({"decision": _("Tuliskan keputusan atas keberatan ini.")})
    evaluation = lock_evaluation(objection.evaluation, None)
    old_predicate = evaluation.predicate
    if outcome == ObjectionStatus.REJECTED:
        changes: audit.Changes = {}
    else:
        changes = rating_changes(
            evaluation,
            {
                "results_rating": results_rating or objection.requested_results_rating,
                "behaviour_rating": behaviour_rating or objection.requested_behaviour_rating,
            },
        )
        if not changes:
            raise ValidationError(
                {
                    "results_rating": _(
                        "Keberatan yang diterima harus mengubah sedikitnya satu rating."
                    )
                }
            )
        evaluation.version += 1
        evaluation.save(update_fields=[*changes.keys(), "version", "updated_at"])
        audit.record(
            evaluation,
            "appraisal.evaluation.objection_applied",
            actor=actor,
            agency_id=evaluation.agency_id,
            changes=changes,
            note=decision.strip(),
        )
    objection.status = outcome
    objection.decision = decision.strip()
    objection.decided_by = actor
    objection.decided_at = timezone.now()
    objection.old_predicate = old_predicate
    objection.new_predicate = evaluation.predicate
    objection.version += 1
    objection.save(
        update_fields=[
            "status",
            "decision",
            "decided_by",
            "decided_at",
            "old_predicate",
            "new_predicate",
            "version",
            "updated_at",
        ]
    )
    audit.record(
        objection,
        "appraisal.objection.decided",
        actor=actor,
        agency_id=objection.agency_id,
        changes={
            "status": (ObjectionStatus.PENDING, outcome),
            "predicate": (old_predicate, evaluation.predicate),
        },
        note=objection.decision,
    )
    notify_employee(
        evaluation.employee,
        code="appraisal.objection.decided",
        text=_("Keberatan Anda atas %(what)s %(outcome)s. Predikat: %(predicate)s.")
        % {
            "what": describe(evaluation).lower(),
            "outcome": objection.get_status_display().lower(),
            "predicate": evaluation.predicate,
        },
        url=evaluation_url(evaluation),
        agency_id=evaluation.agency_id,
    )
    return objection
