"""`manage.py generate_scale_data`: a province-shaped agency whose data holds together."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from django.db.models import F
from django.utils import timezone

from kinerja.core.models import Agency, Role, User
from kinerja.org.models import Employee, EmployeeType, Position, PositionHistory, Unit
from kinerja.org.nip import check_agrees, parse_ni_pppk, parse_nip

pytestmark = pytest.mark.usefixtures("unscoped")


@pytest.fixture
def province(db, unscoped) -> Agency:
    out = io.StringIO()
    call_command("generate_scale_data", "--employees", "500", stdout=out)
    assert "500 pegawai" in out.getvalue()
    return Agency.objects.get(code="uji-skala")


def test_the_generator_creates_exactly_the_requested_employees(province):
    assert Employee.objects.filter(agency=province).count() == 500
    assert Unit.objects.filter(agency=province).count() >= 50
    kinds = set(Unit.objects.filter(agency=province).values_list("kind", flat=True))
    assert {"dinas", "bidang", "seksi", "kecamatan", "kelurahan", "puskesmas", "sekolah"} <= kinds


def test_every_unit_path_is_the_chain_of_ids_from_the_root(province):
    units = {u.pk: u for u in Unit.objects.filter(agency=province)}
    for unit in units.values():
        parent = units.get(unit.parent_id) if unit.parent_id else None
        expected = f"{parent.path if parent else '/'}{unit.pk}/"
        assert unit.path == expected
        assert unit.depth == (parent.depth + 1 if parent else 0)


def test_every_nip_is_valid_unique_and_agrees_with_the_employee(province):
    today = timezone.localdate()
    rows = list(
        Employee.objects.filter(agency=province).values_list(
            "employee_type", "nip", "birth_date", "sex"
        )
    )
    for employee_type, nip, birth_date, sex in rows:
        parser = parse_ni_pppk if employee_type == EmployeeType.PPPK else parse_nip
        check_agrees(parser(nip, today=today), birth_date=birth_date, sex=sex)
    assert len({row[1] for row in rows}) == 500


def test_supervisors_follow_the_unit_tree_without_cycles(province):
    people = {
        pk: (boss, path, agency)
        for pk, boss, path, agency in Employee.objects.values_list(
            "pk", "supervisor_id", "unit__path", "agency_id"
        )
    }
    roots = 0
    for pk, (boss, path, agency) in people.items():
        if boss is None:
            roots += 1
            continue
        assert people[boss][2] == agency
        assert path.startswith(people[boss][1])  # the supervisor sits at or above the unit
        seen = {pk}
        while boss is not None:
            assert boss not in seen
            seen.add(boss)
            boss = people[boss][0]
    assert roots == Unit.objects.filter(agency=province, parent__isnull=True).count()


def test_positions_report_to_positions_of_the_same_agency(province):
    for position in Position.objects.filter(agency=province).select_related("superior", "unit"):
        if position.superior is not None:
            assert position.superior.agency_id == province.pk
            assert position.unit.path.startswith(position.superior.unit.path)


def test_every_employee_has_a_current_position_history_row(province):
    current = PositionHistory.objects.filter(agency=province, end_date__isnull=True)
    assert current.count() == 500
    assert not current.exclude(unit_id=F("employee__unit_id")).exists()


def test_an_agency_admin_account_is_created_for_the_benchmarks(province):
    admin = User.objects.get(username="uji-skala.admin")
    assert admin.agency == province
    assert list(admin.role_grants.values_list("role", flat=True)) == [Role.AGENCY_ADMIN]


def test_the_same_seed_gives_the_same_people(province):
    call_command(
        "generate_scale_data",
        "--employees",
        "500",
        "--code",
        "uji-b",
        "--name",
        "Pemerintah Provinsi Uji B",
        stdout=io.StringIO(),
    )
    first = list(
        Employee.objects.filter(agency=province).order_by("pk").values_list("name", "birth_date")
    )
    second = list(
        Employee.objects.filter(agency__code="uji-b")
        .order_by("pk")
        .values_list("name", "birth_date")
    )
    assert first == second


def test_an_existing_agency_code_is_refused(province):
    with pytest.raises(CommandError, match="sudah ada"):
        call_command("generate_scale_data", "--employees", "500", stdout=io.StringIO())
    assert Employee.objects.count() == 500


def test_too_few_employees_for_the_units_is_refused(db):
    with pytest.raises(CommandError, match="terlalu sedikit"):
        call_command("generate_scale_data", "--employees", "50", stdout=io.StringIO())
    assert not Agency.objects.exists()
