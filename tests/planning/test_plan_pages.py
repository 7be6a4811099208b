"""The SKP pages and API as the personas use them: workflow, read-only, 404s, stale decisions."""

from __future__ import annotations

from django.urls import reverse

from kinerja.planning import services
from kinerja.planning.models import PlanStatus


def test_rater_approves_on_the_page_and_a_stale_form_shows_a_message(world, submitted_plan, login):
    client = login("atasan")
    url = reverse("planning:plan-approve", args=[submitted_plan.pk])

    stale = client.post(url, {"version": submitted_plan.version - 1}, follow=True)
    submitted_plan.refresh_from_db()
    assert submitted_plan.status == PlanStatus.SUBMITTED
    assert "telah diubah oleh pengguna lain" in stale.content.decode()

    client.post(url, {"version": submitted_plan.version})
    submitted_plan.refresh_from_db()
    assert submitted_plan.status == PlanStatus.APPROVED


def test_employee_cannot_approve_own_plan_on_the_page(world, submitted_plan, login):
    response = login("pegawai").post(
        reverse("planning:plan-approve", args=[submitted_plan.pk]),
        {"version": submitted_plan.version},
    )
    assert response.status_code == 403
    submitted_plan.refresh_from_db()
    assert submitted_plan.status == PlanStatus.SUBMITTED


def test_approved_plan_is_read_only_on_the_page_and_the_api(world, submitted_plan, login):
    plan = services.approve_plan(submitted_plan, actor=world.users["atasan"], expected_version=None)
    client = login("pegawai")

    page = client.get(reverse("planning:plan-detail", args=[plan.pk])).content.decode()
    client.post(
        reverse("planning:result-add", args=[plan.pk]),
        {"version": plan.version, "kind": "utama", "text": "Sisipan"},
    )
    api = client.post(
        reverse("api-plan-submit", args=[plan.pk]), {"version": plan.version}, format="json"
    )

    assert "Tambah RHK" not in page
    assert "Disetujui" in page
    assert api.status_code == 400
    plan.refresh_from_db()
    assert (plan.status, plan.results.count()) == (PlanStatus.APPROVED, 1)


def test_another_units_supervisor_and_another_agency_get_404(world, period, login):
    plan = services.start_plan(world.kepala, actor=None, period=period)
    for persona in ("atasan", "admin_agensi_lain"):
        client = login(persona)
        assert client.get(reverse("planning:plan-detail", args=[plan.pk])).status_code == 404
        assert client.get(reverse("api-plan-detail", args=[plan.pk])).status_code == 404
        response = client.post(reverse("api-plan-approve", args=[plan.pk]), {"version": 1})
        assert response.status_code == 404


def test_api_approval_with_a_stale_version_answers_409(world, submitted_plan, login):
    client = login("atasan")
    url = reverse("api-plan-approve", args=[submitted_plan.pk])

    stale = client.post(url, {"version": submitted_plan.version + 5})
    fresh = client.post(url, {"version": submitted_plan.version})

    assert stale.status_code == 409
    assert stale.json()["code"] == "stale"
    assert fresh.status_code == 200
    assert fresh.json()["status"] == "approved"


def test_api_return_then_employee_resubmits(world, submitted_plan, login):
    returned = login("atasan").post(
        reverse("api-plan-return", args=[submitted_plan.pk]),
        {"version": submitted_plan.version, "note": "Lengkapi target waktu."},
    )
    assert returned.status_code == 200
    version = returned.json()["version"]

    resubmitted = login("pegawai").post(
        reverse("api-plan-submit", args=[submitted_plan.pk]), {"version": version}
    )

    assert resubmitted.status_code == 200
    assert resubmitted.json()["status"] == "submitted"


def test_api_list_shows_only_plans_in_reach(world, period, approved_plan, login):
    approved_plan(world.atasan)
    services.start_plan(world.pegawai, actor=None, period=period)
    services.start_plan(world.rekan, actor=None, period=period)

    mine = login("pegawai").get(reverse("api-plan-list")).json()

    assert [row["employee_name"] for row in mine["results"]] == ["Budi Santoso"]


def test_team_overview_query_count_is_constant(
    world, period, login, django_assert_max_num_queries, approved_plan
):
    from tests import factories

    approved_plan(world.atasan)
    services.start_plan(world.pegawai, actor=None, period=period)
    client = login("atasan")
    client.get(reverse("planning:team"))
    with django_assert_max_num_queries(20) as few:
        client.get(reverse("planning:team"))
    for index in range(5):
        factories.make_employee(world.kelurahan, f"Staf Tambahan {index}", supervisor=world.atasan)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("planning:team"))

    page = response.content.decode()
    assert "Staf Tambahan 4" in page
    assert "Belum dibuat" in page


def test_team_overview_lists_status_and_role_result_matrix(world, submitted_plan, login):
    page = login("atasan").get(reverse("planning:team")).content.decode()

    assert "Budi Santoso" in page
    assert "Diajukan" in page
    assert "Surat pengantar terlayani" in page  # the matrix cell under atasan's RHK


def test_employee_drafts_on_the_page(world, period, login):
    client = login("pegawai")
    client.post(reverse("planning:plan-start"), {"period": period.pk})
    plan = world.pegawai.plans.get()
    client.post(
        reverse("planning:result-add", args=[plan.pk]),
        {"version": plan.version, "kind": "utama", "text": "Arsip tertata"},
    )
    plan.refresh_from_db()
    result = plan.results.get()
    client.post(
        reverse("planning:indicator-add", args=[result.pk]),
        {
            "version": plan.version,
            "aspect": "kuantitas",
            "text": "Jumlah arsip",
            "target_value": "100",
            "unit_of_measure": "berkas",
        },
    )
    plan.refresh_from_db()
    client.post(reverse("planning:plan-submit", args=[plan.pk]), {"version": plan.version})

    plan.refresh_from_db()
    assert plan.status == PlanStatus.SUBMITTED
    assert [i.text for i in result.indicators.all()] == ["Jumlah arsip"]


def test_admin_plan_list_filters_and_exports(world, period, login):
    services.start_plan(world.pegawai, actor=None, period=period)
    client = login("admin_bkpsdm")

    listed = client.get(reverse("planning:plan-list"), {"status": "draft", "q": "Budi"})
    exported = client.get(reverse("planning:plan-list"), {"format": "xlsx"})

    assert "Budi Santoso" in listed.content.decode()
    assert exported["Content-Disposition"] == 'attachment; filename="skp.xlsx"'
