"""The agencies side by side: each agency's measures equal the raw rows counted here, only
national viewers may look, and nothing can be changed from there."""

from __future__ import annotations

import io

from django.urls import reverse
from openpyxl import load_workbook

from kinerja.citizen.models import Complaint, ServiceRequest
from kinerja.core.tenancy import tenant_scope
from kinerja.org.models import Employee
from kinerja.planning.models import PerformancePlan


def test_each_agencys_measures_equal_the_raw_rows(world, period, citizen_data, login):
    response = login("pemantau").get(reverse("insight:regions"), {"year": 2026})
    assert response.status_code == 200
    rows = {row.agency.code: row for row in response.context["rows"]}
    home, other = rows[world.agency.code], rows[world.other_agency.code]
    with tenant_scope(world.agency):
        employees = Employee.objects.filter(is_active=True).count()
        approved = PerformancePlan.objects.filter(status="approved", is_current=True).count()
        requests = list(ServiceRequest.objects.filter(completed_at__year=2026))
        resolved = list(Complaint.objects.filter(resolved_at__year=2026))
    assert home.employees == employees
    assert home.plans_approved == approved == 3
    assert home.completed == len(requests) == 4
    assert home.within_standard == sum(1 for r in requests if r.within_standard) == 3
    assert home.resolved == len(resolved) == 3
    assert home.on_time == sum(1 for c in resolved if c.resolved_on_time) == 2
    assert str(home.on_time_share) == "66.7"
    # Both final evaluations of Triwulan I are Baik.
    assert (home.finals, home.finals_good) == (2, 2)
    # IKM pooled over five answers: (4 + 3 + 3 + 2 + 2) / 5 × 25 = 70.
    assert str(home.ikm) == "70.00"
    assert home.ikm_respondents == 5
    with tenant_scope(world.other_agency):
        assert other.employees == Employee.objects.filter(is_active=True).count()
    assert (other.plans_approved, other.completed, other.resolved, other.ikm) == (0, 0, 0, None)
    ikm_trend = next(chart for chart in response.context["trends"] if chart.key == "trend-ikm")
    home_trend = next(row for row in ikm_trend.rows if row[0] == world.agency.name)
    assert [str(value) if value is not None else None for value in home_trend[1:]] == [
        None,
        None,
        "70.00",
    ]


def test_only_national_viewers_compare_and_nothing_can_be_changed(world, login):
    for persona in ("pegawai", "kepala", "admin_bkpsdm", "inspektur", "admin_agensi_lain"):
        assert login(persona).get(reverse("insight:regions")).status_code == 403
    viewer = login("pemantau")
    assert viewer.post(reverse("insight:regions")).status_code == 405


def test_the_comparison_downloads_as_excel(world, period, citizen_data, login):
    response = login("pemantau").get(reverse("insight:regions"), {"year": 2026, "format": "xlsx"})
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][:2] == ("Instansi", "Pegawai aktif")
    home = next(row for row in rows[1:] if row[0] == world.agency.name)
    assert home[-1] == 66.7
