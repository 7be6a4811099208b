"""The life of an audit and of a recommendation, as pure rules over plain values.

An audit (pemeriksaan) follows the stages of the inspectorate's work programme (PKPT, as
PermenPAN 19/2009 on audit quality and the APIP audit standards describe it): it is planned
under an assignment letter (surat tugas), the team works in the field, reports (Laporan Hasil
Pemeriksaan) and closes. The report may send the team back to the field before closing; a
closed audit is final. A recommendation stays open until the team accepts a follow-up
(tindak lanjut) or declares it not applicable with a reason; one unfinished after its due date
is overdue (the 60 days of PP 12/2017 art. 20 being the usual default for the due date).
"""

from __future__ import annotations

import datetime as dt

PLANNED = "direncanakan"
FIELDWORK = "pelaksanaan"
REPORTING = "pelaporan"
CLOSED = "selesai"

TRANSITIONS: dict[str, tuple[str, ...]] = {
    PLANNED: (FIELDWORK,),
    FIELDWORK: (REPORTING,),
    REPORTING: (FIELDWORK, CLOSED),
    CLOSED: (),
}

# Default follow-up time of a recommendation (PP 12/2017, art. 20: 60 days after the report).
DEFAULT_FOLLOW_UP_DAYS = 60

UNFINISHED = ("terbuka", "proses")


def can_move(current: str, target: str) -> bool:
    """Whether an audit in `current` may move to `target`."""
    return target in TRANSITIONS.get(current, ())


def accepts_visits(status: str) -> bool:
    """Field visits are recorded during fieldwork only."""
    return status == FIELDWORK


def accepts_findings(status: str) -> bool:
    """Findings and recommendations are written in the field and while reporting."""
    return status in (FIELDWORK, REPORTING)


def accepts_follow_ups(status: str) -> bool:
    """Follow-ups come once the audit has left planning — also after it closed, since the
    monitoring of follow-ups (pemantauan tindak lanjut) outlives the report."""
    return status != PLANNED


def is_overdue(status: str, due_date: dt.date, today: dt.date) -> bool:
    """An unfinished recommendation whose due date has passed."""
    return status in UNFINISHED and due_date < today


def days_overdue(due_date: dt.date, today: dt.date) -> int:
    return max(0, (today - due_date).days)


def reminder_week(due_date: dt.date, today: dt.date) -> int | None:
    """Which weekly reminder is due for a recommendation overdue on `today` (0 = the first,
    the day after the due date), or None when it is not overdue. The reminder run keys its
    notices by this number, so running it many times a day (or a week) tells nobody twice."""
    late = (today - due_date).days
    return (late - 1) // 7 if late > 0 else None
