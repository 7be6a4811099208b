"""The overview pages: the supervisor's team, the realisation list, Kinerja saya."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from kinerja.appraisal.services import execution as services
from kinerja.org.models import ActingAssignment
from kinerja.planning import services as planning
from tests import factories
from tests.appraisal.conftest import build_plan, indicator, pdf_bytes, upload
from tests.appraisal.test_execution_realisation import QUANTITY, _finalise

CURRENT = None  # the team page looks at the current sub-period


def _realise(world, plan, number, value=Decimal(3)):
    return services.record_realisation(
        plan,
        actor=world.users["pegawai"] if plan.employee == world.pegawai else world.users["rekan"],
        indicator=indicator(plan, QUANTITY),
        subperiod=number,
        value=value,
    )


def _current_number(period):
    from kinerja.appraisal.selectors.execution import current_subperiod
    from kinerja.planning.subperiods import subperiods

    block = current_subperiod(subperiods(period.frequency, period.start_date, period.end_date))
    return block.number


def test_team_page_shows_status_realisation_and_waiting_actions(world, period, login):
    plan = build_plan(world, world.pegawai, period)
    number = _current_number(period)
    realisation = _realise(world, plan, number)
    services.add_evidence_file(
        realisation, actor=world.users["pegawai"], upload=upload("a.pdf", pdf_bytes())
    )
    draft = planning.start_plan(world.rekan, actor=None, period=period)
    planning.add_result(
        draft, actor=world.users["rekan"], expected_version=None, kind="utama", text="Arsip"
    )
    planning.add_indicator(
        draft.results.get(),
        actor=world.users["rekan"],
        expected_version=None,
        aspect="kuantitas",
        text="Jumlah arsip",
        target_value=Decimal(10),
    )
    planning.submit_plan(draft, actor=world.users["rekan"], expected_version=None)

    page = login("atasan").get(reverse("appraisal:team-performance"))

    assert page.status_code == 200
    body = page.content.decode()
    assert "Setujui atau kembalikan SKP Dewi Lestari" in body
    assert "Beri umpan balik: 1 realisasi Budi Santoso belum ditanggapi" in body
    assert "1 dari 3 indikator" in body
    services.give_feedback(
        plan,
        actor=world.users["atasan"],
        subperiod=number,
        text="Baik",
        indicator=realisation.indicator,
    )
    body = login("atasan").get(reverse("appraisal:team-performance")).content.decode()
    assert "realisasi Budi Santoso belum ditanggapi" not in body
    assert "Sudah (1)" in body


def test_team_export_lists_every_report(world, period, login):
    build_plan(world, world.pegawai, period)
    response = login("atasan").get(
        reverse("appraisal:team-performance"), {"period": period.pk, "format": "xlsx"}
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [tuple(row) for row in sheet.iter_rows(values_only=True)]

    assert rows[0][:3] == ("NIP", "Nama", "Jabatan")
    assert [(row[1], row[5], row[6]) for row in rows[1:]] == [
        ("Budi Santoso", "Disetujui", 3),
        ("Dewi Lestari", "Belum dibuat", 0),
    ]


def test_team_page_query_count_does_not_grow_with_the_team(
    world, period, login, django_assert_max_num_queries
):
    number = _current_number(period)
    plan = build_plan(world, world.pegawai, period)
    _realise(world, plan, number)
    client = login("atasan")
    client.get(reverse("appraisal:team-performance"))
    with django_assert_max_num_queries(40) as few:
        client.get(reverse("appraisal:team-performance"))
    for index in range(7):
        person = factories.make_employee(
            world.kelurahan, f"Staf Tambahan {index}", supervisor=world.atasan
        )
        from kinerja.org import services as org

        issued = org.create_account(person, actor=None, roles=(), password="x-Kinerja-2026")
        world.users[f"staf{index}"] = issued.user
        if index % 2:
            build_plan(world, person, period)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("appraisal:team-performance"))
    assert response.content.decode().count("Staf Tambahan") == 7


def test_an_acting_official_sees_the_reports_of_the_position(world, period, login):
    today = timezone.localdate()
    ActingAssignment.objects.create(
        agency=world.agency,
        acting_employee=world.rekan,
        position=world.atasan.position,
        kind="plh",
        start_date=today - dt.timedelta(days=1),
        end_date=today + dt.timedelta(days=5),
    )
    page = login("atasan").get(reverse("appraisal:team-performance"))
    assert page.status_code == 200
    from tests.conftest import World  # noqa: F401  (personas documented there)

    client = login("pegawai")
    client.force_login(world.users["rekan"], backend="kinerja.core.auth.NipOrUsernameBackend")
    acting = client.get(reverse("appraisal:team-performance"))
    body = acting.content.decode()
    assert acting.status_code == 200
    assert "Budi Santoso" in body
    assert "Plt./Plh." in body


def test_realisation_list_filters_by_unit_and_exports(world, period, login):
    plan = build_plan(world, world.pegawai, period)
    first = _realise(world, plan, 1, Decimal(3))
    _realise(world, plan, 2, Decimal(6))
    for url in ("https://arsip.example.go.id/1", "https://arsip.example.go.id/2"):
        services.add_evidence_link(first, actor=world.users["pegawai"], url=url)
    client = login("admin_bkpsdm")

    page = client.get(
        reverse("appraisal:realisation-list"), {"unit": world.kelurahan.pk, "period": period.pk}
    )
    elsewhere = client.get(reverse("appraisal:realisation-list"), {"unit": world.kecamatan.pk})
    export = client.get(
        reverse("appraisal:realisation-list"), {"unit": world.kelurahan.pk, "format": "xlsx"}
    )

    assert page.status_code == 200
    assert "2 realisasi" in page.content.decode()
    assert "200,00%" in page.content.decode()
    assert "2 realisasi" in elsewhere.content.decode()  # the kelurahan lies in the kecamatan
    rows = list(load_workbook(io.BytesIO(export.content)).active.iter_rows(values_only=True))
    assert [(row[1], row[3], row[12], row[14], row[16]) for row in rows[1:]] == [
        (1, "Budi Santoso", 3, 100, 2),  # two pieces of evidence, counted per row
        (2, "Budi Santoso", 6, 200, 0),
    ]
    assert login("atasan").get(reverse("appraisal:realisation-list")).status_code == 403


def test_kinerja_saya_shows_the_predicate_history(world, executed_plan, login):
    _finalise(executed_plan, 1)
    page = login("pegawai").get(reverse("appraisal:my-performance")).content.decode()
    assert "Baik" in page
    assert "Periodik · Triwulan I " in page
    assert "Catat realisasi" in page


def test_kinerja_saya_for_an_account_without_employee(world, login):
    page = login("pemantau").get(reverse("appraisal:my-performance")).content.decode()
    assert "tidak terhubung dengan data pegawai" in page
