"""Writes of a 360° round's life: the agency admin creates it (raters proposed automatically),
opens it, reminds the raters, closes it (releasing the reports), or deletes a draft.

The proposal follows `kinerja.behaviour.proposal`; the anonymity threshold is applied once, at
closing, by `aggregation.is_group_shown` (`Answer.counted`). At province scale (60,000 people,
~400,000 assignments) the assignments are written with COPY (`org.importing.writing.insert`)
and one audit entry records the round, not one per assignment.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import connections, router, transaction
from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from kinerja.behaviour.aggregation import (
    LOWEST_MIN_RESPONDENTS,
    Relation,
    is_group_shown,
)
from kinerja.behaviour.models import (
    Answer,
    Assignment,
    AssignmentStatus,
    FeedbackRound,
    RoundStatus,
    Tally,
)
from kinerja.behaviour.proposal import Person, Proposal, propose
from kinerja.behaviour.services import tallies
from kinerja.core import audit
from kinerja.core.exceptions import check_version
from kinerja.core.models import Agency, User
from kinerja.core.notifications import Notice, notify_many
from kinerja.core.permissions import require
from kinerja.org.models import Employee, Unit
from kinerja.planning.models import Period

# Counted answers are marked in slices of this many subjects (an IN list per UPDATE).
MARK_BATCH = 5_000


def register_audit_actions() -> None:
    """Register the audit codes of the 360° area (called from BehaviourConfig.ready)."""
    audit.register_actions(
        {
            "behaviour.round.created": gettext_lazy("Putaran umpan balik 360° dibuat"),
            "behaviour.round.opened": gettext_lazy("Putaran umpan balik 360° dibuka"),
            "behaviour.round.closed": gettext_lazy("Putaran umpan balik 360° ditutup"),
            "behaviour.round.deleted": gettext_lazy("Putaran umpan balik 360° (draf) dihapus"),
            "behaviour.round.reminded": gettext_lazy(
                "Pengingat dikirim kepada penilai yang belum menjawab"
            ),
            "behaviour.assignment.added": gettext_lazy("Penilai 360° ditambahkan"),
            "behaviour.assignment.removed": gettext_lazy("Penilai 360° dihapus"),
            "behaviour.assignment.draft_saved": gettext_lazy("Draf umpan balik 360° disimpan"),
            "behaviour.assignment.submitted": gettext_lazy("Umpan balik 360° dikirim"),
        }
    )


def lock_round(feedback_round: FeedbackRound, expected_version: int | None) -> FeedbackRound:
    """The round locked for a write, refused when stale (optimistic concurrency)."""
    locked: FeedbackRound = FeedbackRound.objects.select_for_update(of=("self",)).get(
        pk=feedback_round.pk
    )
    check_version(locked.version, expected_version)
    return locked


def subjects_of(agency: Agency, *, whole_agency: bool, units: Iterable[Unit]) -> QuerySet[Employee]:
    """The active employees a round covers: the whole agency, or the subtrees of the units."""
    employees = Employee.objects.filter(agency=agency, is_active=True)
    if whole_agency:
        return employees
    query = Q()
    for unit in units:
        query |= Q(unit__path__startswith=unit.path)
    return employees.filter(query) if query else employees.none()


def _people(agency: Agency, subjects: QuerySet[Employee], *, whole_agency: bool) -> list[Person]:
    """The subjects and whoever else may rate them: their supervisors and subordinates."""
    people = Employee.objects.filter(agency=agency, is_active=True)
    if not whole_agency:
        people = people.filter(
            Q(pk__in=subjects.values("pk"))
            | Q(pk__in=subjects.exclude(supervisor=None).values("supervisor_id"))
            | Q(supervisor_id__in=subjects.values("pk"))
        )
    rows = people.order_by().values_list(
        "pk", "unit_id", "supervisor_id", "position__kind", "position__level"
    )
    return [Person(pk, unit, boss, kind, level or "") for pk, unit, boss, kind, level in rows]


def _validate_settings(
    *, min_respondents: int, max_assignments: int, peers_per_subject: int, closes_on: dt.date
) -> None:
    errors: dict[str, str] = {}
    if min_respondents < LOWEST_MIN_RESPONDENTS:
        errors["min_respondents"] = _(
            "Paling sedikit %(n)s penilai, agar tidak ada penilai yang dapat menebak jawaban "
            "penilai lain."
        ) % {"n": LOWEST_MIN_RESPONDENTS}
    if not 1 <= max_assignments <= 100:
        errors["max_assignments"] = _("Isi antara 1 dan 100.")
    if not 0 <= peers_per_subject <= 20:
        errors["peers_per_subject"] = _("Isi antara 0 dan 20.")
    if closes_on < timezone.localdate():
        errors["closes_on"] = _("Batas pengisian tidak boleh sebelum hari ini.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def create_round(
    agency: Agency,
    *,
    actor: User | None,
    period: Period,
    name: str,
    whole_agency: bool,
    units: Iterable[Unit] = (),
    closes_on: dt.date,
    min_respondents: int = 3,
    max_assignments: int = 15,
    peers_per_subject: int = 4,
) -> FeedbackRound:
    """The agency admin creates a round for units (with their subtrees) or the whole agency;
    raters are proposed at once (`proposal.propose`) and the round stays a draft so that
    supervisors can adjust them. An employee is in at most one round per period."""
    if actor is not None:
        require(actor, "behaviour.manage_rounds", agency)
    chosen = tuple(units)
    if period.agency_id != agency.pk or any(unit.agency_id != agency.pk for unit in chosen):
        raise ValidationError(_("Periode dan unit harus milik instansi ini."))
    if not name.strip():
        raise ValidationError({"name": _("Nama putaran wajib diisi.")})
    if whole_agency == bool(chosen):
        raise ValidationError(
            {
                "units": _(
                    "Pilih seluruh instansi atau sekurang-kurangnya satu unit (tidak keduanya)."
                )
            }
        )
    _validate_settings(
        min_respondents=min_respondents,
        max_assignments=max_assignments,
        peers_per_subject=peers_per_subject,
        closes_on=closes_on,
    )
    subjects = subjects_of(agency, whole_agency=whole_agency, units=chosen)
    taken = Assignment.objects.filter(
        round__period=period, relation=Relation.SELF, subject__in=subjects.values("pk")
    )
    if taken.exists():
        raise ValidationError(
            _(
                "Sebagian pegawai di unit ini sudah masuk putaran lain pada periode %(period)s. "
                "Satu pegawai hanya dinilai sekali per periode."
            )
            % {"period": period.name}
        )
    feedback_round = FeedbackRound.objects.create(
        agency=agency,
        name=name.strip(),
        period=period,
        whole_agency=whole_agency,
        closes_on=closes_on,
        min_respondents=min_respondents,
        max_assignments=max_assignments,
        peers_per_subject=peers_per_subject,
        created_by=actor,
    )
    if chosen:
        feedback_round.units.set(chosen)
    people = _people(agency, subjects, whole_agency=whole_agency)
    subject_ids = set(subjects.values_list("pk", flat=True))
    if not subject_ids:
        raise ValidationError({"units": _("Tidak ada pegawai aktif di unit yang dipilih.")})
    unit_of = {person.id: person.unit_id for person in people}
    proposals = propose(
        people,
        subject_ids,
        peers_per_subject=peers_per_subject,
        cap=max_assignments,
        salt=str(feedback_round.pk),
    )
    write_assignments(feedback_round, proposals, unit_of)
    tallies.create(feedback_round, ((unit_of[p.subject_id], p.relation.value) for p in proposals))
    audit.record(
        feedback_round,
        "behaviour.round.created",
        actor=actor,
        agency_id=agency.pk,
        changes={"status": (None, feedback_round.status)},
        note=ngettext(
            "%(assignments)s penilaian diusulkan untuk %(count)s pegawai.",
            "%(assignments)s penilaian diusulkan untuk %(count)s pegawai.",
            len(subject_ids),
        )
        % {"assignments": len(proposals), "count": len(subject_ids)},
    )
    return feedback_round


ASSIGNMENT_COLUMNS = (
    "agency_id",
    "round_id",
    "subject_id",
    "subject_unit_id",
    "rater_id",
    "relation",
    "status",
    "draft",
    "version",
    "created_at",
    "updated_at",
)
COPY_CHUNK = 20_000


def write_assignments(
    feedback_round: FeedbackRound, proposals: list[Proposal], unit_of: dict[int, int]
) -> None:
    """Write the proposed assignments. On PostgreSQL one COPY in text form (every value is a
    number, a fixed word or a timestamp: nothing to escape; the ids come from the column's
    identity), several times faster than building model instances; elsewhere `bulk_create`."""
    now = timezone.now()
    connection = connections[router.db_for_write(Assignment)]
    if connection.vendor != "postgresql":
        Assignment.objects.bulk_create(
            [
                Assignment(
                    agency_id=feedback_round.agency_id,
                    round_id=feedback_round.pk,
                    subject_id=p.subject_id,
                    subject_unit_id=unit_of[p.subject_id],
                    rater_id=p.rater_id,
                    relation=p.relation.value,
                )
                for p in proposals
            ],
            batch_size=1000,
        )
        return
    fixed = f"\t{AssignmentStatus.PENDING.value}\t{{}}\t1\t{now.isoformat()}\t{now.isoformat()}\n"
    head = f"{feedback_round.agency_id}\t{feedback_round.pk}\t"
    table = connection.ops.quote_name(Assignment._meta.db_table)
    columns = ", ".join(ASSIGNMENT_COLUMNS)
    with (
        connection.cursor() as cursor,
        connection.wrap_database_errors,
        cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy,
    ):
        for start in range(0, len(proposals), COPY_CHUNK):
            copy.write(
                "".join(
                    f"{head}{p.subject_id}\t{unit_of[p.subject_id]}\t{p.rater_id}"
                    f"\t{p.relation.value}{fixed}"
                    for p in proposals[start : start + COPY_CHUNK]
                )
            )


def _raters_to_tell(
    feedback_round: FeedbackRound, *, unanswered_only: bool
) -> list[tuple[int, int]]:
    """(user id, assignments) of the raters with an active account, one query."""
    assignments = Assignment.objects.filter(
        round=feedback_round, rater__user__is_active=True
    ).order_by()
    if unanswered_only:
        assignments = assignments.exclude(status=AssignmentStatus.SUBMITTED)
    return list(
        assignments.values_list("rater__user_id").annotate(n=Count("pk")).order_by("rater__user_id")
    )


def _date(day: dt.date) -> str:
    return formats.date_format(day, "DATE_FORMAT")


@transaction.atomic
def open_round(
    feedback_round: FeedbackRound, *, actor: User | None, expected_version: int | None
) -> FeedbackRound:
    """The agency admin opens a draft round: raters may answer, each is notified once."""
    if actor is not None:
        require(actor, "behaviour.manage_rounds", feedback_round)
    feedback_round = lock_round(feedback_round, expected_version)
    if not feedback_round.is_draft:
        raise ValidationError(_("Hanya putaran berstatus draf yang dapat dibuka."))
    if not Assignment.objects.filter(round=feedback_round).exists():
        raise ValidationError(_("Putaran ini belum memiliki penilai."))
    feedback_round.status = RoundStatus.OPEN
    feedback_round.opened_at = timezone.now()
    feedback_round.opened_by = actor
    feedback_round.version += 1
    feedback_round.save(update_fields=["status", "opened_at", "opened_by", "version", "updated_at"])
    audit.record(
        feedback_round,
        "behaviour.round.opened",
        actor=actor,
        agency_id=feedback_round.agency_id,
        changes={"status": (RoundStatus.DRAFT, RoundStatus.OPEN)},
    )
    url = reverse("behaviour:mine")
    notices = [
        Notice(
            user_id,
            ngettext(
                "Putaran umpan balik 360° “%(round)s” dibuka: mohon isi %(count)s penilaian "
                "perilaku sampai %(date)s.",
                "Putaran umpan balik 360° “%(round)s” dibuka: mohon isi %(count)s penilaian "
                "perilaku sampai %(date)s.",
                count,
            )
            % {
                "round": feedback_round.name,
                "count": count,
                "date": _date(feedback_round.closes_on),
            },
            url,
            f"feedback-open:{feedback_round.pk}",
        )
        for user_id, count in _raters_to_tell(feedback_round, unanswered_only=False)
    ]
    notify_many(notices, code="behaviour.round.opened", agency_id=feedback_round.agency_id)
    return feedback_round


def mark_counted(feedback_round: FeedbackRound) -> int:
    """Mark the answers of every group that may be shown (`is_group_shown`); how many."""
    groups = (
        Answer.objects.filter(round=feedback_round)
        .order_by()
        .values_list("subject_id", "relation")
        .annotate(n=Count("pk"))
    )
    shown: dict[str, list[int]] = {}
    for subject_id, relation, answered in groups:
        if is_group_shown(relation, answered, feedback_round.min_respondents):
            shown.setdefault(relation, []).append(subject_id)
    marked = 0
    for relation, subject_ids in shown.items():
        for start in range(0, len(subject_ids), MARK_BATCH):
            marked += Answer.objects.filter(
                round=feedback_round,
                relation=relation,
                subject_id__in=subject_ids[start : start + MARK_BATCH],
            ).update(counted=True)
    return marked


@transaction.atomic
def close_round(
    feedback_round: FeedbackRound, *, actor: User | None, expected_version: int | None
) -> FeedbackRound:
    """The agency admin closes an open round: answers are final, unsent drafts are discarded,
    the threshold decides once which groups are shown, and the people rated are told."""
    if actor is not None:
        require(actor, "behaviour.manage_rounds", feedback_round)
    feedback_round = lock_round(feedback_round, expected_version)
    if not feedback_round.is_open:
        raise ValidationError(_("Hanya putaran yang sedang dibuka yang dapat ditutup."))
    feedback_round.status = RoundStatus.CLOSED
    feedback_round.closed_at = timezone.now()
    feedback_round.closed_by = actor
    feedback_round.version += 1
    feedback_round.save(update_fields=["status", "closed_at", "closed_by", "version", "updated_at"])
    # Unsent drafts are nobody's business once the round is over.
    Assignment.objects.filter(round=feedback_round, status=AssignmentStatus.DRAFT).update(draft={})
    counted = mark_counted(feedback_round)
    audit.record(
        feedback_round,
        "behaviour.round.closed",
        actor=actor,
        agency_id=feedback_round.agency_id,
        changes={"status": (RoundStatus.OPEN, RoundStatus.CLOSED)},
        note=_("%(count)s jawaban ditampilkan dalam laporan.") % {"count": counted},
    )
    subjects = (
        Answer.objects.filter(round=feedback_round, counted=True, subject__user__is_active=True)
        .order_by()
        .values_list("subject_id", "subject__user_id")
        .distinct()
    )
    notify_many(
        [
            Notice(
                user_id,
                _("Hasil umpan balik 360° “%(round)s” untuk Anda sudah dapat dilihat.")
                % {"round": feedback_round.name},
                reverse(
                    "behaviour:report",
                    kwargs={"round_pk": feedback_round.pk, "employee_pk": subject_id},
                ),
                f"feedback-result:{feedback_round.pk}",
            )
            for subject_id, user_id in subjects
        ],
        code="behaviour.round.closed",
        agency_id=feedback_round.agency_id,
    )
    return feedback_round


@transaction.atomic
def delete_round(
    feedback_round: FeedbackRound, *, actor: User | None, expected_version: int | None
) -> None:
    """The agency admin deletes a round that is still a draft (nobody has answered)."""
    if actor is not None:
        require(actor, "behaviour.manage_rounds", feedback_round)
    feedback_round = lock_round(feedback_round, expected_version)
    if not feedback_round.is_draft:
        raise ValidationError(_("Putaran yang sudah dibuka tidak dapat dihapus."))
    audit.record(
        feedback_round,
        "behaviour.round.deleted",
        actor=actor,
        agency_id=feedback_round.agency_id,
        changes={"status": (feedback_round.status, None)},
        note=feedback_round.name,
    )
    Assignment.objects.filter(round=feedback_round).delete()
    Tally.objects.filter(round=feedback_round).delete()
    feedback_round.delete()


def unanswered_notices(feedback_round: FeedbackRound, *, text: str, key: str) -> list[Notice]:
    """One notice per rater with an account who still has questionnaires to send."""
    url = reverse("behaviour:mine")
    return [
        Notice(user_id, text % {"count": count}, url, key)
        for user_id, count in _raters_to_tell(feedback_round, unanswered_only=True)
    ]


@transaction.atomic
def remind_raters(feedback_round: FeedbackRound, *, actor: User | None) -> int:
    """The agency admin reminds every rater who has not sent all their answers (once a day);
    returns how many were told."""
    if actor is not None:
        require(actor, "behaviour.manage_rounds", feedback_round)
    if not feedback_round.is_open:
        raise ValidationError(_("Pengingat hanya untuk putaran yang sedang dibuka."))
    today = timezone.localdate()
    text = _(
        "Pengingat: %%(count)s penilaian umpan balik 360° “%(round)s” belum Anda kirim. "
        "Batas pengisian %(date)s."
    ) % {"round": feedback_round.name, "date": _date(feedback_round.closes_on)}
    sent = notify_many(
        unanswered_notices(
            feedback_round, text=text, key=f"feedback-reminder:{feedback_round.pk}:{today}"
        ),
        code="behaviour.round.reminded",
        agency_id=feedback_round.agency_id,
    )
    audit.record(
        feedback_round,
        "behaviour.round.reminded",
        actor=actor,
        agency_id=feedback_round.agency_id,
        note=_("%(count)s penilai diingatkan.") % {"count": sent},
    )
    return sent
