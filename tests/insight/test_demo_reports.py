"""The demo's agency performance reports (`load_demo_reports` after `manage.py load_demo`): one
whole-agency report of the latest period per region, asked for by the region's admin, built
when load_demo commits (the test's load_demo never commits, so the test builds it)."""

# ruff: noqa: F811  (pytest fixtures imported from the shared fixture modules)

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from kinerja.core.models import Agency, User
from kinerja.insight.demo import load_demo_reports
from kinerja.insight.models import AgencyReport, ReportStatus
from kinerja.insight.reports.services import build_report
from tests.planning.demo_fixtures import demo, demo_media, demo_output  # noqa: F401  (fixtures)


def test_every_region_has_one_report_asked_for_by_its_admin(demo):
    reports = list(AgencyReport.objects.select_related("agency", "requested_by", "period"))

    assert sorted(r.agency.code for r in reports) == sorted(
        Agency.objects.values_list("code", flat=True)
    )
    for report in reports:
        assert report.unit_id is None
        assert report.requested_by.username == f"{report.agency.code}.admin"
        assert report.status == ReportStatus.QUEUED  # built when load_demo commits
    assert all(load_demo_reports(agency) is None for agency in Agency.objects.all())  # once


def test_the_demo_report_builds_and_its_admin_downloads_it(demo):
    report = AgencyReport.objects.get(agency__code="palembang")

    build_report(report.pk)

    report.refresh_from_db()
    assert (report.status, report.progress) == (ReportStatus.DONE, 100)
    client = Client()
    client.force_login(
        User.objects.get(username="palembang.admin"),
        backend="kinerja.core.auth.NipOrUsernameBackend",
    )
    page = client.get(reverse("insight:report-list")).content.decode()
    assert "Selesai" in page
    download = client.get(reverse("insight:report-pdf", args=[report.pk]))
    assert b"".join(download.streaming_content).startswith(b"%PDF")
