"""The leaders' dashboard: every figure equals the same figure made here from the raw rows,
who sees which units, and the links from each chart to the list behind it."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from django.urls import reverse

from kinerja.appraisal.distribution import check_distribution
from kinerja.appraisal.models import Evaluation, Realisation, UnitAssessment
from kinerja.appraisal.predicate import OrganisationPredicate, Predicate
from kinerja.core.tenancy import tenant_scope
from kinerja.org.models import Employee
from kinerja.planning.models import Indicator, PerformancePlan
from tests import factories
from tests.insight.conftest import JAKARTA, TODAY


def _charts(response) -> dict[str, object]:
    return {chart.key: chart for chart in response.context["charts"]}


def test_every_figure_equals_the_raw_rows_counted_here(world, period, citizen_data, login):
    response = login("admin_bkpsdm").get(reverse("insight:dashboard"))
    assert response.status_code == 200
    charts = _charts(response)
    with tenant_scope(world.agency):
        # SKP: every active employee of the agency, by the status of their current SKP.
        employees = list(Employee.objects.filter(is_active=True))
        plans = {
            p.employee_id: p.status
            for p in PerformancePlan.objects.filter(period=period, is_current=True)
        }
        approved = sum(1 for e in employees if plans.get(e.pk) == "approved")
        without = sum(1 for e in employees if e.pk not in plans)
        # Realisations: per sub-period begun (I–IV by 20 November), recorded of all indicators.
        approved_plans = [pk for pk, s in plans.items() if s == "approved"]
        indicators = Indicator.objects.filter(result__plan__employee_id__in=approved_plans).count()
        recorded = {
            n: sum(
                1 for r in Realisation.objects.filter(subperiod=n) if r.value is not None or r.text
            )
            for n in (1, 2, 3, 4)
        }
        # Predicates: the latest periodic evaluation with final ones (no annual yet).
        finals = Evaluation.objects.filter(status="final")
        latest = max(e.subperiod for e in finals)
        final_predicates = [e.predicate for e in finals if e.subperiod == latest]
        chosen = UnitAssessment.objects.get(subperiod=latest).organisation_predicate
        check = check_distribution(
            OrganisationPredicate(chosen),
            {Predicate(p): final_predicates.count(p) for p in set(final_predicates)},
        )
    plan_chart = charts["plans"]
    plan_counts = dict(zip(plan_chart.labels, plan_chart.series[0][1], strict=True))
    assert plan_counts["Disetujui"] == approved == 3
    assert plan_counts["Belum ada SKP"] == without == len(employees) - 3
    progress = charts["progress"]
    assert [row[1] for row in progress.rows] == [recorded[n] for n in (1, 2, 3, 4)] == [2, 2, 0, 0]
    assert {row[2] for row in progress.rows} == {indicators} == {3}
    assert progress.series[0][1][:2] == [66.7, 66.7]
    predicates = charts["predicates"]
    counted = dict(zip(predicates.labels, predicates.series[0][1], strict=True))
    assert counted == {member.value: final_predicates.count(member.value) for member in Predicate}
    breaching = "1 unit menyimpang" if not check.passes else "0 unit menyimpang"
    assert breaching in predicates.note

    # IKM: pooled over the unit's answers; every element answered alike here.
    ikm = {row[0]: row for row in charts["ikm"].rows}
    for unit_name, values in (("Kelurahan Plaju Ulu", [4, 3, 3]), ("Kecamatan Plaju", [2, 2])):
        nrr = Decimal(sum(values)) / len(values)
        expected = (nrr * 25).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        assert ikm[unit_name][1] == len(values)
        assert ikm[unit_name][2] == expected
    assert [row[0] for row in charts["ikm"].rows] == ["Kelurahan Plaju Ulu", "Kecamatan Plaju"]

    # Turnaround: March 2 of 3 within the standard, median 45; April 1 of 1.
    turnaround = {row[0]: row for row in charts["turnaround"].rows}
    assert turnaround["Mar"][1:] == [3, "45", "66,7%"]
    assert turnaround["Apr"][1:] == [1, "20", "100%"]
    assert turnaround["Jan"][1:] == [0, "–", "–"]
    # Complaints: May 1 of 2 on time, June 1 of 1.
    complaints = {row[0]: row for row in charts["complaints"].rows}
    assert complaints["Mei"][1:] == [2, 1, "50%"]
    assert complaints["Jun"][1:] == [1, 1, "100%"]


def test_a_head_sees_their_subtree_and_staff_see_no_dashboard(world, period, citizen_data, login):
    elsewhere = factories.make_unit(world.agency, "Dinas Perhubungan", "dinas")
    factories.make_employee(elsewhere, "Pegawai Dinas")
    admin = _charts(login("admin_bkpsdm").get(reverse("insight:dashboard")))
    head = _charts(login("kepala").get(reverse("insight:dashboard")))
    admin_none = dict(zip(admin["plans"].labels, admin["plans"].series[0][1], strict=True))
    head_none = dict(zip(head["plans"].labels, head["plans"].series[0][1], strict=True))
    assert admin_none["Belum ada SKP"] == head_none["Belum ada SKP"] + 1
    for persona in ("pegawai", "atasan", "petugas_layanan", "pemantau"):
        assert login(persona).get(reverse("insight:dashboard")).status_code == 403


def test_each_chart_links_to_the_list_behind_it(world, period, citizen_data, login):
    client = login("admin_bkpsdm")
    charts = _charts(client.get(reverse("insight:dashboard")))
    approved_link = charts["plans"].links[charts["plans"].labels.index("Disetujui")]
    assert f"period={period.pk}" in approved_link
    assert "status=approved" in approved_link
    assert client.get(approved_link).status_code == 200
    for key in ("progress", "predicates", "ikm", "turnaround", "complaints"):
        for link in {link for link in charts[key].links if link}:
            assert client.get(link).status_code == 200, (key, link)


def test_another_agencys_period_is_not_found(world, period, login):
    response = login("admin_agensi_lain").get(reverse("insight:dashboard"), {"period": period.pk})
    assert response.status_code == 404


def test_learning_hours_talent_boxes_and_audit_recommendations_equal_the_raw_rows(
    world, period, cycle, login
):
    from kinerja.oversight.models import Recommendation as AuditRecommendation
    from kinerja.talent.models import TalentPlacement
    from tests.development.builders import record
    from tests.oversight.builders import make_setup

    record(world.pegawai, 12, year=2026)
    record(world.pegawai, 10, year=2026)  # 22 JP: reached
    record(world.rekan, 16, year=2026)  # short
    record(world.rekan, 30, year=2025)  # another year: not counted
    with tenant_scope(world.agency):
        for employee, box in ((world.pegawai, 9), (world.rekan, 9), (world.atasan, 5)):
            TalentPlacement.objects.create(
                agency=world.agency,
                employee=employee,
                box=box,
                performance="above",
                potential="high",
                performance_score=4.6,
                potential_score=85,
                computed_at=dt.datetime(2026, 11, 1, tzinfo=JAKARTA),
            )
    setup = make_setup(world)
    with tenant_scope(world.agency):
        AuditRecommendation.objects.filter(pk=setup.recommendation.pk).update(
            due_date=TODAY - dt.timedelta(days=1)
        )
        employees = Employee.objects.filter(is_active=True).count()

    charts = _charts(login("admin_bkpsdm").get(reverse("insight:dashboard")))
    learning = dict(zip(charts["learning"].labels, charts["learning"].series[0][1], strict=True))
    assert learning == {"Sudah 20 JP": 1, "Di bawah 20 JP": employees - 1}
    assert "38 JP tercatat tahun ini" in charts["learning"].note
    boxes = dict(zip(charts["talent"].labels, charts["talent"].series[0][1], strict=True))
    assert (boxes["Kotak 9"], boxes["Kotak 5"], boxes["Kotak 1"]) == (2, 1, 0)
    audits = dict(zip(charts["audits"].labels, charts["audits"].series[0][1], strict=True))
    assert audits == {"Belum ditindaklanjuti": 1, "Dalam proses": 0, "Melewati batas waktu": 1}
    head = _charts(login("kepala").get(reverse("insight:dashboard")))
    assert head["audits"].series == charts["audits"].series  # the finding is in their subtree


def test_the_periodic_warm_up_keeps_the_agency_figures_before_anyone_asks(
    world, period, cycle, login
):
    from kinerja.insight.tasks import warm_leader_figures

    with tenant_scope(world.agency):
        employees = Employee.objects.filter(is_active=True).count()
    assert warm_leader_figures.delay().get() == 1  # the home agency's period in progress
    factories.make_employee(world.kelurahan, "Pegawai Baru")  # after the warm-up
    client = login("admin_bkpsdm")

    plans = _charts(client.get(reverse("insight:dashboard")))["plans"]
    assert sum(plans.series[0][1]) == employees  # served from the warm-up, not recounted
    cards = client.get(reverse("insight:compliance")).context["cards"]
    late = next(total for check, total, _note in cards if check.code == "plan_late")
    assert late == employees - 1  # only pegawai's SKP was approved in time
