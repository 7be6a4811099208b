"""URL × persona rules of the 360° area, merged into tests/core/test_permission_matrix.py.

The objects: the 2026 round of Kecamatan Plaju (kepala's subtree) created by admin_bkpsdm —
a draft one for the adjustment page, an open one for a questionnaire of pegawai's (their
self-view), a closed one for pegawai's report and the units' view; for the 404 check, the same
in the other agency.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from tests.conftest import World
from tests.matrix import Rule, only, statuses


def _period(agency: Any) -> Any:
    from kinerja.planning import services as planning

    return planning.create_period(
        agency,
        actor=None,
        year=2026,
        name="Tahun 2026",
        frequency="triwulanan",
        approach="kuantitatif",
        start_date=dt.date(2026, 1, 1),
        end_date=dt.date(2026, 12, 31),
    )


def _round(world: World, *, other: bool = False, state: str = "draft") -> Any:
    from django.utils import timezone

    from kinerja.behaviour.services import rounds

    agency = world.other_agency if other else world.agency
    admin = world.users["admin_agensi_lain" if other else "admin_bkpsdm"]
    created = rounds.create_round(
        agency,
        actor=admin,
        period=_period(agency),
        name="Umpan Balik 360° 2026",
        whole_agency=True,
        closes_on=timezone.localdate() + dt.timedelta(days=7),
    )
    if state in ("open", "closed"):
        created = rounds.open_round(created, actor=admin, expected_version=None)
    if state == "closed":
        created = rounds.close_round(created, actor=admin, expected_version=None)
    return created


def _own_questionnaire(world: World, *, other: bool = False) -> dict[str, Any]:
    from kinerja.behaviour.models import Assignment

    feedback_round = _round(world, other=other, state="open")
    person = world.pegawai_lain if other else world.pegawai
    own = Assignment.objects.get(round=feedback_round, subject=person, rater=person)
    return {"pk": own.pk}


def _round_pk(state: str, *, other: bool = False) -> Any:
    return lambda world: {"pk": _round(world, other=other, state=state).pk}


def _report(*, other: bool = False) -> Any:
    def build(world: World) -> dict[str, Any]:
        feedback_round = _round(world, other=other, state="closed")
        person = world.pegawai_lain if other else world.pegawai
        return {"round_pk": feedback_round.pk, "employee_pk": person.pk}

    return build


def _subject(*, other: bool = False) -> Any:
    def build(world: World) -> dict[str, Any]:
        feedback_round = _round(world, other=other)
        person = world.pegawai_lain if other else world.pegawai
        return {"pk": feedback_round.pk, "employee_pk": person.pk}

    return build


QUESTIONNAIRE = {
    "kwargs": _own_questionnaire,
    "other_agency_kwargs": lambda w: _own_questionnaire(w, other=True),
}
DRAFT_ROUND = {"kwargs": _round_pk("draft"), "other_agency_kwargs": _round_pk("draft", other=True)}
CLOSED_ROUND = {
    "kwargs": _round_pk("closed"),
    "other_agency_kwargs": _round_pk("closed", other=True),
}
REPORT = {"kwargs": _report(), "other_agency_kwargs": _report(other=True)}
SUBJECT = {"kwargs": _subject(), "other_agency_kwargs": _subject(other=True)}
ANY_PK = {"kwargs": lambda w: {"pk": 1}}

# Rounds and their progress: the agency admin and the inspector (heads list them to reach the
# units' view). A superuser has no agency, so cannot create one (403), but reads everything.
ROUND_READERS = ("admin_bkpsdm", "inspektur", "kepala", "superuser", "admin_agensi_lain")
PROGRESS_READERS = ("admin_bkpsdm", "inspektur", "superuser")
UNIT_READERS = ("kepala", "admin_bkpsdm", "inspektur", "superuser")
# pegawai's report: pegawai, the supervisor (atasan), the head of the subtree, the agency admin.
REPORT_READERS = ("pegawai", "atasan", "kepala", "admin_bkpsdm", "superuser")
# Who adjusts pegawai's raters: the direct supervisor and the agency admin.
ADJUSTERS = ("atasan", "admin_bkpsdm", "superuser")

RULES: dict[str, Rule] = {
    "behaviour:mine": Rule(statuses(200)),
    # Only the rater reaches a questionnaire: anybody else, admins included, 404.
    "behaviour:questionnaire": Rule(only(("pegawai",), denied=404), **QUESTIONNAIRE),
    "behaviour:round-list": Rule(only(ROUND_READERS)),
    "behaviour:round-create": Rule(only(("admin_bkpsdm", "admin_agensi_lain"))),
    "behaviour:round-detail": Rule(only(PROGRESS_READERS, denied=404), **DRAFT_ROUND),
    "behaviour:round-open": Rule(statuses(405), **ANY_PK),
    "behaviour:round-close": Rule(statuses(405), **ANY_PK),
    "behaviour:round-delete": Rule(statuses(405), **ANY_PK),
    "behaviour:round-remind": Rule(statuses(405), **ANY_PK),
    "behaviour:unit-summary": Rule(only(UNIT_READERS, admin_agensi_lain=404), **CLOSED_ROUND),
    "behaviour:subject-raters": Rule(only(ADJUSTERS, denied=404), **SUBJECT),
    "behaviour:rater-remove": Rule(statuses(405), **ANY_PK),
    "behaviour:report": Rule(only(REPORT_READERS, denied=404), **REPORT),
    "behaviour:report-pdf": Rule(only(REPORT_READERS, denied=404), **REPORT),
    # REST API: anonymous callers get 403; objects outside reach 404; writes are POST/PUT/DELETE.
    "api-behaviour-round-list": Rule(only(ROUND_READERS, anon=403)),
    "api-behaviour-round-detail": Rule(only(PROGRESS_READERS, denied=404, anon=403), **DRAFT_ROUND),
    "api-behaviour-round-open": Rule(statuses(405, anon=403), **ANY_PK),
    "api-behaviour-round-close": Rule(statuses(405, anon=403), **ANY_PK),
    "api-behaviour-round-remind": Rule(statuses(405, anon=403), **ANY_PK),
    "api-behaviour-unit-summary": Rule(
        only(UNIT_READERS, admin_agensi_lain=404, anon=403), **CLOSED_ROUND
    ),
    "api-behaviour-subject-raters": Rule(only(ADJUSTERS, denied=404, anon=403), **SUBJECT),
    "api-behaviour-rater-remove": Rule(statuses(405, anon=403), **ANY_PK),
    "api-behaviour-questionnaire-list": Rule(statuses(200, anon=403)),
    "api-behaviour-questionnaire-detail": Rule(
        only(("pegawai",), denied=404, anon=403), **QUESTIONNAIRE
    ),
    "api-behaviour-questionnaire-submit": Rule(statuses(405, anon=403), **ANY_PK),
    "api-behaviour-report": Rule(only(REPORT_READERS, denied=404, anon=403), **REPORT),
}
