"""Writes of the supervisor's adjustment of a proposal: adding or removing a rater of one of
their direct reports while the round is a draft (the agency admin may do it too).

The relation of an added rater follows from the organisation (`proposal.relation_between`);
the round's cap on assignments per rater holds for additions as for the proposal. Self stays.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kinerja.behaviour.aggregation import Relation
from kinerja.behaviour.models import Assignment, FeedbackRound
from kinerja.behaviour.proposal import Person, relation_between
from kinerja.behaviour.services import tallies
from kinerja.core import audit
from kinerja.core.models import User
from kinerja.core.permissions import require
from kinerja.org.models import Employee


def _person(employee: Employee) -> Person:
    return Person(employee.pk, employee.unit_id, employee.supervisor_id, None, "")


def _refuse_unless_draft(feedback_round: FeedbackRound) -> None:
    if not feedback_round.is_draft:
        raise ValidationError(_("Penilai hanya dapat diubah sebelum putaran dibuka."))


@transaction.atomic
def add_rater(
    feedback_round: FeedbackRound, *, actor: User | None, subject: Employee, rater: Employee
) -> Assignment:
    """Ask one more person to rate `subject` in a draft round."""
    if actor is not None:
        require(actor, "behaviour.adjust_raters", subject)
    feedback_round = FeedbackRound.objects.select_for_update(of=("self",)).get(pk=feedback_round.pk)
    _refuse_unless_draft(feedback_round)
    own = Assignment.objects.filter(
        round=feedback_round, subject=subject, relation=Relation.SELF
    ).first()
    if own is None:
        raise ValidationError(_("Pegawai ini tidak termasuk dalam putaran tersebut."))
    if not rater.is_active or rater.agency_id != feedback_round.agency_id:
        raise ValidationError({"rater": _("Penilai harus pegawai aktif instansi ini.")})
    if rater.pk == subject.pk:
        raise ValidationError({"rater": _("Penilaian diri sudah termasuk.")})
    if Assignment.objects.filter(round=feedback_round, subject=subject, rater=rater).exists():
        raise ValidationError({"rater": _("Pegawai ini sudah menjadi penilai.")})
    load = Assignment.objects.filter(round=feedback_round, rater=rater).count()
    if load >= feedback_round.max_assignments:
        raise ValidationError(
            {
                "rater": _(
                    "%(name)s sudah mendapat %(count)s penilaian dalam putaran ini (batas "
                    "putaran). Pilih penilai lain."
                )
                % {"name": rater.full_name, "count": load}
            }
        )
    assignment = Assignment.objects.create(
        agency_id=feedback_round.agency_id,
        round=feedback_round,
        subject=subject,
        subject_unit_id=own.subject_unit_id,
        rater=rater,
        relation=relation_between(_person(subject), _person(rater)).value,
        added_by=actor,
    )
    tallies.move(assignment, assigned=1)
    audit.record(
        assignment,
        "behaviour.assignment.added",
        actor=actor,
        agency_id=assignment.agency_id,
        changes={"rater": (None, rater.full_name), "relation": (None, assignment.relation)},
        note=subject.full_name,
    )
    return assignment


@transaction.atomic
def remove_rater(assignment: Assignment, *, actor: User | None) -> None:
    """Take one rater off a subject's list in a draft round (never the subject's self-view)."""
    assignment = (
        Assignment.objects.select_for_update(of=("self",))
        .select_related("round", "subject", "rater")
        .get(pk=assignment.pk)
    )
    if actor is not None:
        require(actor, "behaviour.adjust_raters", assignment.subject)
    _refuse_unless_draft(assignment.round)
    if assignment.relation == Relation.SELF:
        raise ValidationError(_("Penilaian diri tidak dapat dihapus."))
    audit.record(
        assignment,
        "behaviour.assignment.removed",
        actor=actor,
        agency_id=assignment.agency_id,
        changes={"rater": (assignment.rater.full_name, None)},
        note=assignment.subject.full_name,
    )
    tallies.move(assignment, assigned=-1)
    assignment.delete()
