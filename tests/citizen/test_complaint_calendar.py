"""The agency admin's complaint calendar: holidays added one by one or pasted as a list (all or
none), removed; the day counting switched to calendar days for complaints received from then
on. Others are refused and nothing changes."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from kinerja.citizen.models import CitizenSettings, Holiday
from kinerja.core.models import AuditEntry
from tests.citizen.complaint_fixtures import FRIDAY_MORNING, complaint_in, fresh


def test_the_admin_adds_a_holiday_and_it_moves_new_limits(world, login, unscoped):
    client = login("admin_bkpsdm")

    response = client.post(
        reverse("citizen:holiday-list"), {"date": "2026-03-09", "name": "Cuti bersama"}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("citizen:holiday-list") + "?tahun=2026"
    holiday = Holiday.objects.get()
    assert (holiday.agency, holiday.date, holiday.name) == (
        world.agency,
        dt.date(2026, 3, 9),
        "Cuti bersama",
    )
    assert AuditEntry.objects.filter(action="citizen.holiday.added").count() == 1
    complaint = complaint_in(world.kelurahan, received_at=FRIDAY_MORNING)
    assert complaint.first_response_due == dt.date(2026, 3, 12)
    page = client.get(reverse("citizen:holiday-list"), {"tahun": 2026}).content.decode()
    assert "Cuti bersama" in page


def test_a_date_already_on_the_calendar_is_refused_with_the_reason(world, login, unscoped):
    Holiday.objects.create(agency=world.agency, date=dt.date(2026, 8, 17), name="HUT RI")

    response = login("admin_bkpsdm").post(
        reverse("citizen:holiday-list"), {"date": "2026-08-17", "name": "Lagi"}
    )

    assert response.status_code == 400
    assert "Tanggal ini sudah tercatat sebagai hari libur." in response.content.decode()
    assert Holiday.objects.count() == 1


def test_a_pasted_list_is_added_whole_or_not_at_all(world, login, unscoped):
    client = login("admin_bkpsdm")
    Holiday.objects.create(agency=world.agency, date=dt.date(2026, 1, 1), name="Tahun Baru")

    bad = client.post(
        reverse("citizen:holiday-import"),
        {"lines": "2026-03-19 Nyepi\nbesok lusa\n2026-03-20; Idulfitri"},
    )
    assert bad.status_code == 400
    assert "Baris 2: tanggal tidak dikenali" in bad.content.decode()
    assert Holiday.objects.count() == 1

    good = client.post(
        reverse("citizen:holiday-import"),
        {"lines": "2026-01-01 Tahun Baru\n19/03/2026 Nyepi\n\n20-03-2026; Idulfitri 1447 H"},
    )

    assert good.status_code == 302
    assert dict(Holiday.objects.values_list("date", "name")) == {
        dt.date(2026, 1, 1): "Tahun Baru",
        dt.date(2026, 3, 19): "Nyepi",
        dt.date(2026, 3, 20): "Idulfitri 1447 H",
    }


def test_removing_a_holiday_is_audited(world, login, unscoped):
    holiday = Holiday.objects.create(agency=world.agency, date=dt.date(2026, 5, 1), name="Buruh")

    response = login("admin_bkpsdm").post(reverse("citizen:holiday-delete", args=[holiday.pk]))

    assert response.status_code == 302
    assert not Holiday.objects.exists()
    entry = AuditEntry.objects.get(action="citizen.holiday.removed")
    assert entry.changes == {"date": ["2026-05-01", None], "name": ["Buruh", None]}


def test_only_the_agency_admin_manages_the_calendar(world, login, unscoped):
    holiday = Holiday.objects.create(agency=world.agency, date=dt.date(2026, 5, 1), name="Buruh")

    for persona in ("kepala", "petugas_layanan", "inspektur"):
        client = login(persona)
        assert client.post(reverse("citizen:holiday-delete", args=[holiday.pk])).status_code == 403
        assert (
            client.post(
                reverse("citizen:citizen-settings"), {"day_counting": "hari_kalender"}
            ).status_code
            == 403
        )
    other = login("admin_agensi_lain").post(reverse("citizen:holiday-delete", args=[holiday.pk]))

    assert other.status_code == 404
    assert Holiday.objects.filter(pk=holiday.pk).exists()
    assert not CitizenSettings.objects.exists()


def test_switching_to_calendar_days_applies_to_new_complaints_only(world, login, unscoped):
    before = complaint_in(world.kelurahan, received_at=FRIDAY_MORNING)

    response = login("admin_bkpsdm").post(
        reverse("citizen:citizen-settings"), {"day_counting": "hari_kalender"}
    )
    after = complaint_in(world.kelurahan, received_at=FRIDAY_MORNING)

    assert response.status_code == 302
    assert CitizenSettings.objects.get(agency=world.agency).day_counting == "hari_kalender"
    assert fresh(before).resolution_due == dt.date(2026, 3, 13)  # unchanged: working days
    assert after.resolution_due == dt.date(2026, 3, 11)  # 5 calendar days
    entry = AuditEntry.objects.get(action="citizen.settings.updated")
    assert entry.changes == {"day_counting": [None, "hari_kalender"]}
