"""Writes of a rater answering the questionnaire: saving a draft, and sending it once.

Only the assignment's rater answers, only while the round is open, and only until they send:
afterwards nothing can change it (not after the round closes either). Sending copies the answers
into an `Answer` row without the rater and empties the draft (see `models`); the audit trail
records that the rater answered, never what.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.behaviour.aggregation import COMMENT_FIELDS, SCORE_FIELDS, is_valid_score
from kinerja.behaviour.models import Answer, Assignment, AssignmentStatus
from kinerja.behaviour.services import tallies
from kinerja.core import audit
from kinerja.core.exceptions import check_version
from kinerja.core.models import User
from kinerja.core.permissions import actor_of, require

COMMENT_MAX_LENGTH = 2000


def _locked(assignment: Assignment, *, actor: User, expected_version: int | None) -> Assignment:
    """The assignment locked for the rater's write; refused for anyone else, after sending, or
    outside an open round."""
    own_id = actor_of(actor).employee_id
    if own_id is None or assignment.rater_id != own_id:
        raise PermissionDenied(_("Anda tidak ditugaskan memberi umpan balik ini."))
    require(actor, "behaviour.answer", assignment)
    locked: Assignment = (
        Assignment.objects.select_for_update(of=("self",))
        .select_related("round")
        .get(pk=assignment.pk)
    )
    if locked.status == AssignmentStatus.SUBMITTED:
        raise ValidationError(_("Umpan balik ini sudah dikirim dan tidak dapat diubah."))
    if locked.round.is_closed:
        raise ValidationError(_("Putaran sudah ditutup; jawaban tidak dapat diubah."))
    if not locked.round.is_open:
        raise ValidationError(_("Putaran belum dibuka."))
    check_version(locked.version, expected_version)
    return locked


def clean_answers(
    scores: Mapping[str, Any], comments: Mapping[str, Any], *, complete: bool
) -> tuple[dict[str, int], dict[str, str]]:
    """Scores on the scale for known behaviours (all 21 when `complete`) and trimmed comments."""
    unknown = (set(scores) - set(SCORE_FIELDS)) | (set(comments) - set(COMMENT_FIELDS))
    if unknown:
        raise ValidationError(
            _("Pertanyaan tidak dikenal: %(names)s.") % {"names": sorted(unknown)}
        )
    errors: dict[str, str] = {}
    clean_scores: dict[str, int] = {}
    for name, score in scores.items():
        if score in (None, ""):
            continue
        if not is_valid_score(score):
            errors[name] = _("Pilih salah satu nilai 1–5.")
        else:
            clean_scores[name] = score
    if complete:
        for name in SCORE_FIELDS:
            if name not in clean_scores and name not in errors:
                errors[name] = _("Wajib dijawab sebelum dikirim.")
    clean_comments = {}
    for name, text in comments.items():
        text = str(text or "").strip()
        if len(text) > COMMENT_MAX_LENGTH:
            errors[name] = _("Paling banyak %(n)s karakter.") % {"n": COMMENT_MAX_LENGTH}
        elif text:
            clean_comments[name] = text
    if errors:
        raise ValidationError(errors)
    return clean_scores, clean_comments


@transaction.atomic
def save_draft(
    assignment: Assignment,
    *,
    actor: User,
    expected_version: int | None,
    scores: Mapping[str, Any],
    comments: Mapping[str, Any],
) -> Assignment:
    """The rater keeps unfinished answers to finish later (any subset of the 21)."""
    assignment = _locked(assignment, actor=actor, expected_version=expected_version)
    clean_scores, clean_comments = clean_answers(scores, comments, complete=False)
    before = assignment.status
    assignment.draft = {"scores": clean_scores, "comments": clean_comments}
    assignment.status = AssignmentStatus.DRAFT
    assignment.version += 1
    assignment.save(update_fields=["draft", "status", "version", "updated_at"])
    if before == AssignmentStatus.PENDING:
        tallies.move(assignment, drafts=1)
    audit.record(
        assignment,
        "behaviour.assignment.draft_saved",
        actor=actor,
        agency_id=assignment.agency_id,
        changes={"status": (before, assignment.status)} if before != assignment.status else {},
    )
    return assignment


@transaction.atomic
def submit_answers(
    assignment: Assignment,
    *,
    actor: User,
    expected_version: int | None,
    scores: Mapping[str, Any],
    comments: Mapping[str, Any],
) -> Assignment:
    """The rater sends all 21 answers: stored without the rater, never to be changed."""
    assignment = _locked(assignment, actor=actor, expected_version=expected_version)
    clean_scores, clean_comments = clean_answers(scores, comments, complete=True)
    Answer.objects.create(
        agency_id=assignment.agency_id,
        round_id=assignment.round_id,
        subject_id=assignment.subject_id,
        unit_id=assignment.subject_unit_id,
        relation=assignment.relation,
        **clean_scores,
        **{name: clean_comments.get(name, "") for name in COMMENT_FIELDS},
    )
    before = assignment.status
    assignment.draft = {}
    assignment.status = AssignmentStatus.SUBMITTED
    assignment.submitted_at = timezone.now()
    assignment.version += 1
    assignment.save(update_fields=["draft", "status", "submitted_at", "version", "updated_at"])
    tallies.move(
        assignment, submitted=1, **({"drafts": -1} if before == AssignmentStatus.DRAFT else {})
    )
    audit.record(
        assignment,
        "behaviour.assignment.submitted",
        actor=actor,
        agency_id=assignment.agency_id,
        changes={"status": (before, assignment.status)},
    )
    return assignment
