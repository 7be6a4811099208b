"""In the browser: a head opens the leaders' dashboard, clicks the chart's slice of approved SKP
and lands on the list of those SKP, filtered to that status."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from kinerja.planning import services as planning
from tests.conftest import PASSWORD
from tests.e2e.conftest import sign_in, skip_without_browser
from tests.insight.conftest import _approve

pytestmark = skip_without_browser


def test_a_head_drills_from_a_chart_to_the_list_behind_it(page, world):
    with scopes_disabled():
        today = timezone.localdate()
        period = planning.create_period(
            world.agency,
            actor=None,
            year=today.year,
            name=f"Tahun {today.year}",
            frequency="triwulanan",
            approach="kuantitatif",
            start_date=dt.date(today.year, 1, 1),
            end_date=dt.date(today.year, 12, 31),
        )
        leader = _approve(world, world.atasan, period)
        _approve(world, world.pegawai, period, parent=leader.results.get())
    page.emulate_media(reduced_motion="reduce")  # the charts draw at once, without animation
    sign_in(page, world.users["kepala"].username, PASSWORD)
    page.get_by_role("link", name="Dasbor pimpinan").click()
    expect(page.get_by_role("heading", name="Dasbor pimpinan")).to_be_visible()
    card = page.locator("#chart-plans")
    expect(
        card.get_by_text("2 dari 7 pegawai aktif sudah memiliki SKP yang disetujui.")
    ).to_be_visible()
    canvas = card.locator("canvas")
    expect(canvas).to_be_visible()
    page.wait_for_function(
        "() => window.Chart && Chart.getChart(document.querySelector('#chart-plans canvas'))"
    )
    # The centre of the "Disetujui" slice, as Chart.js placed it.
    x, y = page.evaluate(
        """() => {
            const chart = Chart.getChart(document.querySelector('#chart-plans canvas'));
            const index = chart.data.labels.indexOf('Disetujui');
            const point = chart.getDatasetMeta(0).data[index].tooltipPosition();
            return [point.x, point.y];
        }"""
    )
    canvas.click(position={"x": x, "y": y})
    page.wait_for_url("**/kinerja/skp/semua/**")
    assert "status=approved" in page.url
    expect(page.locator("main tbody tr")).to_have_count(2)
    expect(page.locator("main tbody")).to_contain_text("Budi Santoso")
    expect(page.locator("main tbody")).to_contain_text("Siti Aminah")
