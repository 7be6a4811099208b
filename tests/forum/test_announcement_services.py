"""The life of an announcement through its services: a draft by a publisher (the admin anyone,
a head only inside their subtree), publication notifying the audience in bulk, withdrawal with
a reason, and the read confirmation of an employee of the audience."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kinerja.core.exceptions import StaleEdit
from kinerja.core.models import AuditEntry, Notification
from kinerja.forum.models import Announcement, AnnouncementStatus, ReadConfirmation
from kinerja.forum.services import announcements as services
from kinerja.org.models import UnitKind
from tests import factories
from tests.conftest import PASSWORD


def _draft(world, actor, **overrides):
    fields = {
        "title": "Presensi daring",
        "body": "Mulai bulan depan presensi melalui aplikasi.",
        "whole_agency": False,
        "units": [world.kelurahan],
    }
    fields.update(overrides)
    return services.create_announcement(world.agency, actor=world.users[actor], **fields)


def test_the_admin_writes_a_draft_for_the_whole_agency(world, unscoped):
    created = _draft(world, "admin_bkpsdm", whole_agency=True, units=[])

    assert created.status == AnnouncementStatus.DRAFT
    assert created.created_by == world.users["admin_bkpsdm"]
    assert list(created.units.all()) == []
    assert (
        AuditEntry.objects.filter(
            action="forum.announcement.created", object_id=str(created.pk)
        ).count()
        == 1
    )


def test_a_head_writes_for_a_unit_of_their_subtree(world, unscoped):
    created = _draft(world, "kepala", units=[world.kelurahan])

    assert list(created.units.all()) == [world.kelurahan]


def test_a_head_cannot_address_the_whole_agency(world, unscoped):
    with pytest.raises(ValidationError) as raised:
        _draft(world, "kepala", whole_agency=True, units=[])

    assert "bukan seluruh instansi" in raised.value.message_dict["units"][0]
    assert Announcement.objects.count() == 0


def test_a_head_cannot_address_a_unit_outside_their_subtree(world, unscoped):
    elsewhere = factories.make_unit(world.agency, "Kecamatan Kertapati", UnitKind.KECAMATAN)

    with pytest.raises(ValidationError) as raised:
        _draft(world, "kepala", units=[world.kelurahan, elsewhere])

    assert "di luar unit yang Anda pimpin" in raised.value.message_dict["units"][0]
    assert Announcement.objects.count() == 0


def test_an_employee_cannot_write_an_announcement(world, unscoped):
    with pytest.raises(PermissionDenied):
        _draft(world, "pegawai")

    assert Announcement.objects.count() == 0


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"title": "  "}, "title"),
        ({"body": ""}, "body"),
        ({"whole_agency": True}, "units"),  # both the agency and units
        ({"units": []}, "units"),  # neither
        ({"remind_after_days": 0}, "remind_after_days"),
    ],
)
def test_an_incomplete_draft_is_refused_with_the_field(world, unscoped, overrides, field):
    with pytest.raises(ValidationError) as raised:
        _draft(world, "admin_bkpsdm", **overrides)

    assert field in raised.value.message_dict


def test_another_agencys_unit_cannot_be_addressed(world, unscoped):
    with pytest.raises(ValidationError) as raised:
        _draft(world, "admin_bkpsdm", units=[world.other_unit])

    assert "unit aktif instansi ini" in raised.value.message_dict["units"][0]


def test_publishing_notifies_every_account_of_the_audience_but_the_publisher(
    world, unscoped, mailoutbox
):
    draft = _draft(world, "kepala")

    published = services.publish_announcement(
        draft, actor=world.users["kepala"], expected_version=draft.version
    )

    assert published.status == AnnouncementStatus.PUBLISHED
    assert published.published_by == world.users["kepala"]
    notified = set(
        Notification.objects.filter(code="forum.announcement.published").values_list(
            "recipient__username", flat=True
        )
    )
    # The kelurahan's four employees have accounts: pegawai, rekan, atasan, petugas_layanan.
    assert notified == {
        world.users[p].username for p in ("pegawai", "rekan", "atasan", "petugas_layanan")
    }
    assert AuditEntry.objects.get(action="forum.announcement.published").note == (
        "4 akun diberi tahu."
    )


def test_publishing_costs_the_same_queries_for_a_large_audience(
    world, unscoped, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from kinerja.org import services as org

    small = _draft(world, "admin_bkpsdm")
    with CaptureQueriesContext(connection) as few:
        services.publish_announcement(
            small, actor=world.users["admin_bkpsdm"], expected_version=None
        )
    for n in range(30):
        person = factories.make_employee(world.kelurahan, f"Staf Tambahan {n}")
        org.create_account(person, actor=None, password=PASSWORD)
    large = _draft(world, "admin_bkpsdm", title="Kebijakan lain")

    with django_assert_num_queries(len(few.captured_queries)):
        services.publish_announcement(
            large, actor=world.users["admin_bkpsdm"], expected_version=None
        )

    assert Notification.objects.filter(url__endswith=f"/{small.pk}/").count() == 4
    assert Notification.objects.filter(url__endswith=f"/{large.pk}/").count() == 34


def test_only_a_draft_is_published_and_a_stale_version_is_refused(world, unscoped, announce):
    draft = _draft(world, "admin_bkpsdm")

    with pytest.raises(StaleEdit):
        services.publish_announcement(
            draft, actor=world.users["admin_bkpsdm"], expected_version=draft.version + 1
        )
    published = services.publish_announcement(
        draft, actor=world.users["admin_bkpsdm"], expected_version=draft.version
    )
    with pytest.raises(ValidationError):
        services.publish_announcement(
            published, actor=world.users["admin_bkpsdm"], expected_version=None
        )

    assert Announcement.objects.get(pk=draft.pk).version == draft.version + 1


def test_a_published_announcement_cannot_be_edited(world, unscoped, announce):
    published = announce(units=[world.kelurahan])

    with pytest.raises(ValidationError):
        services.update_announcement(
            published,
            actor=world.users["admin_bkpsdm"],
            expected_version=None,
            title="Judul baru",
            body="Isi baru",
            whole_agency=True,
        )

    assert Announcement.objects.get(pk=published.pk).title == "Sosialisasi e-Kinerja"


def test_editing_a_draft_records_the_changes(world, unscoped):
    draft = _draft(world, "admin_bkpsdm")

    services.update_announcement(
        draft,
        actor=world.users["admin_bkpsdm"],
        expected_version=draft.version,
        title="Presensi daring (revisi)",
        body=draft.body,
        whole_agency=False,
        units=[world.kecamatan],
    )

    entry = AuditEntry.objects.get(action="forum.announcement.updated")
    assert entry.changes == {"title": ["Presensi daring", "Presensi daring (revisi)"]}
    assert list(Announcement.objects.get(pk=draft.pk).units.all()) == [world.kecamatan]


def test_withdrawing_needs_a_reason(world, unscoped, announce):
    published = announce(units=[world.kelurahan])

    with pytest.raises(ValidationError) as raised:
        services.withdraw_announcement(
            published, actor=world.users["admin_bkpsdm"], expected_version=None, reason="  "
        )
    assert "reason" in raised.value.message_dict
    withdrawn = services.withdraw_announcement(
        published,
        actor=world.users["admin_bkpsdm"],
        expected_version=None,
        reason="Diganti surat edaran yang baru.",
    )

    assert withdrawn.status == AnnouncementStatus.WITHDRAWN
    assert withdrawn.withdrawal_reason == "Diganti surat edaran yang baru."
    assert AuditEntry.objects.get(action="forum.announcement.withdrawn").note == (
        "Diganti surat edaran yang baru."
    )


def test_an_employee_of_the_audience_confirms_once(world, unscoped, announce):
    published = announce(units=[world.kelurahan])

    first = services.confirm_read(published, actor=world.users["pegawai"])
    again = services.confirm_read(published, actor=world.users["pegawai"])

    assert first.pk == again.pk
    assert first.employee == world.pegawai
    assert ReadConfirmation.objects.count() == 1
    assert AuditEntry.objects.filter(action="forum.announcement.confirmed").count() == 1


def test_someone_outside_the_audience_cannot_confirm(world, unscoped, announce):
    published = announce(units=[world.kelurahan])

    with pytest.raises(PermissionDenied):
        services.confirm_read(published, actor=world.users["inspektur"])  # in the kecamatan

    assert ReadConfirmation.objects.count() == 0


def test_a_withdrawn_or_unconfirmable_announcement_is_not_confirmed(world, unscoped, announce):
    informational = announce(units=[world.kelurahan], requires_confirmation=False)
    withdrawn = services.withdraw_announcement(
        announce(units=[world.kelurahan]),
        actor=world.users["admin_bkpsdm"],
        expected_version=None,
        reason="Keliru",
    )

    for announcement in (informational, withdrawn):
        with pytest.raises(ValidationError):
            services.confirm_read(announcement, actor=world.users["pegawai"])

    assert ReadConfirmation.objects.count() == 0
