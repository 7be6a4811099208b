"""Who has read an announcement: the audience follows the unit tree (a unit with its subtree),
the unread list is the active audience without a confirmation, and every count the pages show
equals a count made independently here."""

from __future__ import annotations

import datetime as dt
import io

from django.urls import reverse
from openpyxl import load_workbook

from kinerja.forum.models import ReadConfirmation
from kinerja.forum.selectors import announcements as selectors
from kinerja.forum.services import announcements as services
from kinerja.org.models import Employee, UnitKind
from tests import factories
from tests.forum.conftest import KECAMATAN_SIZE, KELURAHAN_SIZE


def _independent_unread(announcement, unit_paths: list[str]) -> set[int]:
    """The active employees under the paths, minus those who confirmed: counted by hand."""
    confirmed = set(
        ReadConfirmation.objects.filter(announcement=announcement).values_list(
            "employee_id", flat=True
        )
    )
    return {
        employee.pk
        for employee in Employee.objects.filter(agency=announcement.agency, is_active=True)
        if any(employee.unit.path.startswith(path) for path in unit_paths)
        and employee.pk not in confirmed
    }


def test_a_unit_audience_includes_its_subtree(world, unscoped, announce):
    published = announce(units=[world.kecamatan])

    audience = set(selectors.audience_of(published).values_list("pk", flat=True))

    assert len(audience) == KECAMATAN_SIZE
    assert {world.kepala.pk, world.atasan.pk, world.pegawai.pk, world.rekan.pk} <= audience
    assert world.pegawai_lain.pk not in audience


def test_the_whole_agency_is_every_active_employee_of_the_agency_only(world, unscoped, announce):
    published = announce()

    assert (
        selectors.reading_of(published).total
        == Employee.objects.filter(agency=world.agency, is_active=True).count()
    )


def test_the_unread_list_shrinks_as_employees_confirm(world, unscoped, announce):
    published = announce(units=[world.kelurahan])
    paths = [world.kelurahan.path]

    before = set(selectors.unread_employees(published).values_list("pk", flat=True))
    services.confirm_read(published, actor=world.users["pegawai"])
    services.confirm_read(published, actor=world.users["rekan"])
    after = set(selectors.unread_employees(published).values_list("pk", flat=True))

    assert before == _independent_unread(published, paths) | {world.pegawai.pk, world.rekan.pk}
    assert len(before) == KELURAHAN_SIZE
    assert after == _independent_unread(published, paths)
    assert after == before - {world.pegawai.pk, world.rekan.pk}
    reading = selectors.reading_of(published)
    assert (reading.read, reading.total, reading.unread) == (2, 4, 2)


def test_an_inactive_or_transferred_employee_leaves_the_counts(world, unscoped, announce):
    from kinerja.org import services as org

    published = announce(units=[world.kelurahan])
    services.confirm_read(published, actor=world.users["rekan"])
    elsewhere = factories.make_unit(world.agency, "Kecamatan Kertapati", UnitKind.KECAMATAN)

    admin = world.users["admin_bkpsdm"]
    org.deactivate_employee(
        Employee.objects.get(pk=world.rekan.pk),
        actor=admin,
        expected_version=None,
        reason="Pensiun",
        since=dt.date(2026, 11, 1),
    )
    org.transfer_employee(
        Employee.objects.get(pk=world.atasan.pk),
        actor=admin,
        expected_version=None,
        unit=elsewhere,
        position=None,
        supervisor=None,
        effective_date=dt.date(2026, 11, 1),
    )

    reading = selectors.reading_of(published)
    assert (reading.read, reading.total) == (0, 2)
    assert set(selectors.unread_employees(published).values_list("pk", flat=True)) == (
        _independent_unread(published, [world.kelurahan.path])
    )


def test_the_counts_of_a_page_equal_the_counts_one_by_one(world, unscoped, announce):
    first = announce(units=[world.kelurahan])
    second = announce(units=[world.kecamatan], title="Kebijakan kedua")
    third = announce(title="Untuk semua")
    for user in ("pegawai", "atasan"):
        for announcement in (first, second, third):
            services.confirm_read(announcement, actor=world.users[user])
    services.confirm_read(second, actor=world.users["kepala"])

    page = list(selectors.with_audience(selectors.managed_by(world.users["admin_bkpsdm"])))
    readings = selectors.reading_of_page(page)

    for announcement in (first, second, third):
        assert readings[announcement.pk] == selectors.reading_of(announcement)
    assert (readings[second.pk].read, readings[second.pk].total) == (3, KECAMATAN_SIZE)


def test_the_readers_page_shows_n_of_m_and_the_unread_names(world, login, announce, unscoped):
    published = announce(units=[world.kelurahan])
    services.confirm_read(published, actor=world.users["pegawai"])

    response = login("admin_bkpsdm").get(
        reverse("forum:announcement-readers", kwargs={"pk": published.pk})
    )

    body = response.content.decode()
    assert response.status_code == 200
    assert "1 dari 4 sudah membaca" in body
    assert "3 pegawai belum membaca" in body
    assert "Siti Aminah" in body
    assert "Budi Santoso" not in body  # pegawai confirmed


def test_the_readers_page_filters_by_unit_and_search(world, login, announce, unscoped):
    published = announce(units=[world.kecamatan])
    client = login("kepala")
    url = reverse("forum:announcement-readers", kwargs={"pk": published.pk})

    in_kelurahan = client.get(url, {"unit": world.kelurahan.pk}).content.decode()
    searched = client.get(url, {"q": "dewi"}).content.decode()

    assert "4 pegawai belum membaca" in in_kelurahan
    assert "Agus Salim" not in in_kelurahan  # inspektur works in the kecamatan itself
    assert "Agus Salim" in client.get(url).content.decode()
    assert "1 pegawai belum membaca" in searched
    assert "Dewi Lestari" in searched


def test_the_readers_export_lists_exactly_the_unread(world, login, announce, unscoped):
    published = announce(units=[world.kelurahan])
    services.confirm_read(published, actor=world.users["atasan"])

    response = login("admin_bkpsdm").get(
        reverse("forum:announcement-readers", kwargs={"pk": published.pk}), {"format": "xlsx"}
    )

    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:2] == ("NIP", "Nama")
    assert sorted(row[1] for row in rows[1:]) == ["Budi Santoso", "Dewi Lestari", "Yuni Kartika"]


def test_the_readers_page_queries_do_not_grow_with_rows(
    world, login, announce, unscoped, django_assert_max_num_queries
):
    published = announce(units=[world.kelurahan])
    client = login("admin_bkpsdm")
    url = reverse("forum:announcement-readers", kwargs={"pk": published.pk})
    client.get(url)
    with django_assert_max_num_queries(40) as few:
        client.get(url)
    for n in range(20):
        factories.make_employee(world.kelurahan, f"Staf Tambahan {n}")

    with django_assert_max_num_queries(len(few.captured_queries)):
        body = client.get(url).content.decode()

    assert "0 dari 24 sudah membaca" in body


def test_the_managed_list_shows_counts_without_a_query_per_row(
    world, login, announce, unscoped, django_assert_max_num_queries
):
    announce(units=[world.kelurahan])
    client = login("admin_bkpsdm")
    url = reverse("forum:announcement-list") + "?tab=kelola"
    client.get(url)
    with django_assert_max_num_queries(40) as few:
        client.get(url)
    for n in range(6):
        announce(units=[world.kecamatan], title=f"Kebijakan {n}")

    with django_assert_max_num_queries(len(few.captured_queries)):
        body = client.get(url).content.decode()

    assert body.count(f"0 dari {KECAMATAN_SIZE}") == 6
    assert f"0 dari {KELURAHAN_SIZE}" in body
