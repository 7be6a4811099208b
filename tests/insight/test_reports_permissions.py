"""Who may ask for an agency performance report, and open or download one: the agency admin
(the whole agency or any unit), heads (units of their subtree), inspectors (units under audit);
never the national viewer or staff; another agency's reports answer 404."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kinerja.core.models import AuditEntry
from kinerja.core.tenancy import tenant_scope
from kinerja.insight.models import AgencyReport
from kinerja.insight.reports import services
from tests import factories

REPORT_PAGES = ("insight:report-detail", "insight:report-status", "insight:report-pdf")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def elsewhere(world, unscoped):
    """A unit outside Kecamatan Plaju (beyond kepala's subtree and the audit)."""
    unit = factories.make_unit(world.agency, "Dinas Perhubungan", "dinas")
    factories.make_employee(unit, "Pegawai Dinas")
    return unit


def _made(period, *, actor, unit) -> AgencyReport:
    """A report asked for through the service and made at once (as the task would)."""
    with tenant_scope(period.agency_id):
        report = services.request_report(period, actor=actor, unit=unit)
    services.build_report(report.pk)
    report.refresh_from_db()
    assert report.status == "done", report.error
    return report


def _ask(client, period, unit) -> int:
    payload = {"period": period.pk, "unit": unit.pk if unit else ""}
    return client.post(reverse("insight:report-request"), payload).status_code


def _unit_options(response) -> list[str]:
    return [unit.name for unit in response.context["form"].fields["unit"].queryset]


def test_a_head_asks_for_units_of_their_subtree_only(world, period, elsewhere, login, frozen_today):
    client = login("kepala")
    page = client.get(reverse("insight:report-list"))
    assert page.status_code == 200
    assert _unit_options(page) == ["Kecamatan Plaju", "Kelurahan Plaju Ulu"]
    assert page.context["form"].fields["unit"].required  # no "whole agency" choice
    assert _ask(client, period, None) == 400
    assert _ask(client, period, elsewhere) == 400
    assert AgencyReport.objects.count() == 0
    assert _ask(client, period, world.kelurahan) == 302
    assert list(AgencyReport.objects.values_list("unit_id", flat=True)) == [world.kelurahan.pk]


def test_a_head_opens_reports_of_their_subtree_and_nothing_beyond(
    world, period, elsewhere, login, frozen_today
):
    admin = world.users["admin_bkpsdm"]
    own = _made(period, actor=admin, unit=world.kelurahan)
    whole = _made(period, actor=admin, unit=None)
    other = _made(period, actor=admin, unit=elsewhere)
    client = login("kepala")
    listed = client.get(reverse("insight:report-list"))
    assert [report.pk for report, _badge in listed.context["rows"]] == [own.pk]
    for name in REPORT_PAGES:
        assert client.get(reverse(name, args=[own.pk])).status_code == 200, name
        for hidden in (whole, other):
            assert client.get(reverse(name, args=[hidden.pk])).status_code == 404, name
    assert client.get(reverse("insight:report-xlsx", args=[other.pk])).status_code == 404
    downloads = AuditEntry.objects.filter(action="insight.report.downloaded")
    assert list(downloads.values_list("object_id", flat=True)) == [str(own.pk)]


def test_an_inspector_reads_and_asks_only_for_the_units_under_audit(
    world, period, elsewhere, auditing, login, frozen_today
):
    admin = world.users["admin_bkpsdm"]
    audited = _made(period, actor=admin, unit=world.kelurahan)
    whole = _made(period, actor=admin, unit=None)
    other = _made(period, actor=admin, unit=elsewhere)
    client = login("inspektur")
    listed = client.get(reverse("insight:report-list"))
    assert [report.pk for report, _badge in listed.context["rows"]] == [audited.pk]
    assert _unit_options(listed) == ["Kecamatan Plaju", "Kelurahan Plaju Ulu"]
    assert client.get(reverse("insight:report-pdf", args=[audited.pk])).status_code == 200
    for hidden in (whole, other):
        assert client.get(reverse("insight:report-detail", args=[hidden.pk])).status_code == 404
    assert _ask(client, period, None) == 400
    assert _ask(client, period, elsewhere) == 400
    assert AgencyReport.objects.count() == 3
    assert _ask(client, period, world.kecamatan) == 302
    assert AgencyReport.objects.filter(unit=world.kecamatan).count() == 1


def test_an_inspector_without_an_audit_sees_no_report_and_cannot_ask(
    world, period, login, frozen_today
):
    report = _made(period, actor=world.users["admin_bkpsdm"], unit=world.kelurahan)
    client = login("inspektur")
    listed = client.get(reverse("insight:report-list"))
    assert listed.status_code == 200
    assert listed.context["rows"] == []
    assert "Belum ada unit kerja dalam jangkauan Anda" in listed.text
    assert client.get(reverse("insight:report-detail", args=[report.pk])).status_code == 404
    assert client.get(reverse("insight:report-pdf", args=[report.pk])).status_code == 404
    assert _ask(client, period, world.kelurahan) == 400
    assert AgencyReport.objects.count() == 1


@pytest.mark.parametrize("persona", ["pemantau", "pegawai", "atasan", "petugas_layanan"])
def test_the_national_viewer_and_staff_may_not_ask_for_or_open_reports(
    world, period, login, persona, frozen_today
):
    report = _made(period, actor=world.users["admin_bkpsdm"], unit=world.kelurahan)
    client = login(persona)
    assert client.get(reverse("insight:report-list")).status_code == 403
    assert _ask(client, period, world.kelurahan) == 403
    assert client.get(reverse("insight:report-detail", args=[report.pk])).status_code == 403
    assert client.get(reverse("insight:report-pdf", args=[report.pk])).status_code == 403
    assert AgencyReport.objects.count() == 1


def test_another_agencys_reports_answer_404_and_are_not_listed(world, period, login, frozen_today):
    report = _made(period, actor=world.users["admin_bkpsdm"], unit=None)
    client = login("admin_agensi_lain")
    for name in (*REPORT_PAGES, "insight:report-xlsx"):
        assert client.get(reverse(name, args=[report.pk])).status_code == 404, name
    listed = client.get(reverse("insight:report-list"))
    assert listed.status_code == 200
    assert listed.context["rows"] == []
    # Nor can they ask for a report of a period of another agency.
    assert _ask(client, period, None) == 400
    assert AgencyReport.objects.count() == 1
