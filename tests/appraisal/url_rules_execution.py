"""URL × persona rules of this area, merged into tests/core/test_permission_matrix.py.

Realisation, evidence and feedback follow the plan they belong to: whoever may see the plan sees
them (the employee, the rater, the head of the unit, admins, inspectors, national viewers);
anyone else, and anyone of another agency, gets 404. Writes are POST only.
"""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

from tests.conftest import World
from tests.matrix import Rule, only, statuses

PLAN_VIEWERS = ("pegawai", "atasan", "kepala", "admin_bkpsdm", "inspektur", "pemantau", "superuser")
LISTERS = ("kepala", "admin_bkpsdm", "inspektur", "pemantau", "superuser", "admin_agensi_lain")


def _period(agency):
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


def _draft_plan(world: World, *, other: bool = False) -> dict[str, Any]:
    from kinerja.planning import services as planning

    agency, employee = (
        (world.other_agency, world.pegawai_lain) if other else (world.agency, world.pegawai)
    )
    return {"pk": planning.start_plan(employee, actor=None, period=_period(agency)).pk}


def _approved_plan(world: World):
    from kinerja.planning import services as planning

    pegawai = world.users["pegawai"]
    plan = planning.start_plan(world.pegawai, actor=None, period=_period(world.agency))
    result = planning.add_result(
        plan, actor=pegawai, expected_version=None, kind="utama", text="Surat terlayani"
    )
    planning.add_indicator(
        result,
        actor=pegawai,
        expected_version=None,
        aspect="kuantitas",
        text="Jumlah surat",
        target_value=Decimal(12),
    )
    plan = planning.submit_plan(plan, actor=pegawai, expected_version=None)
    return planning.approve_plan(plan, actor=world.users["atasan"], expected_version=None)


def _realisation(world: World):
    from kinerja.appraisal.services import execution as services

    plan = _approved_plan(world)
    return services.record_realisation(
        plan,
        actor=world.users["pegawai"],
        indicator=plan.results.get().indicators.get(),
        subperiod=1,
        value=Decimal(3),
    )


def _png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (2, 2), (0, 90, 160)).save(buffer, format="PNG")
    return buffer.getvalue()


def _evidence(world: World) -> dict[str, Any]:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from kinerja.appraisal.services import execution as services

    evidence = services.add_evidence_file(
        _realisation(world),
        actor=world.users["pegawai"],
        upload=SimpleUploadedFile("bukti.png", _png(), content_type="image/png"),
    )
    return {"pk": evidence.pk}


def _foreign_realisation(world: World):
    """Another agency's approved plan with a realisation, written directly (no rater there)."""
    from kinerja.appraisal.models import Realisation
    from kinerja.planning.models import Indicator, PerformancePlan, PlannedResult

    period = _period(world.other_agency)
    plan = PerformancePlan.objects.create(
        agency=world.other_agency,
        period=period,
        employee=world.pegawai_lain,
        status="approved",
        segment_start=period.start_date,
        segment_end=period.end_date,
    )
    result = PlannedResult.objects.create(agency=world.other_agency, plan=plan, text="Layanan")
    indicator = Indicator.objects.create(
        agency=world.other_agency,
        result=result,
        aspect="kuantitas",
        text="Jumlah",
        target_value=Decimal(4),
    )
    return Realisation.objects.create(
        agency=world.other_agency, plan=plan, indicator=indicator, subperiod=1, value=Decimal(1)
    )


def _foreign_evidence(world: World) -> dict[str, Any]:
    from kinerja.appraisal.models import Evidence

    evidence = Evidence.objects.create(
        agency=world.other_agency,
        realisation=_foreign_realisation(world),
        kind="file",
        file="evidence/0/00/00",
        original_name="bukti.pdf",
        content_type="application/pdf",
    )
    return {"pk": evidence.pk}


PLAN = {
    "kwargs": lambda w: _draft_plan(w),
    "other_agency_kwargs": lambda w: _draft_plan(w, other=True),
}
SHEET = {
    "kwargs": lambda w: {**_draft_plan(w), "subperiod": 1},
    "other_agency_kwargs": lambda w: {**_draft_plan(w, other=True), "subperiod": 1},
}
REALISATION = {
    "kwargs": lambda w: {"pk": _realisation(w).pk},
    "other_agency_kwargs": lambda w: {"pk": _foreign_realisation(w).pk},
}
EVIDENCE = {"kwargs": _evidence, "other_agency_kwargs": _foreign_evidence}
POST_ONLY_SHEET = {"kwargs": lambda w: {"pk": 1, "subperiod": 1}}

RULES: dict[str, Rule] = {
    "appraisal:my-performance": Rule(statuses(200)),
    "appraisal:team-performance": Rule(only(("atasan", "kepala", "superuser"))),
    "appraisal:realisation-list": Rule(only(LISTERS)),
    "appraisal:realisation-current": Rule(only(PLAN_VIEWERS, denied=404), **PLAN),
    "appraisal:realisation": Rule(only(PLAN_VIEWERS, denied=404), **SHEET),
    "appraisal:realisation-save": Rule(
        statuses(405), kwargs=lambda w: {"pk": 1, "subperiod": 1, "indicator": 1}
    ),
    "appraisal:feedback-add": Rule(statuses(405), **POST_ONLY_SHEET),
    "appraisal:dialogue-add": Rule(statuses(405), **POST_ONLY_SHEET),
    "appraisal:evidence-upload": Rule(statuses(405), kwargs=lambda w: {"pk": 1}),
    "appraisal:evidence-link": Rule(statuses(405), kwargs=lambda w: {"pk": 1}),
    "appraisal:evidence-delete": Rule(statuses(405), kwargs=lambda w: {"pk": 1}),
    "appraisal:evidence-download": Rule(only(PLAN_VIEWERS, denied=404), **EVIDENCE),
    # REST API: anonymous callers get 403 (session auth answers first).
    "api-realisation-list": Rule(only(PLAN_VIEWERS, denied=404, anon=403), **PLAN),
    "api-realisation-detail": Rule(only(PLAN_VIEWERS, denied=404, anon=403), **REALISATION),
    "api-evidence-list": Rule(only(PLAN_VIEWERS, denied=404, anon=403), **REALISATION),
    "api-evidence-detail": Rule(only(PLAN_VIEWERS, denied=404, anon=403), **EVIDENCE),
    "api-feedback-list": Rule(only(PLAN_VIEWERS, denied=404, anon=403), **PLAN),
    "api-dialogue-list": Rule(only(PLAN_VIEWERS, denied=404, anon=403), **PLAN),
}
