"""Shared fixtures and the personas every test speaks of.

Agency "Pemerintah Kota Palembang" (the home agency):
  Kecamatan Plaju ── Kelurahan Plaju Ulu
  - `kepala`          Camat Plaju, head of Kecamatan Plaju (role head)
  - `atasan`          Lurah Plaju Ulu, supervised by kepala; supervisor of pegawai
  - `pegawai`         a pelaksana in Kelurahan Plaju Ulu, supervised by atasan
  - `rekan`           another pelaksana in the kelurahan (a peer of pegawai)
  - `admin_bkpsdm`    agency admin (BKPSDM)
  - `inspektur`       inspector
  - `petugas_layanan` service-desk officer
Other actors:
  - `pemantau`        national/provincial viewer (read-only, every agency)
  - `superuser`
  - `admin_agensi_lain` agency admin of "Pemerintah Kota Subulussalam", with
    `pegawai_lain`, an employee there (for tenant-isolation tests)
Every persona's password is `PASSWORD`.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.core.cache import cache
from django.test import Client
from django_scopes import scopes_disabled

from kinerja.core.models import Agency, Role, User
from kinerja.org import services
from kinerja.org.models import Employee, PositionKind, Unit, UnitKind
from tests import factories

PASSWORD = "rahasia-Kinerja-2026"


@pytest.fixture(scope="session")
def _media_root(tmp_path_factory) -> str:
    """Uploaded and generated files of the tests, never the checkout's var/media."""
    return str(tmp_path_factory.mktemp("media"))


@pytest.fixture(autouse=True)
def _fast_hasher_and_mail(settings, _media_root):
    settings.MEDIA_ROOT = _media_root
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    cache.clear()  # the local-memory cache outlives the test that filled it
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def unscoped():
    """Tests read and write across agencies freely; the app's own code must open scopes."""
    with scopes_disabled():
        yield


@dataclass
class World:
    agency: Agency
    other_agency: Agency
    kecamatan: Unit
    kelurahan: Unit
    other_unit: Unit
    kepala: Employee
    atasan: Employee
    pegawai: Employee
    rekan: Employee
    pegawai_lain: Employee
    users: dict[str, User]


def _account(employee: Employee, *roles: Role, head_unit: Unit | None = None) -> User:
    issued = services.create_account(
        employee, actor=None, roles=roles, head_unit=head_unit, password=PASSWORD
    )
    return issued.user


def _plain_user(username: str, agency: Agency | None, *roles: Role, **extra) -> User:
    from kinerja.core.models import RoleGrant

    user = User.objects.create_user(username=username, password=PASSWORD, agency=agency, **extra)
    for role in roles:
        RoleGrant.objects.create(user=user, role=role)
    return user


@pytest.fixture
def world(db) -> World:
    with scopes_disabled():
        return _build_world()


@pytest.fixture
def auditing(world: World):
    """`inspektur` leads an audit of Kecamatan Plaju (the world's whole subtree: kepala, atasan,
    pegawai, rekan) in fieldwork, so the inspector reads that subtree's data (issue 7)."""
    from kinerja.core.permissions import forget_actor
    from tests.oversight.builders import make_audit

    with scopes_disabled():
        audit = make_audit(world)
    forget_actor(world.users["inspektur"])  # cached while planning it, before the audit began
    return audit


def _build_world() -> World:
    agency = factories.make_agency()
    other = factories.make_agency("Pemerintah Kota Subulussalam", "subulussalam")
    kec = factories.make_unit(agency, "Kecamatan Plaju", UnitKind.KECAMATAN)
    kel = factories.make_unit(agency, "Kelurahan Plaju Ulu", UnitKind.KELURAHAN, parent=kec)
    other_unit = factories.make_unit(other, "Dinas Kesehatan", UnitKind.DINAS)
    camat = factories.make_position(kec, "Camat Plaju", PositionKind.ADMINISTRATOR)
    lurah = factories.make_position(kel, "Lurah Plaju Ulu", PositionKind.PENGAWAS)
    staf = factories.make_position(kel, "Pengadministrasi Umum", PositionKind.PELAKSANA)
    kepala = factories.make_employee(kec, "Hendra Saputra", position=camat, rank="IV/a")
    atasan = factories.make_employee(
        kel, "Siti Aminah", position=lurah, supervisor=kepala, sex="P", rank="III/d"
    )
    pegawai = factories.make_employee(
        kel, "Budi Santoso", position=staf, supervisor=atasan, rank="II/c"
    )
    rekan = factories.make_employee(
        kel, "Dewi Lestari", position=staf, supervisor=atasan, sex="P", rank="II/d"
    )
    pegawai_lain = factories.make_employee(other_unit, "Teuku Rahmat")
    admin_emp = factories.make_employee(kec, "Rina Marlina", sex="P")
    inspector_emp = factories.make_employee(kec, "Agus Salim")
    desk_emp = factories.make_employee(kel, "Yuni Kartika", sex="P")
    other_admin_emp = factories.make_employee(other_unit, "Cut Nyak Dien", sex="P")
    users = {
        "pegawai": _account(pegawai),
        "rekan": _account(rekan),
        "atasan": _account(atasan),
        "kepala": _account(kepala, Role.HEAD, head_unit=kec),
        "admin_bkpsdm": _account(admin_emp, Role.AGENCY_ADMIN),
        "inspektur": _account(inspector_emp, Role.INSPECTOR),
        "petugas_layanan": _account(desk_emp, Role.SERVICE_DESK),
        "admin_agensi_lain": _account(other_admin_emp, Role.AGENCY_ADMIN),
        "pemantau": _plain_user("pemantau", None, Role.NATIONAL_VIEWER),
        "superuser": _plain_user("superuser", None, is_superuser=True, is_staff=True),
    }
    return World(
        agency, other, kec, kel, other_unit, kepala, atasan, pegawai, rekan, pegawai_lain, users
    )


PERSONAS = [
    "pegawai",
    "atasan",
    "kepala",
    "admin_bkpsdm",
    "inspektur",
    "petugas_layanan",
    "pemantau",
    "superuser",
    "admin_agensi_lain",
]


@pytest.fixture
def login(client: Client, world: World):
    """`login("atasan")` signs the test client in as that persona and returns it."""

    def _login(persona: str) -> Client:
        client.force_login(world.users[persona], backend="kinerja.core.auth.NipOrUsernameBackend")
        return client

    return _login


def pytest_configure(config):
    """WhiteNoise warns about a missing static root; give it one."""
    from django.conf import settings

    settings.STATIC_ROOT.mkdir(parents=True, exist_ok=True)


def _uses_demo(item: pytest.Item | None) -> bool:
    """A test of a module that imports the demo fixtures (some ask for `demo` at run time
    through `request.getfixturevalue`, so the module tells, not the test's own fixtures)."""
    module = getattr(item, "module", None)
    return module is not None and "demo_output" in vars(module)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """The demo tests run last, one after another (tests/planning/demo_fixtures.py loads the
    demo once for all of them)."""
    items.sort(key=_uses_demo)  # stable: the order within each part stays


def pytest_xdist_make_scheduler(config, log):
    """Whole files per worker (`--dist loadfile`), except that the demo test files
    (`test_demo_*.py`) form one group, so one worker loads the demo once for all of them."""
    if config.getvalue("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadFileScheduling

    class DemoFilesTogether(LoadFileScheduling):
        def _split_scope(self, nodeid: str) -> str:
            scope = super()._split_scope(nodeid)
            return "demo" if scope.rsplit("/", 1)[-1].startswith("test_demo_") else scope

    return DemoFilesTogether(config, log)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """After the last demo test (and its own fixtures' teardown), roll the demo back."""
    yield
    if _uses_demo(item) and not _uses_demo(nextitem):
        from tests.planning.demo_fixtures import release_demo

        release_demo()
