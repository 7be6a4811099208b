"""360° behaviour feedback tables: rounds, who rates whom (assignments), and the answers.

Anonymity is built into the storage. While a rater works, their draft lives on their own
assignment (only they read it). When they send it, the answers are copied to a new `Answer` row
that names the person rated, the rater's group and nothing else: no rater, no assignment, no
timestamp, and a random key (UUID), so neither its columns nor the order of keys can lead back
to who wrote it; the draft is emptied. From then on nobody — the rater included — can read one
rater's answers; every read goes through the aggregate selectors (`selectors.reports`), which
apply the threshold of `aggregation.is_group_shown`. (A database administrator with raw access
to PostgreSQL's system columns could still match rows written by one transaction; no page,
endpoint, export or admin screen offers a path.)
"""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from kinerja.behaviour.aggregation import (
    DEFAULT_MIN_RESPONDENTS,
    LOWEST_MIN_RESPONDENTS,
    SCALE_MAX,
    SCALE_MIN,
    SCORE_FIELDS,
    Relation,
)
from kinerja.behaviour.proposal import DEFAULT_MAX_ASSIGNMENTS, DEFAULT_PEERS_PER_SUBJECT
from kinerja.core.models import VersionedModel
from kinerja.core.tenancy import TenantModel


class RelationChoice(models.TextChoices):
    SUPERVISOR = Relation.SUPERVISOR.value, _("Atasan langsung")
    PEER = Relation.PEER.value, _("Rekan kerja")
    SUBORDINATE = Relation.SUBORDINATE.value, _("Bawahan")
    SELF = Relation.SELF.value, _("Diri sendiri")


class RoundStatus(models.TextChoices):
    DRAFT = "draft", _("Draf (penyesuaian penilai)")
    OPEN = "open", _("Dibuka")
    CLOSED = "closed", _("Ditutup")


class FeedbackRound(TenantModel, VersionedModel):
    """A 360° round of a period, for some units (their subtrees) or the whole agency.

    Draft: raters proposed, supervisors adjust them. Open: raters answer. Closed: answers are
    final and the reports are released.
    """

    name = models.CharField(_("nama putaran"), max_length=200)
    period = models.ForeignKey(
        "planning.Period",
        on_delete=models.PROTECT,
        related_name="feedback_rounds",
        verbose_name=_("periode"),
    )
    status = models.CharField(
        _("status"), max_length=8, choices=RoundStatus.choices, default=RoundStatus.DRAFT
    )
    whole_agency = models.BooleanField(_("seluruh instansi"), default=False)
    units = models.ManyToManyField(
        "org.Unit", blank=True, related_name="+", verbose_name=_("unit kerja (beserta bawahannya)")
    )
    closes_on = models.DateField(_("batas pengisian"))
    min_respondents = models.PositiveSmallIntegerField(
        _("jumlah penilai minimal per kelompok"),
        default=DEFAULT_MIN_RESPONDENTS,
        validators=[MinValueValidator(LOWEST_MIN_RESPONDENTS), MaxValueValidator(20)],
        help_text=_(
            "Jawaban rekan kerja dan bawahan hanya ditampilkan bila sekurang-kurangnya sebanyak "
            "ini menjawab (paling sedikit 3)."
        ),
    )
    max_assignments = models.PositiveSmallIntegerField(
        _("penilaian maksimal per penilai"),
        default=DEFAULT_MAX_ASSIGNMENTS,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    peers_per_subject = models.PositiveSmallIntegerField(
        _("rekan kerja yang diusulkan per pegawai"),
        default=DEFAULT_PEERS_PER_SUBJECT,
        validators=[MaxValueValidator(20)],
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("dibuat oleh"),
    )
    opened_at = models.DateTimeField(_("dibuka"), null=True, blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dibuka oleh"),
    )
    closed_at = models.DateTimeField(_("ditutup"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ditutup oleh"),
    )

    class Meta:
        verbose_name = _("putaran umpan balik 360°")
        verbose_name_plural = _("putaran umpan balik 360°")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(min_respondents__gte=LOWEST_MIN_RESPONDENTS),
                name="round_min_respondents_at_least_3",
            ),
            models.CheckConstraint(
                condition=Q(max_assignments__gte=1), name="round_max_assignments_positive"
            ),
        ]
        indexes = [models.Index(fields=["agency", "status"], name="round_agency_status")]

    def __str__(self) -> str:
        return self.name

    @property
    def is_draft(self) -> bool:
        return self.status == RoundStatus.DRAFT

    @property
    def is_open(self) -> bool:
        return self.status == RoundStatus.OPEN

    @property
    def is_closed(self) -> bool:
        return self.status == RoundStatus.CLOSED


class AssignmentStatus(models.TextChoices):
    PENDING = "pending", _("Belum diisi")
    DRAFT = "draft", _("Draf")
    SUBMITTED = "submitted", _("Terkirim")


class Assignment(TenantModel, VersionedModel):
    """One rater asked to give feedback on one employee (the subject) in a round.

    `draft` holds the rater's unsent answers (`{"scores": {field: 1..5}, "comments": {field:
    text}}`) and is emptied when they are sent; the sent answers live in an `Answer` row that
    does not point back here.
    """

    # A round of a province writes ~400,000 rows at once (COPY): every index and every foreign
    # key checked at commit costs seconds. The round's index is the unique constraint's prefix;
    # the rater and the subject's unit keep no database constraint (PostgreSQL would lock the
    # 60,000 employee rows ~6 times each at commit: +10 s measured at province scale) — the
    # service takes both from the same query over active employees, and Django's PROTECT
    # still refuses to delete an employee or unit that an assignment names.
    round = models.ForeignKey(
        FeedbackRound,
        on_delete=models.CASCADE,
        related_name="assignments",
        verbose_name=_("putaran"),
        db_index=False,
    )
    subject = models.ForeignKey(
        "org.Employee",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("pegawai yang dinilai"),
    )
    subject_unit = models.ForeignKey(
        "org.Unit",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("unit pegawai yang dinilai"),
        db_index=False,
        db_constraint=False,
    )
    rater = models.ForeignKey(
        "org.Employee",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("penilai"),
        db_constraint=False,
    )
    relation = models.CharField(_("hubungan"), max_length=8, choices=RelationChoice.choices)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=AssignmentStatus.choices,
        default=AssignmentStatus.PENDING,
    )
    draft = models.JSONField(_("draf jawaban"), default=dict, blank=True)
    submitted_at = models.DateTimeField(_("dikirim"), null=True, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ditambahkan oleh"),
        help_text=_("Kosong bila diusulkan otomatis."),
        db_index=False,
    )

    class Meta:
        verbose_name = _("penugasan penilai")
        verbose_name_plural = _("penugasan penilai")
        ordering = ["round", "subject", "relation", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "subject", "rater"],
                name="one_assignment_per_rater_and_subject",
                violation_error_message=_("Penilai ini sudah ditugaskan untuk pegawai tersebut."),
            ),
            models.CheckConstraint(
                condition=(Q(relation="diri") & Q(subject=F("rater")))
                | (~Q(relation="diri") & ~Q(subject=F("rater"))),
                name="self_assignment_iff_subject_is_rater",
            ),
        ]
        indexes = [
            # The rater's questionnaires and who still has some to send; (round, subject) is
            # served by the unique constraint.
            models.Index(fields=["round", "rater", "status"], name="assignment_rater"),
        ]

    def __str__(self) -> str:
        return f"{self.round} · {self.get_relation_display()}"

    @property
    def is_submitted(self) -> bool:
        return self.status == AssignmentStatus.SUBMITTED


class Tally(TenantModel):
    """How many raters of one group were asked about the people of one unit in a round, and
    how many hold a draft or have sent — kept by the services as they write, so that progress
    reads a few thousand counters instead of counting ~400,000 assignments at province scale.
    `services.tallies.recount` rebuilds them from the assignments (after bulk demo data)."""

    round = models.ForeignKey(
        FeedbackRound, on_delete=models.CASCADE, related_name="tallies", verbose_name=_("putaran")
    )
    unit = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit kerja")
    )
    relation = models.CharField(_("kelompok penilai"), max_length=8, choices=RelationChoice.choices)
    assigned = models.PositiveIntegerField(_("penilaian"), default=0)
    drafts = models.PositiveIntegerField(_("draf"), default=0)
    submitted = models.PositiveIntegerField(_("terkirim"), default=0)

    class Meta:
        verbose_name = _("rekap progres")
        verbose_name_plural = _("rekap progres")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "unit", "relation"], name="one_tally_per_unit_and_relation"
            ),
            models.CheckConstraint(
                condition=Q(submitted__lte=F("assigned")) & Q(drafts__lte=F("assigned")),
                name="tally_within_assigned",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.round_id} · {self.unit_id} · {self.relation}"


def _score(label: Any) -> Any:
    return models.PositiveSmallIntegerField(
        label, validators=[MinValueValidator(SCALE_MIN), MaxValueValidator(SCALE_MAX)]
    )


def _comment(label: Any) -> Any:
    return models.TextField(label, blank=True)


class Answer(TenantModel):
    """One rater's sent answers about one employee: the 21 behaviours (1–5) and a comment per
    value — without the rater, the assignment or a time (see the module docstring).

    `counted` is set when the round closes: whether the rater's group reached the threshold
    (`aggregation.is_group_shown`); reports read counted answers only.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    round = models.ForeignKey(
        FeedbackRound, on_delete=models.CASCADE, related_name="answers", verbose_name=_("putaran")
    )
    subject = models.ForeignKey(
        "org.Employee",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("pegawai yang dinilai"),
    )
    unit = models.ForeignKey(
        "org.Unit",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("unit pegawai yang dinilai"),
    )
    relation = models.CharField(_("kelompok penilai"), max_length=8, choices=RelationChoice.choices)
    counted = models.BooleanField(_("ditampilkan"), default=False)
    score_1_1 = _score("1a")
    score_1_2 = _score("1b")
    score_1_3 = _score("1c")
    score_2_1 = _score("2a")
    score_2_2 = _score("2b")
    score_2_3 = _score("2c")
    score_3_1 = _score("3a")
    score_3_2 = _score("3b")
    score_3_3 = _score("3c")
    score_4_1 = _score("4a")
    score_4_2 = _score("4b")
    score_4_3 = _score("4c")
    score_5_1 = _score("5a")
    score_5_2 = _score("5b")
    score_5_3 = _score("5c")
    score_6_1 = _score("6a")
    score_6_2 = _score("6b")
    score_6_3 = _score("6c")
    score_7_1 = _score("7a")
    score_7_2 = _score("7b")
    score_7_3 = _score("7c")
    comment_1 = _comment(_("komentar Berorientasi Pelayanan"))
    comment_2 = _comment(_("komentar Akuntabel"))
    comment_3 = _comment(_("komentar Kompeten"))
    comment_4 = _comment(_("komentar Harmonis"))
    comment_5 = _comment(_("komentar Loyal"))
    comment_6 = _comment(_("komentar Adaptif"))
    comment_7 = _comment(_("komentar Kolaboratif"))

    class Meta:
        verbose_name = _("jawaban umpan balik")
        verbose_name_plural = _("jawaban umpan balik")
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    *(
                        Q(**{f"{name}__gte": SCALE_MIN, f"{name}__lte": SCALE_MAX})
                        for name in SCORE_FIELDS
                    )
                ),
                name="answer_scores_on_scale",
            ),
        ]
        indexes = [
            models.Index(fields=["round", "subject", "relation"], name="answer_subject"),
            models.Index(fields=["round", "unit", "counted"], name="answer_unit"),
        ]

    def __str__(self) -> str:
        return f"{self.round} · {self.get_relation_display()}"
