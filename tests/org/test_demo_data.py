"""`manage.py load_demo`: the four seed regions, valid people, working demo accounts.

The demo is loaded once for all the demo tests (tests/planning/demo_fixtures.py, inside a
transaction rolled back after them); each test then runs in its own savepoint on top of it.
"""

# ruff: noqa: F811  (pytest fixtures imported from the shared fixture modules)

from __future__ import annotations

import io

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.management import call_command
from django.db.models import Q
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kinerja.core.models import Agency, Role, RoleGrant, User
from kinerja.org.demo import DEMO_PASSWORD, demo_usernames
from kinerja.org.demo.people import PNS_RANK_RANGE, PNS_RANKS
from kinerja.org.models import ActingAssignment, Employee, EmployeeType, Unit
from kinerja.org.nip import check_agrees, parse_ni_pppk, parse_nip
from tests.planning.demo_fixtures import demo, demo_media, demo_output  # noqa: F401  (fixtures)

AGENCY_NAMES = {
    "Pemerintah Kota Palembang",
    "Pemerintah Kota Subulussalam",
    "Pemerintah Provinsi Bengkulu",
    "Pemerintah Kabupaten Kerinci",
}


def test_the_demo_creates_the_four_seed_regions(demo):
    assert set(Agency.objects.values_list("name", flat=True)) == AGENCY_NAMES
    assert "Data demo dimuat: 4 instansi" in demo


@pytest.mark.parametrize("name", sorted(AGENCY_NAMES))
def test_each_agency_has_between_100_and_300_active_employees(demo, name):
    count = Employee.objects.filter(agency__name=name, is_active=True).count()
    assert 100 <= count <= 300


def test_the_named_kecamatan_and_kelurahan_exist(demo):
    palembang = Unit.objects.filter(agency__code="palembang")
    plaju = palembang.get(name="Kecamatan Plaju")
    kelurahan = set(palembang.filter(parent=plaju, kind="kelurahan").values_list("name", flat=True))
    assert kelurahan == {
        f"Kelurahan {n}"
        for n in (
            "Plaju Ulu",
            "Plaju Ilir",
            "Plaju Darat",
            "Bagus Kuning",
            "Talang Putri",
            "Talang Bubuk",
            "Komperta",
        )
    }
    kertapati = palembang.get(name="Kecamatan Kertapati")
    assert palembang.filter(parent=kertapati, kind="kelurahan").count() == 6
    assert Unit.objects.filter(agency__code="subulussalam", name="Puskesmas Simpang Kiri").exists()
    assert Unit.objects.filter(agency__code="kerinci", name="Desa Siulak Deras").exists()


def test_every_nip_is_valid_and_agrees_with_birth_date_and_sex(demo):
    today = timezone.localdate()
    employees = list(Employee.objects.values_list("employee_type", "nip", "birth_date", "sex"))
    for employee_type, nip, birth_date, sex in employees:
        parser = parse_ni_pppk if employee_type == EmployeeType.PPPK else parse_nip
        check_agrees(parser(nip, today=today), birth_date=birth_date, sex=sex)
    assert len({nip for _type, nip, _birth, _sex in employees}) == len(employees)
    types = {employee_type for employee_type, *_rest in employees}
    assert types == {EmployeeType.PNS, EmployeeType.PPPK}


def test_ranks_fit_the_positions(demo):
    order = {code: index for index, (code, _name) in enumerate(PNS_RANKS)}
    rows = Employee.objects.values_list(
        "employee_type", "rank", "position__kind", "position__level"
    )
    for employee_type, rank, kind, level in rows:
        if employee_type == EmployeeType.PPPK:
            assert rank.startswith("PPPK-")
            continue
        low, high = PNS_RANK_RANGE[(kind, level)]
        assert order[low] <= order[rank] <= order[high], (rank, kind, level)


def test_keahlian_and_leader_positions_are_held_by_graduates(demo):
    graduate_kinds = Q(position__kind__in=["jpt", "administrator", "pengawas"])
    keahlian = Q(position__level__startswith="ahli_")
    schooling = set(
        Employee.objects.filter(graduate_kinds | keahlian).values_list("education", flat=True)
    )
    assert schooling <= {"S-1", "D-IV", "S-2", "S-3", "Profesi"}


def test_supervisor_chains_have_no_cycles_and_stay_in_the_agency(demo):
    rows = {
        pk: (agency, boss)
        for pk, agency, boss in Employee.objects.values_list("pk", "agency_id", "supervisor_id")
    }
    for pk, (agency, boss) in rows.items():
        seen = {pk}
        while boss is not None:
            assert boss not in seen, f"cycle through employee {pk}"
            assert rows[boss][0] == agency
            seen.add(boss)
            boss = rows[boss][1]


def test_heads_report_upwards_and_staff_to_their_unit_head(demo):
    atasan = Employee.objects.get(user__username="palembang.atasan")
    assert atasan.position.name == "Lurah Plaju Ulu"
    assert atasan.supervisor.position.name == "Camat Plaju"
    assert atasan.supervisor.supervisor is None
    assert atasan.subordinates.count() == 5


def test_every_agency_has_an_acting_official_for_a_vacant_position(demo):
    today = timezone.localdate()
    for agency in Agency.objects.all():
        acting = ActingAssignment.objects.get(agency=agency)
        assert acting.kind == "plt"
        assert acting.start_date <= today <= acting.end_date
        assert not acting.position.holders.exists()
        staff = Employee.objects.filter(position__superior=acting.position)
        assert staff.exists()
        assert set(staff.values_list("supervisor", flat=True)) == {acting.acting_employee_id}


EXPECTED_ROLES = {
    "admin": {Role.AGENCY_ADMIN},
    "kepala": {Role.HEAD},
    "atasan": set(),
    "pegawai": set(),
    "inspektur": {Role.INSPECTOR},
    "layanan": {Role.SERVICE_DESK},
}


@pytest.mark.parametrize("code", ["palembang", "subulussalam", "bengkulu", "kerinci"])
def test_each_agency_has_its_demo_accounts_with_the_right_roles(demo, code):
    for suffix, roles in EXPECTED_ROLES.items():
        user = User.objects.get(username=f"{code}.{suffix}")
        assert user.agency.code == code
        assert user.employee.agency_id == user.agency_id
        assert not user.must_change_password
        assert set(RoleGrant.objects.filter(user=user).values_list("role", flat=True)) == roles
    kepala = User.objects.get(username=f"{code}.kepala")
    assert RoleGrant.objects.get(user=kepala).unit == kepala.employee.unit
    pegawai = Employee.objects.get(user__username=f"{code}.pegawai")
    assert pegawai.supervisor.user.username == f"{code}.atasan"


def test_the_national_viewer_and_the_superuser_exist(demo):
    viewer = User.objects.get(username="nasional")
    assert viewer.agency is None
    assert list(viewer.role_grants.values_list("role", flat=True)) == [Role.NATIONAL_VIEWER]
    assert User.objects.get(username="superadmin").is_superuser


def test_the_demo_password_passes_the_password_validators(demo):
    for user in User.objects.filter(username__in=demo_usernames()):
        validate_password(DEMO_PASSWORD, user)


def test_the_accounts_table_is_printed(demo):
    for username in demo_usernames():
        assert username in demo
    assert DEMO_PASSWORD in demo


@pytest.mark.parametrize("username", demo_usernames())
def test_every_demo_account_can_sign_in_on_the_login_page(demo, username):
    client = Client()
    response = client.post(
        reverse("core:login"), {"username": username, "password": DEMO_PASSWORD}, follow=True
    )
    assert response.status_code == 200
    assert response.redirect_chain
    assert response.redirect_chain[-1][0] != reverse("core:login")
    assert response.wsgi_request.user.username == username


def test_a_demo_employee_can_also_sign_in_with_the_nip(demo):
    nip = Employee.objects.get(user__username="palembang.pegawai").nip
    response = Client().post(reverse("core:login"), {"username": nip, "password": DEMO_PASSWORD})
    assert response.status_code == 302
    assert response["Location"] != reverse("core:login")


def test_running_the_command_again_changes_nothing(demo):
    counts = (
        Agency.objects.count(),
        Employee.objects.count(),
        User.objects.count(),
        Unit.objects.count(),
    )
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    assert "Data demo sudah ada" in out.getvalue()
    assert (
        Agency.objects.count(),
        Employee.objects.count(),
        User.objects.count(),
        Unit.objects.count(),
    ) == counts
