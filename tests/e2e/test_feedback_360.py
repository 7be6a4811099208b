"""In the browser: the agency admin creates and opens a 360° round, a peer answers it on a
phone-sized screen, the employee opens their report with the radar chart, and the supervisor
sees the result beside the behaviour rating of the evaluation while rating."""

from __future__ import annotations

from django_scopes import scopes_disabled
from playwright.sync_api import expect

from tests.conftest import PASSWORD
from tests.e2e.conftest import sign_in, skip_without_browser

pytestmark = skip_without_browser


def _setup(world):
    """Three more pelaksana in the kelurahan (so pegawai has four peers) and pegawai's approved
    SKP of the period, whose annual evaluation atasan opens."""
    import datetime as dt

    from kinerja.appraisal.services import evaluation as appraisal
    from kinerja.org import services as org
    from kinerja.planning import services as planning
    from tests import factories
    from tests.planning.conftest import fill_plan

    with scopes_disabled():
        period = planning.create_period(
            world.agency,
            actor=None,
            year=2026,
            name="Tahun 2026",
            frequency="triwulanan",
            approach="kuantitatif",
            start_date=dt.date(2026, 1, 1),
            end_date=dt.date(2026, 12, 31),
        )
        staff = []
        for name in ("Agus Wijaya", "Bambang Irawan", "Cici Paramitha"):
            person = factories.make_employee(
                world.kelurahan, name, position=world.pegawai.position, supervisor=world.atasan
            )
            world.users[name] = org.create_account(
                person, actor=None, roles=(), password=PASSWORD
            ).user
            staff.append(person)
        plan = planning.start_plan(world.pegawai, actor=None, period=period)
        fill_plan(world, plan, "Surat pengantar terlayani")
        plan = planning.submit_plan(plan, actor=world.users["pegawai"], expected_version=None)
        plan = planning.approve_plan(plan, actor=world.users["atasan"], expected_version=None)
        evaluation = appraisal.open_evaluation(plan, actor=world.users["atasan"], subperiod=0)
        return staff, evaluation


def _others_answer(world, staff):
    """Two more peers, the supervisor and pegawai themself answer (through the service)."""
    from kinerja.behaviour.aggregation import SCORE_FIELDS
    from kinerja.behaviour.models import Assignment
    from kinerja.behaviour.services import answering

    with scopes_disabled():
        for rater, base in ((staff[0], 4), (staff[1], 5), (world.atasan, 4), (world.pegawai, 5)):
            assignment = Assignment.objects.get(subject=world.pegawai, rater=rater)
            answering.submit_answers(
                assignment,
                actor=rater.user,
                expected_version=None,
                scores=dict.fromkeys(SCORE_FIELDS, base),
                comments={},
            )


def _page(browser, live_server, *, phone: bool = False):
    size = {"width": 390, "height": 844} if phone else {"width": 1280, "height": 900}
    context = browser.new_context(
        base_url=live_server.url, locale="id-ID", viewport=size, is_mobile=phone, has_touch=phone
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.on("dialog", lambda dialog: dialog.accept())  # the "Kirim?" confirmation
    return page


def test_a_round_from_opening_to_the_report_beside_the_rating(browser, live_server, world):
    staff, evaluation = _setup(world)

    # The agency admin creates the round for Kecamatan Plaju and opens it.
    admin = _page(browser, live_server)
    sign_in(admin, world.users["admin_bkpsdm"].username, PASSWORD)
    admin.get_by_role("navigation", name="Menu utama").get_by_role(
        "link", name="Umpan balik 360°"
    ).click()
    admin.get_by_role("link", name="Putaran 360°").click()
    admin.get_by_role("link", name="Buat putaran").click()
    admin.get_by_label("Nama putaran").fill("Umpan Balik 360° 2026")
    admin.get_by_label("Periode penilaian").select_option(label="Tahun 2026")
    admin.get_by_label("Unit kerja").select_option(label="Kecamatan Plaju")
    admin.get_by_label("Batas pengisian").fill("2026-12-31")
    admin.get_by_role("button", name="Buat dan usulkan penilai").click()
    expect(admin.locator("#progress")).to_contain_text("0 dari 42 penilaian terkirim")
    admin.get_by_role("button", name="Buka putaran").click()
    expect(admin.locator("#round-status")).to_have_text("Dibuka")

    # A peer answers on a phone: a draft first, then all 21 and sends.
    peer = _page(browser, live_server, phone=True)
    sign_in(peer, world.users["rekan"].username, PASSWORD)
    peer.get_by_text("Menu", exact=True).click()
    peer.get_by_role("link", name="Umpan balik 360°").click()
    peer.locator("#to-answer").get_by_role("link", name="Budi Santoso").click()
    peer.get_by_role("heading", name="Budi Santoso").wait_for()
    first = peer.locator("#question-score_1_1")
    first.get_by_text("3 · Kadang-kadang").click()
    peer.get_by_role("button", name="Simpan draf").click()
    expect(peer.locator("#answered-count")).to_have_text("1 dari 21 perilaku dijawab.")
    assert peer.evaluate("document.documentElement.scrollWidth") <= 390
    questions = peer.locator(".behaviour-question")
    expect(questions).to_have_count(21)
    for index in range(21):
        questions.nth(index).get_by_text("4 · Sering").click()
    peer.get_by_label("Komentar tentang Harmonis (tidak wajib)").fill("Ramah kepada warga.")
    peer.get_by_role("button", name="Kirim").click()
    expect(peer.locator(".message-success")).to_contain_text(
        "Umpan balik untuk Budi Santoso telah dikirim tanpa nama Anda"
    )
    expect(peer.locator("#to-answer")).to_contain_text("1 dari 6 terkirim")

    # Enough others answer; the admin closes the round.
    _others_answer(world, staff)
    admin.reload()
    expect(admin.locator("#progress")).to_contain_text("5 dari 42 penilaian terkirim")
    admin.get_by_role("button", name="Tutup putaran").click()
    expect(admin.locator("#round-status")).to_have_text("Ditutup")

    # The employee opens their report: the chart, the table, the peers' comment without a name.
    employee = _page(browser, live_server)
    sign_in(employee, world.users["pegawai"].username, PASSWORD)
    employee.goto("/umpan-balik/")
    employee.locator("#my-results").get_by_role("link", name="Umpan Balik 360° 2026").click()
    employee.get_by_role("heading", name="Hasil umpan balik 360° saya").wait_for()
    expect(employee.locator("#radar-chart")).to_be_visible()
    expect(employee.locator("#radar-chart .radar-series")).to_have_count(3)
    table = employee.locator("#report-table")
    expect(table).to_contain_text("Rekan kerja n=3")
    expect(table.locator("tr", has_text="4. Harmonis")).to_contain_text("4,33")
    expect(employee.locator("#comments")).to_contain_text("Ramah kepada warga.")
    expect(employee.locator("#comments")).not_to_contain_text("Dewi Lestari")

    # The supervisor rates behaviour with the 360° result beside the form.
    rater = _page(browser, live_server)
    sign_in(rater, world.users["atasan"].username, PASSWORD)
    rater.goto(f"/penilaian/evaluasi/{evaluation.pk}/")
    block = rater.locator("#feedback-360")
    expect(block).to_contain_text("Umpan balik 360° (masukan, bukan penentu rating)")
    expect(block.locator("#feedback-360-chart")).to_be_visible()
    expect(block.locator("tr", has_text="4. Harmonis")).to_contain_text("4,25")
    rater.get_by_label("Rating hasil kerja").select_option("Sesuai Ekspektasi")
    rater.get_by_label("Rating perilaku kerja").select_option("Di Atas Ekspektasi")
    rater.get_by_role("button", name="Simpan penilaian").click()
    expect(rater.locator("#predicate")).to_contain_text("Baik")
    expect(rater.locator("#feedback-360")).to_be_visible()
