"""The agency performance report, through the pages as its users use them: asked for, made by
the task (inline: no broker), followed on its page, downloaded as PDF and XLSX whose figures
equal the same figures counted here from the raw rows; the refusal of a second request while
one is being made; a failure that ends "Gagal" with a message instead of a server error."""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from kinerja.appraisal.models import Evaluation
from kinerja.citizen.ikm import ELEMENTS
from kinerja.citizen.models import Complaint, ServiceRequest, SurveyResponse
from kinerja.core.models import AuditEntry
from kinerja.core.tenancy import tenant_scope
from kinerja.insight.models import AgencyReport, ReportStatus
from kinerja.insight.reports import services
from kinerja.insight.tasks import build_agency_report
from kinerja.org.models import Employee
from kinerja.planning.models import PerformancePlan
from tests.insight.conftest import JAKARTA


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _request(client, capture, **data):
    with capture(execute=True):
        return client.post(reverse("insight:report-request"), data)


def _pdf_text(content: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def _sheet(workbook, name: str) -> list[tuple]:
    return list(workbook[name].iter_rows(values_only=True))


def test_an_admin_asks_for_the_agency_report_and_downloads_both_files(
    world, period, citizen_data, login, django_capture_on_commit_callbacks
):
    client = login("admin_bkpsdm")
    response = _request(client, django_capture_on_commit_callbacks, period=period.pk, unit="")
    report = AgencyReport.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("insight:report-detail", args=[report.pk])
    assert (report.status, report.progress, report.unit_id, report.error) == (
        ReportStatus.DONE,
        100,
        None,
        "",
    )
    page = client.get(response.url)
    assert page.status_code == 200
    assert "Selesai" in page.text
    assert reverse("insight:report-pdf", args=[report.pk]) in page.text
    assert "hx-get" not in page.text  # finished: nothing left to poll

    pdf = client.get(reverse("insight:report-pdf", args=[report.pk]))
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf["Content-Disposition"].startswith("attachment;")
    assert f"laporan-kinerja-2026-seluruh-instansi-{report.pk}.pdf" in pdf["Content-Disposition"]
    content = b"".join(pdf.streaming_content)
    assert content.startswith(b"%PDF")
    text = _pdf_text(content)
    for expected in (
        "LAPORAN KINERJA INSTANSI",
        world.agency.name.upper(),
        "Seluruh instansi",
        "Tahun 2026",
        "Penyusunan SKP",
        "Sebaran predikat kinerja",
        "Indeks Kepuasan Masyarakat per unit",
        "Pengaduan selesai tepat waktu",
        "Pemetaan talenta (9-box)",
        "Kepatuhan",
        "Halaman 1 dari",
    ):
        assert expected in text, expected
    # No learning hours, placements or audit recommendations in this data.
    assert "Belum ada data" in text
    assert "Tidak ada rekomendasi pemeriksaan yang belum selesai." in text

    xlsx = client.get(reverse("insight:report-xlsx", args=[report.pk]))
    assert xlsx.status_code == 200
    assert xlsx["Content-Disposition"].startswith("attachment;")
    workbook = load_workbook(io.BytesIO(b"".join(xlsx.streaming_content)))
    assert workbook.sheetnames[0] == "Keterangan"
    assert {"SKP", "Realisasi", "Predikat", "IKM", "Layanan", "Pengaduan", "Kepatuhan"} <= set(
        workbook.sheetnames
    )

    with tenant_scope(world.agency):
        employees = list(Employee.objects.filter(is_active=True))
        statuses = {
            plan.employee_id: plan.status
            for plan in PerformancePlan.objects.filter(period=period, is_current=True)
        }
        finals = [e.predicate for e in Evaluation.objects.filter(status="final", subperiod=1)]
        answers = list(SurveyResponse.objects.all())
        complaints = list(Complaint.objects.filter(resolved_at__isnull=False))
        requests = list(ServiceRequest.objects.all())

    skp = {row[0]: row[1:] for row in _sheet(workbook, "SKP")[1:]}
    approved = sum(1 for e in employees if statuses.get(e.pk) == "approved")
    assert skp["Disetujui"][0] == approved == 3
    assert skp["Belum ada SKP"][0] == sum(1 for e in employees if e.pk not in statuses)
    assert skp["Disetujui"][1] == float(
        (Decimal(approved * 100) / len(employees)).quantize(Decimal("0.1"), ROUND_HALF_UP)
    )

    predicates = {row[0]: row[1] for row in _sheet(workbook, "Predikat")[1:]}
    assert predicates == {
        name: Counter(finals)[name]
        for name in ("Sangat Baik", "Baik", "Butuh Perbaikan", "Kurang/Misconduct", "Sangat Kurang")
    }

    ikm = {row[0]: row[1:] for row in _sheet(workbook, "IKM")[1:]}
    by_unit: dict[str, list[int]] = {}
    for answer in answers:
        by_unit.setdefault(answer.unit.name, []).append(  # every element answered alike
            getattr(answer, f"answer_{ELEMENTS[0].value}")
        )
    for name, values in by_unit.items():
        expected = (Decimal(sum(values)) / len(values) * 25).quantize(Decimal("0.01"))
        assert ikm[name][0] == len(values)
        assert Decimal(str(ikm[name][1])) == expected

    resolved = {row[0]: row[1:] for row in _sheet(workbook, "Pengaduan")[1:]}
    for month, name in ((5, "Mei"), (6, "Juni")):
        in_month = [
            c for c in complaints if timezone.localtime(c.resolved_at, JAKARTA).month == month
        ]
        on_time = sum(1 for c in in_month if c.resolved_on_time)
        assert resolved[name][:2] == (len(in_month), on_time)
    assert resolved["Mei"][2] == 50.0

    services_done = {row[0]: row[1:] for row in _sheet(workbook, "Layanan")[1:]}
    march = [r for r in requests if r.completed_at.astimezone(JAKARTA).month == 3]
    assert services_done["Maret"][0] == len(march) == 3
    assert services_done["Maret"][2] == sum(1 for r in march if r.within_standard) == 2

    compliance = {row[0]: row[1] for row in _sheet(workbook, "Kepatuhan")[1:]}
    # Two complaints open past their time limit on 20 November (see tests/insight/conftest.py).
    assert compliance["Pengaduan melewati batas waktu"] == 2
    assert compliance["Penyimpangan pola distribusi"] == 1
    per_unit = _sheet(workbook, "Kepatuhan per unit")
    assert per_unit[0][0] == "Unit kerja"
    assert sum(row[-1] for row in per_unit[1:]) == sum(compliance.values())


def test_request_and_downloads_are_in_the_audit_trail(
    world, period, login, django_capture_on_commit_callbacks, frozen_today
):
    client = login("admin_bkpsdm")
    _request(client, django_capture_on_commit_callbacks, period=period.pk, unit=world.kelurahan.pk)
    report = AgencyReport.objects.get()
    client.get(reverse("insight:report-pdf", args=[report.pk]))
    client.get(reverse("insight:report-xlsx", args=[report.pk]))
    entries = AuditEntry.objects.filter(
        object_type="insight.agencyreport", object_id=str(report.pk)
    )
    assert [(e.action, e.note, e.actor_id) for e in entries.order_by("pk")] == [
        (
            "insight.report.requested",
            "Kelurahan Plaju Ulu · Tahun 2026",
            world.users["admin_bkpsdm"].pk,
        ),
        ("insight.report.downloaded", "PDF", world.users["admin_bkpsdm"].pk),
        ("insight.report.downloaded", "Excel", world.users["admin_bkpsdm"].pk),
    ]


def test_a_unit_report_counts_only_that_units_subtree(
    world, period, citizen_data, login, django_capture_on_commit_callbacks
):
    client = login("admin_bkpsdm")
    _request(client, django_capture_on_commit_callbacks, period=period.pk, unit=world.kelurahan.pk)
    report = AgencyReport.objects.get()
    workbook = load_workbook(
        io.BytesIO(
            b"".join(client.get(reverse("insight:report-xlsx", args=[report.pk])).streaming_content)
        )
    )
    with tenant_scope(world.agency):
        in_kelurahan = Employee.objects.filter(is_active=True, unit=world.kelurahan).count()
    skp = {row[0]: row[1] for row in _sheet(workbook, "SKP")[1:]}
    assert sum(skp.values()) == in_kelurahan
    ikm_units = [row[0] for row in _sheet(workbook, "IKM")[1:]]
    assert ikm_units == ["Kelurahan Plaju Ulu"]  # the kecamatan above it is left out
    about = dict(_sheet(workbook, "Keterangan")[1:])
    assert about["Cakupan"] == "Kelurahan Plaju Ulu"


def test_the_page_shows_progress_and_polls_while_the_report_waits(
    world, period, login, frozen_today
):
    client = login("admin_bkpsdm")
    response = client.post(reverse("insight:report-request"), {"period": period.pk, "unit": ""})
    report = AgencyReport.objects.get()  # on_commit not run: still queued
    assert response.status_code == 302
    assert report.status == ReportStatus.QUEUED
    page = client.get(reverse("insight:report-detail", args=[report.pk]))
    assert "Antri" in page.text
    assert f'hx-get="{reverse("insight:report-status", args=[report.pk])}"' in page.text
    assert 'value="0"' in page.text
    assert "Muat ulang" in page.text  # works without JavaScript too
    AgencyReport.objects.filter(pk=report.pk).update(
        status=ReportStatus.RUNNING, progress=46, step="Menghitung IKM per unit (4 dari 10)"
    )
    fragment = client.get(
        reverse("insight:report-status", args=[report.pk]), HTTP_HX_REQUEST="true"
    )
    assert fragment.status_code == 200
    assert 'value="46"' in fragment.text
    assert "Menghitung IKM per unit (4 dari 10)" in fragment.text
    assert "<html" not in fragment.text
    # The task runs (here: by its Celery name, inline), the next poll reloads the page.
    assert build_agency_report.name == "kinerja.insight.build_agency_report"
    AgencyReport.objects.filter(pk=report.pk).update(status=ReportStatus.QUEUED)
    build_agency_report.delay(report.pk)
    report.refresh_from_db()
    assert (report.status, report.progress) == (ReportStatus.DONE, 100)
    done = client.get(reverse("insight:report-status", args=[report.pk]), HTTP_HX_REQUEST="true")
    assert done.headers["HX-Refresh"] == "true"


def test_a_second_request_while_one_is_being_made_is_refused(world, period, login, frozen_today):
    client = login("admin_bkpsdm")
    client.post(reverse("insight:report-request"), {"period": period.pk, "unit": ""})
    refused = client.post(reverse("insight:report-request"), {"period": period.pk, "unit": ""})
    assert refused.status_code == 400
    assert "masih diproses" in refused.text
    assert AgencyReport.objects.count() == 1
    # Another scope of the same period is not the same report.
    other = client.post(
        reverse("insight:report-request"), {"period": period.pk, "unit": world.kelurahan.pk}
    )
    assert other.status_code == 302
    assert AgencyReport.objects.count() == 2


def test_a_report_lost_with_its_worker_no_longer_blocks_a_new_one(
    world, period, login, frozen_today
):
    client = login("admin_bkpsdm")
    client.post(reverse("insight:report-request"), {"period": period.pk, "unit": ""})
    lost = AgencyReport.objects.get()
    AgencyReport.objects.filter(pk=lost.pk).update(
        status=ReportStatus.RUNNING, started_at=timezone.now() - dt.timedelta(minutes=31)
    )
    response = client.post(reverse("insight:report-request"), {"period": period.pk, "unit": ""})
    assert response.status_code == 302
    lost.refresh_from_db()
    assert lost.status == ReportStatus.FAILED
    assert "tidak selesai dalam 30 menit" in lost.error
    assert AgencyReport.objects.filter(status=ReportStatus.QUEUED).count() == 1


def test_a_report_that_cannot_be_saved_ends_failed_with_a_message(
    world, period, login, django_capture_on_commit_callbacks, settings, tmp_path, frozen_today
):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the media folder should be")
    settings.MEDIA_ROOT = blocked
    client = login("admin_bkpsdm")
    response = _request(client, django_capture_on_commit_callbacks, period=period.pk, unit="")
    report = AgencyReport.objects.get()
    assert response.status_code == 302
    assert report.status == ReportStatus.FAILED
    assert report.error.startswith("Berkas laporan tidak dapat disimpan")
    assert (report.pdf.name, report.xlsx.name) == ("", "")
    page = client.get(reverse("insight:report-detail", args=[report.pk]))
    assert page.status_code == 200
    assert "Gagal" in page.text
    assert "Berkas laporan tidak dapat disimpan" in page.text
    assert "Minta ulang" in page.text
    assert client.get(reverse("insight:report-pdf", args=[report.pk])).status_code == 404
    # A failed report does not block asking again.
    settings.MEDIA_ROOT = tmp_path / "media"
    again = _request(client, django_capture_on_commit_callbacks, period=period.pk, unit="")
    assert again.status_code == 302
    assert AgencyReport.objects.filter(status=ReportStatus.DONE).count() == 1


def test_a_report_no_longer_queued_is_left_alone_by_the_task(world, period, frozen_today):
    with tenant_scope(world.agency):
        report = AgencyReport.objects.create(
            agency=world.agency, period=period, status=ReportStatus.FAILED, error="Dihentikan."
        )
    services.build_report(report.pk)
    report.refresh_from_db()
    assert (report.status, report.error, report.pdf.name) == (
        ReportStatus.FAILED,
        "Dihentikan.",
        "",
    )


@pytest.mark.parametrize("unit_of", [lambda world: None, lambda world: world.kelurahan])
def test_the_database_refuses_two_reports_in_progress_of_the_same_scope(world, period, unit_of):
    unit = unit_of(world)
    stamp = {"agency": world.agency, "period": period, "unit": unit}
    AgencyReport.objects.create(status=ReportStatus.RUNNING, **stamp)
    with pytest.raises(IntegrityError), transaction.atomic():
        AgencyReport.objects.create(status=ReportStatus.QUEUED, **stamp)
    AgencyReport.objects.create(status=ReportStatus.DONE, **stamp)  # finished ones may pile up
    assert AgencyReport.objects.count() == 2
