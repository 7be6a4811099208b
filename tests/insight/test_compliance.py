"""The compliance monitor: its counts equal the same counts made here from the raw rows, the
list behind each count, who sees which units, and the Excel files."""

from __future__ import annotations

import datetime as dt
import io

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from kinerja.appraisal.models import (
    Evaluation,
    Evidence,
    Feedback,
    Realisation,
    UnitAssessment,
)
from kinerja.citizen.models import Complaint
from kinerja.core.tenancy import tenant_scope
from kinerja.insight.compliance import CHECKS, EVALUATION_GRACE_DAYS
from kinerja.org.models import Employee
from kinerja.planning.models import PerformancePlan, PlanStatus
from tests import factories
from tests.insight.conftest import TODAY

CODES = [check.code for check in CHECKS]


def _expected(world, period) -> dict[str, int]:
    """The same counts, made the plain way from the raw rows."""
    with tenant_scope(world.agency):
        deadline = period.plan_deadline
        active = Employee.objects.filter(is_active=True)
        in_time = {
            p.employee_id
            for p in PerformancePlan.objects.filter(period=period, is_current=True)
            if p.status == PlanStatus.APPROVED
            and timezone.localtime(p.approved_at).date() <= deadline
        }
        plan_late = sum(1 for e in active if e.pk not in in_time)
        no_evidence = sum(
            1
            for r in Realisation.objects.filter(plan__period=period)
            if r.computed_at is None
            and (r.value is not None or r.text)
            and not Evidence.objects.filter(realisation=r).exists()
        )
        without_basis = 0
        for e in Evaluation.objects.filter(period=period, kind="periodik"):
            if e.status not in ("rated", "final"):
                continue
            evidence = Evidence.objects.filter(
                realisation__plan=e.plan, realisation__subperiod=e.subperiod
            ).exists()
            feedback = Feedback.objects.filter(plan=e.plan, subperiod=e.subperiod).exists()
            without_basis += not evidence and not feedback
        breaches = UnitAssessment.objects.filter(breach_confirmed_at__isnull=False).count()
        # Triwulan I–III ended more than EVALUATION_GRACE_DAYS before TODAY; IV has not.
        limit = TODAY - dt.timedelta(days=EVALUATION_GRACE_DAYS)
        ends = {1: dt.date(2026, 3, 31), 2: dt.date(2026, 6, 30), 3: dt.date(2026, 9, 30)}
        due = [number for number, end in ends.items() if end < limit]
        late = 0
        for plan in PerformancePlan.objects.filter(period=period, status=PlanStatus.APPROVED):
            finals = {
                e.subperiod
                for e in Evaluation.objects.filter(employee=plan.employee, status="final")
            }
            late += sum(1 for s in due if s not in finals)
        overdue = sum(
            1
            for c in Complaint.objects.all()
            if c.status in ("diterima", "diproses")
            and (
                c.resolution_due < TODAY
                or (c.first_responded_at is None and c.first_response_due < TODAY)
            )
        )
    return {
        "plan_late": plan_late,
        "realisation_no_evidence": no_evidence,
        "rating_without_basis": without_basis,
        "distribution_breach": breaches,
        "evaluation_late": late,
        "complaint_overdue": overdue,
    }


def _card_figures(response) -> dict[str, int]:
    figures = {}
    for check, total, _note in response.context["cards"]:
        figures[check.code] = total
    return figures


def test_the_counts_equal_the_raw_rows_counted_here(world, period, cycle, login):
    expected = _expected(world, period)
    # The fixture was built so that every check has something, and not everything.
    assert expected == {
        "plan_late": 6,  # 7 active employees; only pegawai's SKP was approved in time
        "realisation_no_evidence": 2,
        "rating_without_basis": 2,
        "distribution_breach": 1,
        "evaluation_late": 3 * 3 - 2,  # three SKP × Triwulan I–III, two of them final
        "complaint_overdue": 2,
    }
    response = login("admin_bkpsdm").get(reverse("insight:compliance"))
    assert response.status_code == 200
    assert _card_figures(response) == expected
    rows = {row.name: dict(zip(CODES, row.counts, strict=True)) for row in response.context["page"]}
    assert rows["Kelurahan Plaju Ulu"]["complaint_overdue"] == 2
    assert rows["Kelurahan Plaju Ulu"]["realisation_no_evidence"] == 2
    assert sum(r["plan_late"] for r in rows.values()) == expected["plan_late"]


def test_each_count_opens_the_list_behind_it(world, period, cycle, auditing, login):
    client = login("inspektur")  # auditing Kecamatan Plaju: every unit with rows here
    expected = _expected(world, period)
    for code in CODES:
        response = client.get(reverse("insight:compliance-list", args=[code]))
        assert response.status_code == 200, code
        if code == "evaluation_late":
            assert sum(row[-1] for row in response.context["rows"]) == expected[code]
        else:
            assert response.context["page"].paginator.count == expected[code], code
    unit_only = client.get(
        reverse("insight:compliance-list", args=["complaint_overdue"]),
        {"unit": world.kelurahan.pk},
    )
    assert [row[0] for row in unit_only.context["rows"]] == ["ADU-TEST-0", "ADU-TEST-1"]


def test_a_head_sees_only_their_subtree_and_staff_see_nothing(world, period, cycle, login):
    other_unit = factories.make_unit(world.agency, "Dinas Perhubungan", "dinas")
    factories.make_employee(other_unit, "Orang Dinas Lain")
    admin = login("admin_bkpsdm").get(reverse("insight:compliance"))
    assert "Dinas Perhubungan" in {row.name for row in admin.context["page"]}
    head = login("kepala").get(reverse("insight:compliance"))
    assert head.status_code == 200
    assert "Dinas Perhubungan" not in {row.name for row in head.context["page"]}
    assert _card_figures(head)["plan_late"] == _card_figures(admin)["plan_late"] - 1
    outside = login("kepala").get(
        reverse("insight:compliance-list", args=["plan_late"]), {"unit": other_unit.pk}
    )
    assert outside.status_code == 404
    for persona in ("pegawai", "atasan", "petugas_layanan"):
        assert login(persona).get(reverse("insight:compliance")).status_code == 403


def test_an_inspector_counts_the_agency_but_lists_only_the_units_under_audit(
    world, period, cycle, login
):
    other_unit = factories.make_unit(world.agency, "Dinas Perhubungan", "dinas")
    factories.make_employee(other_unit, "Orang Dinas Lain")
    admin = login("admin_bkpsdm").get(reverse("insight:compliance"))
    client = login("inspektur")  # no audit yet

    overview = client.get(reverse("insight:compliance"))
    assert _card_figures(overview) == _card_figures(admin)
    page = overview.content.decode()
    assert "hanya dapat Anda buka untuk unit yang sedang Anda periksa" in page
    assert reverse("insight:compliance-list", args=["plan_late"]) not in page
    listed = client.get(reverse("insight:compliance-list", args=["plan_late"]))
    assert listed.status_code == 200
    assert listed.context["rows"] == []
    assert (
        client.get(
            reverse("insight:compliance-list", args=["plan_late"]), {"unit": world.kelurahan.pk}
        ).status_code
        == 404
    )

    from tests.oversight.builders import make_audit

    make_audit(world)  # Kecamatan Plaju, fieldwork
    cache.clear()
    client = login("inspektur")
    page = client.get(reverse("insight:compliance")).content.decode()
    assert f"unit={world.kelurahan.pk}" in page  # its counts link to their lists now
    assert f"unit={other_unit.pk}" not in page
    names = {
        row[1]
        for row in client.get(reverse("insight:compliance-list", args=["plan_late"])).context[
            "rows"
        ]
    }
    assert "Orang Dinas Lain" not in names
    assert "Budi Santoso" not in names  # his SKP was approved in time
    assert "Dewi Lestari" in names
    outside = client.get(
        reverse("insight:compliance-list", args=["plan_late"]), {"unit": other_unit.pk}
    )
    assert outside.status_code == 404


def test_another_agencys_period_is_not_found(world, period, cycle, login):
    response = login("admin_agensi_lain").get(reverse("insight:compliance"), {"period": period.pk})
    assert response.status_code == 404
    unknown = login("admin_bkpsdm").get(reverse("insight:compliance-list", args=["nothing"]))
    assert unknown.status_code == 404


def test_before_the_deadline_no_plan_is_late_and_the_page_says_why(world, period, cycle, login):
    period.plan_deadline = dt.date(2026, 12, 1)
    period.save(update_fields=["plan_deadline"])
    response = login("admin_bkpsdm").get(reverse("insight:compliance"))
    assert _card_figures(response)["plan_late"] == 0
    assert "Batas pengajuan SKP belum lewat." in response.content.decode()


def test_the_counts_and_each_list_download_as_excel(world, period, cycle, login):
    client = login("admin_bkpsdm")
    response = client.get(reverse("insight:compliance"), {"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    header = [cell.value for cell in sheet[1]]
    assert header[0] == "Unit kerja"
    assert header[-1] == "Jumlah"
    kelurahan = next(
        row
        for row in sheet.iter_rows(min_row=2, values_only=True)
        if row[0] == "Kelurahan Plaju Ulu"
    )
    assert kelurahan[CODES.index("complaint_overdue") + 1] == 2
    listing = client.get(
        reverse("insight:compliance-list", args=["realisation_no_evidence"]), {"format": "xlsx"}
    )
    rows = list(load_workbook(io.BytesIO(listing.content)).active.iter_rows(values_only=True))
    assert rows[0][:2] == ("NIP", "Nama")
    assert [row[1] for row in rows[1:]] == ["Budi Santoso", "Budi Santoso"]


def test_the_overview_takes_a_fixed_number_of_queries(world, period, cycle, login):
    client = login("admin_bkpsdm")
    client.get(reverse("insight:compliance"))  # warm: session, roles
    cache.clear()
    with CaptureQueriesContext(connection) as before:
        client.get(reverse("insight:compliance"))
    other = factories.make_unit(
        world.agency, "Kelurahan Bagus Kuning", "kelurahan", parent=world.kecamatan
    )
    for index in range(5):
        factories.make_employee(other, f"Pegawai Baru {index}")
    cache.clear()  # the figures are kept for minutes; count the queries that compute them
    with CaptureQueriesContext(connection) as after:
        response = client.get(reverse("insight:compliance"))
    assert "Kelurahan Bagus Kuning" in {row.name for row in response.context["page"]}
    assert len(after) == len(before)


def test_the_figures_are_kept_for_minutes_and_say_when_they_were_computed(
    world, period, cycle, login, settings
):
    client = login("admin_bkpsdm")
    first = client.get(reverse("insight:compliance"))
    assert "Angka dihitung pukul" in first.content.decode()
    factories.make_employee(world.kelurahan, "Pegawai Terlambat")
    kept = client.get(reverse("insight:compliance"))
    assert _card_figures(kept)["plan_late"] == _card_figures(first)["plan_late"]
    settings.INSIGHT_FIGURES_SECONDS = 0  # no keeping: every request counts afresh
    fresh = client.get(reverse("insight:compliance"))
    assert _card_figures(fresh)["plan_late"] == _card_figures(first)["plan_late"] + 1
